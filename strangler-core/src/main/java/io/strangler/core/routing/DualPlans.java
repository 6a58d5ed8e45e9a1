package io.strangler.core.routing;

import io.strangler.api.AsyncRouteCall;
import io.strangler.api.ModernUnavailableException;
import io.strangler.api.Operation;
import io.strangler.api.RouteCall;
import io.strangler.api.RoutingContext;
import io.strangler.api.Side;
import io.strangler.api.dualwrite.DualWriteMode;
import io.strangler.api.shadow.ReadPreference;
import io.strangler.api.shadow.ShadowSampling;
import io.strangler.api.shadow.ShadowSettings;
import io.strangler.api.spi.ArgumentCopier;
import io.strangler.core.dualwrite.DualWrites;
import io.strangler.core.shadow.RouteShadow;
import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a route decides, for the synchronous and the asynchronous executor alike, about a call that involves both
 * sides: before it, for a read both sides could answer, which side answers and whether, and with which call, the
 * other is shadowed; after it, what follows: the shadow ({@link #readServed}), the second write or the record of
 * modern's miss ({@link #written}, {@link #writtenAlone}). The executors only carry these decisions out; they take
 * the caller's routing context before the call, for what follows may run on another thread. Thread-safe.
 *
 * @param <T> the route's interface
 */
final class DualPlans<T> {

    private static final Logger LOG = LoggerFactory.getLogger(DualPlans.class);
    /** Marks a copy that failed: the read is not shadowed then. */
    private static final Object[] COPY_FAILED = new Object[0];

    final String route;
    final T legacy;
    final T modern;
    final RouteShadow shadow;
    final DualWrites dualWrites;
    private final boolean perKeySampling;
    private final ArgumentCopier copier;
    private final Draws draws;

    DualPlans(String route, T legacy, T modern, ShadowSettings settings, RouteShadow shadow, DualWrites dualWrites,
            Draws draws) {
        this.route = route;
        this.legacy = legacy;
        this.modern = modern;
        this.shadow = shadow;
        this.dualWrites = dualWrites;
        this.perKeySampling = settings.sampling() == ShadowSampling.PER_KEY;
        this.copier = settings.argumentCopier();
        this.draws = draws;
    }

    /** The preference of a read both sides could answer: the operation's own, else the state's. */
    static ReadPreference preference(RouteSnapshot s, Operation op) {
        return op.preference() != null ? op.preference() : s.state.readPreference();
    }

    /**
     * The side that answers a read both sides could answer: the preferred side, else the decided one ({@code
     * SERVING}, and {@code FASTEST} where the read is not raced).
     */
    static Side answering(ReadPreference preference, Side decided) {
        return preference == ReadPreference.LEGACY ? Side.LEGACY
                : preference == ReadPreference.MODERN ? Side.MODERN : decided;
    }

    T implementation(Side side) {
        return side == Side.LEGACY ? legacy : modern;
    }

    /**
     * The call the shadow of a read both sides could answer makes, when the read is picked for shadowing: the
     * caller's own call, or, for a proxied read with an argument copier, the same method on copies of its
     * arguments taken now, before the serving side can change them. Null when the read is not shadowed (not
     * sampled, or the copier failed).
     *
     * @param method the proxied method, or null for a call made with a lambda
     * @param args the proxied call's arguments, or null for a call made with a lambda
     * @param call the caller's call
     */
    RouteCall<? super T, ?, ?> shadowCall(RouteSnapshot s, Operation op, String key, Method method, Object[] args,
            RouteCall<? super T, ?, ?> call) {
        if (!sampled(s, op, key)) {
            return null;
        }
        Object[] copy = copy(method, args);
        if (copy == null) {
            return call;
        }
        return copy == COPY_FAILED ? null : impl -> RouteProxy.invokeOn(impl, method, copy);
    }

    /**
     * As {@link #shadowCall(RouteSnapshot, Operation, String, Method, Object[], RouteCall)}, for an asynchronous
     * call: the shadow makes it on the shadow executor and waits for its stage there.
     */
    RouteCall<? super T, ?, ?> shadowCallAsync(RouteSnapshot s, Operation op, String key, Method method,
            Object[] args, AsyncRouteCall<? super T, ?> call) {
        if (!sampled(s, op, key)) {
            return null;
        }
        Object[] copy = copy(method, args);
        if (copy == null) {
            return AsyncCalls.awaiting(call);
        }
        return copy == COPY_FAILED ? null : impl -> AsyncCalls.await(RouteProxy.invokeOn(impl, method, copy));
    }

    /**
     * A shadowed read has been served: the other side is shadowed and the two answers compared, unless legacy
     * answered in modern's place (its answer would be compared with itself).
     *
     * @param serving the side that answered
     * @param shadowCall the call the shadow makes, from {@link #shadowCall}
     * @param callerContext the caller's routing context when the read was made
     * @param served the marker of a read modern served, or null when legacy served
     * @param value what the serving side returned
     * @param failure what it threw, unwrapped, or null
     */
    void readServed(Operation op, String key, Side serving, RouteCall<? super T, ?, ?> shadowCall,
            RoutingContext callerContext, Served served, Object value, Throwable failure) {
        if (!Served.fellBack(served)) {
            shadow.offer(key, op, serving, value, failure, implementation(serving.other()), legacy, shadowCall,
                    callerContext);
        }
    }

    /**
     * The authoritative side of a write both sides take succeeded: the other side writes too, in the caller's
     * routing context (a second write is a real write: not marked as a shadow); or, when legacy took the write in
     * modern's place, modern's miss goes to the reconciliation log.
     *
     * @param args the proxied call's arguments, or null for a call made with a lambda
     * @param authoritative the side that wrote first
     * @param mode on the caller's thread, or on the executor
     * @param secondCall the call the second write makes
     * @param callerContext the caller's routing context when the write was made
     * @param served the marker of a write modern took, or null when legacy was authoritative
     */
    void written(Operation op, String key, Object[] args, Side authoritative, DualWriteMode mode,
            RouteCall<? super T, ?, ?> secondCall, RoutingContext callerContext, Served served) {
        if (Served.fellBack(served)) {
            // Modern was authoritative but did not take the write (its breaker was open, or it failed and legacy
            // took it over): modern has missed it.
            dualWrites.missed(op, key, args, Side.MODERN, served.modernFailure != null ? served.modernFailure
                    : new ModernUnavailableException(route, "its circuit breaker was open"));
            return;
        }
        Side other = authoritative.other();
        dualWrites.secondary(mode, op, key, args, secondCall, other, implementation(other), callerContext);
    }

    /**
     * Legacy took a write alone while dual writes are suspended (the route is disabled or its state is stale):
     * modern's miss goes to the reconciliation log, so that turning the route back on loses nothing.
     */
    void writtenAlone(RouteSnapshot s, Operation op, String key, Object[] args) {
        dualWrites.missed(op, key, args, Side.MODERN, new ModernUnavailableException(route, s.stale
                ? "the route's state is stale, legacy took the write alone"
                : "the route is disabled (kill switch), legacy took the write alone"));
    }

    private boolean sampled(RouteSnapshot s, Operation op, String key) {
        return op.isShadowed() && s.shadowSampled(key, perKeySampling, draws);
    }

    /**
     * The arguments for the shadow of a proxied read, copied before the serving side can change them; null when
     * the shadow shares the caller's (no copier, or a call made with a lambda, which captured its own).
     */
    private Object[] copy(Method method, Object[] args) {
        if (copier == null || method == null || args == null || args.length == 0) {
            return null;
        }
        try {
            return copier.copy(method, args);
        } catch (RuntimeException e) {
            LOG.warn("route '{}': the argument copier failed for {}; this read is not shadowed", route, method, e);
            return COPY_FAILED;
        }
    }
}
