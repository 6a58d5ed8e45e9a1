package io.strangler.core.shadow.compare;

import java.util.List;
import java.util.Objects;

/**
 * A compiled path pattern such as {@code $.items[*].updatedAt} or {@code $.**.id}: {@code .name} and
 * {@code ['key']} match that property or map key, {@code [3]} that index, {@code [*]} any index (and the element
 * segment {@code [*]} of a collection compared as a multiset), {@code *} any one segment and {@code **} any number of
 * segments, none included. A pattern matches a whole path, not a prefix of it. Immutable and thread-safe.
 */
final class PathPattern {

    private final String text;
    private final PathSyntax.Token[] tokens;

    private PathPattern(String text, List<PathSyntax.Token> tokens) {
        this.text = text;
        this.tokens = tokens.toArray(new PathSyntax.Token[0]);
    }

    /**
     * Compiles a pattern.
     *
     * @param pattern the pattern's text
     * @return the pattern
     * @throws NullPointerException if {@code pattern} is {@code null}
     * @throws IllegalArgumentException naming the pattern if it is not well formed
     */
    static PathPattern compile(String pattern) {
        Objects.requireNonNull(pattern, "pathPattern");
        return new PathPattern(pattern, PathSyntax.tokenize(pattern, "path pattern"));
    }

    /**
     * Whether this pattern matches the whole path.
     *
     * @param path a path
     * @return whether this pattern matches the whole path
     */
    boolean matches(Path path) {
        Path[] segments = path.segments();
        int t = 0;
        int s = 0;
        int starToken = -1;
        int starSegment = -1;
        while (s < segments.length) {
            if (t < tokens.length && tokens[t].type() == PathSyntax.TokenType.ANY_MANY) {
                starToken = t++;
                starSegment = s;
            } else if (t < tokens.length && matchesOne(tokens[t], segments[s])) {
                t++;
                s++;
            } else if (starToken >= 0) {
                t = starToken + 1;
                s = ++starSegment;
            } else {
                return false;
            }
        }
        while (t < tokens.length && tokens[t].type() == PathSyntax.TokenType.ANY_MANY) {
            t++;
        }
        return t == tokens.length;
    }

    private static boolean matchesOne(PathSyntax.Token token, Path segment) {
        return switch (token.type()) {
            case NAME -> segment.kind() == Path.Kind.NAME && segment.name().equals(token.name());
            case INDEX -> segment.kind() == Path.Kind.INDEX && segment.index() == token.index();
            case ANY_INDEX -> segment.kind() == Path.Kind.INDEX || segment.kind() == Path.Kind.ELEMENT;
            case ANY_ONE -> true;
            case ANY_MANY -> throw new IllegalStateException("'**' is matched by the caller");
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
