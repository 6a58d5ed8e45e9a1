package io.strangler.core.routing;

import io.strangler.api.AsyncRouteCall;
import io.strangler.api.Operation;
import io.strangler.api.RouteCall;
import io.strangler.api.RouteState;
import io.strangler.api.RoutingContext;
import io.strangler.api.Side;
import io.strangler.api.dualwrite.DualWriteMode;
import io.strangler.core.metrics.RouteRecorder;
import io.strangler.core.metrics.SideRecorder;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;

/**
 * The asynchronous executor of a route's calls: it starts each call on the caller's thread and carries out, when
 * the call's stage completes, what {@link CallPolicy} decides about its outcome and what the
 * {@link DualPlans plans} decide follows it; the same decisions the synchronous executor carries out. A call that
 * throws instead of returning a stage is treated as a failed stage, except for a failure of the JVM itself, which
 * is counted and then thrown to the caller as the synchronous path throws it. Asynchronous calls are not retried,
 * and a {@code FASTEST} read is answered by the decided side. Thread-safe.
 *
 * @param <T> the route's interface
 */
final class AsyncCalls<T> {

    private final String route;
    private final T legacy;
    private final T modern;
    private final CallPolicy policy;
    private final RouteRecorder recorder;
    private final LongSupplier ticker;
    private final DualPlans<T> plans;

    AsyncCalls(DualPlans<T> plans, CallPolicy policy, RouteRecorder recorder, LongSupplier ticker) {
        this.route = plans.route;
        this.legacy = plans.legacy;
        this.modern = plans.modern;
        this.plans = plans;
        this.policy = policy;
        this.recorder = recorder;
        this.ticker = ticker;
    }

    /** Starts a call that the decision sent to {@code target}, on the path its snapshot gives it. */
    <R> CompletionStage<R> route(RouteSnapshot s, Operation op, String key, Side target, Method method,
            Object[] args, AsyncRouteCall<? super T, R> call) {
        switch (s.path(op)) {
            case RouteSnapshot.READ_BOTH:
                return readBoth(s, op, key, target, method, args, call);
            case RouteSnapshot.WRITE_BOTH:
                return writeBoth(s, op, key, target, args, call);
            case RouteSnapshot.WRITE_LEGACY_ALONE:
                CompletionStage<R> stage = legacy(op, key, call);
                stage.whenComplete((value, failure) -> {
                    if (failure == null) {
                        plans.writtenAlone(s, op, key, args);
                    }
                });
                return stage;
            default:
                return serve(s.state, op, key, target, call, null);
        }
    }

    private <R> CompletionStage<R> serve(RouteState state, Operation op, String key, Side side,
            AsyncRouteCall<? super T, R> call, Served served) {
        return side == Side.LEGACY ? legacy(op, key, call) : modern(state, op, key, call, served);
    }

    /** A read both sides could answer; {@code FASTEST} is answered by the decided side: this path does not race. */
    private <R> CompletionStage<R> readBoth(RouteSnapshot s, Operation op, String key, Side decided, Method method,
            Object[] args, AsyncRouteCall<? super T, R> call) {
        Side answering = DualPlans.answering(DualPlans.preference(s, op), decided);
        RouteCall<? super T, ?, ?> shadowCall = plans.shadowCallAsync(s, op, key, method, args, call);
        if (shadowCall == null) {
            return serve(s.state, op, key, answering, call, null);
        }
        // The stage may complete on any thread: the shadow takes the caller's context from here.
        RoutingContext context = RoutingContext.current();
        Served served = answering == Side.MODERN ? new Served() : null;
        CompletionStage<R> stage = serve(s.state, op, key, answering, call, served);
        stage.whenComplete((value, failure) -> plans.readServed(op, key, answering, shadowCall, context, served,
                value, failure == null ? null : Failures.unwrap(failure)));
        return stage;
    }

    /**
     * A write both sides take. The second write always runs on the executor, never on the thread that completed
     * the first write's stage, which may belong to the implementation.
     */
    private <R> CompletionStage<R> writeBoth(RouteSnapshot s, Operation op, String key, Side authoritative,
            Object[] args, AsyncRouteCall<? super T, R> call) {
        // The stage may complete on any thread: the second write takes the caller's context from here.
        RoutingContext context = RoutingContext.current();
        Served served = authoritative == Side.MODERN ? new Served() : null;
        CompletionStage<R> stage = serve(s.state, op, key, authoritative, call, served);
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                plans.written(op, key, args, authoritative, DualWriteMode.ASYNC, awaiting(call), context, served);
            }
        });
        return stage;
    }

    /** Legacy's call; the caller gets legacy's own stage. */
    /**
     * Legacy answering for modern: a failure is counted as the fallback's too. The stage returned is legacy's own,
     * so that the caller sees exactly its outcome; the count hangs off it.
     */
    private <R> CompletionStage<R> fallback(Operation op, String key, AsyncRouteCall<? super T, R> call) {
        CompletionStage<R> stage = legacy(op, key, call);
        stage.whenComplete((value, failure) -> {
            if (failure != null) {
                policy.fallbackEnded(op, Failures.unwrap(failure));
            }
        });
        return stage;
    }

    private <R> CompletionStage<R> legacy(Operation op, String key, AsyncRouteCall<? super T, R> call) {
        SideRecorder rec = recorder.legacy(op.kind());
        boolean timed = rec.shouldTime();
        long start = timed ? ticker.getAsLong() : 0;
        CompletionStage<R> stage;
        try {
            stage = start(Side.LEGACY, call, legacy);
        } catch (Throwable fatal) {
            policy.legacyEnded(rec, op, key, fatal, timed ? ticker.getAsLong() - start : -1);
            throw fatal;
        }
        stage.whenComplete((value, failure) -> policy.legacyEnded(rec, op, key,
                failure == null ? null : Failures.unwrap(failure), timed ? ticker.getAsLong() - start : -1));
        return stage;
    }

    /**
     * Modern's call, through its breaker; legacy serves when the policy says so.
     *
     * @param served marked when legacy serves in modern's place, or null
     */
    private <R> CompletionStage<R> modern(RouteState state, Operation op, String key,
            AsyncRouteCall<? super T, R> call, Served served) {
        if (!policy.tryAcquireModern()) {
            return policy.fallsBackWhenRefused(state, op, key, served) ? fallback(op, key, call)
                    : CompletableFuture.failedFuture(policy.refusal(state));
        }
        long start = ticker.getAsLong();
        CompletionStage<R> stage;
        try {
            stage = start(Side.MODERN, call, modern);
        } catch (Throwable fatal) {
            long nanos = ticker.getAsLong() - start;
            policy.modernAttemptFailed(nanos, fatal);
            policy.fallsBackAfter(state, op, key, fatal, nanos, served); // never: the JVM is failing
            throw fatal;
        }
        CompletableFuture<R> result = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            long nanos = ticker.getAsLong() - start;
            if (failure == null) {
                policy.modernAnswered(op, key, nanos, nanos);
                result.complete(value);
                return;
            }
            Throwable cause = Failures.unwrap(failure);
            policy.modernAttemptFailed(nanos, cause);
            if (policy.fallsBackAfter(state, op, key, cause, nanos, served)) {
                fallback(op, key, call).whenComplete((legacyValue, legacyFailure) -> {
                    if (legacyFailure == null) {
                        result.complete(legacyValue);
                    } else {
                        result.completeExceptionally(legacyFailure);
                    }
                });
            } else {
                result.completeExceptionally(failure);
            }
        });
        return result;
    }

    /**
     * Starts {@code call} on one side. A throw is a failed stage, and so is a null stage; only a failure of the JVM
     * itself ({@link Failures#recoverable not recoverable}) is thrown, for the caller to handle as the synchronous
     * path would.
     */
    private <R> CompletionStage<R> start(Side side, AsyncRouteCall<? super T, R> call, T implementation) {
        try {
            CompletionStage<R> stage = call.call(implementation);
            if (stage == null) {
                return CompletableFuture.failedFuture(new NullPointerException("the " + side.name().toLowerCase()
                        + " implementation of route '" + route + "' returned a null CompletionStage"));
            }
            return stage;
        } catch (Throwable t) {
            if (!Failures.recoverable(t)) {
                throw t;
            }
            return CompletableFuture.failedFuture(t);
        }
    }

    /**
     * An asynchronous call as a synchronous one that waits for its stage: for the shadow and the second write,
     * which run off the caller's thread already.
     */
    static <T> RouteCall<T, Object, Throwable> awaiting(AsyncRouteCall<? super T, ?> call) {
        return impl -> await(call.call(impl));
    }

    /** Waits for the stage an implementation returned; its failure is thrown unwrapped. */
    static Object await(Object stage) throws Throwable {
        if (stage == null) {
            throw new NullPointerException("the implementation returned a null CompletionStage");
        }
        try {
            return ((CompletionStage<?>) stage).toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw Failures.unwrap(e);
        }
    }
}
