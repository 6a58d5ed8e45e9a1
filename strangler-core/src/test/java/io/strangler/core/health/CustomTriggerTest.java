package io.strangler.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.RouteStats.MeasureStats;
import io.strangler.api.RouteStats.Moments;
import io.strangler.api.health.CustomTrigger;
import io.strangler.api.health.Judgement;
import io.strangler.api.health.RollbackAction;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings;
import io.strangler.api.health.Verdict;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Custom (business) triggers: their settings, checked at build time, and the rule that judges them. */
class CustomTriggerTest {

    private static final TriggerSettings NONE = TriggerSettings.custom()
            .enabled(TriggerKind.ERROR_RATE, false).enabled(TriggerKind.LATENCY, false)
            .enabled(TriggerKind.THROUGHPUT, false).enabled(TriggerKind.MISMATCH_RATE, false)
            .enabled(TriggerKind.DATA_INTEGRITY, false).enabled(TriggerKind.BREAKER_OPEN, false).build();

    private static Judgement judge(CustomTrigger trigger, MeasureStats figures) {
        HealthWindow w = HealthWindow.builder().measure(trigger.measure(), figures).build();
        return new HealthJudge().judge(w, TriggerSettings.from(NONE).custom(trigger).build()).get(0);
    }

    /** {@code successes} of {@code n} outcomes: 1s and 0s. */
    private static Moments outcomes(long successes, long n) {
        return new Moments(n, successes, successes);
    }

    /** {@code n} values drawn from a normal with this mean and deviation. */
    private static Moments values(SplittableRandom random, long n, double mean, double sd) {
        double sum = 0;
        double squares = 0;
        for (long i = 0; i < n; i++) {
            double v = mean + sd * gaussian(random);
            sum += v;
            squares += v * v;
        }
        return new Moments(n, sum, squares);
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void aSuccessRateBelowItsThresholdFailsWithItsNameAndNumbers() {
        CustomTrigger checkout = CustomTrigger.rate("checkout-success").failsBelow(0.95).build();

        Judgement j = judge(checkout, new MeasureStats(Moments.EMPTY, outcomes(340, 400)));

        assertThat(j.trigger()).isEqualTo(TriggerKind.CUSTOM);
        assertThat(j.name()).isEqualTo("checkout-success");
        assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(j.n()).isEqualTo(400);
        assertThat(j.statistic()).isEqualTo(0.85);
        assertThat(j.bound()).isLessThan(0.95);
        assertThat(j.explanation()).isEqualTo("checkout-success: modern's success rate 85.0% over 400 outcomes, 95% "
                + "upper bound 87.7% < threshold 95.0%");
    }

    @Test
    void aSuccessRateAboveItsThresholdPassesAndOneNearItIsInconclusive() {
        CustomTrigger checkout = CustomTrigger.rate("checkout-success").failsBelow(0.95).build();

        assertThat(judge(checkout, new MeasureStats(Moments.EMPTY, outcomes(990, 1000))).verdict())
                .isEqualTo(Verdict.PASS);
        assertThat(judge(checkout, new MeasureStats(Moments.EMPTY, outcomes(188, 200))).verdict())
                .isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(judge(checkout, new MeasureStats(Moments.EMPTY, outcomes(10, 99))))
                .satisfies(j -> assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE))
                .satisfies(j -> assertThat(j.explanation()).endsWith("too few outcomes to judge (minimum 100)"));
    }

    @Test
    void aRateTriggerOnAMeasureThatIsNotOutcomesSaysSoInsteadOfGuessing() {
        CustomTrigger checkout = CustomTrigger.rate("basket").failsBelow(0.5).build();

        Judgement j = judge(checkout, new MeasureStats(Moments.EMPTY, new Moments(200, 4_000, 90_000)));

        assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(j.explanation()).contains("holds values other than 0 and 1; record it with recordOutcome");
    }

    @Test
    void aCostPerCallAboveLegacysTimesTheRatioFailsAndTheSameCostPasses() {
        CustomTrigger cost = CustomTrigger.mean("cost-per-call").failsAboveLegacy(1.3)
                .action(RollbackAction.MANUAL).build();
        SplittableRandom random = new SplittableRandom(7);

        Judgement dear = judge(cost, new MeasureStats(values(random, 300, 10, 3), values(random, 300, 20, 6)));
        Judgement same = judge(cost, new MeasureStats(values(random, 300, 10, 3), values(random, 300, 10, 3)));

        assertThat(dear.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(dear.statistic()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.15));
        assertThat(dear.bound()).isGreaterThan(1.3);
        assertThat(dear.explanation()).startsWith("cost-per-call: modern's mean ").contains("against legacy's")
                .contains("x legacy's").contains("mixture SPRT e-value").contains(">= 500");
        assertThat(same.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void againstLegacyBothSidesNeedTheMinimumSample() {
        CustomTrigger cost = CustomTrigger.mean("cost").failsAboveLegacy(1.3).minimumSample(50).build();
        SplittableRandom random = new SplittableRandom(3);

        Judgement j = judge(cost, new MeasureStats(values(random, 49, 10, 1), values(random, 500, 30, 1)));

        assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(j.explanation()).endsWith("too few values to judge (minimum 50 on each side)");
    }

    @Test
    void aMeanAgainstAFixedThresholdFiresBelowIt() {
        CustomTrigger basket = CustomTrigger.mean("basket-value").failsBelow(40).build();
        SplittableRandom random = new SplittableRandom(11);

        assertThat(judge(basket, new MeasureStats(Moments.EMPTY, values(random, 400, 30, 10))).verdict())
                .isEqualTo(Verdict.FAIL);
        assertThat(judge(basket, new MeasureStats(Moments.EMPTY, values(random, 400, 50, 10))).verdict())
                .isEqualTo(Verdict.PASS);
    }

    /**
     * At the line itself (modern's mean exactly 1.0× legacy's, the hardest case) the mixture SPRT's threshold keeps a
     * single window from failing in more than a small fraction of 2,000 seeded windows.
     */
    @Test
    void twoSidesAlikeRarelyFailEvenAtARatioOfOne() {
        CustomTrigger cost = CustomTrigger.mean("cost").failsAboveLegacy(1.0).build();
        SplittableRandom random = new SplittableRandom(2026);
        int failed = 0;
        for (int i = 0; i < 2_000; i++) {
            int n = 100 + random.nextInt(2_000);
            if (judge(cost, new MeasureStats(values(random, n, 10, 4), values(random, n, 10, 4))).failed()) {
                failed++;
            }
        }
        assertThat(failed).as("windows failed of 2,000").isLessThanOrEqualTo(2);
    }

    @Test
    void badSettingsAreRefusedAtBuildTimeNamingTheFieldAndTheValue() {
        assertThatThrownBy(() -> CustomTrigger.rate("checkout").failsBelow(95))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("custom trigger 'checkout'.threshold must be a rate in (0, 1), was 95.0");
        assertThatThrownBy(() -> CustomTrigger.mean("cost").failsAboveLegacy(0.8))
                .hasMessage("custom trigger 'cost'.failsAboveLegacy must be a finite ratio of 1 or more, was 0.8");
        assertThatThrownBy(() -> CustomTrigger.rate("ok").failsBelowLegacy(1.5))
                .hasMessage("custom trigger 'ok'.failsBelowLegacy must be a ratio in (0, 1], was 1.5");
        assertThatThrownBy(() -> CustomTrigger.mean("cost").failsAbove(Double.NaN))
                .hasMessage("custom trigger 'cost'.threshold must be finite, was NaN");
        assertThatThrownBy(() -> CustomTrigger.mean("cost").minimumSample(1))
                .hasMessage("custom trigger 'cost'.minimumSample must be at least 2, was 1");
        assertThatThrownBy(() -> CustomTrigger.rate("user success"))
                .hasMessage("measure must be 1 to 64 letters, digits, '.', '_' or '-', was 'user success'");
        assertThatThrownBy(() -> CustomTrigger.rate("checkout").build())
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("custom trigger 'checkout' has no threshold");
        CustomTrigger one = CustomTrigger.rate("checkout").failsBelow(0.9).build();
        assertThatThrownBy(() -> TriggerSettings.custom().custom(one).custom(one))
                .hasMessageContaining("custom trigger 'checkout' is defined twice");
        assertThatThrownBy(() -> TriggerSettings.custom().threshold(TriggerKind.CUSTOM, 0.5))
                .hasMessageContaining("add custom triggers with custom(CustomTrigger)");
    }

    @Test
    void dryRunForEveryTriggerCoversTheCustomOnesAndLookupGoesByName() {
        CustomTrigger checkout = CustomTrigger.rate("checkout").failsBelow(0.9).build();
        CustomTrigger cheap = CustomTrigger.mean("cost").named("cost-vs-legacy").failsAboveLegacy(1.2).build();

        TriggerSettings s = TriggerSettings.custom().custom(checkout).custom(cheap).dryRun(true).build();

        assertThat(s.customTriggers()).extracting(CustomTrigger::name).containsExactly("checkout", "cost-vs-legacy");
        assertThat(s.customTriggers()).allSatisfy(c -> assertThat(c.trigger().dryRun()).isTrue());
        Judgement j = new Judgement(TriggerKind.CUSTOM, Verdict.PASS, 1, 0, 0, 1.2, "x", "cost-vs-legacy");
        assertThat(s.trigger(j).threshold()).isEqualTo(1.2);
        assertThat(s.customTrigger("cost-vs-legacy").measure()).isEqualTo("cost");
        assertThatThrownBy(() -> new Judgement(TriggerKind.ERROR_RATE, Verdict.PASS, 1, 0, 0, 0.05, "x", "mine"))
                .hasMessageContaining("a ERROR_RATE judgement is named ERROR_RATE");
    }
}
