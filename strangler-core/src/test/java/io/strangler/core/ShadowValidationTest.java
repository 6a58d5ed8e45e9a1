package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.Operation;
import io.strangler.api.RouteState;
import io.strangler.api.shadow.ShadowSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad shadow settings are refused at once, with a message naming the field (or operation) and the bad value. */
class ShadowValidationTest {

    @Test
    void aWriteCannotBeShadowed() {
        assertThatThrownBy(() -> Operation.write("x").shadowed(true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x'")
                .hasMessageContaining("shadowed=true");
        assertThat(Operation.write("x").shadowed(false).isShadowed()).isFalse();
        assertThat(Operation.read("x").isShadowed()).isTrue();
    }

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
    @ValueSource(doubles = {-0.01, 100.01, 250, Double.NaN})
    void aShadowSampleOutsideZeroToAHundredPercentIsRefused(double percent) {
        assertThatThrownBy(() -> RouteState.builder("catalog").shadowSample(percent))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shadowSample must be between 0 and 100 %, was " + percent);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 10_001})
    void aShadowSampleInBasisPointsOutsideItsRangeIsRefused(int basisPoints) {
        assertThatThrownBy(() -> RouteState.builder("catalog").shadowSampleBasisPoints(basisPoints))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shadowSampleBasisPoints must be between 0 and 10000, was " + basisPoints);
    }

    @Test
    void theEdgesOfTheShadowSampleAreAccepted() {
        assertThat(RouteState.builder("catalog").shadowSample(0).build().shadowSampleBasisPoints()).isZero();
        assertThat(RouteState.builder("catalog").shadowSample(100).build().shadowSampleBasisPoints())
                .isEqualTo(10_000);
        assertThat(RouteState.builder("catalog").shadowSample(0.01).build().shadowSampleBasisPoints()).isEqualTo(1);
    }
}
