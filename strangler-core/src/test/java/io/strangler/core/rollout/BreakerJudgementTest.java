package io.strangler.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.Route;
import io.strangler.api.Stage;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings;
import io.strangler.api.resilience.CircuitBreakerState;
import io.strangler.core.Strangler;
import io.strangler.core.testing.ControllerFixture;
import io.strangler.core.testing.Traffic;
import io.strangler.test.SimulatedService;
import io.strangler.test.SimulatedSide;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An open breaker must not blind the controller: calls routed to modern that legacy answered count against modern,
 * no step is taken while modern's breaker is open whatever triggers are on, and a person who restarts a rollout the
 * breaker rolled back gets a breaker that can let modern be tried again.
 */
class BreakerJudgementTest {

    private final ControllerFixture f = new ControllerFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private static TriggerSettings.Builder without(TriggerKind... kinds) {
        TriggerSettings.Builder b = TriggerSettings.custom();
        for (TriggerKind kind : kinds) {
            b.enabled(kind, false);
        }
        return b;
    }

    @Test
    void callsTheOpenBreakerKeptFromModernCountAgainstModern() {
        Route<SimulatedService> route = f.route("search", f.side("legacy", 0), f.side("modern", 1.0), Stage.CANARY,
                10);
        RolloutController controller = Strangler.controller(f.router).clock(f.clock)
                .plan("search", ControllerFixture.PLAN)
                .triggers("search", without(TriggerKind.BREAKER_OPEN).build()).build();
        Traffic traffic = new Traffic(f.clock, controller, 1, 50);

        int seconds = 0;
        while (controller.rollbacks().isEmpty() && seconds < 120) {
            traffic.second(route);
            seconds++;
        }

        assertThat(controller.rollbacks()).as("the breaker opened after some 20 modern calls; the calls it kept "
                + "from modern are modern's failures").singleElement()
                .satisfies(e -> assertThat(e.trigger()).isEqualTo(TriggerKind.ERROR_RATE));
        assertThat(seconds).isLessThan(60);
        assertThat(route.state().percentageBasisPoints()).isZero();
    }

    @Test
    void noStepIsTakenWhileModernsBreakerIsOpenWhateverTriggersAreOn() {
        Route<SimulatedService> route = f.route("search", f.side("legacy", 0), f.side("modern", 1.0), Stage.CANARY,
                10);
        RolloutController controller = Strangler.controller(f.router).clock(f.clock)
                .plan("search", ControllerFixture.PLAN)
                .triggers("search", without(TriggerKind.values()).build()).build();
        Traffic traffic = new Traffic(f.clock, controller, 1, 50);

        traffic.seconds(700, route);

        assertThat(route.state().percentage()).as("two bakes passed, but the breaker was open").isEqualTo(10.0);
        assertThat(controller.status("search").reason()).contains("not moving while modern's circuit breaker is");
    }

    @Test
    void aRestartAfterABreakerRollbackLetsModernBeTriedAgain() {
        SimulatedSide modern = f.side("modern", 1.0);
        Route<SimulatedService> route = f.route("search", f.side("legacy", 0), modern, Stage.CANARY, 10);
        RolloutController controller = Strangler.controller(f.router).clock(f.clock)
                .plan("search", ControllerFixture.PLAN).build();
        Traffic traffic = new Traffic(f.clock, controller, 1, 50);
        while (controller.rollbacks().isEmpty()) {
            traffic.second(route);
        }
        traffic.seconds(120, route);
        assertThat(route.circuitBreakerState()).as("nothing reaches modern once rolled back")
                .isEqualTo(CircuitBreakerState.OPEN);

        modern.errorRate(0);                     // the fix ships
        controller.restart("search", "alice");
        traffic.seconds(120, route);

        assertThat(route.circuitBreakerState()).isEqualTo(CircuitBreakerState.CLOSED);
        assertThat(route.state().percentage()).as("the rollout started again").isEqualTo(10.0);
        assertThat(controller.status("search").phase()).isEqualTo(RolloutStatus.Phase.RUNNING);
    }
}
