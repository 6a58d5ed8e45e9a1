package io.strangler.core.shadow.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MultisetMatcherTest {

    /** No hash keys at all: everything goes through the equivalence. */
    private static MultisetMatcher unhashed(AtomicInteger tries, int budget) {
        return new MultisetMatcher(v -> Leaves.NOT_HASHABLE, (a, b) -> {
            tries.incrementAndGet();
            return Objects.equals(a, b);
        }, budget);
    }

    private static MultisetMatcher hashed() {
        return new MultisetMatcher(v -> Leaves.hashKey(v, 0), (a, b) -> {
            throw new AssertionError("leaves are matched by key");
        }, 10);
    }

    @Test
    void leavesAreMatchedByKey() {
        MultisetMatcher.Result result = hashed().match(List.of(1, 1, 2, 3), List.of(3, 1, 2, 2));
        assertThat(result.missing()).containsExactly(1);
        assertThat(result.extra()).containsExactly(2);
        assertThat(hashed().sameElements(List.of(1, 2, 2), List.of(2, 1, 2))).isTrue();
        assertThat(hashed().sameElements(List.of(1, 2, 2), List.of(2, 1, 1))).isFalse();
        assertThat(hashed().sameElements(List.of(1, 2), List.of(1, 2, 2))).isFalse();
    }

    @Test
    void nullsAreElementsToo() {
        assertThat(hashed().sameElements(java.util.Arrays.asList(null, 1), java.util.Arrays.asList(1, null)))
                .isTrue();
    }

    @Test
    void othersArePairedByTheEquivalence() {
        AtomicInteger tries = new AtomicInteger();
        MultisetMatcher.Result result = unhashed(tries, 1000).match(List.of("a", "b", "c"), List.of("c", "x", "a"));
        assertThat(result.missing()).containsExactly("b");
        assertThat(result.extra()).containsExactly("x");
    }

    @Test
    void sameOrderCostsOneTryPerElement() {
        AtomicInteger tries = new AtomicInteger();
        List<Integer> elements = java.util.stream.IntStream.range(0, 1000).boxed().toList();
        assertThat(unhashed(tries, 1_000_000).match(elements, elements).matched()).isTrue();
        assertThat(tries).hasValue(1000);
    }

    @Test
    void theBudgetBoundsTheTries() {
        AtomicInteger tries = new AtomicInteger();
        List<Integer> legacy = java.util.stream.IntStream.range(0, 1000).boxed().toList();
        List<Integer> modern = java.util.stream.IntStream.range(1000, 2000).boxed().toList();
        MultisetMatcher.Result result = unhashed(tries, 50).match(legacy, modern);
        assertThat(tries).hasValue(50);
        assertThat(result.missing()).hasSize(1000);
        assertThat(result.extra()).hasSize(1000);
    }

    @Test
    void elementsLeftWhenTheBudgetIsSpentCountAsUnpaired() {
        AtomicInteger tries = new AtomicInteger();
        List<String> legacy = List.of("a", "b", "c");
        List<String> modern = List.of("c", "b", "a");
        MultisetMatcher.Result result = unhashed(tries, 2).match(legacy, modern);
        assertThat(result.matched()).isFalse();
        assertThat(unhashed(tries, 2).sameElements(legacy, modern)).isFalse();
        assertThat(unhashed(tries, 100).sameElements(legacy, modern)).isTrue();
    }
}
