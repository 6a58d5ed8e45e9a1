package io.strangler.examples.cv;

/** Whether an outbound call to a job board may go out now. */
public enum GuardDecision {
    /** The board is healthy enough: call it. */
    ALLOW,
    /** The board failed a lot, but long enough ago: let this one call through as a trial. */
    PROBE,
    /** The board fails: do not call it now. */
    REJECT
}
