package io.strangler.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NewcombeIntervalTest {

    private static final double Z_TWO_SIDED_95 = 1.959963984540054;
    private static final double Z_ONE_SIDED_95 = 1.6448536269514722;

    /** Method 10 of Newcombe (Statistics in Medicine 17, 1998, p. 873), examples (a), (b) and (d), to 4 decimals. */
    @ParameterizedTest
    @CsvSource({
        "56, 70, 48, 80, 0.0524, 0.3339",
        "9, 10, 3, 10, 0.1705, 0.8090",
        "5, 56, 0, 29, -0.0381, 0.1926"})
    void matchesNewcombesPublishedIntervals(long k1, long n1, long k2, long n2, double lower, double upper) {
        NewcombeInterval interval = NewcombeInterval.of(WilsonInterval.of(k1, n1, Z_TWO_SIDED_95),
                WilsonInterval.of(k2, n2, Z_TWO_SIDED_95));
        assertThat(interval.lower()).isCloseTo(lower, within(5e-5));
        assertThat(interval.upper()).isCloseTo(upper, within(5e-5));
    }

    @Test
    void equalRatesAreNotSignificantlyDifferent() {
        NewcombeInterval interval = NewcombeInterval.of(WilsonInterval.of(100, 10_000, Z_ONE_SIDED_95),
                WilsonInterval.of(100, 10_000, Z_ONE_SIDED_95));
        assertThat(interval.estimate()).isZero();
        assertThat(interval.lower()).isNegative();
        assertThat(interval.upper()).isPositive();
    }

    @Test
    void twentyPercentAgainstHalfAPercentIsSignificantlyWorseOnFewCalls() {
        NewcombeInterval interval = NewcombeInterval.of(WilsonInterval.of(6, 30, Z_ONE_SIDED_95),
                WilsonInterval.of(1, 200, Z_ONE_SIDED_95));
        assertThat(interval.lower()).isPositive();
    }

    @Test
    void needsTrialsOnBothSides() {
        assertThatThrownBy(() -> NewcombeInterval.of(WilsonInterval.of(1, 10, Z_ONE_SIDED_95),
                WilsonInterval.of(0, 0, Z_ONE_SIDED_95)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("both proportions need trials, were n=10 and n=0");
    }
}
