package io.strangler.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.Route;
import io.strangler.api.Stage;
import io.strangler.core.RouteStateTestSupport.Service;
import org.ff4j.core.Feature;
import org.ff4j.core.FeatureStore;
import org.ff4j.store.InMemoryFeatureStore;
import org.junit.jupiter.api.Test;

/** The store contract on FF4J's in-memory store, the embedded default. */
class Ff4jStoreInMemoryTest extends Ff4jStoreContract {

    @Override
    FeatureStore newFeatureStore() {
        return new InMemoryFeatureStore();
    }

    @Test
    void theDefaultRouterKeepsStatesInAnInMemoryFf4j() {
        // Strangler.router().build() with no store: works, and two routers don't share state.
        try (var a = io.strangler.core.Strangler.router().refreshInterval(java.time.Duration.ZERO).build();
                var b = io.strangler.core.Strangler.router().refreshInterval(java.time.Duration.ZERO).build()) {
            Route<Service> ra = register(a, s -> s.stage(Stage.CANARY));
            Route<Service> rb = register(b, s -> s.stage(Stage.MODERN));
            ra.setPercentage(50, "alice", "step");
            a.refresh();
            b.refresh();
            assertThat(ra.state().percentageBasisPoints()).isEqualTo(5_000);
            assertThat(rb.state().stage()).isEqualTo(Stage.MODERN);
            assertThat(rb.state().version()).isZero();
        }
    }

    @Test
    void featuresReadFromTheStoreAreNeverMutated() {
        // InMemoryFeatureStore hands out its live objects: a feature somebody read must not change under them.
        Route<Service> route = register(router(), s -> s.stage(Stage.CANARY).percentage(10));
        Feature seen = featureStore.read(FEATURE);
        String recordSeen = seen.getCustomProperties().get(Ff4jRouteStateStore.STATE_PROPERTY).asString();
        route.setPercentage(20, "alice", "step");
        route.setEnabled(false, "alice", "stop");
        assertThat(seen.isEnable()).isTrue();
        assertThat(seen.getCustomProperties().get(Ff4jRouteStateStore.STATE_PROPERTY).asString())
                .isEqualTo(recordSeen);
        assertThat(featureStore.read(FEATURE).isEnable()).isFalse();
    }
}
