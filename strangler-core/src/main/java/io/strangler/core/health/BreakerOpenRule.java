package io.strangler.core.health;

import io.strangler.api.health.Judgement;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings.Trigger;
import io.strangler.api.health.Verdict;

/** {@link TriggerKind#BREAKER_OPEN}: fails while modern's circuit breaker is open. */
final class BreakerOpenRule implements TriggerRule {

    @Override
    public Judgement judge(HealthWindow window, Trigger trigger, Confidence confidence) {
        boolean open = window.modernBreakerOpen();
        return new Judgement(TriggerKind.BREAKER_OPEN, open ? Verdict.FAIL : Verdict.PASS, 1, open ? 1 : 0,
                open ? 1 : 0, 0, open ? "modern's circuit breaker is open" : "modern's circuit breaker is not open");
    }
}
