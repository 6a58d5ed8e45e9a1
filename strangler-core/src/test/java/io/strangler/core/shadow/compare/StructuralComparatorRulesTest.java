package io.strangler.core.shadow.compare;

import static io.strangler.api.compare.DifferenceKind.EXTRA;
import static io.strangler.api.compare.DifferenceKind.MISSING;
import static io.strangler.api.compare.DifferenceKind.VALUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.compare.Difference;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StructuralComparatorRulesTest {

    record Item(String sku, int qty, Instant updatedAt) {
    }

    record Order(String id, List<Item> items, List<String> skills) {
    }

    record Named(String name) {
    }

    record Tagged(Set<String> tags) {
    }

    record Listed(List<String> tags) {
    }

    static final class Account {
        private final String id;

        Account(String id) {
            this.id = id;
        }

        public String getId() {
            return id;
        }

        public String getSecret() {
            throw new UnsupportedOperationException("secret of " + id);
        }
    }

    private static final Instant T = Instant.parse("2024-05-01T10:00:00.123Z");

    private static Order order(Instant updatedAt, String... skills) {
        return new Order("o-1", List.of(new Item("A", 1, updatedAt), new Item("B", 2, updatedAt)), List.of(skills));
    }

    @Test
    void ignoredPathsReportNothing() {
        StructuralComparator comparator = StructuralComparator.builder().ignore("$.items[*].updatedAt").build();
        assertThat(comparator.compare(order(T), order(T.plusSeconds(60)))).isEmpty();
    }

    @Test
    void ignoreWithDoubleStarReachesAnyDepth() {
        StructuralComparator comparator = StructuralComparator.builder().ignore("$.**.updatedAt").build();
        assertThat(comparator.compare(order(T), order(T.plusSeconds(60)))).isEmpty();
        assertThat(comparator.compare(Map.of("updatedAt", 1), Map.of("updatedAt", 2))).isEmpty();
    }

    @Test
    void ignoreOnlyDropsWhatMatches() {
        StructuralComparator comparator = StructuralComparator.builder().ignore("$.items[0].updatedAt").build();
        assertThat(comparator.compare(order(T), order(T.plusSeconds(60)))).containsExactly(
                new Difference("$.items[1].updatedAt", VALUE, "2024-05-01T10:00:00.123Z", "2024-05-01T10:01:00.123Z"));
    }

    @Test
    void ignoredMapKeysAndListTailsAreNotReported() {
        StructuralComparator comparator = StructuralComparator.builder()
                .ignore("$.debug")
                .ignore("$.list[*]")
                .build();
        Map<String, Object> legacy = new LinkedHashMap<>(Map.of("list", List.of(1)));
        Map<String, Object> modern = new LinkedHashMap<>(Map.of("list", List.of(1, 2), "debug", "trace"));
        assertThat(comparator.compare(legacy, modern)).isEmpty();
    }

    @Test
    void ignoredGettersAreNotCalled() {
        assertThatThrownBy(() -> StructuralComparator.ofDefaults().compare(new Account("a"), new Account("a")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("getSecret")
                .hasRootCauseMessage("secret of a");
        StructuralComparator comparator = StructuralComparator.builder().ignore("$.secret").build();
        assertThat(comparator.compare(new Account("a"), new Account("b")))
                .containsExactly(new Difference("$.id", VALUE, "\"a\"", "\"b\""));
    }

    @Test
    void ignoringTheRootIgnoresEverything() {
        assertThat(StructuralComparator.builder().ignore("$").build().compare(1, "x")).isEmpty();
        assertThat(StructuralComparator.builder().ignore("$.**").build().compare(1, "x")).isEmpty();
    }

    @Test
    void normalisersApplyToBothSidesBeforeComparing() {
        StructuralComparator comparator = StructuralComparator.builder()
                .normalize("$.name", v -> v instanceof String s ? s.strip().toLowerCase(Locale.ROOT) : v)
                .build();
        assertThat(comparator.compare(new Named("  Ada "), new Named("ada"))).isEmpty();
        assertThat(comparator.compare(new Named(" Ada"), new Named("Bob")))
                .containsExactly(new Difference("$.name", VALUE, "\"ada\"", "\"bob\""));
    }

    @Test
    void normalisersCanRoundTimestamps() {
        StructuralComparator comparator = StructuralComparator.builder()
                .normalize("$.items[*].updatedAt", v -> v instanceof Instant t ? t.truncatedTo(ChronoUnit.SECONDS) : v)
                .build();
        assertThat(comparator.compare(order(T), order(T.plusMillis(500)))).isEmpty();
        assertThat(comparator.compare(order(T), order(T.plusSeconds(1)))).extracting(Difference::path)
                .containsExactly("$.items[0].updatedAt", "$.items[1].updatedAt");
    }

    @Test
    void normalisersReceiveNull() {
        StructuralComparator comparator = StructuralComparator.builder()
                .normalize("$.tags", v -> v == null ? List.of() : v)
                .build();
        assertThat(comparator.compare(new Listed(null), new Listed(List.of()))).isEmpty();
    }

    @Test
    void normalisersMatchingOnePathApplyInTheOrderGiven() {
        StructuralComparator prefixFirst = StructuralComparator.builder()
                .normalize("$", v -> "<" + v)
                .normalize("$", v -> ((String) v).substring(0, 2))
                .build();
        assertThat(prefixFirst.compare("ab", "ac")).isEmpty();
        StructuralComparator cutFirst = StructuralComparator.builder()
                .normalize("$", v -> ((String) v).substring(0, 2))
                .normalize("$", v -> "<" + v)
                .build();
        assertThat(cutFirst.compare("ab", "ac")).containsExactly(new Difference("$", VALUE, "\"<ab\"", "\"<ac\""));
    }

    @Test
    void normalisersReachSetElements() {
        StructuralComparator comparator = StructuralComparator.builder()
                .normalize("$.tags[*]", v -> ((String) v).toLowerCase(Locale.ROOT))
                .build();
        assertThat(comparator.compare(new Tagged(Set.of("A", "b")), new Tagged(Set.of("a", "B")))).isEmpty();
    }

    @Test
    void normalisersRunOncePerSideAndValue() {
        AtomicInteger calls = new AtomicInteger();
        StructuralComparator comparator = StructuralComparator.builder()
                .normalize("$.name", v -> {
                    calls.incrementAndGet();
                    return v;
                })
                .build();
        comparator.compare(new Named("a"), new Named("b"));
        assertThat(calls).hasValue(2);
    }

    @Test
    void unorderedListsAreComparedAsMultisets() {
        StructuralComparator comparator = StructuralComparator.builder().unordered("$.skills").build();
        assertThat(comparator.compare(order(T, "a", "b", "c"), order(T, "c", "a", "b"))).isEmpty();
        assertThat(comparator.compare(order(T, "a", "b", "c"), order(T, "c", "a", "d"))).containsExactly(
                new Difference("$.skills[*]", MISSING, "\"b\"", null),
                new Difference("$.skills[*]", EXTRA, null, "\"d\""));
    }

    @Test
    void unorderedListsCountDuplicates() {
        StructuralComparator comparator = StructuralComparator.builder().unordered("$").build();
        assertThat(comparator.compare(List.of("a", "a", "b"), List.of("a", "b", "b"))).containsExactly(
                new Difference("$[*]", MISSING, "\"a\"", null),
                new Difference("$[*]", EXTRA, null, "\"b\""));
        assertThat(comparator.compare(List.of("a", "b"), List.of("b", "a", "a"))).containsExactly(
                new Difference("$[*]", EXTRA, null, "\"a\""));
    }

    @Test
    void unorderedListsOfRecordsHonourTheRulesInside() {
        StructuralComparator comparator = StructuralComparator.builder()
                .unordered("$.items")
                .ignore("$.items[*].updatedAt")
                .build();
        Order legacy = new Order("o", List.of(new Item("A", 1, T), new Item("B", 2, T)), List.of());
        Order modern = new Order("o", List.of(new Item("B", 2, null), new Item("A", 1, T.plusSeconds(9))), List.of());
        assertThat(comparator.compare(legacy, modern)).isEmpty();
        Order changed = new Order("o", List.of(new Item("B", 3, null), new Item("A", 1, null)), List.of());
        assertThat(comparator.compare(legacy, changed)).extracting(Difference::path, Difference::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("$.items[*]", MISSING),
                        org.assertj.core.groups.Tuple.tuple("$.items[*]", EXTRA));
    }

    @Test
    void unorderedAppliesToArrays() {
        StructuralComparator comparator = StructuralComparator.builder().unordered("$").build();
        assertThat(comparator.compare(new int[] {1, 2, 3}, new int[] {3, 2, 1})).isEmpty();
    }

    @Test
    void ignoringTheElementsOfASetIgnoresTheSet() {
        StructuralComparator comparator = StructuralComparator.builder().ignore("$.tags[*]").build();
        assertThat(comparator.compare(new Tagged(Set.of("a")), new Tagged(Set.of("b")))).isEmpty();
    }
}
