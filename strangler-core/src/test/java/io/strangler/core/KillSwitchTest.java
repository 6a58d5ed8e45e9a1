package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.RoutingDecision.Reason;
import io.strangler.api.Stage;
import io.strangler.api.Side;
import io.strangler.core.RouteStateTestSupport.Service;
import io.strangler.core.RouteStateTestSupport.FakeSide;
import io.strangler.core.state.Ff4jRouteStateStore;
import io.strangler.core.testing.MutableClock;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.ff4j.FF4j;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The kill switch is the FF4J feature's enabled flag, which operators turn in the FF4J console, outside Strangler's
 * versioned record. A state change made here must never turn it back.
 */
class KillSwitchTest {

    private static final String FEATURE = "strangler.svc";

    private final MutableClock clock = MutableClock.startingAt("2026-11-21T10:00:00Z");
    private final FF4j ff4j = new FF4j();
    private final MigrationRouter router = Strangler.router().clock(clock).ff4j(ff4j).refreshInterval(Duration.ZERO)
            .build();

    @AfterEach
    void close() {
        router.close();
    }

    private Route<Service> register(MigrationRouter router, UnaryOperator<RouteState.Builder> initial) {
        return router.register(RouteDefinition.builder("svc", Service.class).legacy(new FakeSide("legacy"))
                .modern(new FakeSide("modern")).initialState(initial).build());
    }

    private boolean featureEnabled() {
        return ff4j.getFeatureStore().read(FEATURE).isEnable();
    }

    @Test
    void aKillSwitchTurnedInTheConsoleSurvivesAChangeMadeHereBeforeTheRefresh() {
        Route<Service> route = register(router, s -> s.stage(Stage.CANARY).percentage(10));
        // The operator pulls the kill switch; this instance has not refreshed yet when the rollout advances.
        ff4j.getFeatureStore().disable(FEATURE);
        RouteState advanced = route.setPercentage(25, "controller", "step 2");
        assertThat(featureEnabled()).as("the operator's kill switch").isFalse();
        assertThat(advanced.enabled()).isFalse();
        assertThat(advanced.percentageBasisPoints()).isEqualTo(2_500);
        assertThat(route.decide("user-1")).isEqualTo(Side.LEGACY);
        assertThat(route.explain("user-1").reason()).isEqualTo(Reason.DISABLED);
        router.refresh();
        assertThat(route.decide("user-1")).isEqualTo(Side.LEGACY);
        assertThat(new Ff4jRouteStateStore(ff4j).load("svc").orElseThrow().percentageBasisPoints())
                .isEqualTo(2_500);
    }

    @Test
    void aRouteEnabledAgainInTheConsoleIsNotDisabledByAChangeMadeHere() {
        Route<Service> route = register(router, s -> s.stage(Stage.CANARY).percentage(100));
        route.setEnabled(false, "oncall", "incident");
        ff4j.getFeatureStore().enable(FEATURE);
        route.update("oncall", "note the ticket", b -> b.cohort("hiring"));
        assertThat(featureEnabled()).isTrue();
        assertThat(route.state().enabled()).isTrue();
        assertThat(route.decide("user-1")).isEqualTo(Side.MODERN);
    }

    @Test
    void theKillSwitchTurnedThroughTheApiIsTheFeatureFlagAndReachesOtherInstances() {
        Route<Service> here = register(router, s -> s.stage(Stage.MODERN));
        try (MigrationRouter other = Strangler.router().clock(clock).ff4j(ff4j).refreshInterval(Duration.ZERO)
                .build()) {
            Route<Service> there = register(other, s -> s);
            here.setEnabled(false, "oncall", "incident");
            assertThat(featureEnabled()).isFalse();
            assertThat(there.decide("user-1")).isEqualTo(Side.MODERN);
            other.refresh();
            assertThat(there.decide("user-1")).isEqualTo(Side.LEGACY);
            assertThat(there.state().revision().changedBy()).isEqualTo("oncall");
            here.setEnabled(true, "oncall", "resolved");
            other.refresh();
            assertThat(there.decide("user-1")).isEqualTo(Side.MODERN);
        }
    }
}
