package io.strangler.api.event;

/**
 * Receives a router's events. Every method has an empty default, so implement only what you need. Methods run on
 * the thread that produced the event (the caller's, for routing events): keep them fast.
 *
 * <p>Nothing a listener throws reaches the caller, or changes what the router does or counts: every
 * {@link Throwable}, an {@link Error} included (even an {@link OutOfMemoryError} or a {@link StackOverflowError}),
 * is counted in {@code strangler.listener.errors}, logged, and the next listener still hears the event. A listener
 * that throws an {@link InterruptedException} leaves the thread's interrupt flag set. Implementations must be
 * thread-safe: events of one router arrive on many threads at once.
 */
public interface RouterListener {

    /**
     * A call was made on one side. Published only while at least one listener is registered.
     *
     * @param event the call
     */
    default void onRouted(RoutedEvent event) {
    }

    /**
     * A call routed to modern was served by legacy.
     *
     * @param event the fallback
     */
    default void onFallback(FallbackEvent event) {
    }

    /**
     * A route's state changed.
     *
     * @param event the change
     */
    default void onStageChange(StageChangeEvent event) {
    }

    /**
     * A shadow comparison found a mismatch. Runs on a shadow thread, never on the caller's.
     *
     * @param event the mismatch
     */
    default void onMismatch(MismatchEvent event) {
    }

    /**
     * Reading back a dual write found the two sides holding different data. Runs on a shadow thread.
     *
     * @param event the difference
     */
    default void onDataIntegrity(DataIntegrityEvent event) {
    }

    /**
     * A rollout controller rolled routes back, or froze a rollout for a person to decide: published when the
     * rollback is {@linkplain RollbackEvent.Status#INITIATED initiated} and again when it is
     * {@linkplain RollbackEvent.Status#COMPLETED completed} or has {@linkplain RollbackEvent.Status#FAILED failed}.
     * Runs on the controller's thread.
     *
     * @param event the rollback
     */
    default void onRollback(RollbackEvent event) {
    }
}
