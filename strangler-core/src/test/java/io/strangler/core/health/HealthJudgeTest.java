package io.strangler.core.health;

import io.strangler.core.metrics.Latencies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.strangler.api.health.Judgement;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings;
import io.strangler.api.health.Verdict;
import java.util.List;
import java.util.stream.LongStream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HealthJudgeTest {

    private static final long MS = 1_000_000;

    private final HealthJudge judge = new HealthJudge();

    private Judgement judge(TriggerKind kind, HealthWindow.Builder window) {
        return judge(kind, window, TriggerSettings.ofDefaults());
    }

    private Judgement judge(TriggerKind kind, HealthWindow.Builder window, TriggerSettings settings) {
        return judge.judge(window.build(), settings).stream()
                .filter(j -> j.trigger() == kind)
                .findFirst()
                .orElseThrow();
    }

    /** Latencies spread evenly from {@code fromMs} to {@code toMs}, {@code n} of them. */
    private static long[] spread(int n, double fromMs, double toMs) {
        return LongStream.range(0, n).map(i -> (long) ((fromMs + (toMs - fromMs) * i / (n - 1)) * MS)).toArray();
    }

    private static long[] times(long[] nanos, double factor) {
        return LongStream.of(nanos).map(v -> (long) (v * factor)).toArray();
    }

    @Test
    void judgesEveryEnabledTriggerInTheOrderOfTheEnum() {
        TriggerSettings all = TriggerSettings.custom().enabled(TriggerKind.BASELINE_THROUGHPUT, true)
                .custom(io.strangler.api.health.CustomTrigger.rate("checkout").failsBelow(0.9).build()).build();
        List<Judgement> judgements = judge.judge(HealthWindow.builder().build(), all);
        assertThat(judgements).extracting(Judgement::trigger).containsExactly(TriggerKind.values());
        assertThat(judgements).extracting(Judgement::name).endsWith("BREAKER_OPEN", "checkout");
        assertThatThrownBy(() -> judgements.clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aDisabledTriggerGetsNoJudgement() {
        TriggerSettings settings = TriggerSettings.custom().enabled(TriggerKind.LATENCY, false)
                .enabled(TriggerKind.BREAKER_OPEN, false).build();
        assertThat(judge.judge(HealthWindow.builder().modernBreakerOpen(true).build(), settings))
                .extracting(Judgement::trigger)
                .containsExactly(TriggerKind.ERROR_RATE, TriggerKind.THROUGHPUT, TriggerKind.MISMATCH_RATE,
                        TriggerKind.DATA_INTEGRITY);
    }

    @Test
    void rejectsNulls() {
        assertThatThrownBy(() -> judge.judge(null, TriggerSettings.ofDefaults()))
                .isInstanceOf(NullPointerException.class).hasMessage("window");
        assertThatThrownBy(() -> judge.judge(HealthWindow.builder().build(), null))
                .isInstanceOf(NullPointerException.class).hasMessage("settings");
    }

    @Nested
    class ErrorRate {

        @Test
        void oneErrorInThreeCallsIsInconclusive() {
            Judgement j = judge(TriggerKind.ERROR_RATE, HealthWindow.builder().modern(3, 1));
            assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(j.n()).isEqualTo(3);
            assertThat(j.statistic()).isCloseTo(1.0 / 3, within(1e-12));
            assertThat(j.explanation())
                    .isEqualTo("modern error rate 33.3% over 3 calls: too few calls to judge (minimum 30)");
        }

        @Test
        void twentyPercentOverAHundredCallsFailsAgainstAHealthyLegacy() {
            Judgement j = judge(TriggerKind.ERROR_RATE, HealthWindow.builder().modern(100, 20).legacy(900, 4));
            assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(j.n()).isEqualTo(100);
            assertThat(j.statistic()).isEqualTo(0.2);
            assertThat(j.bound()).isCloseTo(0.1425, within(1e-4));
            assertThat(j.threshold()).isEqualTo(0.05);
            assertThat(j.explanation()).isEqualTo("modern error rate 20.0% over 100 calls, 95% lower bound 14.3% "
                    + "> threshold 5.0%, and worse than legacy 0.44% over 900 calls: modern made 20 of the 24 errors "
                    + "while serving 10.0% of the calls (e-value 3.4e+12 >= 500)");
        }

        @Test
        void pairsFromShadowingShowModernWorseWhereTheUnpairedRatesCannot() {
            // both sides fail many of the same (bad) requests; modern fails 20 more of its own
            HealthWindow.Builder unpaired = HealthWindow.builder().modern(100, 22).legacy(1_000, 180);
            assertThat(judge(TriggerKind.ERROR_RATE, unpaired).verdict()).isEqualTo(Verdict.INCONCLUSIVE);

            Judgement paired = judge(TriggerKind.ERROR_RATE, HealthWindow.builder().modern(100, 22)
                    .legacy(1_000, 180).shadow(200, 21).pairedErrors(20, 1));
            assertThat(paired.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(paired.explanation()).contains("worse than legacy on the same 200 shadowed requests modern "
                    + "alone failed 20, legacy alone 1 (paired, e-value 6561 >= 500)");
        }

        @Test
        void pairsWhereBothSidesFailAlikeAreNotModernsFault() {
            HealthWindow.Builder window = HealthWindow.builder().modern(500, 100).legacy(1_000, 50)
                    .shadow(300, 10).pairedErrors(5, 5);
            Judgement j = judge(TriggerKind.ERROR_RATE, window);
            assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(j.explanation()).contains("not shown worse than legacy on the same 300 shadowed requests");
        }

        @Test
        void pairedErrorsCannotExceedTheComparisons() {
            assertThatThrownBy(() -> HealthWindow.builder().shadow(10, 0).pairedErrors(8, 3).build())
                    .hasMessage("paired errors (modernOnly=8, legacyOnly=3) must not exceed shadowComparisons=10");
            assertThatThrownBy(() -> HealthWindow.builder().pairedErrors(-1, 0))
                    .hasMessageContaining("modernOnly=-1");
        }

        @Test
        void twentyPercentOverAHundredCallsFailsOnTheThresholdAloneWhenThereIsNothingToCompareWith() {
            Judgement j = judge(TriggerKind.ERROR_RATE, HealthWindow.builder().modern(100, 20));
            assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(j.explanation()).endsWith("; legacy has 0 calls and no baseline to compare with");
        }

        @Test
        void noErrorsInAThousandCallsPass() {
            Judgement j = judge(TriggerKind.ERROR_RATE, HealthWindow.builder().modern(1000, 0).legacy(1000, 3));
            assertThat(j.verdict()).isEqualTo(Verdict.PASS);
            assertThat(j.explanation())
                    .isEqualTo("modern error rate 0.0% over 1000 calls, 95% upper bound 0.27% < threshold 5.0%");
        }

        @Test
        void theSameOnePercentOnBothSidesOverTenThousandCallsDoesNotFail() {
            Judgement j = judge(TriggerKind.ERROR_RATE,
                    HealthWindow.builder().modern(10_000, 100).legacy(10_000, 100));
            assertThat(j.verdict()).isEqualTo(Verdict.PASS);
        }

        @Test
        void aHighRateThatLegacySharesIsInconclusiveBecauseRollingBackWouldNotHelp() {
            Judgement j = judge(TriggerKind.ERROR_RATE,
                    HealthWindow.builder().modern(1000, 100).legacy(9000, 900));
            assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(j.bound()).isGreaterThan(0.05);
            assertThat(j.explanation()).contains("> threshold 5.0%, but not shown worse than legacy 10.0% "
                    + "over 9000 calls");
        }

        @Test
        void aRateWithinThresholdAndNoWorseThanLegacyPassesEvenWhenItsUpperBoundIsAbove() {
            Judgement j = judge(TriggerKind.ERROR_RATE, HealthWindow.builder().modern(100, 4).legacy(900, 36));
            assertThat(j.verdict()).isEqualTo(Verdict.PASS);
            assertThat(j.explanation()).isEqualTo("modern error rate 4.0% over 100 calls, within threshold 5.0% "
                    + "and not shown worse than legacy 4.0% over 900 calls: modern made 4 of the 40 errors while "
                    + "serving 10.0% of the calls (e-value 0.3 < 500)");
        }

        @Test
        void aRateWhoseBoundsStraddleTheThresholdIsInconclusive() {
            Judgement j = judge(TriggerKind.ERROR_RATE, HealthWindow.builder().modern(100, 6));
            assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(j.explanation()).isEqualTo(
                    "modern error rate 6.0% over 100 calls, 95% bounds 3.1% and 11.2% straddle threshold 5.0%");
        }

        @Test
        void usesTheLegacyBaselineWhenLegacyHasTooFewCalls() {
            HealthWindow.Builder window = HealthWindow.builder().modern(100, 20).legacy(10, 0);
            assertThat(judge(TriggerKind.ERROR_RATE, window.legacyBaseline(10 * MS, 0.005)).explanation())
                    .endsWith("> threshold 5.0%, and above the legacy baseline 0.50%");
            Judgement asBadAsBefore = judge(TriggerKind.ERROR_RATE, window.legacyBaseline(10 * MS, 0.25));
            assertThat(asBadAsBefore.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(asBadAsBefore.explanation()).endsWith("but not above the legacy baseline 25.0%");
        }

        @Test
        void aHigherConfidenceNeedsStrongerEvidence() {
            HealthWindow.Builder window = HealthWindow.builder().modern(100, 10);
            assertThat(judge(TriggerKind.ERROR_RATE, window).verdict()).isEqualTo(Verdict.FAIL);
            Judgement strict = judge(TriggerKind.ERROR_RATE, window,
                    TriggerSettings.custom().confidence(0.99).build());
            assertThat(strict.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(strict.explanation()).contains("99% bounds");
        }
    }

    @Nested
    class Latency {

        private final long[] legacy = spread(1000, 1, 2);

        @Test
        void threeTimesLegacyOverFiftyCallsFails() {
            Judgement j = judge(TriggerKind.LATENCY, HealthWindow.builder()
                    .legacyLatencyNanos(legacy)
                    .modernLatencyNanos(times(spread(50, 1, 2), 3)));
            assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(j.n()).isEqualTo(50);
            // the reference is the 95 % upper bound of legacy's p95 over 1,000 calls: 1.96 ms, not the sample's 1.95
            assertThat(j.statistic()).isEqualTo(0.68);
            assertThat(j.threshold()).isEqualTo(0.05);
            assertThat(j.explanation()).startsWith("modern p95 5.88 ms is 3.0x legacy p95 (95% upper bound over 1000 "
                    + "timed calls) 1.96 ms; 34 of 50 timed modern calls (68.0%) took longer than 2.0x that (3.92 ms)");
        }

        @Test
        void aLegacyP95FromFewCallsIsTakenAtItsUpperBound() {
            // 40 legacy calls: 38 at 1 ms, 2 at 10 ms. Their sample p95 is 1 ms, but p95 could well be 10 ms: a
            // modern side at 2.5 ms must not fail against a line of 2 ms
            long[] fewLegacy = new long[40];
            java.util.Arrays.fill(fewLegacy, MS);
            fewLegacy[0] = 10 * MS;
            fewLegacy[1] = 10 * MS;
            long[] modern = new long[100];
            java.util.Arrays.fill(modern, 2_500_000);
            Judgement j = judge(TriggerKind.LATENCY, HealthWindow.builder()
                    .legacyLatencyNanos(fewLegacy)
                    .modernLatencyNanos(modern));
            assertThat(j.verdict()).isEqualTo(Verdict.PASS);
            assertThat(j.explanation()).contains("legacy p95 (95% upper bound over 40 timed calls) 10.0 ms");
        }

        @Test
        void threeTimesLegacyFailsAlreadyAtTheMinimumSampleOfThirtyCalls() {
            Judgement j = judge(TriggerKind.LATENCY, HealthWindow.builder()
                    .legacyLatencyNanos(legacy)
                    .modernLatencyNanos(times(spread(30, 1, 2), 3)));
            assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(j.n()).isEqualTo(30);
        }

        @Test
        void identicalDistributionsPass() {
            Judgement j = judge(TriggerKind.LATENCY, HealthWindow.builder()
                    .legacyLatencyNanos(legacy)
                    .modernLatencyNanos(spread(200, 1, 2)));
            assertThat(j.verdict()).isEqualTo(Verdict.PASS);
            assertThat(j.statistic()).isZero();
        }

        @Test
        void slowerButWithinTheRatioIsNotAFailure() {
            Judgement j = judge(TriggerKind.LATENCY, HealthWindow.builder()
                    .legacyLatencyNanos(legacy)
                    .modernLatencyNanos(times(spread(500, 1, 2), 1.8)));
            assertThat(j.verdict()).isEqualTo(Verdict.PASS);
        }

        @Test
        void judgesHdrHistogramsLikeRawLatencies() {
            Histogram legacyHistogram = new Histogram(3);
            LongStream.of(legacy).forEach(legacyHistogram::recordValue);
            Histogram modernHistogram = new Histogram(3);
            LongStream.of(times(spread(50, 1, 2), 3)).forEach(modernHistogram::recordValue);
            Judgement j = judge(TriggerKind.LATENCY, HealthWindow.builder()
                    .legacyLatency(Latencies.of(legacyHistogram))
                    .modernLatency(Latencies.of(modernHistogram)));
            assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(j.statistic()).isCloseTo(0.7, within(0.021));
        }

        @Test
        void tooFewModernCallsAreInconclusive() {
            Judgement j = judge(TriggerKind.LATENCY, HealthWindow.builder()
                    .legacyLatencyNanos(legacy)
                    .modernLatencyNanos(times(spread(20, 1, 2), 10)));
            assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(j.explanation()).isEqualTo("modern latency over 20 timed calls: too few to judge (minimum 30)");
        }

        @Test
        void usesTheBaselineWhenLegacyHasTooFewTimedCalls() {
            Judgement j = judge(TriggerKind.LATENCY, HealthWindow.builder()
                    .legacyLatencyNanos(spread(5, 1, 2))
                    .legacyBaseline(2 * MS, 0.01)
                    .modernLatencyNanos(times(spread(50, 1, 2), 3)));
            assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(j.explanation()).startsWith("modern p95 5.88 ms is 2.9x legacy baseline p95 (upper bound) 2.00 ms;");
        }

        @Test
        void withoutLegacyLatencyOrBaselineItIsInconclusive() {
            Judgement j = judge(TriggerKind.LATENCY, HealthWindow.builder()
                    .modernLatencyNanos(times(spread(50, 1, 2), 3)));
            assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(j.explanation()).isEqualTo("no legacy latency to compare modern with: legacy has 0 timed "
                    + "calls (minimum 30) and there is no baseline");
        }
    }

    @Nested
    class Throughput {

        @Test
        void halfTheExpectedShareFails() {
            Judgement j = judge(TriggerKind.THROUGHPUT,
                    HealthWindow.builder().modern(250, 0).legacy(750, 0).modernRoutedShare(0.5));
            assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(j.n()).isEqualTo(1000);
            assertThat(j.statistic()).isEqualTo(0.5);
            assertThat(j.threshold()).isEqualTo(0.9);
            assertThat(j.explanation()).isEqualTo("modern served 250 of 1000 calls (25.0%) against a routed share "
                    + "of 50.0%, 50.0% of it, 95% upper bound 54.6% < threshold 90.0%");
        }

        @Test
        void theExpectedSharePasses() {
            Judgement j = judge(TriggerKind.THROUGHPUT,
                    HealthWindow.builder().modern(1000, 0).legacy(9000, 0).modernRoutedShare(0.1));
            assertThat(j.verdict()).isEqualTo(Verdict.PASS);
        }

        @Test
        void tooFewExpectedModernCallsAreInconclusive() {
            Judgement j = judge(TriggerKind.THROUGHPUT,
                    HealthWindow.builder().modern(0, 0).legacy(1000, 0).modernRoutedShare(0.05));
            assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(j.explanation()).endsWith("too few expected modern calls to judge (50.0, minimum 100)");
        }

        @Test
        void anUnknownRoutedShareIsInconclusive() {
            Judgement j = judge(TriggerKind.THROUGHPUT, HealthWindow.builder().modern(0, 0).legacy(1000, 0));
            assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(j.statistic()).isNaN();
        }
    }

    @Nested
    class MismatchRate {

        @Test
        void fivePercentOverThreeHundredComparisonsFails() {
            Judgement j = judge(TriggerKind.MISMATCH_RATE, HealthWindow.builder().shadow(300, 15));
            assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(j.explanation()).isEqualTo("shadow mismatch rate 5.0% over 300 comparisons, 95% lower bound "
                    + "3.3% > threshold 1.0%");
        }

        @Test
        void twoMismatchesInAHundredComparisonsAreNotAFailure() {
            assertThat(judge(TriggerKind.MISMATCH_RATE, HealthWindow.builder().shadow(100, 2)).verdict())
                    .isEqualTo(Verdict.INCONCLUSIVE);
        }

        @Test
        void noMismatchesInAThousandComparisonsPass() {
            assertThat(judge(TriggerKind.MISMATCH_RATE, HealthWindow.builder().shadow(1000, 0)).verdict())
                    .isEqualTo(Verdict.PASS);
        }

        @Test
        void tooFewComparisonsAreInconclusive() {
            assertThat(judge(TriggerKind.MISMATCH_RATE, HealthWindow.builder().shadow(50, 5)).explanation())
                    .isEqualTo("shadow mismatch rate 10.0% over 50 comparisons: too few comparisons to judge "
                            + "(minimum 100)");
        }
    }

    /** After a rollback: legacy's error rate on its own, by the same bounds as modern's, with legacy's numbers. */
    @Nested
    class LegacyErrorRate {

        private Judgement legacy(long calls, long errors) {
            return judge.judgeLegacyErrorRate(HealthWindow.builder().legacy(calls, errors).modern(500, 500).build(),
                    TriggerSettings.ofDefaults());
        }

        @Test
        void aHighRateFailsWhateverModernDid() {
            Judgement j = legacy(1000, 200);
            assertThat(j.trigger()).isEqualTo(TriggerKind.ERROR_RATE);
            assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(j.n()).isEqualTo(1000);
            assertThat(j.statistic()).isEqualTo(0.2);
            assertThat(j.threshold()).isEqualTo(TriggerSettings.DEFAULT_ERROR_RATE_THRESHOLD);
            assertThat(j.explanation())
                    .isEqualTo("legacy error rate 20.0% over 1000 calls, 95% lower bound 18.0% > threshold 5.0%");
        }

        @Test
        void noErrorsPass() {
            assertThat(legacy(1000, 0).verdict()).isEqualTo(Verdict.PASS);
            assertThat(legacy(1000, 0).explanation())
                    .isEqualTo("legacy error rate 0.0% over 1000 calls, 95% upper bound 0.27% < threshold 5.0%");
        }

        @Test
        void boundsAroundTheThresholdAreInconclusive() {
            assertThat(legacy(100, 5).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(legacy(100, 5).explanation()).isEqualTo(
                    "legacy error rate 5.0% over 100 calls, 95% bounds 2.5% and 9.9% straddle threshold 5.0%");
        }

        @Test
        void tooFewCallsAreInconclusive() {
            assertThat(legacy(10, 5).explanation())
                    .isEqualTo("legacy error rate 50.0% over 10 calls: too few calls to judge (minimum 30)");
        }
    }

    @Nested
    class DataIntegrityAndBreaker {

        @Test
        void theFirstDataIntegrityFailureFails() {
            Judgement j = judge(TriggerKind.DATA_INTEGRITY, HealthWindow.builder().dataIntegrityFailures(1));
            assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(j.n()).isEqualTo(1);
            assertThat(j.explanation()).isEqualTo("1 data-integrity failure, more than the 0 tolerated");
            assertThat(judge(TriggerKind.DATA_INTEGRITY, HealthWindow.builder()).verdict())
                    .isEqualTo(Verdict.PASS);
        }

        @Test
        void toleratedFailuresPass() {
            TriggerSettings settings = TriggerSettings.custom().threshold(TriggerKind.DATA_INTEGRITY, 2).build();
            assertThat(judge(TriggerKind.DATA_INTEGRITY, HealthWindow.builder().dataIntegrityFailures(2), settings)
                    .explanation()).isEqualTo("2 data-integrity failures, within the 2 tolerated");
        }

        @Test
        void anOpenBreakerFails() {
            Judgement j = judge(TriggerKind.BREAKER_OPEN, HealthWindow.builder().modernBreakerOpen(true));
            assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(j.explanation()).isEqualTo("modern's circuit breaker is open");
            assertThat(judge(TriggerKind.BREAKER_OPEN, HealthWindow.builder()).verdict()).isEqualTo(Verdict.PASS);
        }
    }
}
