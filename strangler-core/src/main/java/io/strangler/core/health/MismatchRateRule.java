package io.strangler.core.health;

import static io.strangler.core.health.Readable.count;
import static io.strangler.core.health.Readable.percent;

import io.strangler.api.health.Judgement;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings.Trigger;
import io.strangler.api.health.Verdict;

/** {@link TriggerKind#MISMATCH_RATE}: the shadow mismatch rate against the threshold. See {@link HealthJudge}. */
final class MismatchRateRule implements TriggerRule {

    @Override
    public Judgement judge(HealthWindow window, Trigger trigger, Confidence confidence) {
        long n = window.shadowComparisons();
        double threshold = trigger.threshold();
        WilsonInterval rate = WilsonInterval.of(window.shadowMismatches(), n, confidence.z());
        String head = "shadow mismatch rate " + percent(rate.estimate()) + " over "
                + count(n, "comparison", "comparisons");
        if (n < trigger.minimumSample()) {
            return judgement(Verdict.INCONCLUSIVE, rate, threshold,
                    head + ": too few comparisons to judge (minimum " + trigger.minimumSample() + ")");
        }
        if (rate.lower() > threshold) {
            return judgement(Verdict.FAIL, rate, threshold, head + ", " + confidence.label() + " lower bound "
                    + percent(rate.lower()) + " > threshold " + percent(threshold));
        }
        if (rate.upper() < threshold) {
            return judgement(Verdict.PASS, rate, threshold, head + ", " + confidence.label() + " upper bound "
                    + percent(rate.upper()) + " < threshold " + percent(threshold));
        }
        return judgement(Verdict.INCONCLUSIVE, rate, threshold, head + ", " + confidence.label() + " bounds "
                + percent(rate.lower()) + " and " + percent(rate.upper()) + " straddle threshold "
                + percent(threshold));
    }

    private static Judgement judgement(Verdict verdict, WilsonInterval rate, double threshold, String explanation) {
        return new Judgement(TriggerKind.MISMATCH_RATE, verdict, rate.n(), rate.estimate(), rate.lower(), threshold,
                explanation);
    }
}
