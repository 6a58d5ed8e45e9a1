package io.strangler.api.resilience;

/**
 * The state of a route's modern circuit breaker, as resilience4j names its states. Only {@link #CLOSED},
 * {@link #HALF_OPEN} (a trial call) and the monitoring states let calls through to modern.
 */
public enum CircuitBreakerState {
    /** Calls reach modern and their outcomes are counted. */
    CLOSED,
    /** Modern failed too often: calls don't reach it until the wait in the open state has passed. */
    OPEN,
    /** The wait has passed: a few trial calls reach modern and decide whether the breaker closes or opens again. */
    HALF_OPEN,
    /** Held open by hand: no call reaches modern until it is moved to another state. */
    FORCED_OPEN,
    /** Every call reaches modern and nothing is counted. */
    DISABLED,
    /** Every call reaches modern; outcomes are counted but never open the breaker. */
    METRICS_ONLY;

    /**
     * Whether a call of a route whose breaker is in this state can be kept from modern.
     *
     * @return {@code true} for {@link #OPEN} and {@link #FORCED_OPEN}
     */
    public boolean isOpen() {
        return this == OPEN || this == FORCED_OPEN;
    }
}
