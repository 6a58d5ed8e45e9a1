package io.strangler.core.breaker;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.EventProcessor;
import io.strangler.api.resilience.CircuitBreakerState;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The one door to modern's resilience4j circuit breaker: every call the route makes on modern asks it for
 * permission and reports its outcome through it. It feeds the breaker so that the calls of a healthy modern side
 * write nothing that threads share, while the breaker opens on exactly the outcome, and judges exactly the failure
 * rate, it would had every call been reported to it at once.
 *
 * <p>resilience4j stays the breaker: it is configured by {@link Breakers#config}, it alone decides when to open,
 * and its state transitions, events and {@code resilience4j.circuitbreaker.*} meters are what users observe. What
 * the feed changes is how the outcomes of a closed breaker reach its count-based sliding window, which takes a lock
 * for every outcome recorded: threads that record every call queue on that lock and park.
 *
 * <p>The feed follows the closed window it writes into (resilience4j makes a new one each time the breaker closes)
 * and knows of it what it recorded there itself: how many outcomes, and how many fast successes (below the
 * slow-call threshold) in a row at its end. From that it treats the window in one of three ways:
 *
 * <ul>
 *   <li><b>Young</b>, until the feed has recorded the breaker's minimum number of calls in it: every outcome is
 *       recorded at once. In a young window a success can open the breaker (the one that reaches the minimum
 *       number of calls with the failure rate above the threshold); in an older one it never can, since the rate
 *       was below the threshold after the outcome before, and a success does not raise it.
 *   <li><b>Mature</b>: a fast success is counted in the calling thread's stripe (a cache line of its own) and
 *       handed to the window {@value #BATCH} at a time, by whichever thread finds the feed's lock free: a thread
 *       never waits for another's hand-over; its successes stay counted until its next batch.
 *   <li><b>Saturated</b>, once the fast successes the feed handed over in a row fill the window (and the window's
 *       own counts confirm it: as many buffered calls as its size, no failed and no slow call): another fast
 *       success would leave the window exactly as it is, so it is not recorded at all. A fast success then costs
 *       a few reads and writes nothing.
 * </ul>
 *
 * <p>Any other outcome of a closed breaker (a failure, a slow success) takes the feed's lock, ends the saturation,
 * hands over every pending success (or drops them when the window was saturated: they would not change it) and is
 * then recorded. So slow calls are counted at once, and the failure rate and slow-call rate the breaker judges on
 * every outcome that can open it are exact. Outside the closed state every outcome goes to the breaker at once: a
 * half-open breaker counts its trial calls one by one. A failure of a kind the breaker ignores goes to it at once
 * in any state: the window takes nothing from it.
 *
 * <p>What differs from reporting every call: until the next batch or the next failure, the window's readings
 * (failure rate, buffered and successful calls) may leave out up to {@value #BATCH} - 1 pending successes per
 * stripe; successes still pending when the breaker leaves the closed state are dropped with the window they were
 * counted for. A breaker whose events someone consumes (resilience4j's own {@code TaggedCircuitBreakerMetrics}, which
 * {@code RouterBuilder.resilience4jEventMetrics(true)} binds, times every call from its success events) is told of
 * every success at once, with its duration: its listeners see every call, and the feed saves nothing. The feed must
 * be the only writer of outcomes into its breaker: a failure recorded on the breaker directly while its window is
 * saturated is not seen by the feed and stays in the window until the feed records a failure or a slow call itself.
 * A time-based window is never mature: the calls it holds expire, so every outcome goes to it at once.
 *
 * <p>Thread-safe. A fast success of a mature or saturated window, a permission and a state reading are wait-free
 * and allocate nothing; every other outcome waits for the feed's lock.
 */
public final class BreakerFeed {

    /** Fast successes a stripe hands over at once. A power of two. */
    static final int BATCH = 16;

    private final CircuitBreaker breaker;
    private final long slowNanos;
    /** Calls a count-based window holds; 0 for a time-based window, which is never mature. */
    private final int windowSize;
    /** Outcomes a window holds before the breaker may open: the end of a window's youth. */
    private final int minimumCalls;
    private final Predicate<Throwable> ignored;
    /** The breaker's event processor, or null when it is of a kind the feed does not know. */
    private final EventProcessor<?> events;
    private final PendingSuccesses pending = new PendingSuccesses();
    /** Serialises what the feed records in the window, so that what it counts is what the window holds. */
    private final ReentrantLock writing = new ReentrantLock();
    /** The closed window once it is mature, else an older one or null. Written under {@link #writing}. */
    private volatile CircuitBreaker.Metrics mature;
    /** The closed window while it is saturated, else null. Written under {@link #writing}. */
    private volatile CircuitBreaker.Metrics saturated;
    /** The closed window the feed last recorded in. Guarded by {@link #writing}, as are the two counts below. */
    private CircuitBreaker.Metrics window;
    /** Outcomes the feed recorded in {@link #window}. */
    private long recorded;
    /** Fast successes the feed recorded in {@link #window} since it last recorded anything else. */
    private long streak;

    /**
     * A feed of {@code breaker}, which it must be the only one to record outcomes in.
     *
     * @param breaker modern's breaker
     */
    public BreakerFeed(CircuitBreaker breaker) {
        this.breaker = breaker;
        CircuitBreakerConfig config = breaker.getCircuitBreakerConfig();
        this.slowNanos = config.getSlowCallDurationThreshold().toNanos();
        boolean countBased = config.getSlidingWindowType() == CircuitBreakerConfig.SlidingWindowType.COUNT_BASED;
        this.windowSize = countBased ? config.getSlidingWindowSize() : 0;
        this.minimumCalls = Math.min(config.getMinimumNumberOfCalls(), config.getSlidingWindowSize());
        this.ignored = config.getIgnoreExceptionPredicate();
        this.events = breaker.getEventPublisher() instanceof EventProcessor<?> processor ? processor : null;
    }

    /**
     * Asks the breaker whether a call may reach modern now. Every call the route makes on modern asks first, and
     * then reports its outcome ({@link #success}, {@link #error}) or gives the permission back
     * ({@link #releasePermission}). Wait-free while the breaker is closed.
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

    /**
     * The breaker's state now, in Strangler's terms.
     *
     * @return the state
     */
    public CircuitBreakerState state() {
        return Breakers.state(breaker);
    }

    /**
     * Reports a call modern answered in {@code nanos}. A fast success of a closed breaker whose window is mature is
     * counted per thread and reaches the window later, or never if the window is saturated; any other success
     * reaches the breaker now.
     *
     * @param nanos how long modern took
     */
    public void success(long nanos) {
        if (nanos >= slowNanos) {
            recordSlowSuccess(nanos);
            return;
        }
        if (breaker.getState() != CircuitBreaker.State.CLOSED) {
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            return;
        }
        CircuitBreaker.Metrics closed = breaker.getMetrics();
        if (closed != mature || listened()) {
            recordAtOnce(nanos);
        } else if (closed != saturated && (pending.increment() & (BATCH - 1)) == 0) {
            tryHandOverOwn();
        }
    }

    /**
     * Reports a call modern failed after {@code nanos}. Unless the breaker ignores {@code failure}, every pending
     * success reaches the breaker first, so the failure rate it judges is exact. Waits for the feed's lock.
     *
     * @param nanos how long modern took
     * @param failure what modern threw
     */
    public void error(long nanos, Throwable failure) {
        if (isIgnored(failure)) {
            // resilience4j gives the permission back and records nothing
            breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
            return;
        }
        writing.lock();
        try {
            settle();
            breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
        } finally {
            writing.unlock();
        }
    }

    /** Hands every pending success over now (or drops them, as the class describes). Waits for the feed's lock. */
    public void flush() {
        writing.lock();
        try {
            if (follow()) {
                recordFastSuccesses(pending.takeAll());
            } else {
                pending.takeAll();
            }
        } finally {
            writing.unlock();
        }
    }

    private void recordSlowSuccess(long nanos) {
        writing.lock();
        try {
            settle();
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        } finally {
            writing.unlock();
        }
    }

    /** Whether someone consumes the breaker's events, and so must see a success event for every call. */
    private boolean listened() {
        return events == null || events.hasConsumers();
    }

    private void recordAtOnce(long nanos) {
        writing.lock();
        try {
            if (!follow()) {
                breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
                return;
            }
            // successes another thread counted once it saw the window mature, a moment before this one
            recordFastSuccesses(pending.takeAll());
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            counted(1);
        } finally {
            writing.unlock();
        }
    }

    private void tryHandOverOwn() {
        if (writing.tryLock()) {
            try {
                if (follow()) {
                    recordFastSuccesses(pending.takeOwn());
                }
            } finally {
                writing.unlock();
            }
        }
    }

    /**
     * Readies the window for an outcome that is not a fast success, which is counted as recorded. Lock held.
     */
    private void settle() {
        if (!follow()) {
            pending.takeAll();
            return;
        }
        recordFastSuccesses(pending.takeAll());
        // last, since handing over may have filled the window; from here on no fast success is left out
        saturated = null;
        recorded++;
        streak = 0;
        if (recorded >= minimumCalls && windowSize > 0) {
            mature = window;
        }
    }

    /**
     * Follows the breaker's closed window: a new one starts young, and successes counted for the one before are
     * dropped with it. Lock held.
     *
     * @return whether the breaker is closed
     */
    private boolean follow() {
        if (breaker.getState() != CircuitBreaker.State.CLOSED) {
            return false;
        }
        CircuitBreaker.Metrics closed = breaker.getMetrics();
        if (closed != window) {
            window = closed;
            recorded = 0;
            streak = 0;
            pending.takeAll();
        }
        return true;
    }

    /** Records {@code successes} fast successes in the followed window, unless it is saturated. Lock held. */
    private void recordFastSuccesses(long successes) {
        if (successes == 0 || (window == saturated && !listened())) {
            return;
        }
        // more successes than the window holds leave it as a window's worth of them does
        long n = windowSize > 0 ? Math.min(successes, windowSize) : successes;
        for (long i = 0; i < n; i++) {
            breaker.onSuccess(0, TimeUnit.NANOSECONDS);
        }
        counted(n);
    }

    /** Counts {@code successes} fast successes just recorded in the followed window. Lock held. */
    private void counted(long successes) {
        recorded += successes;
        streak += successes;
        if (windowSize == 0) {
            return;
        }
        if (recorded >= minimumCalls) {
            mature = window;
        }
        if (streak >= windowSize && saturated != window) {
            if (holdsOnlyFastSuccesses()) {
                saturated = window;
            } else {
                // something recorded on the breaker directly is in the window: count again from here
                streak = 0;
            }
        }
    }

    private boolean holdsOnlyFastSuccesses() {
        return breaker.getState() == CircuitBreaker.State.CLOSED && breaker.getMetrics() == window
                && window.getNumberOfBufferedCalls() == windowSize && window.getNumberOfFailedCalls() == 0
                && window.getNumberOfSlowCalls() == 0;
    }

    /** Whether the breaker ignores {@code failure}, unwrapped as resilience4j unwraps it. */
    private boolean isIgnored(Throwable failure) {
        Throwable cause = failure;
        if ((failure instanceof CompletionException || failure instanceof ExecutionException)
                && failure.getCause() != null) {
            cause = failure.getCause();
        }
        return ignored.test(cause);
    }
}
