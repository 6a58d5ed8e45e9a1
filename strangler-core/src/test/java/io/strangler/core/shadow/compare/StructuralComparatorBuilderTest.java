package io.strangler.core.shadow.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StructuralComparatorBuilderTest {

    private final StructuralComparator.Builder builder = StructuralComparator.builder();

    @Test
    void defaults() {
        StructuralComparator defaults = StructuralComparator.ofDefaults();
        assertThat(defaults.maxDepth()).isEqualTo(32);
        assertThat(defaults.maxDifferences()).isEqualTo(50);
        assertThat(defaults.summaryLength()).isEqualTo(120);
        assertThat(defaults.tolerance()).isZero();
        assertThat(StructuralComparator.ofDefaults()).isSameAs(defaults);
    }

    @Test
    void settingsAreKept() {
        StructuralComparator comparator = builder.maxDepth(3).maxDifferences(7).summaryLength(40).tolerance(0.5)
                .ignore("$.a").normalize("$.b", UnaryOperator.identity()).unordered("$.c").build();
        assertThat(comparator.maxDepth()).isEqualTo(3);
        assertThat(comparator.maxDifferences()).isEqualTo(7);
        assertThat(comparator.summaryLength()).isEqualTo(40);
        assertThat(comparator.tolerance()).isEqualTo(0.5);
        assertThat(comparator).hasToString("StructuralComparator{maxDepth=3, maxDifferences=7, summaryLength=40, "
                + "tolerance=0.5, ignore=[$.a], normalize=[$.b], unordered=[$.c]}");
    }

    @Test
    void builtComparatorsDoNotChangeWithTheBuilder() {
        StructuralComparator first = builder.build();
        builder.ignore("$").maxDifferences(1);
        assertThat(first.compare(1, 2)).hasSize(1);
        assertThat(first.maxDifferences()).isEqualTo(50);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void maxDepthMustBePositive(int value) {
        assertThatThrownBy(() -> builder.maxDepth(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxDepth must be at least 1, was " + value);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void maxDifferencesMustBePositive(int value) {
        assertThatThrownBy(() -> builder.maxDifferences(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxDifferences must be at least 1, was " + value);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void summaryLengthMustBePositive(int value) {
        assertThatThrownBy(() -> builder.summaryLength(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("summaryLength must be at least 1, was " + value);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.001, -1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void toleranceMustBeFiniteAndNotNegative(double value) {
        assertThatThrownBy(() -> builder.tolerance(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tolerance must be finite and at least 0, was " + value);
    }

    @Test
    void ignoreRejectsNullAndBadPatterns() {
        assertThatThrownBy(() -> builder.ignore(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("pathPattern");
        assertThatThrownBy(() -> builder.ignore("items[*]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'items[*]'");
    }

    @Test
    void normalizeRejectsNullsAndBadPatterns() {
        assertThatThrownBy(() -> builder.normalize(null, UnaryOperator.identity()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("pathPattern");
        assertThatThrownBy(() -> builder.normalize("$.name", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("normaliser");
        assertThatThrownBy(() -> builder.normalize("$..name", UnaryOperator.identity()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'$..name'");
    }

    @Test
    void unorderedRejectsNullAndBadPatterns() {
        assertThatThrownBy(() -> builder.unordered(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("pathPattern");
        assertThatThrownBy(() -> builder.unordered("$.skills["))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'$.skills['");
    }
}
