package io.strangler.core.health;

import static io.strangler.core.health.Readable.percent;

import io.strangler.api.health.Judgement;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings.Trigger;
import io.strangler.api.health.Verdict;
import java.util.Locale;

/**
 * {@link TriggerKind#THROUGHPUT}: modern's observed share of the calls against its routed share. See
 * {@link HealthJudge} for the rule.
 */
final class ThroughputRule implements TriggerRule {

    @Override
    public Judgement judge(HealthWindow window, Trigger trigger, Confidence confidence) {
        double routed = window.modernRoutedShare();
        long served = window.modern().calls();
        long total = served + window.legacy().calls();
        double threshold = trigger.threshold();
        if (Double.isNaN(routed)) {
            return new Judgement(TriggerKind.THROUGHPUT, Verdict.INCONCLUSIVE, total, Double.NaN, Double.NaN,
                    threshold, "modern's routed share is unknown, so its throughput cannot be judged");
        }
        WilsonInterval share = WilsonInterval.of(served, total, confidence.z());
        String head = "modern served " + served + " of " + Readable.count(total, "call", "calls") + " ("
                + percent(share.estimate()) + ") against a routed share of " + percent(routed);
        double expected = routed * total;
        if (expected < trigger.minimumSample()) {
            return judgement(Verdict.INCONCLUSIVE, share, routed, threshold, head + ": too few expected modern calls "
                    + "to judge (" + String.format(Locale.ROOT, "%.1f", expected) + ", minimum "
                    + trigger.minimumSample() + ")");
        }
        head += ", " + percent(share.estimate() / routed) + " of it";
        double upper = share.upper() / routed;
        double lower = share.lower() / routed;
        if (upper < threshold) {
            return judgement(Verdict.FAIL, share, routed, threshold, head + ", " + confidence.label()
                    + " upper bound " + percent(upper) + " < threshold " + percent(threshold));
        }
        if (lower >= threshold) {
            return judgement(Verdict.PASS, share, routed, threshold, head + ", " + confidence.label()
                    + " lower bound " + percent(lower) + " >= threshold " + percent(threshold));
        }
        return judgement(Verdict.INCONCLUSIVE, share, routed, threshold, head + ", " + confidence.label()
                + " bounds " + percent(lower) + " and " + percent(upper) + " straddle threshold "
                + percent(threshold));
    }

    private static Judgement judgement(Verdict verdict, WilsonInterval share, double routed, double threshold,
            String explanation) {
        double ratio = routed > 0 ? share.estimate() / routed : Double.NaN;
        double bound = routed > 0 ? share.upper() / routed : Double.NaN;
        return new Judgement(TriggerKind.THROUGHPUT, verdict, share.n(), ratio, bound, threshold, explanation);
    }
}
