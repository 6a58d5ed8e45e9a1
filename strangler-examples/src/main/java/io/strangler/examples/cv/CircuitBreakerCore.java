package io.strangler.examples.cv;

import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;

/**
 * Decides whether a call to a job board may go out: the route {@code circuit-breaker-core}, the monolith's hand-made
 * breaker moving to the shared resilience module. Both sides apply the same rule:
 * <ul>
 * <li>fewer than {@value #MINIMUM_CALLS} calls seen: {@link GuardDecision#ALLOW ALLOW};</li>
 * <li>at least half of them failed: {@link GuardDecision#PROBE PROBE} once the latest failure is
 *     {@value #PROBE_AFTER_SECONDS} s old, else {@link GuardDecision#REJECT REJECT};</li>
 * <li>otherwise {@link GuardDecision#ALLOW ALLOW}.</li>
 * </ul>
 */
public interface CircuitBreakerCore {

    /** Fewer calls than this say nothing of a board's health. */
    int MINIMUM_CALLS = 10;
    /** How long after its latest failure a failing board gets a trial call. */
    long PROBE_AFTER_SECONDS = 30;

    /**
     * Whether a user's call to a job board may go out now.
     *
     * @param userId the user the call is for: the routing key
     * @param health what the platform saw of the board lately
     * @return the decision
     */
    @Read
    GuardDecision admit(@RoutingKey String userId, PartnerHealth health);
}
