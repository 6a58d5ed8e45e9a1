package io.strangler.api.event;

/** How a call on one side ended. */
public enum CallOutcome {
    /** The side returned normally (or threw an exception the route declares as a normal outcome). */
    SUCCESS,
    /** The side's exception reached the caller. */
    ERROR,
    /** Modern failed or its breaker was open, and legacy served the call instead. */
    FALLBACK
}
