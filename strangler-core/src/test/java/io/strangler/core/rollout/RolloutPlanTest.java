package io.strangler.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.rollout.RolloutPlan;
import io.strangler.api.rollout.RolloutPlan.Preset;
import io.strangler.api.rollout.RolloutStep;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The API type {@link RolloutPlan}, tested here because strangler-api has no tests of its own. */
class RolloutPlanTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void lowGoesFromTenToAHundredWithHalfAnHourBakes() {
        RolloutPlan low = RolloutPlan.low();
        assertThat(low.steps()).extracting(RolloutStep::percentage).containsExactly(10.0, 25.0, 50.0, 75.0, 100.0);
        assertThat(low.steps()).extracting(RolloutStep::bake).containsOnly(Duration.ofMinutes(30));
        assertThat(low.steps()).noneMatch(RolloutStep::approvalRequired);
        assertThat(low.minimumSamples()).isEqualTo(100);
        assertThat(RolloutPlan.preset(Preset.LOW)).isSameAs(low);
    }

    @Test
    void mediumGoesFromFiveToAHundredWithHourBakes() {
        RolloutPlan medium = RolloutPlan.preset(Preset.MEDIUM);
        assertThat(medium.steps()).extracting(RolloutStep::percentage)
                .containsExactly(5.0, 10.0, 25.0, 50.0, 75.0, 100.0);
        assertThat(medium.steps()).extracting(RolloutStep::bake).containsOnly(HOUR);
        assertThat(medium.steps()).noneMatch(RolloutStep::approvalRequired);
        assertThat(RolloutPlan.medium()).isSameAs(medium);
    }

    @Test
    void criticalGoesFromOneToAHundredWithTwoHourBakesAndApprovalFromFifty() {
        RolloutPlan critical = RolloutPlan.preset(Preset.CRITICAL);
        assertThat(critical.steps()).extracting(RolloutStep::percentage)
                .containsExactly(1.0, 5.0, 10.0, 25.0, 50.0, 75.0, 100.0);
        assertThat(critical.steps()).extracting(RolloutStep::bake).containsOnly(Duration.ofHours(2));
        assertThat(critical.steps()).extracting(RolloutStep::approvalRequired)
                .containsExactly(false, false, false, false, true, true, true);
        assertThat(RolloutPlan.critical()).isSameAs(critical);
        assertThat(critical.toString()).contains("25.0% for PT2H -> [approval] 50.0% for PT2H");
    }

    @Test
    void buildsACustomPlan() {
        RolloutPlan plan = RolloutPlan.custom().step(0.5, HOUR).step(20, Duration.ofMinutes(30)).step(60, HOUR)
                .approvalAt(60).minimumSamples(500).build();
        assertThat(plan.size()).isEqualTo(3);
        assertThat(plan.step(0)).isEqualTo(new RolloutStep(0.5, HOUR, false));
        assertThat(plan.step(0).basisPoints()).isEqualTo(50);
        assertThat(plan.step(2).approvalRequired()).isTrue();
        assertThat(plan.minimumSamples()).isEqualTo(500);
        assertThat(plan.finalPercentage()).isEqualTo(60.0);
    }

    @Test
    void fromCopiesAPlanToChangeIt() {
        RolloutPlan stricter = RolloutPlan.from(RolloutPlan.critical()).minimumSamples(1_000).build();
        assertThat(stricter.steps()).isEqualTo(RolloutPlan.critical().steps());
        assertThat(stricter.minimumSamples()).isEqualTo(1_000);
        assertThat(stricter).isNotEqualTo(RolloutPlan.critical());
        assertThat(RolloutPlan.from(RolloutPlan.low()).build()).isEqualTo(RolloutPlan.low())
                .hasSameHashCodeAs(RolloutPlan.low());
        assertThat(RolloutPlan.critical().minimumSamples()).isEqualTo(100);
    }

    @Test
    void rejectsStepsThatDoNotIncrease() {
        assertThatThrownBy(() -> RolloutPlan.custom().step(50, HOUR).step(25, HOUR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentage must be above the previous step's 50.0, was 25.0");
        assertThatThrownBy(() -> RolloutPlan.custom().step(50, HOUR).step(50, HOUR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentage must be above the previous step's 50.0, was 50.0");
    }

    @Test
    void rejectsPercentagesOutsideZeroToAHundred() {
        assertThatThrownBy(() -> RolloutPlan.custom().step(0, HOUR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentage must be in (0, 100], was 0.0");
        assertThatThrownBy(() -> RolloutPlan.custom().step(100.5, HOUR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentage must be in (0, 100], was 100.5");
    }

    @Test
    void rejectsPercentagesFinerThanABasisPoint() {
        assertThatThrownBy(() -> RolloutPlan.custom().step(33.333, HOUR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentage must be a whole number of basis points (0.01), was 33.333");
    }

    @Test
    void rejectsABakeThatIsNotPositive() {
        assertThatThrownBy(() -> RolloutPlan.custom().step(10, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bake must be positive, was PT0S");
        assertThatThrownBy(() -> RolloutPlan.custom().step(10, Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bake must be positive, was PT-1M");
        assertThatThrownBy(() -> RolloutPlan.custom().step(10, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("bake");
    }

    @Test
    void rejectsAnApprovalAtAPercentageThatIsNoStep() {
        assertThatThrownBy(() -> RolloutPlan.custom().step(10, HOUR).step(50, HOUR).approvalAt(50, 40))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("approvalAt 40.0 is no step of the plan; the steps are at [10.0, 50.0]");
    }

    @Test
    void rejectsMinimumSamplesBelowOne() {
        assertThatThrownBy(() -> RolloutPlan.custom().minimumSamples(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minimumSamples must be at least 1, was 0");
    }

    @Test
    void rejectsAPlanWithNoStep() {
        assertThatThrownBy(() -> RolloutPlan.custom().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("steps must not be empty: a plan needs at least one step");
    }

    @Test
    void rejectsANullPreset() {
        assertThatThrownBy(() -> RolloutPlan.preset(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("preset");
    }
}
