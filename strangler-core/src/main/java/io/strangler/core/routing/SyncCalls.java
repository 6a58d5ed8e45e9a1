package io.strangler.core.routing;

import io.github.resilience4j.retry.Retry;
import io.strangler.api.Operation;
import io.strangler.api.RouteCall;
import io.strangler.api.RouteState;
import io.strangler.api.RoutingContext;
import io.strangler.api.Side;
import io.strangler.api.shadow.ReadPreference;
import io.strangler.core.metrics.RouteRecorder;
import io.strangler.core.metrics.SideRecorder;
import java.lang.reflect.Method;
import java.util.function.LongSupplier;

/**
 * The synchronous executor of a route's calls: it makes each call on the caller's thread and carries out what
 * {@link CallPolicy} decides about its outcome and what the {@link DualPlans plans} decide follows it. It decides
 * nothing itself but how to wait: here, by making the call. Retries of modern are made here only, since
 * asynchronous calls are not retried. Thread-safe.
 *
 * @param <T> the route's interface
 */
final class SyncCalls<T> {

    private final T legacy;
    private final T modern;
    private final CallPolicy policy;
    private final RouteRecorder recorder;
    private final LongSupplier ticker;
    private final Retry retry;
    private final int retryAttempts;
    private final DualPlans<T> plans;
    private final FastestReads<T> fastest;

    /**
     * Creates a {@code SyncCalls}.
     *
     * @param retry the retry of modern's idempotent calls, or null for none
     * @param retryAttempts the most attempts a retried call makes
     */
    SyncCalls(DualPlans<T> plans, CallPolicy policy, RouteRecorder recorder, LongSupplier ticker, Retry retry,
            int retryAttempts, FastestReads<T> fastest) {
        this.legacy = plans.legacy;
        this.modern = plans.modern;
        this.plans = plans;
        this.policy = policy;
        this.recorder = recorder;
        this.ticker = ticker;
        this.retry = retry;
        this.retryAttempts = retryAttempts;
        this.fastest = fastest;
    }

    /** Makes a call that the decision sent to {@code target}, on the path its snapshot gives it. */
    <R, X extends Throwable> R route(RouteSnapshot s, Operation op, String key, Side target, Method method,
            Object[] args, RouteCall<? super T, ? extends R, X> call) throws X {
        switch (s.path(op)) {
            case RouteSnapshot.READ_BOTH:
                return readBoth(s, op, key, target, method, args, call);
            case RouteSnapshot.WRITE_BOTH:
                return writeBoth(s, op, key, target, args, call);
            case RouteSnapshot.WRITE_LEGACY_ALONE:
                R result = legacy(op, key, call);
                plans.writtenAlone(s, op, key, args);
                return result;
            default:
                return serve(s.state, op, key, target, call, null);
        }
    }

    private <R, X extends Throwable> R serve(RouteState state, Operation op, String key, Side side,
            RouteCall<? super T, ? extends R, X> call, Served served) throws X {
        return side == Side.LEGACY ? legacy(op, key, call) : modern(state, op, key, call, served);
    }

    private <R, X extends Throwable> R readBoth(RouteSnapshot s, Operation op, String key, Side decided,
            Method method, Object[] args, RouteCall<? super T, ? extends R, X> call) throws X {
        ReadPreference preference = DualPlans.preference(s, op);
        if (preference == ReadPreference.FASTEST) {
            return fastest(s.state, op, key, decided, call);
        }
        Side answering = DualPlans.answering(preference, decided);
        RouteCall<? super T, ?, ?> shadowCall = plans.shadowCall(s, op, key, method, args, call);
        if (shadowCall == null) {
            return serve(s.state, op, key, answering, call, null);
        }
        RoutingContext context = RoutingContext.current();
        // Only a read modern serves needs the marker: a read legacy serves allocates nothing here.
        Served served = answering == Side.MODERN ? new Served() : null;
        R result = null;
        Throwable failure = null;
        try {
            result = served == null ? legacy(op, key, call) : modern(s.state, op, key, call, served);
        } catch (Throwable t) {
            failure = t;
        }
        plans.readServed(op, key, answering, shadowCall, context, served, result, failure);
        if (failure != null) {
            throw Failures.<RuntimeException>sneakyThrow(failure);
        }
        return result;
    }

    private <R, X extends Throwable> R writeBoth(RouteSnapshot s, Operation op, String key, Side authoritative,
            Object[] args, RouteCall<? super T, ? extends R, X> call) throws X {
        RoutingContext context = RoutingContext.current();
        Served served = authoritative == Side.MODERN ? new Served() : null;
        R result = served == null ? legacy(op, key, call) : modern(s.state, op, key, call, served);
        plans.written(op, key, args, authoritative, s.state.dualWriteMode(), call, context, served);
        return result;
    }

    private <R, X extends Throwable> R fastest(RouteState state, Operation op, String key, Side decided,
            RouteCall<? super T, ? extends R, X> call) throws X {
        Object outcome = fastest.race(op, decided, call);
        if (outcome == FastestReads.NOT_RACED) {
            return serve(state, op, key, decided, call, null);
        }
        if (outcome == FastestReads.MODERN_REFUSED) {
            return refused(state, op, key, call, null);
        }
        @SuppressWarnings("unchecked")
        R result = (R) outcome;
        return result;
    }

    /** Legacy's call: counted every time, timed one call in n. Small, so that it inlines into the fast path. */
    <R, X extends Throwable> R legacy(Operation op, String key, RouteCall<? super T, ? extends R, X> call) throws X {
        SideRecorder rec = recorder.legacy(op.kind());
        boolean timed = rec.shouldTime();
        long start = timed ? ticker.getAsLong() : 0;
        R result;
        try {
            result = call.call(legacy);
        } catch (Throwable t) {
            policy.legacyEnded(rec, op, key, t, timed ? ticker.getAsLong() - start : -1);
            throw t;
        }
        policy.legacyEnded(rec, op, key, null, timed ? ticker.getAsLong() - start : -1);
        return result;
    }

    /**
     * Modern's call, through its breaker, with the route's retry when the call is idempotent; legacy serves when
     * the policy says so.
     *
     * @param served marked when legacy serves in modern's place, or null
     */
    <R, X extends Throwable> R modern(RouteState state, Operation op, String key,
            RouteCall<? super T, ? extends R, X> call, Served served) throws X {
        if (!policy.tryAcquireModern()) {
            return refused(state, op, key, call, served);
        }
        int attempts = retry != null && op.isIdempotent() ? retryAttempts : 1;
        Retry.Context<?> retryContext = null;
        long start = ticker.getAsLong();
        long attemptStart = start;
        for (int attempt = 1; ; attempt++) {
            R result;
            try {
                result = call.call(modern);
            } catch (Throwable t) {
                long now = ticker.getAsLong();
                policy.modernAttemptFailed(now - attemptStart, t);
                if (attempt < attempts && policy.retryable(t)) {
                    if (retryContext == null) {
                        retryContext = retry.context();
                    }
                    if (waitToRetry(retryContext, (Exception) t)) {
                        if (!policy.tryAcquireModern()) {
                            // Modern saw this call and failed it; the breaker opened before the retry. That is a
                            // modern failure, not a call modern never saw: a write must not go to legacy on the
                            // breaker's account.
                            return failed(state, op, key, call, t, ticker.getAsLong() - start, served);
                        }
                        attemptStart = ticker.getAsLong();
                        continue;
                    }
                }
                return failed(state, op, key, call, t, now - start, served);
            }
            long end = ticker.getAsLong();
            if (retryContext != null) {
                retryContext.onComplete();
            }
            policy.modernAnswered(op, key, end - attemptStart, end - start);
            return result;
        }
    }

    /** Lets resilience4j count the failed attempt and wait; false when it says not to try again. */
    private static boolean waitToRetry(Retry.Context<?> context, Exception failure) {
        try {
            context.onError(failure);
            return true;
        } catch (Exception exhausted) {
            return false;
        }
    }

    private <R, X extends Throwable> R failed(RouteState state, Operation op, String key,
            RouteCall<? super T, ? extends R, X> call, Throwable failure, long nanos, Served served) throws X {
        if (policy.fallsBackAfter(state, op, key, failure, nanos, served)) {
            return fallback(op, key, call);
        }
        throw Failures.<RuntimeException>sneakyThrow(failure);
    }

    /** Legacy answering for modern: a failure is counted as the fallback's too. */
    private <R, X extends Throwable> R fallback(Operation op, String key, RouteCall<? super T, ? extends R, X> call)
            throws X {
        try {
            return legacy(op, key, call);
        } catch (Throwable t) {
            policy.fallbackEnded(op, t);
            throw t;
        }
    }

    private <R, X extends Throwable> R refused(RouteState state, Operation op, String key,
            RouteCall<? super T, ? extends R, X> call, Served served) throws X {
        if (policy.fallsBackWhenRefused(state, op, key, served)) {
            return fallback(op, key, call);
        }
        throw policy.refusal(state);
    }
}
