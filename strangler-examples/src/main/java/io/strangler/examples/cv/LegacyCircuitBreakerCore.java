package io.strangler.examples.cv;

/** The monolith's breaker: integer arithmetic on the counters, as it was written in 2011. */
public final class LegacyCircuitBreakerCore implements CircuitBreakerCore {

    @Override
    public GuardDecision admit(String userId, PartnerHealth health) {
        if (health.calls() < MINIMUM_CALLS) {
            return GuardDecision.ALLOW;
        }
        if (health.failures() * 2 >= health.calls()) {
            return health.secondsSinceLastFailure() >= PROBE_AFTER_SECONDS ? GuardDecision.PROBE
                    : GuardDecision.REJECT;
        }
        return GuardDecision.ALLOW;
    }
}
