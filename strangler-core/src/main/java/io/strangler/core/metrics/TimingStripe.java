package io.strangler.core.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.HdrHistogram.Histogram;

/**
 * One stripe of a {@link SideRecorder}'s timings: timed calls and their total time by outcome, and a latency
 * histogram, written by one thread at a time.
 *
 * <p>A writer takes the stripe with one compare-and-set ({@link #tryTake}), writes plain values, and gives it back
 * with a release store ({@link #release}): one atomic instruction per timed call, where an HdrHistogram
 * {@code Recorder} and two {@code LongAdder}s took eight. A thread that finds the stripe taken does not wait: it
 * moves to another stripe. Timed counts and times are read at any time without taking the stripe (opaque reads of
 * values only the taker writes); the histogram is swapped out under the stripe ({@link #swapLatency}).
 *
 * <p>The counts sit in one array with a cache line of padding at each end, so that two stripes written by two
 * threads never share a line.
 */
final class TimingStripe {

    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);
    /** Longs of padding before and after the cells: a cache line. */
    private static final int PAD = 8;
    private static final int BUSY = PAD;
    private static final int TIMED = BUSY + 1;

    private final int outcomes;
    private final long[] cells;
    /** Guarded by taking the stripe. */
    private Histogram latency = new Histogram(2);

    TimingStripe(int outcomes) {
        this.outcomes = outcomes;
        // timed calls per outcome, then their nanoseconds per outcome
        this.cells = new long[TIMED + 2 * outcomes + PAD];
    }

    /**
     * Whether the calling thread took the stripe; if so it must {@link #release} it.
     *
     * @return whether the calling thread took the stripe; if so it must {@link #release} it
     */
    boolean tryTake() {
        return (long) CELLS.getOpaque(cells, BUSY) == 0 && CELLS.compareAndSet(cells, BUSY, 0L, 1L);
    }

    /** Takes the stripe, waiting for its writer: for the reader only, which is rare. */
    void take() {
        for (int spins = 0; !tryTake(); spins++) {
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /** Gives the stripe back, publishing what was written. */
    void release() {
        CELLS.setRelease(cells, BUSY, 0L);
    }

    /** Records a timed call; the stripe is taken. */
    void record(int outcome, long nanos) {
        add(TIMED + outcome, 1);
        add(TIMED + outcomes + outcome, nanos);
        latency.recordValue(nanos);
    }

    long timedCount(int outcome) {
        return (long) CELLS.getOpaque(cells, TIMED + outcome);
    }

    long timedNanos(int outcome) {
        return (long) CELLS.getOpaque(cells, TIMED + outcomes + outcome);
    }

    /**
     * Swaps the stripe's histogram for {@code empty}, waiting for the stripe's writer.
     *
     * @return the histogram recorded so far, which no writer touches any more
     */
    Histogram swapLatency(Histogram empty) {
        take();
        try {
            Histogram recorded = latency;
            latency = empty;
            return recorded;
        } finally {
            release();
        }
    }

    /** Only the taker writes: a plain read is its own last write; the opaque write is never torn for readers. */
    private void add(int cell, long x) {
        CELLS.setOpaque(cells, cell, cells[cell] + x);
    }
}
