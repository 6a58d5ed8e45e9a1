package io.strangler.core.shadow.compare;

import static io.strangler.api.compare.DifferenceKind.EXTRA;
import static io.strangler.api.compare.DifferenceKind.ORDER;
import static io.strangler.api.compare.DifferenceKind.VALUE;
import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.compare.Difference;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StructuralComparatorBoundsTest {

    record Box(Object inner) {
    }

    /** A bean that may point at itself. */
    static final class Node {
        private final String name;
        private Node next;

        Node(String name) {
            this.name = name;
        }

        public String getName() {
            return name;
        }

        public Node getNext() {
            return next;
        }
    }

    /** An identity-equal bean: beyond maxDepth, two of them with the same content still differ. */
    static final class Point {
        private final int x;

        Point(int x) {
            this.x = x;
        }

        public int getX() {
            return x;
        }
    }

    /** A list that counts how many of its elements were read. */
    static final class CountingList extends AbstractList<Integer> {
        private final int size;
        private final int offset;
        private int reads;

        CountingList(int size, int offset) {
            this.size = size;
            this.offset = offset;
        }

        @Override
        public Integer get(int index) {
            reads++;
            return index + offset;
        }

        @Override
        public int size() {
            return size;
        }
    }

    @Test
    void selfReferencingBeansTerminate() {
        Node legacy = new Node("a");
        legacy.next = legacy;
        Node modern = new Node("b");
        modern.next = modern;
        assertThat(StructuralComparator.ofDefaults().compare(legacy, modern))
                .containsExactly(new Difference("$.name", VALUE, "\"a\"", "\"b\""));
    }

    @Test
    void longerCyclesTerminate() {
        Node a = new Node("a");
        Node b = new Node("b");
        a.next = b;
        b.next = a;
        Node c = new Node("a");
        Node d = new Node("x");
        c.next = d;
        d.next = c;
        assertThat(StructuralComparator.ofDefaults().compare(a, c))
                .containsExactly(new Difference("$.next.name", VALUE, "\"b\"", "\"x\""));
    }

    @Test
    void cyclicListsTerminate() {
        List<Object> legacy = new ArrayList<>();
        legacy.add(legacy);
        legacy.add(1);
        List<Object> modern = new ArrayList<>();
        modern.add(modern);
        modern.add(2);
        List<Difference> differences = StructuralComparator.ofDefaults().compare(legacy, modern);
        assertThat(differences).extracting(Difference::path).containsExactly("$[1]");
        assertThat(differences.get(0).legacy()).isEqualTo("1");
    }

    @Test
    void maxDifferencesBoundsAMillionElementList() {
        List<Integer> legacy = IntStream.range(0, 1_000_000).boxed().toList();
        List<Integer> modern = IntStream.range(1, 1_000_001).boxed().toList();
        List<Difference> differences = StructuralComparator.ofDefaults().compare(legacy, modern);
        assertThat(differences).hasSize(StructuralComparator.DEFAULT_MAX_DIFFERENCES);
        assertThat(differences.get(0)).isEqualTo(new Difference("$[0]", VALUE, "0", "1"));
        assertThat(differences.get(49)).isEqualTo(new Difference("$[49]", VALUE, "49", "50"));
    }

    @Test
    void theWalkStopsReadingAtMaxDifferences() {
        CountingList legacy = new CountingList(1_000_000, 0);
        CountingList modern = new CountingList(1_000_001, 1);
        List<Difference> differences = StructuralComparator.builder().maxDifferences(10).build()
                .compare(legacy, modern);
        assertThat(differences).hasSize(10);
        assertThat(legacy.reads).isLessThanOrEqualTo(11);
        assertThat(modern.reads).isLessThanOrEqualTo(11);
    }

    @Test
    void aReversedMillionElementListIsOneOrderDifference() {
        List<Integer> legacy = IntStream.range(0, 1_000_000).boxed().toList();
        List<Integer> modern = new ArrayList<>(legacy);
        Collections.reverse(modern);
        List<Difference> differences = StructuralComparator.ofDefaults().compare(legacy, modern);
        assertThat(differences).extracting(Difference::path, Difference::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("$", ORDER));
        assertThat(differences.get(0).legacy()).hasSizeLessThanOrEqualTo(StructuralComparator.DEFAULT_SUMMARY_LENGTH)
                .startsWith("[0, 1, 2, ").endsWith("…");
    }

    @Test
    void maxDifferencesAlsoBoundsTails() {
        List<Difference> differences = StructuralComparator.builder().maxDifferences(3).build()
                .compare(List.of(), IntStream.range(0, 100).boxed().toList());
        assertThat(differences).extracting(Difference::path).containsExactly("$[0]", "$[1]", "$[2]");
        assertThat(differences).extracting(Difference::kind).containsOnly(EXTRA);
    }

    @Test
    void valuesAtMaxDepthAreComparedWithEquals() {
        Box legacy = new Box(new Box(List.of(1)));
        Box modern = new Box(new Box(List.of(2)));
        assertThat(StructuralComparator.ofDefaults().compare(legacy, modern)).extracting(Difference::path)
                .containsExactly("$.inner.inner[0]");
        assertThat(StructuralComparator.builder().maxDepth(2).build().compare(legacy, modern))
                .containsExactly(new Difference("$.inner.inner", VALUE, "[1]", "[2]"));
        assertThat(StructuralComparator.builder().maxDepth(2).build()
                .compare(new Box(new Box(List.of(1))), new Box(new Box(List.of(1))))).isEmpty();
    }

    @Test
    void beansWithoutEqualsDifferBeyondMaxDepth() {
        StructuralComparator shallow = StructuralComparator.builder().maxDepth(1).build();
        assertThat(shallow.compare(new Box(new Point(1)), new Box(new Point(1))))
                .extracting(Difference::path, Difference::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("$.inner", VALUE));
        assertThat(StructuralComparator.ofDefaults().compare(new Box(new Point(1)), new Box(new Point(1))))
                .isEmpty();
    }

    @Test
    void deepChainsStopAtMaxDepth() {
        Object legacy = "end";
        Object modern = "END";
        for (int i = 0; i < 200; i++) {
            legacy = new Box(legacy);
            modern = new Box(modern);
        }
        List<Difference> differences = StructuralComparator.ofDefaults().compare(legacy, modern);
        assertThat(differences).hasSize(1);
        assertThat(differences.get(0).path()).isEqualTo("$" + ".inner".repeat(32));
        assertThat(differences.get(0).kind()).isEqualTo(VALUE);
    }

    @Test
    void summariesAreTruncated() {
        StructuralComparator comparator = StructuralComparator.builder().summaryLength(10).build();
        assertThat(comparator.compare("abcdefghijklmnop", "x"))
                .containsExactly(new Difference("$", VALUE, "\"abcdefgh…", "\"x\""));
        assertThat(comparator.compare(IntStream.range(0, 1000).boxed().toList(), List.of()).get(0).legacy())
                .isEqualTo("0");
        Difference whole = comparator
                .compare(new Box(new ArrayList<>(IntStream.range(0, 1000).boxed().toList())), new Box(1)).get(0);
        assertThat(whole.legacy()).isEqualTo("ArrayList…");
        assertThat(whole.modern()).isEqualTo("Integer: 1");
    }
}
