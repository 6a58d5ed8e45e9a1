package io.strangler.core.routing;

import io.strangler.api.event.DataIntegrityEvent;
import io.strangler.api.event.FallbackEvent;
import io.strangler.api.event.MismatchEvent;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.event.RoutedEvent;
import io.strangler.api.event.RouterListener;
import io.strangler.api.event.StageChangeEvent;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's listeners, guarded: whatever a listener throws is counted and logged, and never reaches the caller
 * nor stops the next listener from hearing the event. That holds for every {@link Throwable}, an {@link Error} of
 * the JVM included: a listener observes a call whose outcome is already decided, and turning that outcome into the
 * listener's failure would make a call that succeeded fail (and a write the caller then retries be made twice). An
 * {@link OutOfMemoryError} a listener threw is no exception: when the heap is truly exhausted, the next allocation
 * elsewhere fails too and reports it; when one listener asked for too much, only that listener failed. A listener
 * that throws {@link InterruptedException} leaves the thread's interrupt flag set. Routing asks {@link #active()}
 * first, so that no event is allocated while nobody listens. Thread-safe; adding and removing copy the array.
 */
final class Listeners {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
    private static final RouterListener[] NONE = new RouterListener[0];

    private volatile RouterListener[] listeners = NONE;
    final LongAdder errors = new LongAdder();

    synchronized void add(RouterListener listener) {
        RouterListener[] next = Arrays.copyOf(listeners, listeners.length + 1);
        next[next.length - 1] = listener;
        listeners = next;
    }

    synchronized void remove(RouterListener listener) {
        listeners = Arrays.stream(listeners).filter(l -> l != listener).toArray(RouterListener[]::new);
    }

    boolean active() {
        return listeners.length != 0;
    }

    void routed(RoutedEvent event) {
        each(l -> l.onRouted(event));
    }

    void fallback(FallbackEvent event) {
        each(l -> l.onFallback(event));
    }

    void stageChange(StageChangeEvent event) {
        each(l -> l.onStageChange(event));
    }

    void mismatch(MismatchEvent event) {
        each(l -> l.onMismatch(event));
    }

    void dataIntegrity(DataIntegrityEvent event) {
        each(l -> l.onDataIntegrity(event));
    }

    void rollback(RollbackEvent event) {
        each(l -> l.onRollback(event));
    }

    private void each(Consumer<RouterListener> action) {
        for (RouterListener listener : listeners) {
            try {
                action.accept(listener);
            } catch (Throwable t) {
                failed(listener, t);
            }
        }
    }

    /** Counts and logs a listener's failure; the counting and the logging may fail too (out of memory), quietly. */
    private void failed(RouterListener listener, Throwable failure) {
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        try {
            errors.increment();
            LOG.warn("Strangler listener {} failed; the call it observed is unaffected", listener, failure);
        } catch (Throwable ignored) {
            // Nothing is left to tell, and the caller must not hear of it.
        }
    }
}
