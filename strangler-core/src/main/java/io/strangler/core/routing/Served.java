package io.strangler.core.routing;

/**
 * What happened to the modern side of a call that has more to do once it is served: a shadow to offer, a second
 * write to make. The outcome policy marks it when legacy served in modern's place; the plan that extends it reads
 * the mark afterwards. Written and read by one call; a stage's completion orders the two on the asynchronous path.
 */
abstract class Served {

    /** Whether legacy served the call in modern's place. */
    boolean fellBack;
    /** Modern's failure that made legacy serve; null when modern's breaker kept it from the call. */
    Throwable modernFailure;

    /** Legacy serves in modern's place, after {@code cause}, or with {@code null} when modern was not called. */
    final void fellBack(Throwable cause) {
        fellBack = true;
        modernFailure = cause;
    }
}
