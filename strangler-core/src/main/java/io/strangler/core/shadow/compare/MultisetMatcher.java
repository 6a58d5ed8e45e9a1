package io.strangler.core.shadow.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Pairs the elements of two lists regardless of order and says which are left over on each side. Elements with a
 * hash key are paired by key in linear time; the others (records, beans, collections, …) by an equivalence tried
 * pair by pair, at most a budget of tries in all; elements still unpaired when the budget is spent count as left
 * over.
 */
final class MultisetMatcher {

    /** The default number of pairwise tries for elements that have no hash key. */
    static final int PAIRING_BUDGET = 100_000;

    /** Whether two elements without a hash key are the same. */
    @FunctionalInterface
    interface Equivalence {

        /**
         * Whether they are the same.
         *
         * @param legacy an element of the legacy list
         * @param modern an element of the modern list
         * @return whether they are the same
         */
        boolean same(Object legacy, Object modern);
    }

    /**
     * What was left over.
     *
     * @param missing the legacy elements with no modern partner, in legacy order
     * @param extra the modern elements with no legacy partner, in modern order
     */
    record Result(List<Object> missing, List<Object> extra) {

        /**
         * Whether every element found a partner.
         *
         * @return whether every element found a partner
         */
        boolean matched() {
            return missing.isEmpty() && extra.isEmpty();
        }
    }

    private static final Result MISMATCH = new Result(List.of(Leaves.NOT_HASHABLE), List.of());

    private final Function<Object, Object> keys;
    private final Equivalence equivalence;
    private final int budget;

    /**
     * Creates a {@code MultisetMatcher}.
     *
     * @param keys gives an element's hash key, or {@link Leaves#NOT_HASHABLE}; equal keys must mean equal elements
     * @param equivalence decides for elements without a hash key
     * @param budget the most pairwise tries in one {@link #match}
     */
    MultisetMatcher(Function<Object, Object> keys, Equivalence equivalence, int budget) {
        this.keys = keys;
        this.equivalence = equivalence;
        this.budget = budget;
    }

    /**
     * Whether the two lists hold the same elements, in any order. Stops at the first element left over, and first
     * compares counts and a sum of hash codes, so two lists that clearly differ cost one pass.
     *
     * @param legacy the legacy elements
     * @param modern the modern elements
     * @return whether every element finds a partner
     */
    boolean sameElements(List<?> legacy, List<?> modern) {
        if (legacy.size() != modern.size()) {
            return false;
        }
        Object[] legacyKeys = keys(legacy);
        Object[] modernKeys = keys(modern);
        if (!sameFingerprint(legacyKeys, modernKeys)) {
            return false;
        }
        return pair(legacy, legacyKeys, modern, modernKeys, true).matched();
    }

    /**
     * Pairs the elements of two lists.
     *
     * @param legacy the legacy elements
     * @param modern the modern elements
     * @return the elements left over on each side
     */
    Result match(List<?> legacy, List<?> modern) {
        return pair(legacy, keys(legacy), modern, keys(modern), false);
    }

    private Object[] keys(List<?> elements) {
        Object[] result = new Object[elements.size()];
        int i = 0;
        for (Object element : elements) {
            result[i++] = keys.apply(element);
        }
        return result;
    }

    private static boolean sameFingerprint(Object[] legacyKeys, Object[] modernKeys) {
        long legacySum = 0;
        int legacyUnhashed = 0;
        for (Object key : legacyKeys) {
            if (key == Leaves.NOT_HASHABLE) {
                legacyUnhashed++;
            } else {
                legacySum += key.hashCode();
            }
        }
        long modernSum = 0;
        int modernUnhashed = 0;
        for (Object key : modernKeys) {
            if (key == Leaves.NOT_HASHABLE) {
                modernUnhashed++;
            } else {
                modernSum += key.hashCode();
            }
        }
        return legacySum == modernSum && legacyUnhashed == modernUnhashed;
    }

    private Result pair(List<?> legacy, Object[] legacyKeys, List<?> modern, Object[] modernKeys,
            boolean stopAtFirst) {
        boolean[] legacyPaired = new boolean[legacyKeys.length];
        boolean[] modernPaired = new boolean[modernKeys.length];

        // By key: count legacy keys, take one per modern element, then mark the legacy elements that were taken.
        Map<Object, int[]> counts = new HashMap<>();
        List<Integer> legacyRest = new ArrayList<>();
        for (int i = 0; i < legacyKeys.length; i++) {
            if (legacyKeys[i] == Leaves.NOT_HASHABLE) {
                legacyRest.add(i);
            } else {
                counts.computeIfAbsent(legacyKeys[i], k -> new int[2])[0]++;
            }
        }
        List<Integer> modernRest = new ArrayList<>();
        for (int j = 0; j < modernKeys.length; j++) {
            if (modernKeys[j] == Leaves.NOT_HASHABLE) {
                modernRest.add(j);
                continue;
            }
            int[] count = counts.get(modernKeys[j]);
            if (count != null && count[1] < count[0]) {
                count[1]++;
                modernPaired[j] = true;
            } else if (stopAtFirst) {
                return MISMATCH;
            }
        }
        for (int i = 0; i < legacyKeys.length; i++) {
            if (legacyKeys[i] != Leaves.NOT_HASHABLE) {
                int[] count = counts.get(legacyKeys[i]);
                if (count[1] > 0) {
                    count[1]--;
                    legacyPaired[i] = true;
                } else if (stopAtFirst) {
                    return MISMATCH;
                }
            }
        }

        // The rest pair by pair, each legacy element trying the modern ones from its own relative position on.
        int tries = budget;
        int restCount = modernRest.size();
        for (int r = 0; r < legacyRest.size() && tries > 0; r++) {
            int i = legacyRest.get(r);
            for (int k = 0; k < restCount && tries > 0; k++) {
                int j = modernRest.get((r + k) % restCount);
                if (!modernPaired[j]) {
                    tries--;
                    if (equivalence.same(legacy.get(i), modern.get(j))) {
                        legacyPaired[i] = true;
                        modernPaired[j] = true;
                        break;
                    }
                }
            }
            if (!legacyPaired[i] && stopAtFirst) {
                return MISMATCH;
            }
        }
        return new Result(unpaired(legacy, legacyPaired), unpaired(modern, modernPaired));
    }

    private static List<Object> unpaired(List<?> elements, boolean[] paired) {
        List<Object> result = new ArrayList<>();
        for (int i = 0; i < paired.length; i++) {
            if (!paired[i]) {
                result.add(elements.get(i));
            }
        }
        return result;
    }
}
