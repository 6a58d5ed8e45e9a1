package io.strangler.core.health;

import io.strangler.api.health.Judgement;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings.Trigger;
import io.strangler.api.health.Verdict;

/** {@link TriggerKind#DATA_INTEGRITY}: fails as soon as there are more failures than tolerated (default: one). */
final class DataIntegrityRule implements TriggerRule {

    @Override
    public Judgement judge(HealthWindow window, Trigger trigger, Confidence confidence) {
        long failures = window.dataIntegrityFailures();
        long tolerated = (long) trigger.threshold();
        String counted = Readable.count(failures, "data-integrity failure", "data-integrity failures");
        Verdict verdict;
        String explanation;
        if (failures > tolerated) {
            verdict = Verdict.FAIL;
            explanation = counted + ", more than the " + tolerated + " tolerated";
        } else {
            verdict = Verdict.PASS;
            explanation = failures == 0 ? "no data-integrity failures"
                    : counted + ", within the " + tolerated + " tolerated";
        }
        return new Judgement(TriggerKind.DATA_INTEGRITY, verdict, failures, failures, failures, tolerated,
                explanation);
    }
}
