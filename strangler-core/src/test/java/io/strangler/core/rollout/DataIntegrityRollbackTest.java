package io.strangler.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.LatencyDistribution;
import io.strangler.api.Route;
import io.strangler.api.RouteStats;
import io.strangler.api.Side;
import io.strangler.api.Stage;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.resilience.CircuitBreakerState;
import io.strangler.core.Strangler;
import io.strangler.core.fleet.InMemoryFleetStore;
import io.strangler.core.testing.ControllerFixture;
import io.strangler.core.testing.Traffic;
import io.strangler.test.SimulatedService;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "Data validation failures > 0 → immediate, complete": a data-integrity failure found while a route is dual-writing
 * (legacy serving every call) rolls back every route of its scope (all, by default), and ends the dual-writing
 * route's rollout, though that route serves modern nothing. The failures come from another instance of the fleet,
 * which is how a controller learns of them when the verifying instance is not its own.
 */
class DataIntegrityRollbackTest {

    private final ControllerFixture f = new ControllerFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private static RouteStats verified(String route, long integrityFailures) {
        RouteStats.SideStats none = new RouteStats.SideStats(Side.MODERN, 0, 0, 0, 0, LatencyDistribution.EMPTY);
        return new RouteStats(route, new RouteStats.SideStats(Side.LEGACY, 500, 0, 0, 0, LatencyDistribution.EMPTY),
                none, new RouteStats.ShadowStats(0, 0, 0, 0, 0, 0, 0, 0),
                new RouteStats.SecondaryWrites(500, 0, 0, 100, integrityFailures), CircuitBreakerState.CLOSED);
    }

    @Test
    void aDataIntegrityFailureWhileDualWritingRollsBackEveryRouteOfItsScope() {
        Route<SimulatedService> catalog = f.healthyRoute("catalog", Stage.DUAL_WRITE, 0);
        Route<SimulatedService> pricing = f.healthyRoute("pricing", Stage.CANARY, 50);
        InMemoryFleetStore fleet = new InMemoryFleetStore();
        RolloutController controller = Strangler.controller(f.router).clock(f.clock).instance("here").fleet(fleet)
                .plan("catalog", ControllerFixture.PLAN).plan("pricing", ControllerFixture.PLAN).build();
        Traffic traffic = new Traffic(f.clock, controller, 1, 20);
        fleet.publish("verifier", f.clock.instant(), List.of(verified("catalog", 0)));
        traffic.seconds(5, catalog, pricing);
        assertThat(controller.rollbacks()).isEmpty();

        fleet.publish("verifier", f.clock.instant(), List.of(verified("catalog", 1)));
        traffic.seconds(2, catalog, pricing);

        assertThat(controller.rollbacks()).singleElement().satisfies(e -> {
            assertThat(e.trigger()).isEqualTo(TriggerKind.DATA_INTEGRITY);
            assertThat(e.route()).isEqualTo("catalog");
            assertThat(e.routes()).contains("catalog", "pricing");
        });
        assertThat(pricing.state().percentageBasisPoints()).as("the scope is every route").isZero();
        assertThat(controller.status("catalog").phase()).isEqualTo(RolloutStatus.Phase.ROLLED_BACK);
        assertThat(catalog.state().stage()).as("still dual-writing, so that a rollback loses nothing")
                .isEqualTo(Stage.DUAL_WRITE);
        traffic.seconds(30, catalog, pricing);
        assertThat(controller.rollbacks()).as("acted on once").hasSize(1);
    }
}
