package io.strangler.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WilsonIntervalTest {

    private static final double Z_TWO_SIDED_95 = 1.959963984540054;
    private static final double Z_ONE_SIDED_95 = 1.6448536269514722;

    /** The score intervals of Newcombe (Statistics in Medicine 17, 1998, p. 857), Table I, to 4 decimals. */
    @ParameterizedTest
    @CsvSource({
        "81, 263, 0.2553, 0.3662",
        "15, 148, 0.0624, 0.1605",
        "0, 20, 0.0, 0.1611",
        "1, 29, 0.0061, 0.1718"})
    void matchesNewcombesPublishedIntervals(long k, long n, double lower, double upper) {
        WilsonInterval interval = WilsonInterval.of(k, n, Z_TWO_SIDED_95);
        assertThat(interval.lower()).isCloseTo(lower, within(5e-5));
        assertThat(interval.upper()).isCloseTo(upper, within(5e-5));
    }

    @Test
    void twentyErrorsInAHundredHaveAOneSidedLowerBoundAboveFivePercent() {
        WilsonInterval interval = WilsonInterval.of(20, 100, Z_ONE_SIDED_95);
        assertThat(interval.estimate()).isEqualTo(0.2);
        assertThat(interval.lower()).isCloseTo(0.1425, within(5e-5));
        assertThat(interval.upper()).isCloseTo(0.2733, within(5e-5));
    }

    @Test
    void oneErrorInThreeCallsHasABoundAboveFivePercentWhichIsWhyTriggersNeedAMinimumSample() {
        assertThat(WilsonInterval.of(1, 3, Z_ONE_SIDED_95).lower()).isGreaterThan(0.05);
    }

    /** Backs the minimum sample of 30 calls: fewer than 4 errors in 30 never carries the bound above 5 %. */
    @Test
    void atThirtyCallsFourErrorsAreTheFewestThatBoundTheRateAboveFivePercent() {
        assertThat(WilsonInterval.of(3, 30, Z_ONE_SIDED_95).lower()).isLessThan(0.05);
        assertThat(WilsonInterval.of(4, 30, Z_ONE_SIDED_95).lower()).isGreaterThan(0.05);
    }

    /** Backs the minimum sample of 100 comparisons: two mismatches in 100 do not bound the rate above 1 %. */
    @Test
    void atAHundredComparisonsThreeMismatchesAreTheFewestThatBoundTheRateAboveOnePercent() {
        assertThat(WilsonInterval.of(2, 100, Z_ONE_SIDED_95).lower()).isLessThan(0.01);
        assertThat(WilsonInterval.of(3, 100, Z_ONE_SIDED_95).lower()).isGreaterThan(0.01);
    }

    @Test
    void boundsAreExactAtTheEdges() {
        assertThat(WilsonInterval.of(0, 50, Z_ONE_SIDED_95).lower()).isZero();
        assertThat(WilsonInterval.of(50, 50, Z_ONE_SIDED_95).upper()).isEqualTo(1.0);
    }

    @Test
    void noTrialsGiveTheWholeUnitInterval() {
        WilsonInterval interval = WilsonInterval.of(0, 0, Z_ONE_SIDED_95);
        assertThat(interval.estimate()).isNaN();
        assertThat(interval.lower()).isZero();
        assertThat(interval.upper()).isEqualTo(1.0);
    }

    @Test
    void rejectsMoreSuccessesThanTrials() {
        assertThatThrownBy(() -> WilsonInterval.of(4, 3, Z_ONE_SIDED_95))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("k must be in [0, n], was k=4, n=3");
    }

    @Test
    void rejectsANonPositiveZ() {
        assertThatThrownBy(() -> WilsonInterval.of(1, 3, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("z must be positive, was 0.0");
    }
}
