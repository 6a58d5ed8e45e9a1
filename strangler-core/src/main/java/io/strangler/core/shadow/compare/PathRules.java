package io.strangler.core.shadow.compare;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The per-path rules of a comparator: paths to ignore, normalisers to apply, lists to compare as multisets.
 * Immutable and thread-safe, as long as the normalisers are.
 */
final class PathRules {

    /**
     * A normaliser and the paths it applies to.
     *
     * @param pattern where it applies
     * @param normaliser what it does to a value there
     */
    record Normaliser(PathPattern pattern, UnaryOperator<Object> normaliser) {
    }

    private final List<PathPattern> ignored;
    private final List<Normaliser> normalisers;
    private final List<PathPattern> unordered;

    /**
     * Creates a {@code PathRules}.
     *
     * @param ignored the patterns of paths to ignore
     * @param normalisers the normalisers, applied in this order
     * @param unordered the patterns of lists and arrays to compare as multisets
     */
    PathRules(List<PathPattern> ignored, List<Normaliser> normalisers, List<PathPattern> unordered) {
        this.ignored = List.copyOf(ignored);
        this.normalisers = List.copyOf(normalisers);
        this.unordered = List.copyOf(unordered);
    }

    /**
     * Whether differences at the path, and under it, are ignored.
     *
     * @param path a path
     * @return whether differences at the path, and under it, are ignored
     */
    boolean isIgnored(Path path) {
        return matchesAny(ignored, path);
    }

    /**
     * Whether it is compared as a multiset.
     *
     * @param path the path of a list or array
     * @return whether it is compared as a multiset
     */
    boolean isUnordered(Path path) {
        return matchesAny(unordered, path);
    }

    /**
     * The normalisers that apply there, composed in the order they were given, or {@code null} if none does.
     *
     * @param path a path
     * @return the normalisers that apply there, composed in the order they were given, or {@code null} if none does
     */
    UnaryOperator<Object> normaliserAt(Path path) {
        if (normalisers.isEmpty()) {
            return null;
        }
        UnaryOperator<Object> result = null;
        for (Normaliser n : normalisers) {
            if (n.pattern().matches(path)) {
                UnaryOperator<Object> before = result;
                UnaryOperator<Object> next = n.normaliser();
                result = before == null ? next : value -> next.apply(before.apply(value));
            }
        }
        return result;
    }

    private static boolean matchesAny(List<PathPattern> patterns, Path path) {
        for (PathPattern pattern : patterns) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "ignore=" + ignored + ", normalize="
                + normalisers.stream().map(n -> n.pattern().toString()).toList() + ", unordered=" + unordered;
    }
}
