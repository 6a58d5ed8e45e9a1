package io.strangler.core.shadow.compare;

import io.strangler.api.compare.Difference;
import io.strangler.api.compare.DifferenceKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One walk over a legacy and a modern value, collecting differences up to a limit. Holds the state of that one
 * walk (the differences found, the pairs of objects already compared), so it is used once, on one thread.
 */
final class Comparison {

    private final StructuralComparator settings;
    private final PathRules rules;
    private final Summarizer summarizer;
    private final int limit;
    private final List<Difference> found = new ArrayList<>();
    private final Set<IdentityPair> compared = new HashSet<>();

    /**
     * Creates a {@code Comparison}.
     *
     * @param settings the comparator's settings
     * @param limit the most differences to collect; the walk stops when it has them
     */
    Comparison(StructuralComparator settings, int limit) {
        this.settings = settings;
        this.rules = settings.rules();
        this.summarizer = settings.summarizer();
        this.limit = limit;
    }

    /**
     * The differences, at most the limit, in the order the walk met them.
     *
     * @param legacy the legacy value
     * @param modern the modern value
     * @return the differences, at most the limit, in the order the walk met them
     */
    List<Difference> run(Object legacy, Object modern) {
        visit(Path.ROOT, legacy, modern, 0);
        return List.copyOf(found);
    }

    private boolean full() {
        return found.size() >= limit;
    }

    /** Compares the values at a path unless it is ignored, normalising them first. */
    private void visit(Path path, Object legacy, Object modern, int depth) {
        if (!full() && !rules.isIgnored(path)) {
            normaliseAndCompare(path, legacy, modern, depth);
        }
    }

    /** Compares the values at a path that is not ignored, normalising them first. */
    private void normaliseAndCompare(Path path, Object legacy, Object modern, int depth) {
        if (full()) {
            return;
        }
        UnaryOperator<Object> normaliser = rules.normaliserAt(path);
        if (normaliser != null) {
            legacy = normaliser.apply(legacy);
            modern = normaliser.apply(modern);
        }
        compareNormalised(path, legacy, modern, depth);
    }

    /** Compares two values that the rules at their path were already applied to. */
    private void compareNormalised(Path path, Object legacy, Object modern, int depth) {
        if (full() || legacy == modern) {
            return;
        }
        if (legacy == null || modern == null) {
            report(path, DifferenceKind.VALUE, summarizer.summarize(legacy), summarizer.summarize(modern));
            return;
        }
        ValueKind kind = ValueKind.of(legacy);
        if (!ValueKind.sameType(legacy, kind, modern, ValueKind.of(modern))) {
            report(path, DifferenceKind.TYPE, summarizer.summarizeWithType(legacy),
                    summarizer.summarizeWithType(modern));
            return;
        }
        if (kind.isLeaf() || depth >= settings.maxDepth()) {
            if (!Leaves.equal(legacy, modern, settings.tolerance())) {
                report(path, DifferenceKind.VALUE, summarizer.summarize(legacy), summarizer.summarize(modern));
            }
            return;
        }
        if (!compared.add(new IdentityPair(legacy, modern))) {
            return;
        }
        switch (kind) {
            case OPTIONAL -> optionals(path, (Optional<?>) legacy, (Optional<?>) modern, depth);
            case RECORD, BEAN -> properties(path, legacy, modern, depth);
            case MAP -> maps(path, (Map<?, ?>) legacy, (Map<?, ?>) modern, depth);
            case SET -> unordered(path, legacy, modern, depth);
            case SEQUENCE, ARRAY -> {
                if (rules.isUnordered(path)) {
                    unordered(path, legacy, modern, depth);
                } else {
                    ordered(path, legacy, modern, depth);
                }
            }
            default -> throw new IllegalStateException("Unexpected kind " + kind + " at " + path);
        }
    }

    private void optionals(Path path, Optional<?> legacy, Optional<?> modern, int depth) {
        if (legacy.isPresent() && modern.isPresent()) {
            compareNormalised(path, legacy.get(), modern.get(), depth);
        } else if (legacy.isPresent() != modern.isPresent()) {
            report(path, DifferenceKind.VALUE, summarizer.summarize(legacy), summarizer.summarize(modern));
        }
    }

    private void properties(Path path, Object legacy, Object modern, int depth) {
        for (BeanProperties.Property property : BeanProperties.of(legacy.getClass())) {
            if (full()) {
                return;
            }
            Path child = path.field(property.name());
            if (!rules.isIgnored(child)) {
                normaliseAndCompare(child, property.read(legacy), property.read(modern), depth + 1);
            }
        }
    }

    private void maps(Path path, Map<?, ?> legacy, Map<?, ?> modern, int depth) {
        for (Map.Entry<?, ?> entry : legacy.entrySet()) {
            if (full()) {
                return;
            }
            Path child = path.key(entry.getKey());
            if (containsKey(modern, entry.getKey())) {
                visit(child, entry.getValue(), modern.get(entry.getKey()), depth + 1);
            } else if (!rules.isIgnored(child)) {
                report(child, DifferenceKind.MISSING, summarizer.summarize(entry.getValue()), null);
            }
        }
        for (Map.Entry<?, ?> entry : modern.entrySet()) {
            if (full()) {
                return;
            }
            if (!containsKey(legacy, entry.getKey())) {
                Path child = path.key(entry.getKey());
                if (!rules.isIgnored(child)) {
                    report(child, DifferenceKind.EXTRA, null, summarizer.summarize(entry.getValue()));
                }
            }
        }
    }

    /** {@code containsKey}, treating a key the map refuses (wrong type, {@code null}) as absent. */
    private static boolean containsKey(Map<?, ?> map, Object key) {
        try {
            return map.containsKey(key);
        } catch (ClassCastException | NullPointerException e) {
            return false;
        }
    }

    /**
     * Position by position, then the longer side's tail as MISSING or EXTRA. When positions differ but both sides
     * hold the same elements, the differences found inside are replaced by one ORDER difference.
     */
    private void ordered(Path path, Object legacy, Object modern, int depth) {
        int mark = found.size();
        Iterator<?> legacyElements = Sequences.iterator(legacy);
        Iterator<?> modernElements = Sequences.iterator(modern);
        int i = 0;
        while (legacyElements.hasNext() && modernElements.hasNext() && !full()) {
            visit(path.index(i++), legacyElements.next(), modernElements.next(), depth + 1);
        }
        while (legacyElements.hasNext() && !full()) {
            Path child = path.index(i++);
            Object element = legacyElements.next();
            if (!rules.isIgnored(child)) {
                report(child, DifferenceKind.MISSING, summarizer.summarize(element), null);
            }
        }
        while (modernElements.hasNext() && !full()) {
            Path child = path.index(i++);
            Object element = modernElements.next();
            if (!rules.isIgnored(child)) {
                report(child, DifferenceKind.EXTRA, null, summarizer.summarize(element));
            }
        }
        if (found.size() > mark && Sequences.size(legacy) == Sequences.size(modern)) {
            Path element = path.element();
            if (matcher(element, depth).sameElements(elements(element, legacy), elements(element, modern))) {
                found.subList(mark, found.size()).clear();
                report(path, DifferenceKind.ORDER, summarizer.summarize(legacy), summarizer.summarize(modern));
            }
        }
    }

    /** As multisets: each element left without a partner is MISSING or EXTRA at {@code path[*]}. */
    private void unordered(Path path, Object legacy, Object modern, int depth) {
        Path element = path.element();
        if (rules.isIgnored(element)) {
            return;
        }
        MultisetMatcher.Result result = matcher(element, depth)
                .match(elements(element, legacy), elements(element, modern));
        for (Object missing : result.missing()) {
            report(element, DifferenceKind.MISSING, summarizer.summarize(missing), null);
        }
        for (Object extra : result.extra()) {
            report(element, DifferenceKind.EXTRA, null, summarizer.summarize(extra));
        }
    }

    private MultisetMatcher matcher(Path element, int depth) {
        double tolerance = settings.tolerance();
        return new MultisetMatcher(value -> Leaves.hashKey(value, tolerance),
                (legacy, modern) -> sameValue(element, legacy, modern, depth + 1),
                MultisetMatcher.PAIRING_BUDGET);
    }

    /** Whether two normalised elements show no difference, by a walk of their own that stops at the first. */
    private boolean sameValue(Path path, Object legacy, Object modern, int depth) {
        Comparison probe = new Comparison(settings, 1);
        probe.compareNormalised(path, legacy, modern, depth);
        return probe.found.isEmpty();
    }

    /** The elements of a collection or array, normalised by the rules at {@code element}, with fast access. */
    private List<Object> elements(Path element, Object collection) {
        List<Object> elements = Sequences.asList(collection);
        UnaryOperator<Object> normaliser = rules.normaliserAt(element);
        if (normaliser == null) {
            return elements instanceof RandomAccess ? elements : new ArrayList<>(elements);
        }
        List<Object> normalised = new ArrayList<>(elements.size());
        for (Object value : elements) {
            normalised.add(normaliser.apply(value));
        }
        return normalised;
    }

    private void report(Path path, DifferenceKind kind, String legacy, String modern) {
        if (!full()) {
            found.add(new Difference(path.toString(), kind, legacy, modern));
        }
    }

    /** Two objects, equal to another pair only when both are the very same objects. */
    private static final class IdentityPair {
        private final Object legacy;
        private final Object modern;

        IdentityPair(Object legacy, Object modern) {
            this.legacy = legacy;
            this.modern = modern;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityPair p && p.legacy == legacy && p.modern == modern;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(legacy) + System.identityHashCode(modern);
        }
    }
}
