package io.strangler.examples.cv;

/** The resilience module's breaker: the same rule, stated as a failure rate against a threshold. */
public final class ModernCircuitBreakerCore implements CircuitBreakerCore {

    private static final double FAILURE_RATE_THRESHOLD = 0.5;

    @Override
    public GuardDecision admit(String userId, PartnerHealth health) {
        boolean judged = health.calls() >= MINIMUM_CALLS;
        double failureRate = judged ? (double) health.failures() / health.calls() : 0;
        if (failureRate < FAILURE_RATE_THRESHOLD) {
            return GuardDecision.ALLOW;
        }
        return health.secondsSinceLastFailure() < PROBE_AFTER_SECONDS ? GuardDecision.REJECT : GuardDecision.PROBE;
    }
}
