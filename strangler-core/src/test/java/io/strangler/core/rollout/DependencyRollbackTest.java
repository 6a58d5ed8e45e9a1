package io.strangler.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.Route;
import io.strangler.api.Stage;
import io.strangler.api.event.RollbackEvent;
import io.strangler.core.Strangler;
import io.strangler.core.testing.ControllerFixture;
import io.strangler.core.testing.Traffic;
import io.strangler.test.SimulatedService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code dependsOn} promises that a dependent serves modern only while its dependencies are at 100 %: whoever rolls
 * a dependency back, its dependents go back too; and a dependent that had not started is not rolled back with its
 * dependency, so that it starts once a restarted dependency reaches 100 % again.
 */
class DependencyRollbackTest {

    private final ControllerFixture f = new ControllerFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aDependencyRolledBackByAPersonTakesItsDependentsBack() {
        Route<SimulatedService> pricing = f.healthyRoute("pricing", Stage.DUAL_WRITE, 0);
        Route<SimulatedService> checkout = f.healthyRoute("checkout", Stage.DUAL_WRITE, 0);
        RolloutController controller = f.controller()
                .plan("pricing", ControllerFixture.PLAN).plan("checkout", ControllerFixture.PLAN)
                .dependsOn("checkout", "pricing").build();
        Traffic traffic = new Traffic(f.clock, controller, 1, 20);
        traffic.seconds(602, pricing, checkout);
        assertThat(pricing.state().percentage()).isEqualTo(100.0);
        assertThat(checkout.state().percentage()).isEqualTo(10.0);

        pricing.rollback("alice", "pricing is wrong for some currencies");
        traffic.second(pricing, checkout);

        assertThat(checkout.state().effectivePercentageBasisPoints()).as("the dependent went back too").isZero();
        assertThat(controller.status("checkout").phase()).isEqualTo(RolloutStatus.Phase.ROLLED_BACK);
        assertThat(controller.rollbacks("checkout")).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo(RolloutController.DEFAULT_ACTOR);
            assertThat(e.reason()).contains("its dependency 'pricing' serves no modern traffic any more")
                    .contains("by alice");
            assertThat(e.status()).isIn(RollbackEvent.Status.INITIATED, RollbackEvent.Status.COMPLETED);
        });
        assertThat(controller.status("pricing").phase()).isEqualTo(RolloutStatus.Phase.ROLLED_BACK);
    }

    @Test
    void aDependentThatHadNotStartedWaitsAndStartsOnceItsRestartedDependencyIsAtFullAgain() {
        Route<SimulatedService> pricing = f.healthyRoute("pricing", Stage.DUAL_WRITE, 0);
        Route<SimulatedService> checkout = f.healthyRoute("checkout", Stage.DUAL_WRITE, 0);
        RolloutController controller = f.controller()
                .plan("pricing", ControllerFixture.PLAN).plan("checkout", ControllerFixture.PLAN)
                .dependsOn("checkout", "pricing").build();
        Traffic traffic = new Traffic(f.clock, controller, 1, 20);
        traffic.seconds(400, pricing, checkout);
        assertThat(pricing.state().percentage()).isEqualTo(50.0);
        assertThat(controller.status("checkout").phase()).isEqualTo(RolloutStatus.Phase.NOT_STARTED);

        controller.abort("pricing", "gina", "pricing drifted");
        assertThat(controller.status("checkout").phase()).as("not started, so not rolled back")
                .isEqualTo(RolloutStatus.Phase.NOT_STARTED);
        assertThat(controller.status("checkout").reason()).contains("its dependency 'pricing' was rolled back");

        controller.restart("pricing", "gina");
        traffic.seconds(920, pricing, checkout);

        assertThat(pricing.state().percentage()).isEqualTo(100.0);
        assertThat(checkout.state().percentage()).as("started once pricing was at 100% again").isGreaterThan(0.0);
    }
}
