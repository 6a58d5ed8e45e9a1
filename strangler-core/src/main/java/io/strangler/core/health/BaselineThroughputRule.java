package io.strangler.core.health;

import static io.strangler.core.health.Readable.percent;

import io.strangler.api.health.Judgement;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings.Trigger;
import io.strangler.api.health.Verdict;
import java.util.Locale;

/**
 * {@link TriggerKind#BASELINE_THROUGHPUT}: the route's calls per second against the legacy baseline's. See
 * {@link HealthJudge} for the rule.
 */
final class BaselineThroughputRule implements TriggerRule {

    @Override
    public Judgement judge(HealthWindow window, Trigger trigger, Confidence confidence) {
        long calls = window.legacy().calls() + window.modern().calls();
        double threshold = trigger.threshold();
        double perSecond = window.legacyBaseline().map(HealthWindow.LegacyBaseline::callsPerSecond)
                .orElse(Double.NaN);
        if (Double.isNaN(perSecond)) {
            return judgement(Verdict.INCONCLUSIVE, calls, Double.NaN, Double.NaN, threshold, "no pre-migration "
                    + "baseline throughput (legacy was never seen serving every call), so the route's throughput "
                    + "cannot be compared with it");
        }
        double seconds = window.seconds();
        if (Double.isNaN(seconds)) {
            return judgement(Verdict.INCONCLUSIVE, calls, Double.NaN, Double.NaN, threshold,
                    "the window's length is unknown, so its throughput cannot be judged");
        }
        double expected = perSecond * seconds;
        String head = "the route served " + calls + " calls in " + String.format(Locale.ROOT, "%.1f s", seconds)
                + " (" + String.format(Locale.ROOT, "%.1f/s", calls / seconds) + ") against the baseline's "
                + String.format(Locale.ROOT, "%.1f/s", perSecond);
        double ratio = calls / expected;
        if (expected < trigger.minimumSample()) {
            return judgement(Verdict.INCONCLUSIVE, calls, ratio, Double.NaN, threshold, head + ": too few expected "
                    + "calls to judge (" + String.format(Locale.ROOT, "%.1f", expected) + ", minimum "
                    + trigger.minimumSample() + ")");
        }
        head += ", " + percent(ratio) + " of it";
        double upper = poissonUpper(calls, confidence.z()) / expected;
        double lower = poissonLower(calls, confidence.z()) / expected;
        if (upper < threshold) {
            return judgement(Verdict.FAIL, calls, ratio, upper, threshold, head + ", " + confidence.label()
                    + " upper bound " + percent(upper) + " < threshold " + percent(threshold));
        }
        if (lower >= threshold) {
            return judgement(Verdict.PASS, calls, ratio, upper, threshold, head + ", " + confidence.label()
                    + " lower bound " + percent(lower) + " >= threshold " + percent(threshold));
        }
        return judgement(Verdict.INCONCLUSIVE, calls, ratio, upper, threshold, head + ", " + confidence.label()
                + " bounds " + percent(lower) + " and " + percent(upper) + " straddle threshold "
                + percent(threshold));
    }

    /** The one-sided upper bound of a Poisson mean from one count: Wilson and Hilferty's approximation. */
    static double poissonUpper(long count, double z) {
        double n = count + 1;
        return n * Math.pow(1 - 1 / (9 * n) + z / (3 * Math.sqrt(n)), 3);
    }

    /** The one-sided lower bound of a Poisson mean from one count: Wilson and Hilferty's approximation. */
    static double poissonLower(long count, double z) {
        if (count == 0) {
            return 0;
        }
        double n = count;
        return Math.max(0, n * Math.pow(1 - 1 / (9 * n) - z / (3 * Math.sqrt(n)), 3));
    }

    private static Judgement judgement(Verdict verdict, long calls, double ratio, double bound, double threshold,
            String explanation) {
        return new Judgement(TriggerKind.BASELINE_THROUGHPUT, verdict, calls, ratio, bound, threshold, explanation);
    }
}
