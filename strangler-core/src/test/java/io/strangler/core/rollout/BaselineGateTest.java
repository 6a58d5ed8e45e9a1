package io.strangler.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.Route;
import io.strangler.api.Stage;
import io.strangler.core.Strangler;
import io.strangler.core.testing.ControllerFixture;
import io.strangler.core.testing.Traffic;
import io.strangler.test.SimulatedService;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * No step before a pre-migration baseline: a controller deployed on a service that has run on legacy takes its first
 * step only once it has seen legacy serve alone for the gate's window with enough timed calls, so that the latency
 * trigger has a real legacy baseline (not a stand-in captured later with modern serving); the status says what it
 * waits for.
 */
class BaselineGateTest {

    private final ControllerFixture f = new ControllerFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void theFirstStepWaitsForAMinuteOfLegacyAlone() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        RolloutController controller = Strangler.controller(f.router).clock(f.clock)
                .plan("search", ControllerFixture.PLAN).build();
        Traffic traffic = new Traffic(f.clock, controller, 1, 20);

        traffic.seconds(30, route);
        assertThat(route.state().percentage()).isZero();
        assertThat(controller.status("search").phase()).isEqualTo(RolloutStatus.Phase.NOT_STARTED);
        assertThat(controller.status("search").reason()).startsWith("waiting for a pre-migration baseline of "
                + "legacy: legacy seen serving alone for 29 s of the 60 s needed");

        traffic.seconds(32, route);
        assertThat(route.state().percentage()).isEqualTo(10.0);
        assertThat(controller.baseline("search")).as("captured before modern served").get()
                .satisfies(b -> assertThat(b.timedCalls()).isGreaterThanOrEqualTo(30));
    }

    @Test
    void tooFewTimedLegacyCallsKeepTheRolloutWaiting() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        RolloutController controller = Strangler.controller(f.router).clock(f.clock)
                .plan("search", ControllerFixture.PLAN).baselineGate(Duration.ofSeconds(30), 500).build();
        new Traffic(f.clock, controller, 1, 20).seconds(120, route);

        assertThat(route.state().percentage()).isZero();
        assertThat(controller.status("search").reason()).contains("of the 500 timed calls needed");
    }

    @Test
    void aBadGateIsRefusedNamingTheFieldAndTheValue() {
        f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        assertThatThrownBy(() -> Strangler.controller(f.router).baselineGate(Duration.ofSeconds(90), 30).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("baselineGate: minimumWindow PT1M30S is longer than the controller's "
                        + "window PT1M");
        assertThatThrownBy(() -> Strangler.controller(f.router).baselineGate(Duration.ofSeconds(-1), 30))
                .hasMessage("baselineGate: minimumWindow must not be negative, was PT-1S");
        assertThatThrownBy(() -> Strangler.controller(f.router).baselineGate(Duration.ofSeconds(30), -1))
                .hasMessage("baselineGate: minimumTimedCalls must not be negative, was -1");
    }
}
