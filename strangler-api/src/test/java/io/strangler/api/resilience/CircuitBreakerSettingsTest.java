package io.strangler.api.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CircuitBreakerSettings} refuses bad values at once, with the exception type documented and a message naming
 * the field and the bad value; and holds the documented defaults.
 */
class CircuitBreakerSettingsTest {

    @ParameterizedTest
    @ValueSource(floats = {0, -1, 100.5f, Float.NaN, Float.POSITIVE_INFINITY})
    void failureRateThresholdOutsideZeroExclusiveToHundredIsRefused(float percent) {
        CircuitBreakerSettings.Builder builder = CircuitBreakerSettings.custom();

        assertThatThrownBy(() -> builder.failureRateThreshold(percent))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("failureRateThreshold")
                .hasMessageContaining(String.valueOf(percent));
    }

    @ParameterizedTest
    @ValueSource(floats = {0, -1, 100.5f, Float.NaN})
    void slowCallRateThresholdOutsideZeroExclusiveToHundredIsRefused(float percent) {
        CircuitBreakerSettings.Builder builder = CircuitBreakerSettings.custom();

        assertThatThrownBy(() -> builder.slowCallRateThreshold(percent))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slowCallRateThreshold")
                .hasMessageContaining(String.valueOf(percent));
    }

    @Test
    void rateThresholdBoundsAreAccepted() {
        CircuitBreakerSettings s = CircuitBreakerSettings.custom().failureRateThreshold(100)
                .slowCallRateThreshold(0.5f).build();

        assertThat(s.failureRateThreshold()).isEqualTo(100);
        assertThat(s.slowCallRateThreshold()).isEqualTo(0.5f);
    }

    @Test
    void slowCallDurationMustBePositive() {
        CircuitBreakerSettings.Builder builder = CircuitBreakerSettings.custom();

        assertThatThrownBy(() -> builder.slowCallDuration(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slowCallDuration").hasMessageContaining("PT0S");
        assertThatThrownBy(() -> builder.slowCallDuration(Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slowCallDuration").hasMessageContaining("PT-0.005S");
        assertThatThrownBy(() -> builder.slowCallDuration(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("slowCallDuration");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void slidingWindowSizeBelowOneIsRefused(int size) {
        CircuitBreakerSettings.Builder builder = CircuitBreakerSettings.custom();

        assertThatThrownBy(() -> builder.slidingWindowSize(size))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slidingWindowSize").hasMessageContaining(String.valueOf(size));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -7})
    void minimumNumberOfCallsBelowOneIsRefused(int calls) {
        CircuitBreakerSettings.Builder builder = CircuitBreakerSettings.custom();

        assertThatThrownBy(() -> builder.minimumNumberOfCalls(calls))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minimumNumberOfCalls").hasMessageContaining(String.valueOf(calls));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -2})
    void permittedCallsInHalfOpenStateBelowOneIsRefused(int calls) {
        CircuitBreakerSettings.Builder builder = CircuitBreakerSettings.custom();

        assertThatThrownBy(() -> builder.permittedCallsInHalfOpenState(calls))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("permittedCallsInHalfOpenState").hasMessageContaining(String.valueOf(calls));
    }

    @Test
    void waitDurationInOpenStateMustBeAtLeastOneMillisecond() {
        CircuitBreakerSettings.Builder builder = CircuitBreakerSettings.custom();

        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofNanos(999_999), Duration.ofSeconds(-1)}) {
            assertThatThrownBy(() -> builder.waitDurationInOpenState(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("waitDurationInOpenState").hasMessageContaining(bad.toString());
        }
        assertThatThrownBy(() -> builder.waitDurationInOpenState(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("waitDurationInOpenState");
        assertThat(builder.waitDurationInOpenState(Duration.ofMillis(1)).build().waitDurationInOpenState())
                .isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void aRefusedSetterLeavesTheBuilderUnchanged() {
        CircuitBreakerSettings.Builder builder = CircuitBreakerSettings.custom().slidingWindowSize(10);

        assertThatThrownBy(() -> builder.slidingWindowSize(0)).isInstanceOf(IllegalArgumentException.class);

        assertThat(builder.build().slidingWindowSize()).isEqualTo(10);
    }

    @Test
    void slidingWindowSizeAboveTheMaximumIsRefused() {
        CircuitBreakerSettings.Builder builder = CircuitBreakerSettings.custom();

        assertThatThrownBy(() -> builder.slidingWindowSize(CircuitBreakerSettings.MAX_SLIDING_WINDOW_SIZE + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slidingWindowSize must be at most 100000, was 100001");
        assertThat(builder.slidingWindowSize(CircuitBreakerSettings.MAX_SLIDING_WINDOW_SIZE).build()
                .slidingWindowSize()).isEqualTo(100_000);
    }

    @Test
    void theDefaults() {
        CircuitBreakerSettings defaults = CircuitBreakerSettings.ofDefaults();

        assertThat(defaults.failureRateThreshold()).isEqualTo(50);
        assertThat(defaults.slowCallRateThreshold()).isEqualTo(100);
        assertThat(defaults.slowCallDuration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.slidingWindowSize()).isEqualTo(100);
        assertThat(defaults.minimumNumberOfCalls()).isEqualTo(20);
        assertThat(defaults.waitDurationInOpenState()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.permittedCallsInHalfOpenState()).isEqualTo(5);
        assertThat(CircuitBreakerSettings.custom().build()).isEqualTo(defaults).hasSameHashCodeAs(defaults);
    }

    @Test
    void fromCopiesEverySetting() {
        CircuitBreakerSettings base = CircuitBreakerSettings.custom().failureRateThreshold(25)
                .slowCallRateThreshold(80).slowCallDuration(Duration.ofSeconds(2)).slidingWindowSize(50)
                .minimumNumberOfCalls(10).waitDurationInOpenState(Duration.ofSeconds(5))
                .permittedCallsInHalfOpenState(3).build();

        assertThat(CircuitBreakerSettings.from(base).build()).isEqualTo(base);
        assertThat(CircuitBreakerSettings.from(base).slidingWindowSize(60).build()).isNotEqualTo(base);
        assertThat(base.toString()).contains("failureRateThreshold=25.0%", "slidingWindowSize=50");
    }
}
