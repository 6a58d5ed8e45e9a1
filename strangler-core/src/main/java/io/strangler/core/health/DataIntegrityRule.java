package io.strangler.core.health;

import io.strangler.api.health.Judgement;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings.Trigger;
import io.strangler.api.health.Verdict;

/**
 * {@link TriggerKind#DATA_INTEGRITY}: fails as soon as there are more failures than tolerated (none by default):
 * dual writes found different when read back, and second writes lost from a full reconciliation log.
 */
final class DataIntegrityRule implements TriggerRule {

    @Override
    public Judgement judge(HealthWindow window, Trigger trigger, Confidence confidence) {
        long failures = window.dataIntegrityFailures();
        long tolerated = (long) trigger.threshold();
        long lost = Math.min(failures, window.lostSecondWrites());
        String counted = Readable.count(failures, "data-integrity failure", "data-integrity failures")
                + (lost == 0 ? "" : " (" + Readable.count(lost, "second write", "second writes") + " lost from a full "
                        + "reconciliation log: modern's data no longer matches for those keys, which can't be replayed; "
                        + "backfill modern from legacy for the keys the log's warnings name, and size the log for the "
                        + "traffic, or use the JDBC log)");
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
