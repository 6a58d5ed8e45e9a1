package io.strangler.api.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.compare.ExceptionEquivalence;
import io.strangler.api.compare.ResultComparator;
import io.strangler.api.spi.ArgumentCopier;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad shadow settings are refused at once, with a message naming the field and the bad value; the defaults. */
class ShadowSettingsTest {

    @Test
    void aNegativeShadowTimeoutIsRefused() {
        assertThatThrownBy(() -> ShadowSettings.custom().timeout(Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shadow.timeout must be positive, was PT-0.005S");
    }

    @Test
    void aZeroShadowTimeoutIsRefused() {
        assertThatThrownBy(() -> ShadowSettings.custom().timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shadow.timeout must be positive, was PT0S");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 100.01, Double.NaN})
    void aNoiseSampleOutsideZeroToAHundredPercentIsRefused(double percent) {
        assertThatThrownBy(() -> ShadowSettings.custom().noiseSamplePercentage(percent))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shadow.noiseSamplePercentage must be between 0 and 100 %, was " + percent);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void aNoiseThresholdBelowOneIsRefused(int threshold) {
        assertThatThrownBy(() -> ShadowSettings.custom().noiseThreshold(threshold))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shadow.noiseThreshold must be at least 1, was " + threshold);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -100})
    void aMismatchBufferBelowOneIsRefused(int size) {
        assertThatThrownBy(() -> ShadowSettings.custom().mismatchBufferSize(size))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shadow.mismatchBufferSize must be at least 1, was " + size);
    }

    @Test
    void nullsAreRefusedNamingTheField() {
        ShadowSettings.Builder builder = ShadowSettings.custom();

        assertThatThrownBy(() -> builder.timeout(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("shadow.timeout");
        assertThatThrownBy(() -> builder.sampling(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("shadow.sampling");
        assertThatThrownBy(() -> builder.comparator(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("shadow.comparator");
        assertThatThrownBy(() -> builder.exceptionEquivalence(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("shadow.exceptionEquivalence");
        assertThatThrownBy(() -> builder.argumentCopier(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("shadow.argumentCopier");
    }

    @Test
    void theDefaults() {
        ShadowSettings defaults = ShadowSettings.ofDefaults();

        assertThat(defaults.timeout()).isEqualTo(ShadowSettings.DEFAULT_TIMEOUT).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.sampling()).isEqualTo(ShadowSampling.PER_CALL);
        assertThat(defaults.comparator()).as("the structural comparator of strangler-core").isNull();
        assertThat(defaults.exceptionEquivalence()).isSameAs(ExceptionEquivalence.sameTypeAndMessage());
        assertThat(defaults.argumentCopier()).isNull();
        assertThat(defaults.noiseSampleBasisPoints()).isZero();
        assertThat(defaults.noiseThreshold()).isEqualTo(2);
        assertThat(defaults.mismatchBufferSize()).isEqualTo(100);
    }

    @Test
    void fromCopiesEverySetting() {
        ResultComparator comparator = (legacy, modern) -> List.of();
        ArgumentCopier copier = (method, arguments) -> arguments.clone();
        ShadowSettings base = ShadowSettings.custom().timeout(Duration.ofMillis(500))
                .sampling(ShadowSampling.PER_KEY).comparator(comparator)
                .exceptionEquivalence(ExceptionEquivalence.sameType()).argumentCopier(copier)
                .noiseSamplePercentage(1.5).noiseThreshold(4).mismatchBufferSize(10).build();

        ShadowSettings copy = ShadowSettings.from(base).build();

        assertThat(copy.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(copy.sampling()).isEqualTo(ShadowSampling.PER_KEY);
        assertThat(copy.comparator()).isSameAs(comparator);
        assertThat(copy.exceptionEquivalence()).isSameAs(ExceptionEquivalence.sameType());
        assertThat(copy.argumentCopier()).isSameAs(copier);
        assertThat(copy.noiseSampleBasisPoints()).isEqualTo(150);
        assertThat(copy.noiseThreshold()).isEqualTo(4);
        assertThat(copy.mismatchBufferSize()).isEqualTo(10);
        assertThat(copy.toString()).isEqualTo(base.toString());
    }
}
