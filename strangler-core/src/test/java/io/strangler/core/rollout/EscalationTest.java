package io.strangler.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.Route;
import io.strangler.api.Stage;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.health.RollbackScope;
import io.strangler.api.health.TriggerSettings;
import io.strangler.core.testing.ControllerFixture;
import io.strangler.core.testing.Traffic;
import io.strangler.test.SimulatedService;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "Multiple service failures → phase rollback; system-wide instability → complete rollback": trigger failures on
 * two routes of a phase roll the whole phase back, failures in two phases roll everything back, each an audited
 * rollback event of its own.
 */
class EscalationTest {

    private final ControllerFixture f = new ControllerFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private Route<SimulatedService> failing(String name) {
        return f.route(name, f.side("legacy", 0), f.side("modern", 1.0), Stage.CANARY, 50);
    }

    @Test
    void twoFailingRoutesOfAPhaseRollTheWholePhaseBack() {
        Route<SimulatedService> cart = failing("cart");
        Route<SimulatedService> payment = failing("payment");
        Route<SimulatedService> invoice = f.healthyRoute("invoice", Stage.CANARY, 50);
        Route<SimulatedService> search = f.healthyRoute("search", Stage.CANARY, 50);
        RolloutController controller = f.controller()
                .triggers("cart", TriggerSettings.ofDefaults()).triggers("payment", TriggerSettings.ofDefaults())
                .triggers("invoice", TriggerSettings.ofDefaults()).triggers("search", TriggerSettings.ofDefaults())
                .phase("cart", "checkout").phase("payment", "checkout").phase("invoice", "checkout")
                .phase("search", "discovery").build();

        new Traffic(f.clock, controller, 1, 50).seconds(20, cart, payment, invoice, search);

        assertThat(invoice.state().percentageBasisPoints()).as("healthy, but in the failing phase").isZero();
        assertThat(search.state().percentageBasisPoints()).as("another phase").isEqualTo(5_000);
        assertThat(controller.rollbacks()).filteredOn(e -> e.scope() == RollbackScope.PHASE).singleElement()
                .satisfies(e -> {
                    assertThat(e.reason()).startsWith("escalation: multiple service failures in phase 'checkout': "
                            + "[cart, payment] within PT10M");
                    assertThat(e.routes()).contains("invoice");
                    assertThat(e.actor()).isEqualTo(RolloutController.DEFAULT_ACTOR);
                });
    }

    @Test
    void failuresInTwoPhasesRollEverythingBack() {
        Route<SimulatedService> cart = failing("cart");
        Route<SimulatedService> search = failing("search");
        Route<SimulatedService> profile = f.healthyRoute("profile", Stage.CANARY, 50);
        RolloutController controller = f.controller()
                .triggers("cart", TriggerSettings.ofDefaults()).triggers("search", TriggerSettings.ofDefaults())
                .phase("cart", "checkout").phase("search", "discovery").build();

        new Traffic(f.clock, controller, 1, 50).seconds(20, cart, search, profile);

        assertThat(profile.state().percentageBasisPoints()).as("no phase, no triggers: still rolled back").isZero();
        assertThat(controller.rollbacks()).filteredOn(e -> e.scope() == RollbackScope.ALL).singleElement()
                .extracting(RollbackEvent::reason).asString()
                .startsWith("escalation: system-wide instability: trigger failures in phases [checkout, discovery]");
    }

    @Test
    void escalationCanBeTunedOrTurnedOffAndRefusesBadSettings() {
        Route<SimulatedService> cart = failing("cart");
        Route<SimulatedService> payment = failing("payment");
        Route<SimulatedService> invoice = f.healthyRoute("invoice", Stage.CANARY, 50);
        RolloutController controller = f.controller().noEscalation()
                .triggers("cart", TriggerSettings.ofDefaults()).triggers("payment", TriggerSettings.ofDefaults())
                .phase("cart", "checkout").phase("payment", "checkout").phase("invoice", "checkout").build();
        new Traffic(f.clock, controller, 1, 50).seconds(20, cart, payment, invoice);
        assertThat(invoice.state().percentageBasisPoints()).isEqualTo(5_000);

        assertThatThrownBy(() -> f.controller().escalation(1, 2, Duration.ofMinutes(1)))
                .hasMessage("escalation: routesInPhase must be at least 2, was 1");
        assertThatThrownBy(() -> f.controller().escalation(2, 2, Duration.ZERO))
                .hasMessage("escalation: window must be positive, was PT0S");
    }
}
