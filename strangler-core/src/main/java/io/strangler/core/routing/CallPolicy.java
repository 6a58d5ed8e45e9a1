package io.strangler.core.routing;

import io.strangler.api.ModernUnavailableException;
import io.strangler.api.Operation;
import io.strangler.api.RouteState;
import io.strangler.api.Side;
import io.strangler.api.Stage;
import io.strangler.api.event.CallOutcome;
import io.strangler.api.event.FallbackEvent;
import io.strangler.api.event.RoutedEvent;
import io.strangler.api.resilience.FallbackSettings;
import io.strangler.core.breaker.BreakerFeed;
import io.strangler.core.metrics.RouteRecorder;
import io.strangler.core.metrics.SideRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The decisions about a call's outcome, made here once for the synchronous and the asynchronous executor alike (as
 * Failsafe's {@code PolicyExecutor} decides for both): what a side's outcome counts as, what modern's breaker
 * hears, when legacy serves a call modern failed or its breaker kept from modern, and what the recorders and the
 * listeners are told. The executors ({@link SyncCalls}, {@link AsyncCalls}, {@link FastestRead}) only carry the
 * decisions out, each in its own way of waiting. Thread-safe; allocates nothing but the events of registered
 * listeners and the {@link #refusal} a caller gets.
 */
final class CallPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(CallPolicy.class);

    private final String route;
    private final FallbackSettings fallback;
    private final BreakerFeed feed;
    private final RouteRecorder recorder;
    private final Listeners listeners;

    CallPolicy(String route, FallbackSettings fallback, BreakerFeed feed, RouteRecorder recorder,
            Listeners listeners) {
        this.route = route;
        this.fallback = fallback;
        this.feed = feed;
        this.recorder = recorder;
        this.listeners = listeners;
    }

    /** What a side's failure counts as: an exception the route declares a normal outcome is a success. */
    CallOutcome outcomeOf(Throwable failure) {
        return fallback.isIgnored(failure) ? CallOutcome.SUCCESS : CallOutcome.ERROR;
    }

    /**
     * Legacy's call ended: it is counted (and timed when sampled) and published.
     *
     * @param failure what legacy threw, or null when it returned
     * @param nanos how long it took, or -1 when it was not timed
     */
    void legacyEnded(SideRecorder rec, Operation op, String key, Throwable failure, long nanos) {
        CallOutcome outcome = failure == null ? CallOutcome.SUCCESS : outcomeOf(failure);
        rec.record(outcome, nanos);
        routed(key, op, Side.LEGACY, outcome, nanos);
    }

    /**
     * Legacy answered a fallback for modern with {@code failure}: if it counts as an error, it is counted as the
     * fallback's too, so that a judge keeps it out of legacy's own errors.
     */
    void fallbackEnded(Operation op, Throwable failure) {
        if (outcomeOf(failure) == CallOutcome.ERROR) {
            recorder.modern(op.kind()).recordFallbackFailure();
        }
    }

    /**
     * Asks modern's breaker whether a call may reach modern now. Every permission granted ends in
     * {@link #modernAnswered}, {@link #modernAttemptFailed} or {@link #releaseModern}.
     */
    boolean tryAcquireModern() {
        return feed.tryAcquirePermission();
    }

    /** Gives back a permission whose call on modern was never made, or whose outcome says nothing about modern. */
    void releaseModern() {
        feed.releasePermission();
    }

    /**
     * Modern answered.
     *
     * @param attemptNanos the answering attempt's duration, which modern's breaker judges
     * @param nanos the call's duration with its retries, which the caller waited
     */
    void modernAnswered(Operation op, String key, long attemptNanos, long nanos) {
        feed.success(attemptNanos);
        recorder.modern(op.kind()).record(CallOutcome.SUCCESS, nanos);
        routed(key, op, Side.MODERN, CallOutcome.SUCCESS, nanos);
    }

    /**
     * One attempt on modern failed: modern's breaker hears it, unless the thread was interrupted, which says that
     * the caller gave up and nothing about modern's health.
     */
    void modernAttemptFailed(long attemptNanos, Throwable failure) {
        if (failure instanceof InterruptedException) {
            feed.releasePermission();
        } else {
            feed.error(attemptNanos, failure);
        }
    }

    /**
     * One side of a {@code FASTEST} read ended. Its outcome is counted like any call's and modern's breaker hears
     * modern's, except for the failure of the side that lost the race: it was cancelled, which says nothing about
     * it. Raced calls publish no routing events: they run off the caller's thread.
     *
     * @param failure what the side threw, or null when it answered
     * @param lost whether the other side had won when this one failed
     */
    void racedSideEnded(Side side, Operation op, Throwable failure, long nanos, boolean lost) {
        if (failure == null) {
            if (side == Side.MODERN) {
                feed.success(nanos);
            }
            recorder.side(side, op.kind()).record(CallOutcome.SUCCESS, nanos);
            return;
        }
        if (lost) {
            if (side == Side.MODERN) {
                feed.releasePermission();
            }
            return;
        }
        if (side == Side.MODERN) {
            modernAttemptFailed(nanos, failure);
        }
        recorder.side(side, op.kind()).record(outcomeOf(failure), nanos);
    }

    /** Whether a failed attempt of an idempotent call on modern may be made again, when retries remain. */
    boolean retryable(Throwable failure) {
        return failure instanceof Exception && Failures.recoverable(failure) && !fallback.isIgnored(failure);
    }

    /**
     * Modern failed the call, after its retries: the outcome is counted and published, and legacy serves instead
     * when the fallback rules allow it. An exception the route declares a normal outcome reaches the caller and
     * counts as a success.
     *
     * @param served marked when legacy serves, or null
     * @return whether legacy serves the call; false: {@code failure} goes to the caller
     */
    boolean fallsBackAfter(RouteState state, Operation op, String key, Throwable failure, long nanos,
            Served served) {
        SideRecorder rec = recorder.modern(op.kind());
        if (fallback.isIgnored(failure)) {
            rec.record(CallOutcome.SUCCESS, nanos);
            routed(key, op, Side.MODERN, CallOutcome.SUCCESS, nanos);
            return false;
        }
        if (mayFallBackAfterFailure(state, op, failure)) {
            rec.record(CallOutcome.FALLBACK, nanos);
            routed(key, op, Side.MODERN, CallOutcome.FALLBACK, nanos);
            fellBack(key, op, FallbackEvent.Reason.MODERN_FAILED, failure, served);
            return true;
        }
        rec.record(CallOutcome.ERROR, nanos);
        routed(key, op, Side.MODERN, CallOutcome.ERROR, nanos);
        return false;
    }

    /**
     * Modern's breaker kept the call from modern: legacy serves when the state allows fallback (modern never saw
     * the call, so even a write may go to legacy); otherwise the call fails with {@link #refusal}.
     *
     * @param served marked when legacy serves, or null
     * @return whether legacy serves the call
     */
    boolean fallsBackWhenRefused(RouteState state, Operation op, String key, Served served) {
        SideRecorder rec = recorder.modern(op.kind());
        if (state.fallbackToLegacy() && state.stage() != Stage.RETIRED) {
            rec.recordShortCircuit();
            routed(key, op, Side.MODERN, CallOutcome.FALLBACK, -1);
            fellBack(key, op, FallbackEvent.Reason.BREAKER_OPEN, null, served);
            return true;
        }
        rec.record(CallOutcome.ERROR, -1);
        routed(key, op, Side.MODERN, CallOutcome.ERROR, -1);
        return false;
    }

    /**
     * What the caller gets when modern's breaker refused a call legacy may not serve.
     *
     * @return what the caller gets when modern's breaker refused a call legacy may not serve
     */
    ModernUnavailableException refusal(RouteState state) {
        return new ModernUnavailableException(route, "its circuit breaker is " + feed.state()
                + (state.stage() == Stage.RETIRED ? " and the route is RETIRED" : " and fallback to legacy is off"));
    }

    /** Legacy may serve a call modern failed: reads, and idempotent writes where the route allows it. */
    private boolean mayFallBackAfterFailure(RouteState state, Operation op, Throwable failure) {
        if (!state.fallbackToLegacy() || state.stage() == Stage.RETIRED || !Failures.recoverable(failure)) {
            return false;
        }
        return op.isRead() || (op.isIdempotent() && fallback.idempotentWrites());
    }

    private void fellBack(String key, Operation op, FallbackEvent.Reason reason, Throwable cause, Served served) {
        if (served != null) {
            served.mark(cause);
        }
        if (LOG.isDebugEnabled()) {
            try (MDC.MDCCloseable ignoredMdc = MDC.putCloseable("strangler.route", route)) {
                LOG.debug("route '{}': {} for key {} fell back to legacy ({})", route, op, key, reason, cause);
            }
        }
        if (listeners.active()) {
            listeners.fallback(new FallbackEvent(route, key, op, reason, cause));
        }
    }

    private void routed(String key, Operation op, Side target, CallOutcome outcome, long nanos) {
        if (listeners.active()) {
            listeners.routed(new RoutedEvent(route, key, op, target, outcome, nanos));
        }
    }
}
