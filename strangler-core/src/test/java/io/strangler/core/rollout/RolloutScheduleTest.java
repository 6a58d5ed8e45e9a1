package io.strangler.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.rollout.RolloutPlan;
import io.strangler.core.rollout.RolloutDecision.Action;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RolloutScheduleTest {

    private static final Instant STARTED = Instant.parse("2024-05-01T08:00:00Z");
    private static final Instant BAKED = STARTED.plus(Duration.ofHours(2));

    private final RolloutSchedule critical = new RolloutSchedule(RolloutPlan.critical());

    @Test
    void startsAtTheFirstStep() {
        assertThat(critical.start(false))
                .isEqualTo(new RolloutDecision(Action.ADVANCE, 0, null, "start the rollout at 1%"));
    }

    @Test
    void startWaitsForApprovalWhenTheFirstStepNeedsIt() {
        RolloutSchedule schedule = new RolloutSchedule(
                RolloutPlan.custom().step(10, Duration.ofHours(1)).approvalAt(10).build());
        assertThat(schedule.start(false).action()).isEqualTo(Action.AWAIT_APPROVAL);
        assertThat(schedule.start(false).step()).isZero();
        assertThat(schedule.start(true).action()).isEqualTo(Action.ADVANCE);
    }

    @Test
    void waitsUntilTheStepHasBaked() {
        RolloutDecision decision = critical.next(1, STARTED, 10_000, true, true, BAKED.minusSeconds(1));
        assertThat(decision).isEqualTo(new RolloutDecision(Action.WAIT, 1, BAKED,
                "the 5% step bakes until 2024-05-01T10:00:00Z"));
    }

    @Test
    void waitsForMinimumSamplesAfterTheBake() {
        RolloutDecision decision = critical.next(1, STARTED, 99, true, false, BAKED);
        assertThat(decision).isEqualTo(new RolloutDecision(Action.WAIT, 1, BAKED,
                "the 5% step has seen 99 of the 100 modern calls it needs"));
    }

    @Test
    void waitsWhileTheGatesFail() {
        Instant now = BAKED.plusSeconds(60);
        RolloutDecision decision = critical.next(1, STARTED, 100, false, false, now);
        assertThat(decision.action()).isEqualTo(Action.WAIT);
        assertThat(decision.until()).isEqualTo(now);
        assertThat(decision.reason()).isEqualTo("the 5% step has baked but its gates do not pass");
    }

    @Test
    void advancesWhenBakedWithSamplesAndPassingGates() {
        RolloutDecision decision = critical.next(1, STARTED, 100, true, false, BAKED);
        assertThat(decision).isEqualTo(new RolloutDecision(Action.ADVANCE, 2, null,
                "the 5% step has baked with 100 modern calls and its gates pass: advance to 10%"));
    }

    @Test
    void awaitsApprovalBeforeAStepThatNeedsIt() {
        RolloutDecision decision = critical.next(3, STARTED, 5_000, true, false, BAKED);
        assertThat(decision).isEqualTo(new RolloutDecision(Action.AWAIT_APPROVAL, 4, null,
                "the 25% step has baked and its gates pass; the move to 50% needs approval"));
    }

    @Test
    void advancesOnceApproved() {
        assertThat(critical.next(3, STARTED, 5_000, true, true, BAKED))
                .extracting(RolloutDecision::action, RolloutDecision::step)
                .containsExactly(Action.ADVANCE, 4);
    }

    @Test
    void anEarlyApprovalStillWaitsForTheBake() {
        assertThat(critical.next(3, STARTED, 5_000, true, true, STARTED.plusSeconds(1)).action())
                .isEqualTo(Action.WAIT);
    }

    @Test
    void completesAfterTheLastStepHasBaked() {
        RolloutDecision decision = critical.next(6, STARTED, 100, true, false, BAKED);
        assertThat(decision).isEqualTo(new RolloutDecision(Action.COMPLETE, 6, null,
                "the 100% step has baked with 100 modern calls and its gates pass: the plan is complete at 100%"));
    }

    @Test
    void aPlanEndingBelowAHundredCompletesAtItsLastStep() {
        RolloutSchedule schedule = new RolloutSchedule(
                RolloutPlan.custom().step(5, Duration.ofHours(1)).step(20, Duration.ofHours(1)).build());
        RolloutDecision decision = schedule.next(1, STARTED, 100, true, false, STARTED.plus(Duration.ofHours(1)));
        assertThat(decision.action()).isEqualTo(Action.COMPLETE);
        assertThat(decision.reason()).endsWith("the plan is complete at 20%");
    }

    @Test
    void walksAWholePlanInFixedInstants() {
        RolloutSchedule schedule = new RolloutSchedule(RolloutPlan.low());
        Instant now = STARTED;
        int step = schedule.start(false).step();
        Instant stepStart = now;
        int decisions = 0;
        while (true) {
            now = now.plus(Duration.ofMinutes(10));
            RolloutDecision decision = schedule.next(step, stepStart, 500, true, false, now);
            decisions++;
            if (decision.action() == Action.COMPLETE) {
                break;
            }
            if (decision.action() == Action.ADVANCE) {
                step = decision.step();
                stepStart = now;
            }
        }
        assertThat(step).isEqualTo(4);
        assertThat(Duration.between(STARTED, now)).isEqualTo(Duration.ofMinutes(150));
        assertThat(decisions).isEqualTo(15);
    }

    @Test
    void rejectsAStepThatIsNotInThePlan() {
        assertThatThrownBy(() -> critical.next(7, STARTED, 0, true, true, BAKED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("step must be in [0, 7), was 7");
        assertThatThrownBy(() -> critical.next(-1, STARTED, 0, true, true, BAKED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("step must be in [0, 7), was -1");
    }

    @Test
    void rejectsNegativeSamplesAndNulls() {
        assertThatThrownBy(() -> critical.next(0, STARTED, -1, true, true, BAKED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("modernSamples must not be negative, was -1");
        assertThatThrownBy(() -> critical.next(0, null, 0, true, true, BAKED))
                .isInstanceOf(NullPointerException.class).hasMessage("stepStartedAt");
        assertThatThrownBy(() -> critical.next(0, STARTED, 0, true, true, null))
                .isInstanceOf(NullPointerException.class).hasMessage("now");
        assertThatThrownBy(() -> new RolloutSchedule(null))
                .isInstanceOf(NullPointerException.class).hasMessage("plan");
    }

    @Test
    void aDecisionCarriesAnInstantOnlyWhenItWaits() {
        assertThatThrownBy(() -> new RolloutDecision(Action.WAIT, 0, null, "x"))
                .isInstanceOf(NullPointerException.class).hasMessage("until");
        assertThatThrownBy(() -> new RolloutDecision(Action.ADVANCE, 1, STARTED, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("until is for WAIT only, was 2024-05-01T08:00:00Z for ADVANCE");
    }
}
