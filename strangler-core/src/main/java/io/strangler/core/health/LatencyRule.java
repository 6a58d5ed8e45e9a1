package io.strangler.core.health;

import static io.strangler.core.health.Readable.millis;
import static io.strangler.core.health.Readable.percent;
import static io.strangler.core.health.Readable.ratio;

import io.strangler.api.health.Judgement;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings.Trigger;
import io.strangler.api.health.Verdict;

/**
 * {@link TriggerKind#LATENCY}: a binomial test on the share of modern calls slower than the latency ratio times
 * legacy's p95. See {@link HealthJudge} for the rule.
 */
final class LatencyRule implements TriggerRule {

    /** The share of calls a p95 leaves above it: what a modern side no slower than the ratio may have above the line. */
    static final double TAIL = 0.05;

    private static final double P95 = 95;

    @Override
    public Judgement judge(HealthWindow window, Trigger trigger, Confidence confidence) {
        HealthWindow.SideWindow modern = window.modern();
        long n = modern.timedCalls();
        if (n < trigger.minimumSample()) {
            return inconclusive(n, "modern latency over " + Readable.count(n, "timed call", "timed calls")
                    + ": too few to judge (minimum " + trigger.minimumSample() + ")");
        }
        HealthWindow.SideWindow legacy = window.legacy();
        long reference;
        String referenceName;
        if (legacy.timedCalls() >= trigger.minimumSample()) {
            // the bound, not the sample's p95: a p95 drawn from a few dozen legacy calls is often low, and would
            // make modern look slow when it is not
            reference = legacy.latencyAtPercentileUpperBound(P95, confidence.level());
            referenceName = "legacy p95 (" + confidence.label() + " upper bound over "
                    + Readable.count(legacy.timedCalls(), "timed call", "timed calls") + ")";
        } else if (window.legacyBaseline().isPresent()) {
            reference = window.legacyBaseline().get().p95Nanos();
            referenceName = "legacy baseline p95 (upper bound)";
        } else {
            return inconclusive(n, "no legacy latency to compare modern with: legacy has "
                    + Readable.count(legacy.timedCalls(), "timed call", "timed calls") + " (minimum "
                    + trigger.minimumSample() + ") and there is no baseline");
        }
        // a reference of 0 ns (a clock too coarse) would make every call "slow"
        reference = Math.max(1, reference);
        double limit = trigger.threshold();
        long line = (long) Math.floor(limit * reference);
        long slow = modern.timedCallsAbove(line);
        // exact bounds: the slow calls of an identical side are rare events (stalls, pauses), where Wilson's bounds
        // are optimistic on the few dozen calls of a window's first seconds
        ExactBinomialInterval share = ExactBinomialInterval.of(slow, n, confidence);
        long modernP95 = modern.latencyAtPercentile(P95);
        String head = "modern p95 " + millis(modernP95) + " is " + ratio((double) modernP95 / reference) + " "
                + referenceName + " " + millis(reference) + "; " + slow + " of " + n + " timed modern calls ("
                + percent(share.estimate()) + ") took longer than " + ratio(limit) + " that (" + millis(line) + ")";
        if (share.lower() > TAIL) {
            return judgement(Verdict.FAIL, share, head + ", exact " + confidence.label() + " lower bound "
                    + percent(share.lower()) + " > " + percent(TAIL) + " allowed");
        }
        if (share.upper() < TAIL) {
            return judgement(Verdict.PASS, share, head + ", exact " + confidence.label() + " upper bound "
                    + percent(share.upper()) + " < " + percent(TAIL) + " allowed");
        }
        return judgement(Verdict.INCONCLUSIVE, share, head + ", exact " + confidence.label() + " bounds "
                + percent(share.lower()) + " and " + percent(share.upper()) + " straddle " + percent(TAIL)
                + " allowed");
    }

    private static Judgement inconclusive(long n, String explanation) {
        return new Judgement(TriggerKind.LATENCY, Verdict.INCONCLUSIVE, n, Double.NaN, Double.NaN, TAIL,
                explanation);
    }

    private static Judgement judgement(Verdict verdict, ExactBinomialInterval share, String explanation) {
        return new Judgement(TriggerKind.LATENCY, verdict, share.n(), share.estimate(), share.lower(), TAIL,
                explanation);
    }
}
