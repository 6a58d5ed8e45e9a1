package io.strangler.core.metrics;

import java.util.function.IntUnaryOperator;

import io.strangler.api.OperationKind;
import io.strangler.api.Side;
import io.strangler.api.event.CallOutcome;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts and latencies of one side's calls of one kind. Recording is wait-free and allocation-free: striped
 * counters and an HdrHistogram {@link Recorder}, read in the background by Micrometer and by
 * {@link io.strangler.api.Route#stats()}.
 *
 * <p>Every call is counted. Modern calls are always timed; legacy calls are timed on a random sample of one in
 * {@code n}, because two clock reads cost more than the whole legacy routing path. Total time of the untimed
 * calls is extrapolated from the timed ones.
 */
public final class SideRecorder {

    private static final CallOutcome[] OUTCOMES = CallOutcome.values();
    /** Latency stripes: a power of two, about two per core, at most 16. */
    public static final int STRIPES = Math.min(16, Integer.highestOneBit(Math.max(1, Runtime.getRuntime()
            .availableProcessors()) * 2 - 1) * 2);

    final Side target;
    final OperationKind kind;
    private final int timingOneIn;
    private final LongAdder[] counts = adders();
    private final LongAdder[] timedCounts = adders();
    private final LongAdder shortCircuited = new LongAdder();
    private final LongAdder[] timedNanos = adders();
    /**
     * One recorder per stripe, picked by thread: a single {@link Recorder} is wait-free but every writer increments
     * the same counters, and two threads timing modern calls bounced those cache lines between cores.
     */
    private final Recorder[] latency = new Recorder[STRIPES];
    private final Histogram[] recycled = new Histogram[STRIPES];

    private final IntUnaryOperator draws;

    public SideRecorder(Side target, OperationKind kind, int timingOneIn, IntUnaryOperator draws) {
        this.draws = draws;
        this.target = target;
        this.kind = kind;
        this.timingOneIn = timingOneIn;
        for (int i = 0; i < STRIPES; i++) {
            latency[i] = new Recorder(2);
        }
    }

    private static LongAdder[] adders() {
        LongAdder[] adders = new LongAdder[OUTCOMES.length];
        for (int i = 0; i < adders.length; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    /** Whether to time the call about to be made. */
    public boolean shouldTime() {
        return timingOneIn == 1 || draws.applyAsInt(timingOneIn) == 0;
    }

    /**
     * Records a call.
     *
     * @param outcome how it ended
     * @param nanos how long it took, or a negative number when it was not timed
     */
    public void record(CallOutcome outcome, long nanos) {
        int o = outcome.ordinal();
        counts[o].increment();
        if (nanos >= 0) {
            timedCounts[o].increment();
            timedNanos[o].add(nanos);
            latency[stripe()].recordValue(nanos);
        }
    }

    /**
     * Records a call modern's open breaker kept from modern and legacy answered: a fallback, not timed.
     */
    public void recordShortCircuit() {
        counts[CallOutcome.FALLBACK.ordinal()].increment();
        shortCircuited.increment();
    }

    /** @return the fallbacks the open breaker made so far */
    public long shortCircuited() {
        return shortCircuited.sum();
    }

    /** @return the calling thread's stripe, in {@code [0, STRIPES)} */
    public static int stripe() {
        return (int) Thread.currentThread().getId() & (STRIPES - 1);
    }

    public long count(CallOutcome outcome) {
        return counts[outcome.ordinal()].sum();
    }

    /** The calls with {@code outcome} that were timed; a modern fallback with no timing is one the breaker refused. */
    public long timedCount(CallOutcome outcome) {
        return timedCounts[outcome.ordinal()].sum();
    }

    /** Total time of the calls with {@code outcome}, in nanoseconds, extrapolated to the untimed ones. */
    public double totalNanos(CallOutcome outcome) {
        int o = outcome.ordinal();
        long timed = timedCounts[o].sum();
        if (timed == 0) {
            return 0;
        }
        return timedNanos[o].sum() * ((double) counts[o].sum() / timed);
    }

    /** Moves the latencies recorded since the last call into {@code into}. Not thread-safe: callers serialise. */
    public void drainLatencyInto(Histogram into) {
        for (int i = 0; i < STRIPES; i++) {
            recycled[i] = latency[i].getIntervalHistogram(recycled[i]);
            into.add(recycled[i]);
        }
    }
}
