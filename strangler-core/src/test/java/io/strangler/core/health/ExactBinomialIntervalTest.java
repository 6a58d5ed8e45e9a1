package io.strangler.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ExactBinomialIntervalTest {

    private static final Confidence C95 = Confidence.of(0.95);

    @Test
    void fourInThirtyIsNotSignificantlyAboveFivePercentThoughWilsonSaysSo() {
        ExactBinomialInterval exact = ExactBinomialInterval.of(4, 30, C95);
        assertThat(exact.lower()).isCloseTo(0.046855, within(1e-5)).isLessThan(0.05);
        assertThat(exact.upper()).isCloseTo(0.279615, within(1e-5));
        assertThat(WilsonInterval.of(4, 30, C95.z()).lower()).isGreaterThan(0.05);
    }

    @Test
    void noneOrAllHaveTheirClosedForms() {
        ExactBinomialInterval none = ExactBinomialInterval.of(0, 30, C95);
        assertThat(none.lower()).isZero();
        assertThat(none.upper()).isCloseTo(1 - Math.pow(0.05, 1.0 / 30), within(1e-9));
        assertThat(ExactBinomialInterval.of(30, 30, C95).upper()).isEqualTo(1);
        assertThat(ExactBinomialInterval.of(0, 0, C95).upper()).isEqualTo(1);
    }

    @Test
    void manyTrialsUseWilson() {
        ExactBinomialInterval large = ExactBinomialInterval.of(600, 10_000, C95);
        assertThat(large.lower()).isEqualTo(WilsonInterval.of(600, 10_000, C95.z()).lower());
        ExactBinomialInterval edge = ExactBinomialInterval.of(300, 5_000, C95);
        assertThat(edge.lower()).isCloseTo(WilsonInterval.of(300, 5_000, C95.z()).lower(), within(2e-3));
    }

    @Test
    void theCdfSumsWithoutUnderflow() {
        assertThat(ExactBinomialInterval.cdf(2_500, 5_000, 0.5)).isCloseTo(0.5056, within(1e-3));
        assertThat(ExactBinomialInterval.cdf(-1, 10, 0.3)).isZero();
        assertThat(ExactBinomialInterval.cdf(10, 10, 0.3)).isEqualTo(1);
    }

    @Test
    void namesABadCount() {
        assertThatThrownBy(() -> ExactBinomialInterval.of(5, 3, C95)).hasMessage("k must be in [0, n], was k=5, n=3");
    }
}
