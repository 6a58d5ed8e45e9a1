package io.strangler.core.health;

import io.strangler.core.metrics.Latencies;
import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.health.Judgement;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings;
import io.strangler.api.health.Verdict;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The two promises of the triggers, measured by seeded simulation: they do not fire when modern behaves like legacy
 * (false alarms), and they fire soon when modern is clearly broken (detection).
 */
class HealthJudgeSimulationTest {

    private static final int WINDOWS = 2_000;
    private static final int RUNS = 1_000;
    /** Median latency of both sides in the A/A windows, with a log-normal spread (sigma 0.5). */
    private static final double MEDIAN_NANOS = 20e6;

    private final HealthJudge judge = new HealthJudge();
    private final TriggerSettings defaults = TriggerSettings.ofDefaults();

    /**
     * 2,000 windows where modern and legacy are the same: 200 to 4,000 calls, each sent to modern with the routed
     * share (10 % to 90 %), 1 % errors and the same latency distribution on both sides, half of legacy's calls
     * shadowed with 0.2 % benign mismatches. No trigger may fail in more than 1 % of windows, and each rate
     * trigger must reach a verdict (not only INCONCLUSIVE) in most of them, so the bound is not met by saying
     * nothing.
     */
    @Test
    void whenModernBehavesLikeLegacyNoTriggerFailsInMoreThanOnePercentOfWindows() {
        SplittableRandom random = new SplittableRandom(20_240_601);
        Map<TriggerKind, Integer> failures = new EnumMap<>(TriggerKind.class);
        Map<TriggerKind, Integer> decided = new EnumMap<>(TriggerKind.class);
        for (int w = 0; w < WINDOWS; w++) {
            for (Judgement j : judge.judge(sameBehaviour(random), defaults)) {
                if (j.verdict() == Verdict.FAIL) {
                    failures.merge(j.trigger(), 1, Integer::sum);
                }
                if (j.verdict() != Verdict.INCONCLUSIVE) {
                    decided.merge(j.trigger(), 1, Integer::sum);
                }
            }
        }
        for (TriggerKind kind : TriggerKind.values()) {
            double failureRate = failures.getOrDefault(kind, 0) / (double) WINDOWS;
            assertThat(failureRate).as("false alarms of %s", kind).isLessThanOrEqualTo(0.01);
        }
        for (TriggerKind kind : List.of(TriggerKind.ERROR_RATE, TriggerKind.LATENCY, TriggerKind.THROUGHPUT)) {
            assertThat(decided.getOrDefault(kind, 0)).as("windows %s decided", kind).isGreaterThan(WINDOWS / 2);
        }
    }

    private static HealthWindow sameBehaviour(SplittableRandom random) {
        int calls = random.nextInt(200, 4_001);
        double share = random.nextDouble(0.1, 0.9);
        Histogram legacyLatency = new Histogram(3);
        Histogram modernLatency = new Histogram(3);
        long modernCalls = 0;
        long modernErrors = 0;
        long legacyErrors = 0;
        for (int i = 0; i < calls; i++) {
            boolean modern = random.nextDouble() < share;
            boolean error = random.nextDouble() < 0.01;
            long nanos = (long) (MEDIAN_NANOS * Math.exp(0.5 * random.nextGaussian()));
            if (modern) {
                modernCalls++;
                modernErrors += error ? 1 : 0;
                modernLatency.recordValue(nanos);
            } else {
                legacyErrors += error ? 1 : 0;
                legacyLatency.recordValue(nanos);
            }
        }
        long legacyCalls = calls - modernCalls;
        long comparisons = binomial(random, legacyCalls, 0.5);
        return HealthWindow.builder()
                .legacy(legacyCalls, legacyErrors).legacyLatency(Latencies.of(legacyLatency))
                .modern(modernCalls, modernErrors).modernLatency(Latencies.of(modernLatency))
                .shadow(comparisons, binomial(random, comparisons, 0.002))
                .modernRoutedShare(share)
                .build();
    }

    /**
     * Modern fails 20 % of calls, legacy 0.5 %. Calls arrive one by one, each to modern with the routed share
     * (5 % to 50 %); the window is judged after every 5th modern call. The error-rate trigger must fail by modern's
     * 200th call in at least 99 % of 1,000 runs.
     */
    @Test
    void aModernFailingTwentyPercentOfCallsIsCaughtWithinTwoHundredModernCalls() {
        SplittableRandom random = new SplittableRandom(7);
        double[] shares = {0.05, 0.1, 0.25, 0.5};
        int caught = 0;
        for (int run = 0; run < RUNS; run++) {
            int firstFailure = callsUntilFailure(random, shares[run % shares.length], 0.20, 0.005, 200);
            if (firstFailure <= 200) {
                caught++;
            }
        }
        assertThat(caught / (double) RUNS).isGreaterThanOrEqualTo(0.99);
    }

    /**
     * The modern calls seen when the judge first failed, or {@code limit + 1} if it did not.
     *
     * @return the modern calls seen when the judge first failed, or {@code limit + 1} if it did not
     */
    private int callsUntilFailure(SplittableRandom random, double share, double modernErrorRate,
            double legacyErrorRate, int limit) {
        long modernErrors = 0;
        long legacyCalls = 0;
        long legacyErrors = 0;
        int modernCalls = 0;
        while (modernCalls < limit) {
            if (random.nextDouble() >= share) {
                legacyCalls++;
                legacyErrors += random.nextDouble() < legacyErrorRate ? 1 : 0;
                continue;
            }
            modernCalls++;
            modernErrors += random.nextDouble() < modernErrorRate ? 1 : 0;
            if (modernCalls % 5 == 0) {
                HealthWindow window = HealthWindow.builder().legacy(legacyCalls, legacyErrors)
                        .modern(modernCalls, modernErrors).build();
                for (Judgement j : judge.judge(window, defaults)) {
                    if (j.failed()) {
                        assertThat(j.trigger()).isEqualTo(TriggerKind.ERROR_RATE);
                        return modernCalls;
                    }
                }
            }
        }
        return limit + 1;
    }

    private static long binomial(SplittableRandom random, long n, double p) {
        long k = 0;
        for (long i = 0; i < n; i++) {
            k += random.nextDouble() < p ? 1 : 0;
        }
        return k;
    }
}
