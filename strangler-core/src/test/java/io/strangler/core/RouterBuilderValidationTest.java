package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.RouteState;
import io.strangler.api.spi.RouteStateStore;
import java.time.Duration;
import java.util.Optional;
import org.ff4j.FF4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RouterBuilder} refuses bad values at once, with the exception type documented and a message naming the
 * field and the bad value. The API's settings types are tested in strangler-api.
 */
class RouterBuilderValidationTest {

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
