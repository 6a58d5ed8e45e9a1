package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.resilience.CircuitBreakerSettings;
import io.strangler.api.resilience.RetrySettings;
import io.strangler.api.RouteState;
import io.strangler.api.spi.RouteStateStore;
import java.time.Duration;
import java.util.Optional;
import org.ff4j.FF4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Settings builders refuse bad values at once, with the exception type documented and a message naming the field
 * and the bad value: {@link CircuitBreakerSettings}, {@link RetrySettings}, {@link RouterBuilder}.
 */
class ValidationTest {

    // ------------------------------------------------------------------ CircuitBreakerSettings

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

    // ------------------------------------------------------------------ RetrySettings

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void maxAttemptsBelowOneIsRefused(int attempts) {
        assertThatThrownBy(() -> RetrySettings.of(attempts, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxAttempts").hasMessageContaining(String.valueOf(attempts));
    }

    @Test
    void negativeRetryWaitIsRefused() {
        assertThatThrownBy(() -> RetrySettings.of(3, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("waitDuration").hasMessageContaining("PT-0.001S");
        assertThatThrownBy(() -> RetrySettings.of(3, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("waitDuration");
    }

    @Test
    void oneAttemptMeansNoRetry() {
        assertThat(RetrySettings.of(1, Duration.ofSeconds(5)).enabled()).isFalse();
        assertThat(RetrySettings.of(2, Duration.ZERO).enabled()).isTrue();
    }

    // ------------------------------------------------------------------ RouterBuilder

    @Test
    void negativeRefreshIntervalIsRefused() {
        RouterBuilder builder = Strangler.router();

        assertThatThrownBy(() -> builder.refreshInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refreshInterval").hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> builder.refreshInterval(Duration.ofNanos(500_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refreshInterval").hasMessageContaining("PT0.0005S");
        assertThatThrownBy(() -> builder.refreshInterval(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("refreshInterval");
    }

    @Test
    void maxStalenessMustBePositive() {
        RouterBuilder builder = Strangler.router();

        assertThatThrownBy(() -> builder.maxStaleness(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxStaleness").hasMessageContaining("PT0S");
        assertThatThrownBy(() -> builder.maxStaleness(Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxStaleness").hasMessageContaining("PT-1M");
        assertThatThrownBy(() -> builder.maxStaleness(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("maxStaleness");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -16})
    void legacyTimingOneInBelowOneIsRefused(int n) {
        RouterBuilder builder = Strangler.router();

        assertThatThrownBy(() -> builder.legacyTimingOneIn(n))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("legacyTimingOneIn").hasMessageContaining(String.valueOf(n));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1})
    void pinMaximumSizeBelowOneIsRefused(long size) {
        RouterBuilder builder = Strangler.router();

        assertThatThrownBy(() -> builder.pinMaximumSize(size))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pinMaximumSize").hasMessageContaining(String.valueOf(size));
    }

    @Test
    void ff4jAndStateStoreTogetherAreRefusedInEitherOrder() {
        RouteStateStore store = new RouteStateStore() {
            @Override
            public Optional<RouteState> load(String route) {
                return Optional.empty();
            }

            @Override
            public RouteState createIfAbsent(RouteState initial) {
                return initial;
            }

            @Override
            public boolean compareAndSet(long expectedVersion, RouteState next) {
                return true;
            }
        };

        RouterBuilder ff4jFirst = Strangler.router().ff4j(new FF4j());
        assertThatThrownBy(() -> ff4jFirst.stateStore(store)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ff4j").hasMessageContaining("stateStore");

        RouterBuilder storeFirst = Strangler.router().stateStore(store);
        assertThatThrownBy(() -> storeFirst.ff4j(new FF4j())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ff4j").hasMessageContaining("stateStore");
    }

    @Test
    void nullCollaboratorsAreRefusedNamingTheField() {
        RouterBuilder builder = Strangler.router();

        assertThatThrownBy(() -> builder.clock(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("clock");
        assertThatThrownBy(() -> builder.meterRegistry(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("meterRegistry");
        assertThatThrownBy(() -> builder.listener(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("listener");
        assertThatThrownBy(() -> builder.route(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("route definition");
        assertThatThrownBy(() -> builder.ff4j(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("ff4j");
    }

    @Test
    void zeroRefreshIntervalIsAccepted() {
        Strangler.router().refreshInterval(Duration.ZERO).build().close();
    }
}
