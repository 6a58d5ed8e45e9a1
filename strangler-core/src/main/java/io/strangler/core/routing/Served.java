package io.strangler.core.routing;

/**
 * Whether legacy served a call in modern's place, for a call that has more to do once it is served: a shadow to
 * offer, a second write to make. Made only when modern serves (legacy never serves in its own place); the outcome
 * policy marks it, {@link DualPlans} reads it. Written and read by one call; a stage's completion orders the two on
 * the asynchronous path.
 */
final class Served {

    /** Whether legacy served the call in modern's place. */
    boolean fellBack;
    /** Modern's failure that made legacy serve; null when modern's breaker kept it from the call. */
    Throwable modernFailure;

    /** Legacy serves in modern's place, after {@code cause}, or with {@code null} when modern was not called. */
    void mark(Throwable cause) {
        fellBack = true;
        modernFailure = cause;
    }

    /** Whether legacy served in modern's place, given the marker of a call, or null when legacy was asked. */
    static boolean fellBack(Served served) {
        return served != null && served.fellBack;
    }
}
