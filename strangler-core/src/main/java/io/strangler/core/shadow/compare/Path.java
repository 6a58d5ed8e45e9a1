package io.strangler.core.shadow.compare;

import java.util.Objects;

/**
 * Where a value sits in a result, as a chain of segments from the root {@code $}. Immutable; a child shares its
 * parent, so making one is cheap, and its text is only built when asked for.
 */
final class Path {

    /** What a segment is. */
    enum Kind {
        /** The root, {@code $}; it has no segment of its own. */
        ROOT,
        /** A property or a map key: {@code .name} or {@code ['key']}. */
        NAME,
        /** A position in a list or array: {@code [3]}. */
        INDEX,
        /** An element of a collection compared as a multiset: {@code [*]}. */
        ELEMENT
    }

    /** The root path, {@code $}. */
    static final Path ROOT = new Path(null, Kind.ROOT, null, -1);

    private final Path parent;
    private final Kind kind;
    private final String name;
    private final int index;
    private final int size;
    private Path[] segments;

    private Path(Path parent, Kind kind, String name, int index) {
        this.parent = parent;
        this.kind = kind;
        this.name = name;
        this.index = index;
        this.size = parent == null ? 0 : parent.size + 1;
        this.segments = size == 0 ? new Path[0] : null;
    }

    /**
     * Parses the text form of a path, e.g. {@code $.items[3]['a key']}; {@code [*]} stands for an element.
     *
     * @param text the path
     * @return the path
     * @throws IllegalArgumentException naming the text if it is not a well formed path (wildcards included)
     */
    static Path parse(String text) {
        Objects.requireNonNull(text, "path");
        Path path = ROOT;
        for (PathSyntax.Token token : PathSyntax.tokenize(text, "path")) {
            switch (token.type()) {
                case NAME -> path = path.field(token.name());
                case INDEX -> path = path.index(token.index());
                case ANY_INDEX -> path = path.element();
                default -> throw new IllegalArgumentException(
                        "Invalid path '" + text + "': '*' and '**' are for patterns only");
            }
        }
        return path;
    }

    /**
     * The child path.
     *
     * @param name a property name or map key
     * @return the child path
     */
    Path field(String name) {
        return new Path(this, Kind.NAME, Objects.requireNonNull(name, "name"), -1);
    }

    /**
     * The child path.
     *
     * @param key a map key, written with {@code String.valueOf}
     * @return the child path
     */
    Path key(Object key) {
        return field(String.valueOf(key));
    }

    /**
     * The child path.
     *
     * @param i a position, at least 0
     * @return the child path
     */
    Path index(int i) {
        if (i < 0) {
            throw new IllegalArgumentException("index must be at least 0, was " + i);
        }
        return new Path(this, Kind.INDEX, null, i);
    }

    /**
     * The child path of any element of a collection compared as a multiset.
     *
     * @return the child path of any element of a collection compared as a multiset
     */
    Path element() {
        return new Path(this, Kind.ELEMENT, null, -1);
    }

    /**
     * What the last segment is.
     *
     * @return what the last segment is
     */
    Kind kind() {
        return kind;
    }

    /**
     * The last segment's name when it is a {@link Kind#NAME}.
     *
     * @return the last segment's name when it is a {@link Kind#NAME}
     */
    String name() {
        return name;
    }

    /**
     * The last segment's index when it is an {@link Kind#INDEX}.
     *
     * @return the last segment's index when it is an {@link Kind#INDEX}
     */
    int index() {
        return index;
    }

    /**
     * The number of segments after the root.
     *
     * @return the number of segments after the root
     */
    int size() {
        return size;
    }

    /**
     * The segments after the root, first to last; each is the path ending there. Do not modify. Computed on first use:
     * a path other than {@link #ROOT} belongs to one comparison, on one thread.
     *
     * @return the segments after the root, first to last; each is the path ending there. Do not modify. Computed
     *     on first use: a path other than {@link #ROOT} belongs to one comparison, on one thread.
     */
    Path[] segments() {
        Path[] s = segments;
        if (s == null) {
            s = new Path[size];
            for (Path p = this; p.size > 0; p = p.parent) {
                s[p.size - 1] = p;
            }
            segments = s;
        }
        return s;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("$");
        for (Path p : segments()) {
            switch (p.kind) {
                case NAME -> PathSyntax.appendName(out, p.name);
                case INDEX -> out.append('[').append(p.index).append(']');
                default -> out.append("[*]");
            }
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Path && o.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
