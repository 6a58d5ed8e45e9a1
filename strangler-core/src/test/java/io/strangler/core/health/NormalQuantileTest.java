package io.strangler.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NormalQuantileTest {

    /** Reference quantiles to 16 digits (R's qnorm); Acklam's approximation is within 1.15e-9 relative. */
    @ParameterizedTest
    @CsvSource({
        "0.5, 0.0",
        "0.8413447460685429, 1.0",
        "0.95, 1.6448536269514722",
        "0.975, 1.959963984540054",
        "0.99, 2.3263478740408408",
        "0.999, 3.090232306167813",
        "0.9999, 3.719016485455709",
        "0.05, -1.6448536269514722",
        "0.02, -2.053748910631823",
        "0.000001, -4.753424308822899"})
    void matchesReferenceQuantiles(double p, double expected) {
        assertThat(NormalQuantile.inverseCdf(p)).isCloseTo(expected, within(1e-8));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 1, -0.1, 1.5, Double.NaN})
    void rejectsProbabilitiesOutsideTheOpenUnitInterval(double p) {
        assertThatThrownBy(() -> NormalQuantile.inverseCdf(p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p must be in (0, 1)")
                .hasMessageContaining(String.valueOf(p));
    }

    @ParameterizedTest
    @CsvSource({"0.95, 1.6449, 95%", "0.975, 1.9600, 97.5%", "0.999, 3.0902, 99.9%"})
    void confidenceCarriesItsQuantileAndReadableLabel(double level, double z, String label) {
        Confidence confidence = Confidence.of(level);
        assertThat(confidence.z()).isCloseTo(z, within(1e-4));
        assertThat(confidence.label()).isEqualTo(label);
    }
}
