package io.strangler.core.routing;

import io.strangler.api.Operation;
import io.strangler.api.RouteCall;
import io.strangler.api.RoutingContext;
import io.strangler.api.Side;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * One read with preference {@code FASTEST}: both sides are called on the shadow executor, in the caller's routing
 * context; the caller gets the first success, and the other call is cancelled (interrupted if it is running) and
 * counted. When both fail, the caller gets the failure of the side the routing decision chose.
 *
 * <p>The decided side always answers unless the other side answers first, and the read never waits behind the
 * executor's other work. The decided side's call is handed over first. When the executor refuses either call, or
 * has not started the decided side's within {@link FastestReads#startNanos} (it is busy, say with shadow calls that
 * are stuck), the calls not yet started are withdrawn and the caller makes the decided side's call itself, on its
 * own thread; a call of the other side that runs by then is cancelled. Once the decided side's call runs, the read
 * waits for it as any read waits for its implementation. Each side's call is claimed exactly once, by the
 * executor's thread that runs it or by the caller that withdraws it, so a withdrawn call never runs.
 *
 * @param <T> the route's interface
 */
final class FastestRead<T> {

    private static final int PENDING = 0;
    private static final int RUNNING = 1;
    private static final int WITHDRAWN = 2;

    private final FastestReads<T> reads;
    private final Operation op;
    private final Side decided;
    private final RouteCall<? super T, ?, ?> call;
    private final CompletableFuture<Object> first = new CompletableFuture<>();
    /** Each side's call, by {@link Side#ordinal()}: pending, running, or withdrawn. */
    private final AtomicIntegerArray states = new AtomicIntegerArray(2);
    /** Sides not yet done (ended, or withdrawn); the last one done fails the read if nobody answered. */
    private final AtomicInteger remaining = new AtomicInteger(2);
    private final Throwable[] failures = new Throwable[2];
    private final FutureTask<?>[] tasks = new FutureTask<?>[2];
    /** Set once a side has won or the caller took the read over: a side that fails after that was cancelled. */
    private volatile boolean over;
    /**
     * Who settled the read: a side's ordinal, {@link #CALLER} (took it over) or {@link #FAILED}; claimed once, before
     * {@link #first} completes, so the caller reads it once {@link #await} returns.
     */
    private final AtomicInteger settledBy = new AtomicInteger(UNSETTLED);
    /** Whether the executor took both calls: only then is the read a race, and its winner counted. Caller only. */
    private boolean raced;

    private static final int UNSETTLED = -1;
    private static final int CALLER = 2;
    private static final int FAILED = 3;

    /** Made with modern's breaker permission held; the race gives it back or reports modern's outcome. */
    FastestRead(FastestReads<T> reads, Operation op, Side decided, RouteCall<? super T, ?, ?> call) {
        this.reads = reads;
        this.op = op;
        this.decided = decided;
        this.call = call;
    }

    /**
     * Hands both calls to the executor, the decided side's first.
     *
     * @return false when nothing runs (the executor refused a call and nothing had started): serve the decided side
     */
    boolean start() {
        RoutingContext context = RoutingContext.current();
        // Both tasks exist before either is handed over: a side that wins at once must find the other's to cancel.
        for (Side side : Side.values()) {
            tasks[side.ordinal()] = new FutureTask<>(() -> run(side, context), null);
        }
        if (!reads.executor.trySubmit(tasks[decided.ordinal()])) {
            claim(decided.other());
            claim(decided);
            return false;
        }
        if (!reads.executor.trySubmit(tasks[decided.other().ordinal()])) {
            withdraw(decided.other());
            // If the decided side's call has started already, it answers the read; else the caller makes it.
            return !claim(decided);
        }
        raced = true;
        return true;
    }

    /**
     * The side whose answer {@link #await} returned, when both calls were handed over: the race's winner, which
     * the caller counts. Read by the caller after {@code await} returned an answer.
     *
     * @return the winner, or null when the read was not a race (the executor took one call only)
     */
    Side winner() {
        int by = settledBy.get();
        return raced && by >= 0 && by < CALLER ? Side.values()[by] : null;
    }

    /**
     * Waits for the first success. If the decided side's call has not started within the start bound, the caller
     * takes the read over: {@link FastestReads#NOT_RACED}, unless the other side answered just then.
     */
    Object await() {
        try {
            return first.get(reads.startNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            withdraw(decided.other());
            return claim(decided) ? takeOver() : join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return join();
        } catch (ExecutionException e) {
            throw Failures.<RuntimeException>sneakyThrow(e.getCause());
        }
    }

    /** The decided side's call was withdrawn: the caller makes it, and a call of the other side is cancelled. */
    private Object takeOver() {
        if (!settledBy.compareAndSet(UNSETTLED, CALLER)) {
            return join(); // the other side answered just now
        }
        first.complete(FastestReads.NOT_RACED);
        over = true;
        cancel(decided.other());
        return FastestReads.NOT_RACED;
    }

    private Object join() {
        try {
            return first.join();
        } catch (CompletionException e) {
            throw Failures.<RuntimeException>sneakyThrow(e.getCause());
        }
    }

    /**
     * Keeps {@code side}'s call from ever running, if it has not started, and gives back modern's breaker
     * permission; the side counts as done.
     *
     * @return whether this withdrew it; false when it runs or ran, or was withdrawn already
     */
    private boolean withdraw(Side side) {
        if (!claim(side)) {
            return false;
        }
        done();
        return true;
    }

    /**
     * As {@link #withdraw}, for a call the caller makes itself or that nobody waits for: it does not count as done,
     * so that withdrawing it never fails the read with the other side's failure.
     */
    private boolean claim(Side side) {
        if (!states.compareAndSet(side.ordinal(), PENDING, WITHDRAWN)) {
            return false;
        }
        if (side == Side.MODERN) {
            reads.policy.releaseModern();
        }
        tasks[side.ordinal()].cancel(false);
        return true;
    }

    /** One side's call, on an executor thread. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void run(Side side, RoutingContext context) {
        if (!states.compareAndSet(side.ordinal(), PENDING, RUNNING)) {
            return;
        }
        long start = reads.ticker.getAsLong();
        try (RoutingContext.Scope ignored = context.attach()) {
            Object value = ((RouteCall) call).call(reads.implementation(side));
            reads.policy.racedSideEnded(side, op, null, reads.ticker.getAsLong() - start, false);
            if (settledBy.compareAndSet(UNSETTLED, side.ordinal())) {
                first.complete(value);
                over = true;
                cancel(side.other());
            }
        } catch (Throwable t) {
            reads.policy.racedSideEnded(side, op, t, reads.ticker.getAsLong() - start, over);
            failures[side.ordinal()] = t;
        }
        done();
    }

    /** Cancels the loser: withdrawn if it has not started, interrupted if it runs. */
    private void cancel(Side loser) {
        if (withdraw(loser) || tasks[loser.ordinal()].cancel(true)) {
            reads.cancelled.increment();
        }
    }

    /** One side is done (or will never run); when both are and nobody answered, the read fails. */
    private void done() {
        if (remaining.decrementAndGet() == 0 && settledBy.compareAndSet(UNSETTLED, FAILED)) {
            Throwable failure = failures[decided.ordinal()] != null ? failures[decided.ordinal()]
                    : failures[decided.other().ordinal()];
            first.completeExceptionally(failure != null ? failure
                    : new IllegalStateException("route '" + reads.route + "': neither side answered " + op));
        }
    }
}
