package io.strangler.core.breaker;

import io.strangler.core.metrics.SideRecorder;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.strangler.api.resilience.CircuitBreakerState;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Feeds a route's outcomes to its resilience4j circuit breaker without making every thread take the breaker's
 * window lock on every call. While the breaker is closed, fast successes are counted per thread stripe and handed
 * over sixteen at a time; an error first hands over every pending success, so the failure rate the breaker judges
 * when it may open is exact. Slow successes (at or above the slow-call threshold) and every outcome in any other
 * state go to the breaker at once: a half-open breaker counts its trial calls one by one.
 */
public final class BreakerFeed {

    /** Fast successes a stripe hands over at once. */
    static final int BATCH = 16;
    /** Longs between two stripes' counters, so that they sit on different cache lines. */
    private static final int PAD = 16;

    private final CircuitBreaker breaker;
    private final long slowNanos;
    private final AtomicLongArray pending = new AtomicLongArray(SideRecorder.STRIPES * PAD);

    public BreakerFeed(CircuitBreaker breaker) {
        this.breaker = breaker;
        this.slowNanos = breaker.getCircuitBreakerConfig().getSlowCallDurationThreshold().toNanos();
    }

    /**
     * Asks the breaker whether a call may reach modern now. Every call the route makes on modern asks first, and
     * then reports its outcome ({@link #success}, {@link #error}) or gives the permission back
     * ({@link #releasePermission}).
     *
     * @return whether modern may be called
     */
    public boolean tryAcquirePermission() {
        return breaker.tryAcquirePermission();
    }

    /** Gives back a permission whose call was never made, or whose outcome says nothing about modern. */
    public void releasePermission() {
        breaker.releasePermission();
    }

    /** @return the breaker's state now */
    public CircuitBreakerState state() {
        return Breakers.state(breaker);
    }

    /** A call modern answered in {@code nanos}. */
    public void success(long nanos) {
        if (nanos < slowNanos && breaker.getState() == CircuitBreaker.State.CLOSED) {
            int slot = SideRecorder.stripe() * PAD;
            if (pending.incrementAndGet(slot) >= BATCH) {
                report(pending.getAndSet(slot, 0));
            }
            return;
        }
        breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
    }

    /** A call modern failed after {@code nanos}; the pending successes go first. */
    public void error(long nanos, Throwable failure) {
        flush();
        breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
    }

    /** Hands every pending success over now. */
    public void flush() {
        for (int i = 0; i < SideRecorder.STRIPES; i++) {
            long n = pending.getAndSet(i * PAD, 0);
            if (n > 0) {
                report(n);
            }
        }
    }

    private void report(long successes) {
        if (breaker.getState() != CircuitBreaker.State.CLOSED) {
            // the closed window these belonged to was reset when the breaker left it
            return;
        }
        for (long i = 0; i < successes; i++) {
            breaker.onSuccess(0, TimeUnit.NANOSECONDS);
        }
    }
}
