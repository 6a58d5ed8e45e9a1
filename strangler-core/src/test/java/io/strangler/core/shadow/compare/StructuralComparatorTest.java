package io.strangler.core.shadow.compare;

import static io.strangler.api.compare.DifferenceKind.EXTRA;
import static io.strangler.api.compare.DifferenceKind.MISSING;
import static io.strangler.api.compare.DifferenceKind.ORDER;
import static io.strangler.api.compare.DifferenceKind.TYPE;
import static io.strangler.api.compare.DifferenceKind.VALUE;
import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.compare.Difference;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StructuralComparatorTest {

    private final StructuralComparator comparator = StructuralComparator.ofDefaults();

    record Address(String city, String zip) {
    }

    record Person(String name, int age, Address address, List<String> skills) {
    }

    record Holder(Object value) {
    }

    record OtherHolder(Object value) {
    }

    enum Color {
        RED,
        BLUE {
            @Override
            public String toString() {
                return "blue";
            }
        }
    }

    static final class Customer {
        private final String name;
        private final boolean active;
        private final Address address;

        Customer(String name, boolean active, Address address) {
            this.name = name;
            this.active = active;
            this.address = address;
        }

        public String getName() {
            return name;
        }

        public boolean isActive() {
            return active;
        }

        public Address getAddress() {
            return address;
        }

        public String describe() {
            return "not a getter";
        }

        public String isNotABooleanGetter() {
            return "not a property: " + System.nanoTime();
        }

        public static String getStatic() {
            return "not a property: " + System.nanoTime();
        }
    }

    /** A class with no getters and a meaningful equals. */
    static final class Money {
        private final long cents;

        Money(long cents) {
            this.cents = cents;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Money m && m.cents == cents;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(cents);
        }

        @Override
        public String toString() {
            return cents + " cents";
        }
    }

    /** Like Jackson's JsonNode: iterable, with getters that do not show the content, and a content equals. */
    static final class Tree implements Iterable<String> {
        private final List<String> leaves;

        Tree(String... leaves) {
            this.leaves = List.of(leaves);
        }

        public boolean isContainer() {
            return true;
        }

        @Override
        public java.util.Iterator<String> iterator() {
            return leaves.iterator();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tree t && t.leaves.equals(leaves);
        }

        @Override
        public int hashCode() {
            return leaves.hashCode();
        }

        @Override
        public String toString() {
            return "Tree" + leaves;
        }
    }

    private static Difference diff(String path, io.strangler.api.compare.DifferenceKind kind, String legacy,
            String modern) {
        return new Difference(path, kind, legacy, modern);
    }

    private static <K, V> Map<K, V> map(Object... keysAndValues) {
        Map<K, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            K key = (K) keysAndValues[i];
            @SuppressWarnings("unchecked")
            V value = (V) keysAndValues[i + 1];
            map.put(key, value);
        }
        return map;
    }

    @Test
    void equalResultsMatch() {
        Person ada = new Person("Ada", 36, new Address("London", "N1"), List.of("math", "poetry"));
        Person copy = new Person("Ada", 36, new Address("London", "N1"), new ArrayList<>(List.of("math", "poetry")));
        assertThat(comparator.compare(ada, copy)).isEmpty();
        assertThat(comparator.compare(ada, ada)).isEmpty();
    }

    @Test
    void recordsAreComparedComponentByComponentInOrder() {
        Person legacy = new Person("Ada", 36, new Address("London", "N1"), List.of("math"));
        Person modern = new Person("Ada", 37, new Address("Paris", "N1"), List.of("math"));
        assertThat(comparator.compare(legacy, modern)).containsExactly(
                diff("$.age", VALUE, "36", "37"),
                diff("$.address.city", VALUE, "\"London\"", "\"Paris\""));
    }

    @Test
    void beansAreComparedByGettersInNameOrder() {
        Customer legacy = new Customer("Ada", true, new Address("London", "N1"));
        Customer modern = new Customer("Bob", false, new Address("London", "E2"));
        assertThat(comparator.compare(legacy, modern)).containsExactly(
                diff("$.active", VALUE, "true", "false"),
                diff("$.address.zip", VALUE, "\"N1\"", "\"E2\""),
                diff("$.name", VALUE, "\"Ada\"", "\"Bob\""));
    }

    @Test
    void methodsThatAreNotGettersAreNotRead() {
        Customer legacy = new Customer("Ada", true, null);
        Customer modern = new Customer("Ada", true, null);
        assertThat(comparator.compare(legacy, modern)).isEmpty();
    }

    @Test
    void classesWithoutGettersAreComparedWithEquals() {
        assertThat(comparator.compare(new Money(100), new Money(100))).isEmpty();
        assertThat(comparator.compare(new Holder(new Money(100)), new Holder(new Money(150))))
                .containsExactly(diff("$.value", VALUE, "100 cents", "150 cents"));
    }

    @Test
    void iterablesThatAreNotCollectionsAreComparedWithEquals() {
        assertThat(comparator.compare(new Tree("a"), new Tree("a"))).isEmpty();
        assertThat(comparator.compare(new Tree("a"), new Tree("b")))
                .containsExactly(diff("$", VALUE, "Tree[a]", "Tree[b]"));
    }

    @Test
    void nestedMapsListsAndSets() {
        Map<String, Object> legacy = map("order", map(
                "items", List.of(map("sku", "A", "qty", 1), map("sku", "B", "qty", 2)),
                "tags", Set.of("x", "y")));
        Map<String, Object> modern = map("order", map(
                "items", List.of(map("sku", "A", "qty", 1), map("sku", "B", "qty", 3)),
                "tags", Set.of("x", "z")));
        assertThat(comparator.compare(legacy, modern)).containsExactly(
                diff("$.order.items[1].qty", VALUE, "2", "3"),
                diff("$.order.tags[*]", MISSING, "\"y\"", null),
                diff("$.order.tags[*]", EXTRA, null, "\"z\""));
    }

    @Test
    void missingAndExtraMapKeys() {
        Map<String, Integer> legacy = map("a", 1, "b", 2);
        Map<String, Integer> modern = map("a", 1, "c", 3);
        assertThat(comparator.compare(legacy, modern)).containsExactly(
                diff("$.b", MISSING, "2", null),
                diff("$.c", EXTRA, null, "3"));
    }

    @Test
    void aKeyMappedToNullIsPresent() {
        assertThat(comparator.compare(map("a", null), map()))
                .containsExactly(diff("$.a", MISSING, "null", null));
        assertThat(comparator.compare(map("a", null), map("a", 1)))
                .containsExactly(diff("$.a", VALUE, "null", "1"));
    }

    @Test
    void mapKeysThatAreNotPlainNamesAreQuotedAndOthersUseValueOf() {
        Map<Object, String> legacy = map("a key", "x", 7, "y", "it's", "z");
        Map<Object, String> modern = map("a key", "X", 7, "Y", "it's", "Z");
        assertThat(comparator.compare(legacy, modern)).extracting(Difference::path)
                .containsExactly("$['a key']", "$.7", "$['it\\'s']");
    }

    @Test
    void mapsOfDifferentClassesCompareByContent() {
        Map<String, Integer> legacy = new TreeMap<>(Map.of("a", 1, "b", 2));
        assertThat(comparator.compare(legacy, Map.of("a", 1, "b", 2))).isEmpty();
        assertThat(comparator.compare(legacy, Map.of("a", 1, "b", 5)))
                .containsExactly(diff("$.b", VALUE, "2", "5"));
    }

    @Test
    void legacyLongerListGivesMissingTail() {
        assertThat(comparator.compare(List.of(1, 2, 3), List.of(1))).containsExactly(
                diff("$[1]", MISSING, "2", null),
                diff("$[2]", MISSING, "3", null));
    }

    @Test
    void modernLongerListGivesExtraTail() {
        assertThat(comparator.compare(List.of(1), new LinkedList<>(List.of(1, 2)))).containsExactly(
                diff("$[1]", EXTRA, null, "2"));
    }

    @Test
    void elementsAreComparedByPosition() {
        assertThat(comparator.compare(List.of(1, 2, 3), List.of(3, 2, 4))).containsExactly(
                diff("$[0]", VALUE, "1", "3"),
                diff("$[2]", VALUE, "3", "4"));
    }

    @Test
    void sameElementsInAnotherOrderGiveOneOrderDifference() {
        assertThat(comparator.compare(List.of(1, 2, 3), List.of(3, 1, 2)))
                .containsExactly(diff("$", ORDER, "[1, 2, 3]", "[3, 1, 2]"));
    }

    @Test
    void orderIsDetectedForRecordsAndReportedAtTheCollectionsPath() {
        Address london = new Address("London", "N1");
        Address paris = new Address("Paris", "75001");
        Holder legacy = new Holder(List.of(london, paris, london));
        Holder modern = new Holder(List.of(new Address("London", "N1"), london, new Address("Paris", "75001")));
        List<Difference> differences = comparator.compare(legacy, modern);
        assertThat(differences).extracting(Difference::path, Difference::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("$.value", ORDER));
    }

    @Test
    void orderIsDetectedForArraysAndDecimals() {
        assertThat(comparator.compare(new int[] {1, 2}, new int[] {2, 1}))
                .containsExactly(diff("$", ORDER, "[1, 2]", "[2, 1]"));
        assertThat(comparator.compare(List.of(new BigDecimal("1.0"), BigDecimal.TEN),
                List.of(new BigDecimal("10.00"), new BigDecimal("1"))))
                .extracting(Difference::kind).containsExactly(ORDER);
    }

    @Test
    void duplicatesCountForOrder() {
        assertThat(comparator.compare(List.of(1, 1, 2), List.of(2, 1, 2))).containsExactly(
                diff("$[0]", VALUE, "1", "2"));
    }

    @Test
    void arraysAreComparedByPosition() {
        assertThat(comparator.compare(new String[] {"a", "b"}, new String[] {"a", "c"}))
                .containsExactly(diff("$[1]", VALUE, "\"b\"", "\"c\""));
        assertThat(comparator.compare(new int[] {1, 2, 3}, new int[] {1, 2, 4}))
                .containsExactly(diff("$[2]", VALUE, "3", "4"));
        assertThat(comparator.compare(new long[] {1, 2, 3}, new long[] {1}))
                .containsExactly(diff("$[1]", MISSING, "2", null), diff("$[2]", MISSING, "3", null));
        assertThat(comparator.compare(new Holder(new int[][] {{1}, {2}}), new Holder(new int[][] {{1}, {3}})))
                .containsExactly(diff("$.value[1][0]", VALUE, "2", "3"));
    }

    @Test
    void arraysOfDifferentComponentTypesDifferInType() {
        assertThat(comparator.compare(new int[] {1}, new long[] {1}))
                .containsExactly(diff("$", TYPE, "int[]: [1]", "long[]: [1]"));
        assertThat(comparator.compare(new int[] {1}, new ArrayList<>(List.of(1))))
                .containsExactly(diff("$", TYPE, "int[]: [1]", "ArrayList: [1]"));
    }

    @Test
    void setsAreUnordered() {
        assertThat(comparator.compare(Set.of(1, 2, 3), new LinkedHashSet<>(List.of(3, 2, 1)))).isEmpty();
        assertThat(comparator.compare(Set.of(new Address("London", "N1")), Set.of(new Address("London", "N1"))))
                .isEmpty();
        assertThat(comparator.compare(Set.of(new Address("London", "N1")), Set.of(new Address("Paris", "N1"))))
                .containsExactly(
                        diff("$[*]", MISSING, "Address[city=\"London\", zip=\"N1\"]", null),
                        diff("$[*]", EXTRA, null, "Address[city=\"Paris\", zip=\"N1\"]"));
    }

    @Test
    void differentTypesGiveOneTypeDifferenceWithoutDescending() {
        assertThat(comparator.compare(new Holder(1), new Holder(1L)))
                .containsExactly(diff("$.value", TYPE, "Integer: 1", "Long: 1"));
        assertThat(comparator.compare(new Holder("x"), new OtherHolder("y")))
                .containsExactly(diff("$", TYPE, "Holder: Holder[value=\"x\"]",
                        "OtherHolder: OtherHolder[value=\"y\"]"));
        assertThat(comparator.compare(new ArrayList<>(List.of(1)), map("a", 1)))
                .containsExactly(diff("$", TYPE, "ArrayList: [1]", "LinkedHashMap: {a=1}"));
        assertThat(comparator.compare(List.of(1), Set.of(1)))
                .extracting(Difference::kind).containsExactly(TYPE);
    }

    @Test
    void nullOnOneSideIsAValueDifference() {
        assertThat(comparator.compare(null, null)).isEmpty();
        assertThat(comparator.compare(null, "x")).containsExactly(diff("$", VALUE, "null", "\"x\""));
        assertThat(comparator.compare(List.of(1), null)).containsExactly(diff("$", VALUE, "[1]", "null"));
        assertThat(comparator.compare(new Address(null, "N1"), new Address("Paris", "N1")))
                .containsExactly(diff("$.city", VALUE, "null", "\"Paris\""));
    }

    @Test
    void decimalsAreComparedWithCompareTo() {
        assertThat(comparator.compare(new BigDecimal("1.0"), new BigDecimal("1.00"))).isEmpty();
        assertThat(comparator.compare(Set.of(new BigDecimal("1.0")), Set.of(new BigDecimal("1.00")))).isEmpty();
        assertThat(comparator.compare(new BigDecimal("1.0"), new BigDecimal("1.01")))
                .containsExactly(diff("$", VALUE, "1.0", "1.01"));
    }

    @Test
    void doublesAndFloatsAreExactByDefault() {
        assertThat(comparator.compare(0.1 + 0.2, 0.3))
                .containsExactly(diff("$", VALUE, "0.30000000000000004", "0.3"));
        assertThat(comparator.compare(Double.NaN, Double.NaN)).isEmpty();
        assertThat(comparator.compare(0.0, -0.0)).isEmpty();
        assertThat(comparator.compare(1.0f, 1.0001f)).extracting(Difference::kind).containsExactly(VALUE);
    }

    @Test
    void doublesAndFloatsWithinTheToleranceMatch() {
        StructuralComparator tolerant = StructuralComparator.builder().tolerance(1e-3).build();
        assertThat(tolerant.compare(0.1 + 0.2, 0.3)).isEmpty();
        assertThat(tolerant.compare(1.0f, 1.0001f)).isEmpty();
        assertThat(tolerant.compare(new double[] {1.0, 2.0}, new double[] {1.0005, 2.0})).isEmpty();
        assertThat(tolerant.compare(Set.of(1.0, 2.0), Set.of(1.0005, 2.0))).isEmpty();
        assertThat(tolerant.compare(1.0, 1.01)).containsExactly(diff("$", VALUE, "1.0", "1.01"));
        assertThat(tolerant.compare(new BigDecimal("1.0"), new BigDecimal("1.0001")))
                .extracting(Difference::kind).containsExactly(VALUE);
    }

    @Test
    void optionalsAreTransparent() {
        assertThat(comparator.compare(Optional.of(1), Optional.of(1))).isEmpty();
        assertThat(comparator.compare(Optional.empty(), Optional.empty())).isEmpty();
        assertThat(comparator.compare(new Holder(Optional.of(new Address("a", "1"))),
                new Holder(Optional.of(new Address("b", "1")))))
                .containsExactly(diff("$.value.city", VALUE, "\"a\"", "\"b\""));
        assertThat(comparator.compare(Optional.empty(), Optional.of(1)))
                .containsExactly(diff("$", VALUE, "Optional.empty", "Optional[1]"));
    }

    @Test
    void enumsAreLeaves() {
        assertThat(comparator.compare(Color.RED, Color.RED)).isEmpty();
        assertThat(comparator.compare(Color.RED, Color.BLUE)).containsExactly(diff("$", VALUE, "RED", "blue"));
    }

    @Test
    void jdkValuesAreLeaves() {
        UUID id = UUID.randomUUID();
        assertThat(comparator.compare(id, UUID.fromString(id.toString()))).isEmpty();
        assertThat(comparator.compare(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 2)))
                .containsExactly(diff("$", VALUE, "2024-01-01", "2024-01-02"));
    }

    @Test
    void stringsAndCharactersAreQuotedInSummaries() {
        assertThat(comparator.compare("null", null)).containsExactly(diff("$", VALUE, "\"null\"", "null"));
        assertThat(comparator.compare('a', 'b')).containsExactly(diff("$", VALUE, "'a'", "'b'"));
    }

    @Test
    void oneInstanceComparesOnManyThreadsAtOnce() throws Exception {
        StructuralComparator shared = StructuralComparator.builder().unordered("$.skills").ignore("$.name").build();
        Person legacy = new Person("Ada", 36, new Address("London", "N1"), List.of("a", "b", "c"));
        Person modern = new Person("Bob", 37, new Address("Paris", "N1"), List.of("c", "b", "d"));
        List<Difference> expected = shared.compare(legacy, modern);
        assertThat(expected).extracting(Difference::path)
                .containsExactly("$.age", "$.address.city", "$.skills[*]", "$.skills[*]");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<List<Difference>>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                results.add(pool.submit(() -> shared.compare(legacy, modern)));
            }
            for (java.util.concurrent.Future<List<Difference>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
