package io.strangler.core.metrics;

import java.util.function.IntUnaryOperator;

import io.strangler.api.OperationKind;
import io.strangler.api.Side;
import io.strangler.api.event.CallOutcome;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Counts and latencies of one side's calls of one kind, read in the background by Micrometer and by
 * {@link io.strangler.api.Route#stats()}.
 *
 * <p>Every call is counted. Modern calls are always timed; legacy calls are timed on a random sample of one in
 * {@code n}, because two clock reads cost more than the whole legacy routing path. Total time of the untimed
 * calls is extrapolated from the timed ones.
 *
 * <p>Recording allocates nothing and does not wait. A call is counted in a {@link LongAdder}. A timed call goes to
 * the calling thread's {@linkplain Stripes stripe} ({@link TimingStripe}), which it takes with one compare-and-set
 * and writes with plain stores; a thread that finds its stripe taken by another moves to another stripe rather than
 * wait (it spins only if every stripe is taken at that instant). So threads running at the same time write
 * different cache lines, and a timed call makes two atomic instructions. Counts are read without stopping writers;
 * latencies are drained stripe by stripe. Thread-safe, apart from {@link #drainLatencyInto}, which callers
 * serialise.
 */
public final class SideRecorder {

    private static final CallOutcome[] OUTCOMES = CallOutcome.values();

    final Side target;
    final OperationKind kind;
    private final int timingOneIn;
    private final IntUnaryOperator draws;
    private final LongAdder[] counts = new LongAdder[OUTCOMES.length];
    private final LongAdder shortCircuited = new LongAdder();
    private final LongAdder fallbackFailures = new LongAdder();
    private final TimingStripe[] stripes = new TimingStripe[Stripes.COUNT];
    /** Empty histograms the next drain swaps in, one per stripe. Used by the one draining thread only. */
    private final Histogram[] spare = new Histogram[Stripes.COUNT];

    /**
     * A recorder of one side's calls of one kind.
     *
     * @param target the side
     * @param kind reads or writes
     * @param timingOneIn time one call in this many (1: every call)
     * @param draws random draws in {@code [0, bound)}, for the timing sample
     */
    public SideRecorder(Side target, OperationKind kind, int timingOneIn, IntUnaryOperator draws) {
        this.draws = draws;
        this.target = target;
        this.kind = kind;
        this.timingOneIn = timingOneIn;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new TimingStripe(OUTCOMES.length);
        }
    }

    /**
     * Whether to time the call about to be made.
     *
     * @return true for every call of a side timed in full, for one in {@code n} at random otherwise
     */
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
            TimingStripe stripe = take();
            try {
                stripe.record(o, nanos);
            } finally {
                stripe.release();
            }
        }
    }

    /**
     * Records a call modern's open breaker kept from modern and legacy answered: a fallback, not timed.
     */
    public void recordShortCircuit() {
        counts[CallOutcome.FALLBACK.ordinal()].increment();
        shortCircuited.increment();
    }

    /** The calling thread's stripe, taken; a stripe another thread holds makes this one move on. */
    private TimingStripe take() {
        int i = Stripes.current();
        for (int tries = 1; ; tries++) {
            TimingStripe stripe = stripes[i];
            if (stripe.tryTake()) {
                return stripe;
            }
            if (tries >= stripes.length) {
                // every stripe was taken at the instant we looked: a crowd of threads, or writers descheduled
                Thread.onSpinWait();
            }
            i = Stripes.moveAway();
        }
    }

    /**
     * Records a call routed to this (modern) side whose fallback legacy answered with an exception: counted among
     * legacy's errors too, so that a judge can keep it out of legacy's own.
     */
    public void recordFallbackFailure() {
        fallbackFailures.increment();
    }

    /**
     * The fallbacks legacy failed so far.
     *
     * @return their number
     */
    public long fallbackFailures() {
        return fallbackFailures.sum();
    }

    /**
     * The fallbacks the open breaker made so far.
     *
     * @return their number
     */
    public long shortCircuited() {
        return shortCircuited.sum();
    }

    /**
     * The calls with {@code outcome} so far.
     *
     * @param outcome the outcome
     * @return their number
     */
    public long count(CallOutcome outcome) {
        return counts[outcome.ordinal()].sum();
    }

    /**
     * The calls with {@code outcome} that were timed; a modern fallback with no timing is one the breaker refused.
     *
     * @param outcome the outcome
     * @return their number
     */
    public long timedCount(CallOutcome outcome) {
        int o = outcome.ordinal();
        long sum = 0;
        for (TimingStripe stripe : stripes) {
            sum += stripe.timedCount(o);
        }
        return sum;
    }

    /**
     * Total time of the calls with {@code outcome}, extrapolated to the untimed ones.
     *
     * @param outcome the outcome
     * @return the time in nanoseconds
     */
    public double totalNanos(CallOutcome outcome) {
        int o = outcome.ordinal();
        long timed = 0;
        long nanos = 0;
        for (TimingStripe stripe : stripes) {
            timed += stripe.timedCount(o);
            nanos += stripe.timedNanos(o);
        }
        if (timed == 0) {
            return 0;
        }
        return nanos * ((double) count(outcome) / timed);
    }

    /**
     * Moves the latencies recorded since the last call into {@code into}. Not thread-safe: callers serialise.
     *
     * @param into the histogram that takes them
     */
    public void drainLatencyInto(Histogram into) {
        for (int i = 0; i < stripes.length; i++) {
            Histogram empty = spare[i] != null ? spare[i] : new Histogram(2);
            Histogram recorded = stripes[i].swapLatency(empty);
            into.add(recorded);
            recorded.reset();
            spare[i] = recorded;
        }
    }
}
