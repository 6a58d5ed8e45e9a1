package io.strangler.core.routing;

import io.strangler.core.metrics.SideRecorder;
import io.strangler.core.shadow.ShadowExecutor;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.strangler.api.Operation;
import io.strangler.api.RouteCall;
import io.strangler.api.RoutingContext;
import io.strangler.api.Side;
import io.strangler.api.event.CallOutcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A read with preference FASTEST: both sides are called on the shadow executor, the caller gets the first
 * success, and the other call is cancelled (interrupted if it is running) and counted. When both fail the caller
 * gets the failure of the side the routing decision chose. When the executor can't take the legacy call, nothing
 * is started and the read is served the ordinary way.
 */
final class FastestRead<T, R> {

    /** Returned by {@link #run} and {@link #await} when neither call started: serve the read the ordinary way. */
    static final Object NOT_STARTED = new Object();

    private final DefaultRoute<T> route;
    private final Operation op;
    private final RouteCall<? super T, ? extends R, ?> call;
    private final Side decided;
    private final CompletableFuture<Object> first = new CompletableFuture<>();
    private final AtomicInteger remaining = new AtomicInteger(2);
    private final AtomicBoolean modernClaimed = new AtomicBoolean();
    private final AtomicBoolean legacyClaimed = new AtomicBoolean();
    private volatile boolean legacyStarted;
    private volatile boolean modernStarted;
    private final Throwable[] failures = new Throwable[2];
    private volatile Side winner;
    private FutureTask<Void> legacyTask;
    private FutureTask<Void> modernTask;
    private CircuitBreaker breaker;

    FastestRead(DefaultRoute<T> route, Operation op, String key, RouteCall<? super T, ? extends R, ?> call,
            Side decided) {
        this.route = route;
        this.op = op;
        this.call = call;
        this.decided = decided;
    }

    Object run(ShadowExecutor executor, CircuitBreaker breaker) {
        this.breaker = breaker;
        RoutingContext context = RoutingContext.current();
        boolean modernAllowed = breaker.tryAcquirePermission();
        legacyTask = new FutureTask<>(() -> {
            if (legacyClaimed.compareAndSet(false, true)) {
                side(Side.LEGACY, context);
            }
        }, null);
        // Both tasks exist before either is submitted: a legacy call that wins before modern's task is submitted
        // must find that task, to cancel it.
        if (modernAllowed) {
            modernTask = new FutureTask<>(() -> {
                if (modernClaimed.compareAndSet(false, true)) {
                    side(Side.MODERN, context);
                }
            }, null);
        }
        if (!executor.trySubmit(legacyTask)) {
            if (modernAllowed) {
                breaker.releasePermission();
            }
            return NOT_STARTED;
        }
        if (modernAllowed) {
            if (!executor.trySubmit(modernTask)) {
                if (modernClaimed.compareAndSet(false, true)) {
                    breaker.releasePermission();
                }
                abandon();
            }
        } else {
            abandon();
        }
        return null;
    }

    /**
     * Waits for the first success. If neither call has started within {@code startNanos} (the executor is busy
     * with stuck shadow calls), both are withdrawn and {@link #NOT_STARTED} is returned; once a call runs, the read
     * waits for it as any read waits for its implementation.
     */
    Object await(long startNanos) {
        try {
            return first.get(startNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            boolean legacyWithdrawn = legacyClaimed.compareAndSet(false, true);
            boolean modernWithdrawn = modernTask != null && modernClaimed.compareAndSet(false, true);
            if (modernWithdrawn) {
                breaker.releasePermission();
            }
            if (legacyWithdrawn) {
                abandon();
            }
            if (modernWithdrawn) {
                abandon();
            }
            if (!legacyStarted && !modernStarted) {
                return NOT_STARTED;
            }
            return join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return join();
        } catch (java.util.concurrent.ExecutionException e) {
            throw Failures.<RuntimeException>sneakyThrow(e.getCause());
        }
    }

    private Object join() {
        try {
            return first.join();
        } catch (CompletionException e) {
            throw Failures.<RuntimeException>sneakyThrow(e.getCause());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Void side(Side target, RoutingContext context) {
        if (target == Side.LEGACY) {
            legacyStarted = true;
        } else {
            modernStarted = true;
        }
        SideRecorder recorder = route.sideRecorder(target, op);
        long start = route.nanoTime();
        try (RoutingContext.Scope ignored = context.attach()) {
            Object value = ((RouteCall) call).call(route.implementation(target));
            long nanos = route.nanoTime() - start;
            if (target == Side.MODERN) {
                route.breakerFeed().success(nanos);
            }
            recorder.record(CallOutcome.SUCCESS, nanos);
            if (first.complete(value)) {
                winner = target;
                route.fastestWins[target.ordinal()].increment();
                cancel(target.other());
            }
        } catch (Throwable t) {
            long nanos = route.nanoTime() - start;
            boolean lost = winner != null && winner != target;
            if (target == Side.MODERN) {
                if (lost) {
                    breaker.releasePermission();
                } else {
                    route.breakerFeed().error(nanos, t);
                }
            }
            if (!lost) {
                recorder.record(CallOutcome.ERROR, nanos);
            }
            failures[target.ordinal()] = t;
        }
        abandon();
        return null;
    }

    private void cancel(Side loser) {
        FutureTask<Void> task = loser == Side.LEGACY ? legacyTask : modernTask;
        if (task == null) {
            return;
        }
        if (loser == Side.MODERN && modernClaimed.compareAndSet(false, true)) {
            // Modern's call never started: give back the breaker permission it was holding.
            breaker.releasePermission();
            task.cancel(false);
            route.fastestCancelled.increment();
            return;
        }
        if (task.cancel(true)) {
            route.fastestCancelled.increment();
        }
    }

    /** One side is done (or will never run); when both are and nobody succeeded, the read fails. */
    private void abandon() {
        if (remaining.decrementAndGet() == 0 && !first.isDone()) {
            Throwable failure = failures[decided.ordinal()] != null ? failures[decided.ordinal()]
                    : failures[decided.other().ordinal()];
            first.completeExceptionally(failure != null ? failure
                    : new IllegalStateException("route '" + route.name() + "': neither side answered " + op));
        }
    }
}
