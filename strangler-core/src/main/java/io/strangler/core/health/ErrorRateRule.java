package io.strangler.core.health;

import static io.strangler.core.health.Readable.count;
import static io.strangler.core.health.Readable.percent;
import static io.strangler.core.health.Readable.points;

import io.strangler.api.health.Judgement;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings.Trigger;
import io.strangler.api.health.Verdict;

/**
 * {@link TriggerKind#ERROR_RATE}: modern's error rate against the threshold, and against legacy's in the same
 * window. See {@link HealthJudge} for the rule.
 */
final class ErrorRateRule implements TriggerRule {

    @Override
    public Judgement judge(HealthWindow window, Trigger trigger, Confidence confidence) {
        HealthWindow.SideWindow modern = window.modern();
        long n = modern.calls();
        double threshold = trigger.threshold();
        WilsonInterval rate = WilsonInterval.of(modern.errors(), n, confidence.z());
        String head = "modern error rate " + percent(rate.estimate()) + " over " + count(n, "call", "calls");
        if (n < trigger.minimumSample()) {
            return judgement(Verdict.INCONCLUSIVE, rate, threshold,
                    head + ": too few calls to judge (minimum " + trigger.minimumSample() + ")");
        }
        String lowerBound = ", " + confidence.label() + " lower bound " + percent(rate.lower());
        Reference reference = reference(window, trigger, rate, confidence);
        if (rate.lower() > threshold) {
            if (reference.worse) {
                return judgement(Verdict.FAIL, rate, threshold,
                        head + lowerBound + " > threshold " + percent(threshold) + reference.worseText);
            }
            return judgement(Verdict.INCONCLUSIVE, rate, threshold,
                    head + lowerBound + " > threshold " + percent(threshold) + ", but " + reference.notWorseText);
        }
        if (rate.upper() < threshold) {
            return judgement(Verdict.PASS, rate, threshold, head + ", " + confidence.label() + " upper bound "
                    + percent(rate.upper()) + " < threshold " + percent(threshold));
        }
        if (reference.known && !reference.worse && rate.estimate() <= threshold) {
            return judgement(Verdict.PASS, rate, threshold,
                    head + ", within threshold " + percent(threshold) + " and " + reference.notWorseText);
        }
        return judgement(Verdict.INCONCLUSIVE, rate, threshold, head + ", " + confidence.label() + " bounds "
                + percent(rate.lower()) + " and " + percent(rate.upper()) + " straddle threshold "
                + percent(threshold));
    }

    private static Judgement judgement(Verdict verdict, WilsonInterval rate, double threshold, String explanation) {
        return new Judgement(TriggerKind.ERROR_RATE, verdict, rate.n(), rate.estimate(), rate.lower(), threshold,
                explanation);
    }

    /** What modern is compared with: legacy in the same window, else the legacy baseline, else nothing. */
    private static Reference reference(HealthWindow window, Trigger trigger, WilsonInterval modern,
            Confidence confidence) {
        HealthWindow.SideWindow legacy = window.legacy();
        long pairs = window.shadowComparisons();
        long modernOnly = window.pairedModernOnlyErrors();
        long legacyOnly = window.pairedLegacyOnlyErrors();
        if (pairs >= trigger.minimumSample() && modernOnly + legacyOnly > 0) {
            // paired: on the same requests, when exactly one side failed, was it modern more often than not?
            // Errors that both sides make on the same bad requests cancel out, which an unpaired test can't do.
            WilsonInterval share = WilsonInterval.of(modernOnly, modernOnly + legacyOnly, confidence.z());
            String pairedText = "on the same " + count(pairs, "shadowed request", "shadowed requests")
                    + " modern alone failed " + modernOnly + ", legacy alone " + legacyOnly + " (paired: "
                    + confidence.label() + " lower bound of modern's share " + percent(share.lower());
            return new Reference(true, share.lower() > 0.5, ", and worse than legacy " + pairedText + " > 50%)",
                    "not worse than legacy " + pairedText + " <= 50%)");
        }
        if (legacy.calls() >= trigger.minimumSample()) {
            WilsonInterval legacyRate = WilsonInterval.of(legacy.errors(), legacy.calls(), confidence.z());
            NewcombeInterval difference = NewcombeInterval.of(modern, legacyRate);
            String legacyText = "legacy " + percent(legacyRate.estimate()) + " over "
                    + count(legacy.calls(), "call", "calls");
            return new Reference(true, difference.lower() > 0,
                    ", and significantly above " + legacyText + " (difference lower bound "
                            + points(difference.lower()) + ")",
                    "not significantly above " + legacyText + " (difference lower bound "
                            + points(difference.lower()) + ")");
        }
        if (window.legacyBaseline().isPresent()) {
            double baseline = window.legacyBaseline().get().errorRate();
            return new Reference(true, modern.lower() > baseline,
                    ", and above the legacy baseline " + percent(baseline),
                    "not above the legacy baseline " + percent(baseline));
        }
        return new Reference(false, true, "; legacy has " + count(legacy.calls(), "call", "calls")
                + " and no baseline to compare with", "");
    }

    private static final class Reference {
        final boolean known;
        final boolean worse;
        final String worseText;
        final String notWorseText;

        Reference(boolean known, boolean worse, String worseText, String notWorseText) {
            this.known = known;
            this.worse = worse;
            this.worseText = worseText;
            this.notWorseText = notWorseText;
        }
    }
}
