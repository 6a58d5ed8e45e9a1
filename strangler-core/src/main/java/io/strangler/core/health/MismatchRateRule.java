package io.strangler.core.health;

import io.strangler.api.health.Judgement;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings.Trigger;

/**
 * {@link TriggerKind#MISMATCH_RATE}: the shadow mismatch rate against the threshold, by the plain rule of
 * {@link RateAgainstThreshold#judge()}. See {@link HealthJudge}.
 */
final class MismatchRateRule implements TriggerRule {

    @Override
    public Judgement judge(HealthWindow window, Trigger trigger, Confidence confidence) {
        return RateAgainstThreshold.of(TriggerKind.MISMATCH_RATE, "shadow mismatch rate", window.shadowMismatches(),
                window.shadowComparisons(), "comparison", "comparisons", trigger, confidence).judge();
    }
}
