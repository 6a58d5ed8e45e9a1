package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.resilience.CircuitBreakerSettings;
import io.strangler.api.InvalidStateRecordException;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.Stage;
import io.strangler.core.state.Ff4jRouteStateStore;
import io.strangler.core.state.RouteStateCodec;
import java.time.Duration;
import java.util.function.Supplier;
import org.ff4j.FF4j;
import org.ff4j.core.Feature;
import org.ff4j.property.PropertyString;
import org.junit.jupiter.api.Test;

class StoreRepairAndLimitsTest {

    @Test
    void aChangeThroughTheRouterRepairsACorruptRecord() {
        FF4j ff4j = new FF4j();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (MigrationRouter router = Strangler.router().ff4j(ff4j).meterRegistry(registry)
                .refreshInterval(Duration.ZERO).build()) {
            Supplier<String> legacy = () -> "legacy";
            Supplier<String> modern = () -> "modern";
            @SuppressWarnings("unchecked")
            Route<Supplier<String>> route = (Route<Supplier<String>>) (Route<?>) router.register(
                    RouteDefinition.builder("greeting", Supplier.class).legacy(legacy).modern(modern)
                            .initialState(s -> s.stage(Stage.MODERN)).build());
            corrupt(ff4j, "greeting", "{\"stage\":\"CANNARY\"");
            router.refresh();
            assertThat(registry.get("strangler.store.errors").tag("kind", "corrupt").functionCounter().count())
                    .isEqualTo(1);
            assertThat(route.state().stage()).isEqualTo(Stage.MODERN);

            route.rollback("ops", "repairing the record");

            router.refresh();
            assertThat(new Ff4jRouteStateStore(ff4j).load("greeting")).get()
                    .satisfies(s -> assertThat(s.stage()).isEqualTo(Stage.DUAL_WRITE));
            assertThat(registry.get("strangler.store.errors").tag("kind", "unavailable").functionCounter().count())
                    .isZero();
        }
    }

    @Test
    void deeplyNestedRecordIsACleanInvalidRecordNotAStackOverflow() {
        String deep = "[".repeat(100_000);
        assertThatThrownBy(() -> RouteStateCodec.decode("r", deep, true))
                .isInstanceOf(InvalidStateRecordException.class)
                .hasMessageContaining("route 'r'")
                .hasMessageContaining("nested deeper than 64");
    }

    @Test
    void slidingWindowLargerThanTheMaximumIsRefusedNamingFieldAndValue() {
        assertThatThrownBy(() -> CircuitBreakerSettings.custom().slidingWindowSize(Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slidingWindowSize")
                .hasMessageContaining(String.valueOf(Integer.MAX_VALUE));
    }

    private static void corrupt(FF4j ff4j, String route, String record) {
        Feature feature = new Feature(ff4j.getFeatureStore().read("strangler." + route));
        feature.getCustomProperties().put(Ff4jRouteStateStore.STATE_PROPERTY,
                new PropertyString(Ff4jRouteStateStore.STATE_PROPERTY, record));
        ff4j.getFeatureStore().update(feature);
    }
}
