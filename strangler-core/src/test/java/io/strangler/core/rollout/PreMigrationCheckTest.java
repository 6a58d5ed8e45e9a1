package io.strangler.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.Route;
import io.strangler.api.Stage;
import io.strangler.core.testing.ControllerFixture;
import io.strangler.core.testing.Traffic;
import io.strangler.test.SimulatedService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The checks a team supplies hold a rollout before its first step while one fails, and say so in the status. */
class PreMigrationCheckTest {

    private final ControllerFixture f = new ControllerFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aFailingCheckHoldsTheFirstStepAndNamesItself() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        AtomicReference<String> health = new AtomicReference<>("modern's health check answers 503");
        RolloutController controller = f.controller().plan("search", ControllerFixture.PLAN)
                .preMigrationCheck("search", "schema", () -> null)
                .preMigrationCheck("search", "modern health", health::get)
                .preMigrationCheck("search", "smoke call", () -> {
                    throw new IllegalStateException("never reached while 'modern health' fails");
                }).build();
        Traffic traffic = new Traffic(f.clock, controller, 1, 20);

        traffic.seconds(30, route);
        assertThat(route.state().percentage()).isZero();
        assertThat(controller.status("search").reason())
                .isEqualTo("waiting for pre-migration check 'modern health': modern's health check answers 503");

        health.set(null);
        traffic.seconds(2, route);
        assertThat(controller.status("search").reason()).startsWith("waiting for pre-migration check 'smoke call': "
                + "it could not tell: java.lang.IllegalStateException: never reached");
        assertThat(route.state().percentage()).isZero();
    }

    @Test
    void passingChecksLetTheRolloutStart() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        RolloutController controller = f.controller().plan("search", ControllerFixture.PLAN)
                .preMigrationCheck("search", "schema", () -> null).build();

        new Traffic(f.clock, controller, 1, 20).seconds(3, route);

        assertThat(route.state().percentage()).isEqualTo(10.0);
        assertThatThrownBy(() -> f.controller().preMigrationCheck("search", "schema", () -> null)
                .preMigrationCheck("search", "schema", () -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("preMigrationCheck: route 'search' has a check named 'schema' already");
        assertThatThrownBy(() -> f.controller().preMigrationCheck("search", " ", () -> null))
                .hasMessage("preMigrationCheck: name must not be blank, was ' '");
    }
}
