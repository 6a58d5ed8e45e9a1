package io.strangler.core.breaker;

import io.strangler.core.metrics.Stripes;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Fast successes counted per thread stripe ({@link Stripes}) and not yet handed to the breaker.
 * Each stripe's counter has a cache line of its own, so that threads on different stripes never write the same
 * line. Thread-safe and wait-free.
 */
final class PendingSuccesses {

    /** Longs from one counter to the next: 128 bytes, so that two counters never share a cache line. */
    private static final int PAD = 16;

    /** Slot 0 is left unused: it would share a cache line with the array's header, which every thread reads. */
    private final AtomicLongArray counts = new AtomicLongArray((Stripes.COUNT + 1) * PAD);

    /**
     * The calling thread's stripe's count, one more than before.
     *
     * @return the calling thread's stripe's count, one more than before
     */
    long increment() {
        return counts.incrementAndGet(slot(Stripes.current()));
    }

    /**
     * The calling thread's stripe's count, which is zero now.
     *
     * @return the calling thread's stripe's count, which is zero now
     */
    long takeOwn() {
        return counts.getAndSet(slot(Stripes.current()), 0);
    }

    /**
     * The sum of every stripe's count, which are all zero now.
     *
     * @return the sum of every stripe's count, which are all zero now
     */
    long takeAll() {
        long sum = 0;
        for (int i = 0; i < Stripes.COUNT; i++) {
            sum += counts.getAndSet(slot(i), 0);
        }
        return sum;
    }

    private static int slot(int stripe) {
        return (stripe + 1) * PAD;
    }
}
