package io.strangler.core.shadow.compare;

import static io.strangler.api.compare.DifferenceKind.VALUE;
import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.compare.Difference;
import io.strangler.api.compare.ResultComparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class EqualityComparatorTest {

    private final ResultComparator equality = StructuralComparator.equality();

    @Test
    void equalValuesMatch() {
        assertThat(equality.compare(null, null)).isEmpty();
        assertThat(equality.compare("a", "a")).isEmpty();
        assertThat(equality.compare(List.of(1, 2), List.of(1, 2))).isEmpty();
    }

    @Test
    void anythingElseIsOneValueDifferenceAtTheRoot() {
        assertThat(equality.compare("a", "b")).containsExactly(new Difference("$", VALUE, "\"a\"", "\"b\""));
        assertThat(equality.compare(null, 1)).containsExactly(new Difference("$", VALUE, "null", "1"));
        assertThat(equality.compare(List.of(1, 2), List.of(2, 1)))
                .containsExactly(new Difference("$", VALUE, "[1, 2]", "[2, 1]"));
    }

    @Test
    void arraysAreEqualOnlyWhenTheSame() {
        int[] array = {1};
        assertThat(equality.compare(array, array)).isEmpty();
        assertThat(equality.compare(array, new int[] {1}))
                .containsExactly(new Difference("$", VALUE, "[1]", "[1]"));
    }

    @Test
    void summariesAreBounded() {
        Difference difference = equality.compare("x".repeat(1000), "y").get(0);
        assertThat(difference.legacy()).hasSize(StructuralComparator.DEFAULT_SUMMARY_LENGTH).endsWith("…");
    }

    @Test
    void isShared() {
        assertThat(StructuralComparator.equality()).isSameAs(equality)
                .hasToString("StructuralComparator.equality()");
    }
}
