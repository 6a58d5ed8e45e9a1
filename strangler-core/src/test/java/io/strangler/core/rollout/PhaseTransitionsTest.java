package io.strangler.core.rollout;

import static io.strangler.core.rollout.RolloutStatus.Phase.ABORTED;
import static io.strangler.core.rollout.RolloutStatus.Phase.AWAITING_APPROVAL;
import static io.strangler.core.rollout.RolloutStatus.Phase.COMPLETE;
import static io.strangler.core.rollout.RolloutStatus.Phase.FROZEN;
import static io.strangler.core.rollout.RolloutStatus.Phase.GUARDED;
import static io.strangler.core.rollout.RolloutStatus.Phase.NOT_STARTED;
import static io.strangler.core.rollout.RolloutStatus.Phase.PAUSED;
import static io.strangler.core.rollout.RolloutStatus.Phase.RAMPING_DOWN;
import static io.strangler.core.rollout.RolloutStatus.Phase.ROLLED_BACK;
import static io.strangler.core.rollout.RolloutStatus.Phase.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.Stage;
import io.strangler.api.health.TriggerSettings;
import io.strangler.core.health.HealthMonitor;
import io.strangler.core.rollout.RolloutStatus.Phase;
import io.strangler.core.testing.ControllerFixture;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The table of a rollout's phase changes, and the state machine that keeps to it. */
class PhaseTransitionsTest {

    private final ControllerFixture f = new ControllerFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @ParameterizedTest
    @EnumSource(Phase.class)
    void everyPhaseMayStayWhereItIsAndEndByAnAbort(Phase phase) {
        assertThat(PhaseTransitions.allowed(phase, phase)).isTrue();
        assertThat(PhaseTransitions.allowed(phase, ABORTED)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Phase.class, names = {"ROLLED_BACK", "ABORTED"}, mode = EnumSource.Mode.EXCLUDE)
    void everyRolloutStillRunningCanBeFrozenOrRampedDown(Phase phase) {
        assertThat(PhaseTransitions.allowed(phase, FROZEN)).isTrue();
        assertThat(PhaseTransitions.allowed(phase, RAMPING_DOWN)).isTrue();
    }

    @Test
    void aGuardedRouteNeverJoinsAPlanNorIsPausedOrEndedByARollback() {
        assertThat(PhaseTransitions.from(GUARDED)).containsExactlyInAnyOrder(GUARDED, FROZEN, RAMPING_DOWN, ABORTED);
    }

    @Test
    void anEndedRolloutComesBackOnlyByARestartOrARampOfAnotherRoute() {
        assertThat(PhaseTransitions.from(ROLLED_BACK))
                .containsExactlyInAnyOrder(ROLLED_BACK, NOT_STARTED, RUNNING, COMPLETE, RAMPING_DOWN, ABORTED);
        assertThat(PhaseTransitions.allowed(ROLLED_BACK, FROZEN)).isFalse();
        assertThat(PhaseTransitions.allowed(ABORTED, PAUSED)).isFalse();
    }

    @Test
    void aCompleteRolloutDoesNotGoBackOntoThePlan() {
        assertThat(PhaseTransitions.allowed(COMPLETE, RUNNING)).isFalse();
        assertThat(PhaseTransitions.allowed(COMPLETE, NOT_STARTED)).isFalse();
        assertThat(PhaseTransitions.allowed(COMPLETE, AWAITING_APPROVAL)).isFalse();
    }

    @Test
    void aRampEndsOnlyInARollbackAnAbortOrAFreeze() {
        assertThat(PhaseTransitions.from(RAMPING_DOWN))
                .containsExactlyInAnyOrder(RAMPING_DOWN, FROZEN, ROLLED_BACK, ABORTED);
    }

    @Test
    void aRefusedMoveNamesTheRouteAndBothPhases() {
        assertThatThrownBy(() -> PhaseTransitions.check("search", COMPLETE, RUNNING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("route 'search'")
                .hasMessageContaining("from COMPLETE to RUNNING");
    }

    @Test
    void theStateMachineRefusesAMoveTheTableDoesNotAllowAndChangesNothing() {
        RolloutStateMachine rollout = new RolloutStateMachine(f.healthyRoute("search", Stage.DUAL_WRITE, 0),
                ControllerFixture.PLAN, TriggerSettings.ofDefaults(),
                new HealthMonitor(f.router.route("search"), f.clock, Duration.ofMinutes(1)));
        assertThat(rollout.phase()).isEqualTo(NOT_STARTED);

        assertThatThrownBy(() -> rollout.transition(GUARDED, "no"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("route 'search'").hasMessageContaining("from NOT_STARTED to GUARDED");
        assertThat(rollout.phase()).isEqualTo(NOT_STARTED);
        assertThat(rollout.reason()).isEqualTo("not ticked yet");

        rollout.transition(PAUSED, "paused by bob");
        assertThat(rollout.status().phase()).isEqualTo(PAUSED);
        assertThat(rollout.status().reason()).isEqualTo("paused by bob");
    }
}
