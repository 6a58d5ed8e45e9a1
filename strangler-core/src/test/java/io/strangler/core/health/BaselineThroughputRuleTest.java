package io.strangler.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.health.Judgement;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings;
import io.strangler.api.health.Verdict;
import org.junit.jupiter.api.Test;

/** Throughput against the pre-migration baseline: "throughput &lt; 90 % of baseline". */
class BaselineThroughputRuleTest {

    private static final TriggerSettings ON = TriggerSettings.custom()
            .enabled(TriggerKind.BASELINE_THROUGHPUT, true).build();

    private static Judgement judge(HealthWindow w) {
        return new HealthJudge().judge(w, ON).stream().filter(j -> j.trigger() == TriggerKind.BASELINE_THROUGHPUT)
                .findFirst().orElseThrow();
    }

    private static HealthWindow window(long legacy, long modern, double seconds, double baselinePerSecond) {
        return HealthWindow.builder().legacy(legacy, 0).modern(modern, 0).seconds(seconds)
                .legacyBaseline(1_000_000, 0.01, baselinePerSecond).build();
    }

    @Test
    void isOffByDefaultAndManualWhenOn() {
        assertThat(TriggerSettings.ofDefaults().enabledTriggers()).doesNotContain(TriggerKind.BASELINE_THROUGHPUT);
        assertThat(ON.trigger(TriggerKind.BASELINE_THROUGHPUT).action())
                .isEqualTo(io.strangler.api.health.RollbackAction.MANUAL);
    }

    @Test
    void halfTheBaselinesThroughputFails() {
        Judgement j = judge(window(2_500, 500, 60, 100));

        assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(j.statistic()).isEqualTo(0.5);
        assertThat(j.explanation()).isEqualTo("the route served 3000 calls in 60.0 s (50.0/s) against the "
                + "baseline's 100.0/s, 50.0% of it, 95% upper bound 51.5% < threshold 90.0%");
    }

    @Test
    void theBaselinesThroughputPassesAndSlightlyLessIsInconclusive() {
        assertThat(judge(window(5_400, 600, 60, 100)).verdict()).isEqualTo(Verdict.PASS);
        assertThat(judge(window(200, 70, 3, 100)).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void withoutABaselineThroughputOrWithTooFewExpectedCallsItIsInconclusive() {
        HealthWindow noBaseline = HealthWindow.builder().legacy(100, 0).seconds(60).build();
        assertThat(judge(noBaseline).explanation()).startsWith("no pre-migration baseline throughput");
        assertThat(judge(window(10, 0, 1, 50)).explanation()).endsWith("too few expected calls to judge (50.0, "
                + "minimum 100)");
    }
}
