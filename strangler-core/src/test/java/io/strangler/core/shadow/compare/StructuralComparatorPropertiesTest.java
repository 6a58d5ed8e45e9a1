package io.strangler.core.shadow.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.compare.Difference;
import io.strangler.api.compare.DifferenceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class StructuralComparatorPropertiesTest {

    private final StructuralComparator comparator = StructuralComparator.builder().maxDifferences(10_000).build();

    @Provide
    Arbitrary<Object> values() {
        Arbitrary<Object> leaves = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 3).map(i -> (Object) i),
                Arbitraries.strings().withChars("ab").ofMaxLength(2).map(s -> (Object) s));
        return Arbitraries.recursive(() -> leaves, this::containers, 0, 3);
    }

    private Arbitrary<Object> containers(Arbitrary<Object> inner) {
        return Arbitraries.oneOf(
                inner.list().ofMaxSize(3).map(l -> (Object) l),
                Arbitraries.maps(Arbitraries.of("x", "y", "z"), inner).ofMaxSize(3).map(m -> (Object) m));
    }

    @Property
    void aValueMatchesACopyOfItself(@ForAll("values") Object value) {
        assertThat(comparator.compare(value, copy(value))).isEmpty();
    }

    @Property
    void swappingTheSidesMirrorsTheDifferences(@ForAll("values") Object legacy, @ForAll("values") Object modern) {
        List<Difference> forth = comparator.compare(legacy, modern);
        List<Difference> back = comparator.compare(modern, legacy);
        assertThat(back).containsExactlyInAnyOrderElementsOf(forth.stream().map(d -> new Difference(d.path(),
                mirror(d.kind()), d.modern(), d.legacy())).toList());
    }

    @Property
    void integerListsMatchExactlyWhenEqual(@ForAll @Size(max = 6) List<@IntRange(max = 3) Integer> legacy,
            @ForAll @Size(max = 6) List<@IntRange(max = 3) Integer> modern) {
        assertThat(comparator.compare(legacy, modern).isEmpty()).isEqualTo(legacy.equals(modern));
    }

    @Property
    void orderIsReportedExactlyForPermutations(@ForAll @Size(max = 6) List<@IntRange(max = 3) Integer> legacy,
            @ForAll @Size(max = 6) List<@IntRange(max = 3) Integer> modern) {
        boolean permutation = !legacy.equals(modern) && sorted(legacy).equals(sorted(modern));
        List<Difference> differences = comparator.compare(legacy, modern);
        assertThat(differences.size() == 1 && differences.get(0).kind() == DifferenceKind.ORDER)
                .isEqualTo(permutation);
    }

    private static List<Integer> sorted(List<Integer> list) {
        List<Integer> copy = new ArrayList<>(list);
        copy.sort(null);
        return copy;
    }

    private static DifferenceKind mirror(DifferenceKind kind) {
        return switch (kind) {
            case MISSING -> DifferenceKind.EXTRA;
            case EXTRA -> DifferenceKind.MISSING;
            default -> kind;
        };
    }

    private static Object copy(Object value) {
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(e -> copy.add(copy(e)));
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, copy(v)));
            return copy;
        }
        return value instanceof String s ? new String(s) : value;
    }
}
