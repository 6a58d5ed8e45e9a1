package io.strangler.core.routing;

import io.strangler.api.AsyncRouteCall;
import io.strangler.api.ModernUnavailableException;
import io.strangler.api.Operation;
import io.strangler.api.RouteCall;
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
 * Plans the calls of one route that involve both sides, for the synchronous and the asynchronous executor alike: a
 * read both sides could answer (which side answers, whether the other is shadowed, and with which arguments), a
 * write both sides take (the authoritative side, then the second write), and a write legacy takes alone while dual
 * writes are suspended. What follows the serving call is decided by the plan ({@link ReadPlan#served},
 * {@link WritePlan#written}), never by an executor. Thread-safe.
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
     * The plan of a read both sides could answer, when it is picked for shadowing; null when it is not (nothing is
     * allocated then).
     *
     * @param serving the side that answers
     * @param method the proxied method, or null for a call made with a lambda
     * @param args the proxied call's arguments, or null for a call made with a lambda
     * @param call the call, which the shadow makes too unless an argument copier gives it arguments of its own
     */
    ReadPlan<T> read(RouteSnapshot s, Operation op, String key, Side serving, Method method, Object[] args,
            RouteCall<? super T, ?, ?> call) {
        if (!sampled(s, op, key)) {
            return null;
        }
        Object[] copy = copy(method, args);
        if (copy == COPY_FAILED) {
            return null;
        }
        RouteCall<? super T, ?, ?> shadowCall = copy == null ? call : impl -> RouteProxy.invokeOn(impl, method, copy);
        return new ReadPlan<>(this, op, key, serving, shadowCall);
    }

    /**
     * As {@link #read(RouteSnapshot, Operation, String, Side, Method, Object[], RouteCall)}, for an asynchronous
     * call: the shadow runs it on the shadow executor and waits for its stage there.
     */
    ReadPlan<T> readAsync(RouteSnapshot s, Operation op, String key, Side serving, Method method, Object[] args,
            AsyncRouteCall<? super T, ?> call) {
        if (!sampled(s, op, key)) {
            return null;
        }
        Object[] copy = copy(method, args);
        if (copy == COPY_FAILED) {
            return null;
        }
        RouteCall<? super T, ?, ?> shadowCall = copy == null ? AsyncCalls.awaiting(call)
                : impl -> AsyncCalls.await(RouteProxy.invokeOn(impl, method, copy));
        return new ReadPlan<>(this, op, key, serving, shadowCall);
    }

    /**
     * The plan of a write both sides take.
     *
     * @param authoritative the side that writes first, whose outcome is the caller's
     * @param mode how the second write is made: on the caller's thread or on the executor
     * @param secondCall the call the second write makes
     */
    WritePlan<T> write(Operation op, String key, Object[] args, Side authoritative, DualWriteMode mode,
            RouteCall<? super T, ?, ?> secondCall) {
        return new WritePlan<>(this, op, key, args, authoritative, mode, secondCall);
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
