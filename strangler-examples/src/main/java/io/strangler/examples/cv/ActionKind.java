package io.strangler.examples.cv;

/** What a user does with a job. */
public enum ActionKind {
    /** Applies for it through its job board. */
    APPLY,
    /** Keeps it for later (the platform does this when the job board can't be called). */
    SAVE
}
