package io.strangler.core.routing;

import io.strangler.api.Operation;
import io.strangler.api.RouteCall;
import io.strangler.api.RoutingContext;
import io.strangler.api.Side;

/**
 * A read both sides could answer, picked for shadowing: one side answers and, once it has, the other side's call
 * is offered to the shadow executor, in the caller's routing context as it was when the read was made (an
 * asynchronous read may complete on any thread). Made on the caller's thread; used by one call.
 *
 * @param <T> the route's interface
 */
final class ReadPlan<T> extends Served {

    private final DualPlans<T> plans;
    private final Operation op;
    private final String key;
    final Side serving;
    private final RouteCall<? super T, ?, ?> shadowCall;
    private final RoutingContext callerContext = RoutingContext.current();

    ReadPlan(DualPlans<T> plans, Operation op, String key, Side serving, RouteCall<? super T, ?, ?> shadowCall) {
        this.plans = plans;
        this.op = op;
        this.key = key;
        this.serving = serving;
        this.shadowCall = shadowCall;
    }

    /**
     * The answering side's call ended: the other side is shadowed and the two answers compared, unless legacy
     * answered in modern's place (its answer would be compared with itself).
     *
     * @param value what the answering side returned
     * @param failure what it threw, unwrapped, or null
     */
    void served(Object value, Throwable failure) {
        if (!fellBack) {
            plans.shadow.offer(key, op, serving, value, failure, plans.implementation(serving.other()), plans.legacy,
                    shadowCall, callerContext);
        }
    }
}
