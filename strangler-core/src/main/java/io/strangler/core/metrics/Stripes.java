package io.strangler.core.metrics;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stripe of the calling thread: an index in {@code [0, COUNT)} that spreads the threads recording calls over
 * per-stripe counters, so that threads running at the same time write different cache lines.
 *
 * <p>A thread gets its stripe when it first records, the next one round the stripes, so the first {@link #COUNT}
 * threads get one each whatever their ids (thread ids are not random: the workers of a pool may have ids that share
 * their low bits). A thread that finds its stripe taken by another at that instant moves to another stripe for
 * good ({@link #moveAway}), as {@link java.util.concurrent.atomic.LongAdder} moves a thread to another cell.
 *
 * <p>Thread-safe: each thread reads and moves its own stripe only.
 */
public final class Stripes {

    /** Stripes: a power of two, about two per core, at most 16. */
    public static final int COUNT = Math.min(16,
            Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 2 - 1) * 2);

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final ThreadLocal<int[]> OF_THREAD =
            ThreadLocal.withInitial(() -> new int[] {NEXT.getAndIncrement() & (COUNT - 1)});

    private Stripes() {
    }

    /**
     * The calling thread's stripe.
     *
     * @return the stripe, in {@code [0, COUNT)}
     */
    public static int current() {
        return OF_THREAD.get()[0];
    }

    /**
     * Moves the calling thread to another stripe, picked at random, after it found its own taken by another thread.
     *
     * @return the thread's new stripe, in {@code [0, COUNT)}
     */
    public static int moveAway() {
        int[] stripe = OF_THREAD.get();
        if (COUNT > 1) {
            stripe[0] = (stripe[0] + 1 + ThreadLocalRandom.current().nextInt(COUNT - 1)) & (COUNT - 1);
        }
        return stripe[0];
    }
}
