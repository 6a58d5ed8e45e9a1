package io.strangler.core.routing;

import io.strangler.api.ModernUnavailableException;
import io.strangler.api.Operation;
import io.strangler.api.RouteCall;
import io.strangler.api.RoutingContext;
import io.strangler.api.Side;
import io.strangler.api.dualwrite.DualWriteMode;

/**
 * A write both sides take: the authoritative side writes first and its outcome is the caller's; once it has
 * succeeded, the other side writes too, in the caller's routing context as it was when the write was made (on the
 * caller's thread or on the executor), or modern's miss is recorded when legacy took the write in modern's place.
 * A second write is a real write: its context is not marked as a shadow. Made on the caller's thread; used by one
 * call.
 *
 * @param <T> the route's interface
 */
final class WritePlan<T> extends Served {

    private final DualPlans<T> plans;
    private final Operation op;
    private final String key;
    private final Object[] args;
    final Side authoritative;
    private final DualWriteMode mode;
    private final RouteCall<? super T, ?, ?> secondCall;
    private final RoutingContext callerContext = RoutingContext.current();

    WritePlan(DualPlans<T> plans, Operation op, String key, Object[] args, Side authoritative, DualWriteMode mode,
            RouteCall<? super T, ?, ?> secondCall) {
        this.plans = plans;
        this.op = op;
        this.key = key;
        this.args = args;
        this.authoritative = authoritative;
        this.mode = mode;
        this.secondCall = secondCall;
    }

    /** The authoritative write succeeded: the other side writes, or its miss goes to the reconciliation log. */
    void written() {
        if (fellBack) {
            // Modern was authoritative but did not take the write (its breaker was open, or it failed and legacy
            // took it over): modern has missed it.
            plans.dualWrites.missed(op, key, args, Side.MODERN, modernFailure != null ? modernFailure
                    : new ModernUnavailableException(plans.route, "its circuit breaker was open"));
            return;
        }
        Side other = authoritative.other();
        plans.dualWrites.secondary(mode, op, key, args, secondCall, other, plans.implementation(other),
                callerContext);
    }
}
