package io.strangler.core.health;

import io.strangler.api.health.Judgement;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings.Trigger;

/**
 * Legacy's error rate on its own against the {@link TriggerKind#ERROR_RATE} trigger's threshold, by the plain rule of
 * {@link RateAgainstThreshold#judge()}: after a rollback, whether legacy, now serving every call, is healthy. See
 * {@link HealthJudge#judgeLegacyErrorRate}.
 */
final class LegacyErrorRateRule implements TriggerRule {

    @Override
    public Judgement judge(HealthWindow window, Trigger trigger, Confidence confidence) {
        HealthWindow.SideWindow legacy = window.legacy();
        return RateAgainstThreshold.of(TriggerKind.ERROR_RATE, "legacy error rate", legacy.errors(), legacy.calls(),
                "call", "calls", trigger, confidence).judge();
    }
}
