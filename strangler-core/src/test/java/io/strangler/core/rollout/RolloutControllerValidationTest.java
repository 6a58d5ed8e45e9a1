package io.strangler.core.rollout;

import io.strangler.core.testing.ControllerFixture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.Stage;
import io.strangler.api.health.TriggerSettings;
import io.strangler.api.rollout.RolloutPlan;
import io.strangler.core.Strangler;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RolloutControllerValidationTest {

    private final ControllerFixture f = new ControllerFixture();

    @BeforeEach
    void routes() {
        f.healthyRoute("a", Stage.LEGACY, 0);
        f.healthyRoute("b", Stage.LEGACY, 0);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private RolloutController.Builder builder() {
        return Strangler.controller(f.router).clock(f.clock);
    }

    @Test
    void aPlanForAnUnknownRouteIsRefusedNamingIt() {
        assertThatThrownBy(() -> builder().plan("nope", RolloutPlan.low()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plan: unknown route 'nope'");
    }

    @Test
    void triggersForAnUnknownRouteAreRefused() {
        assertThatThrownBy(() -> builder().triggers("nope", TriggerSettings.ofDefaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("triggers: unknown route 'nope'");
    }

    @Test
    void aDependencyOnAnUnknownRouteIsRefused() {
        assertThatThrownBy(() -> builder().dependsOn("a", "nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dependsOn: unknown route 'nope'");
    }

    @Test
    void aRouteCannotDependOnItself() {
        assertThatThrownBy(() -> builder().dependsOn("a", "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("can't depend on itself");
    }

    @Test
    void aDependencyCycleIsRefusedNamingIt() {
        assertThatThrownBy(() -> builder().dependsOn("a", "b").dependsOn("b", "a").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a -> b -> a");
    }

    @Test
    void aSecondPlanForTheSameRouteIsAConflict() {
        assertThatThrownBy(() -> builder().plan("a", RolloutPlan.low()).plan("a", RolloutPlan.medium()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has a plan already");
    }

    @Test
    void aWindowBelowOneSecondIsRefused() {
        assertThatThrownBy(() -> builder().window(Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window must be at least 1 s, was PT0.999S");
    }

    @Test
    void aBlankActorIsRefused() {
        assertThatThrownBy(() -> builder().actor(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actor must not be blank");
    }

    @Test
    void aBlankPhaseIsRefused() {
        assertThatThrownBy(() -> builder().phase("a", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phase must not be blank");
    }

    @Test
    void aHistoryOfNoRollbacksIsRefused() {
        assertThatThrownBy(() -> builder().historySize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("historySize must be at least 1, was 0");
    }

    @Test
    void commandsOnARouteTheControllerDoesNotRunAreRefused() {
        RolloutController controller = builder().plan("a", RolloutPlan.low()).build();
        assertThatThrownBy(() -> controller.approve("b", "alice"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("approve: route 'b'");
    }

    @Test
    void approvingAGuardedRouteIsRefused() {
        RolloutController controller = builder().triggers("a", TriggerSettings.ofDefaults()).build();
        assertThatThrownBy(() -> controller.approve("a", "alice"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no rollout plan");
    }

    @Test
    void resumingARunningRolloutIsRefused() {
        RolloutController controller = builder().plan("a", RolloutPlan.low()).build();
        controller.tick();
        assertThatThrownBy(() -> controller.resume("a", "alice"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not PAUSED or FROZEN");
    }

    @Test
    void aBlankAbortReasonIsRefused() {
        RolloutController controller = builder().plan("a", RolloutPlan.low()).build();
        assertThatThrownBy(() -> controller.abort("a", "alice", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason must not be blank");
    }

    @Test
    void aTickIntervalBelowOneMillisecondIsRefused() {
        RolloutController controller = builder().plan("a", RolloutPlan.low()).build();
        assertThatThrownBy(() -> controller.start(Duration.ofNanos(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval must be at least 1 ms");
    }
}
