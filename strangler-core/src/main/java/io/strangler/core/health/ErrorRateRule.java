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
        RateAgainstThreshold rate = RateAgainstThreshold.of(TriggerKind.ERROR_RATE, "modern error rate",
                modern.errors(), modern.calls(), "call", "calls", trigger, confidence);
        if (rate.tooFew()) {
            return rate.judgement(Verdict.INCONCLUSIVE, rate.tooFewText());
        }
        Reference reference = reference(window, trigger, rate.rate(), confidence);
        if (rate.above()) {
            return reference.worse() ? rate.judgement(Verdict.FAIL, rate.aboveText() + reference.worseText())
                    : rate.judgement(Verdict.INCONCLUSIVE, rate.aboveText() + ", but " + reference.notWorseText());
        }
        if (rate.below()) {
            return rate.judgement(Verdict.PASS, rate.belowText());
        }
        if (reference.known() && !reference.worse() && rate.estimateWithin()) {
            return rate.judgement(Verdict.PASS, rate.head() + ", within threshold " + percent(trigger.threshold())
                    + " and " + reference.notWorseText());
        }
        return rate.judgement(Verdict.INCONCLUSIVE, rate.straddlesText());
    }

    /** What modern is compared with: legacy in the same window, else the legacy baseline, else nothing. */
    private static Reference reference(HealthWindow window, Trigger trigger, WilsonInterval modern,
            Confidence confidence) {
        HealthWindow.SideWindow legacy = window.legacy();
        long pairs = window.shadowComparisons();
        long modernOnly = window.pairedModernOnlyErrors();
        long legacyOnly = window.pairedLegacyOnlyErrors();
        double needed = ErrorShareTest.threshold(confidence.level());
        if (pairs >= trigger.minimumSample() && modernOnly + legacyOnly > 0) {
            // paired: on the same requests, when exactly one side failed, was it modern more often than not?
            // Errors that both sides make on the same bad requests cancel out, which an unpaired test can't do.
            double e = ErrorShareTest.eValue(modernOnly, modernOnly + legacyOnly, 0.5);
            String pairedText = "on the same " + count(pairs, "shadowed request", "shadowed requests")
                    + " modern alone failed " + modernOnly + ", legacy alone " + legacyOnly + " (paired, "
                    + "e-value " + evalue(e);
            return new Reference(true, e >= needed, ", and worse than legacy " + pairedText + " >= " + evalue(needed)
                    + ")", "not shown worse than legacy " + pairedText + " < " + evalue(needed) + ")");
        }
        if (legacy.calls() >= trigger.minimumSample()) {
            long errors = modern.k() + legacy.errors();
            double share = (double) modern.n() / (modern.n() + legacy.calls());
            double e = ErrorShareTest.eValue(modern.k(), errors, share);
            String legacyText = "legacy " + percent((double) legacy.errors() / legacy.calls()) + " over "
                    + count(legacy.calls(), "call", "calls") + ": modern made " + modern.k() + " of the " + errors
                    + " errors while serving " + percent(share) + " of the calls (e-value " + evalue(e);
            return new Reference(true, e >= needed, ", and worse than " + legacyText + " >= " + evalue(needed) + ")",
                    "not shown worse than " + legacyText + " < " + evalue(needed) + ")");
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

    private static String evalue(double e) {
        return e >= 1e6 ? String.format(java.util.Locale.ROOT, "%.1e", e) : e >= 100
                ? String.format(java.util.Locale.ROOT, "%.0f", e) : String.format(java.util.Locale.ROOT, "%.1f", e);
    }

    /** The reference modern was compared with: whether there is one, whether modern is worse, and both sentences. */
    private record Reference(boolean known, boolean worse, String worseText, String notWorseText) {
    }
}
