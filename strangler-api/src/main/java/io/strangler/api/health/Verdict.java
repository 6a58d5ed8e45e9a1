package io.strangler.api.health;

/** The outcome of judging one trigger over one window of calls. */
public enum Verdict {
    /** The window shows, at the configured confidence, that modern is within the trigger's threshold. */
    PASS,
    /** The window shows, at the configured confidence, that modern breaks the trigger's threshold: roll back. */
    FAIL,
    /** The window does not show either: too few samples, or a confidence interval that straddles the threshold. */
    INCONCLUSIVE
}
