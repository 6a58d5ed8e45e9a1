package io.strangler.core.routing;

import com.github.benmanes.caffeine.cache.Cache;
import io.strangler.api.RoutingDecision;
import io.strangler.api.Side;
import io.strangler.core.Bucketing;

/**
 * The routing decision of one route: which side serves a key on a snapshot, with the key pinned to that side when
 * pinning is on. Deciding takes no lock and allocates nothing; only a new pin does. Thread-safe.
 */
final class Decider {

    private final String route;
    private final Side nullKeyPolicy;
    private final Cache<String, Side> pins;

    /**
     * Creates a {@code Decider}.
     *
     * @param pins the route's pins, or null when pinning is off
     */
    Decider(String route, Side nullKeyPolicy, Cache<String, Side> pins) {
        this.route = route;
        this.nullKeyPolicy = nullKeyPolicy;
        this.pins = pins;
    }

    /** The side that serves a call for {@code key}; a decision made from the bucket is pinned when pinning is on. */
    Side target(RouteSnapshot s, String key) {
        if (s.fixedTarget != null) {
            return s.fixedTarget;
        }
        int code = s.decide(key, pins, nullKeyPolicy, false);
        Side target = RouteSnapshot.target(code);
        if (pins != null && key != null && RouteSnapshot.pinnable(code)) {
            pins.put(key, target);
        }
        return target;
    }

    /** The side that would serve {@code key}, with no effect: a pin is read without refreshing its expiry. */
    Side peek(RouteSnapshot s, String key) {
        if (s.fixedTarget != null) {
            return s.fixedTarget;
        }
        return RouteSnapshot.target(s.decide(key, pins, nullKeyPolicy, true));
    }

    /** {@link #peek} with its reason and the key's bucket. */
    RoutingDecision explain(RouteSnapshot s, String key) {
        int code = s.decide(key, pins, nullKeyPolicy, true);
        int bucket = key == null ? -1 : Bucketing.bucket(s.state.cohort(), key);
        return new RoutingDecision(route, key, RouteSnapshot.target(code), RouteSnapshot.reason(code), bucket,
                s.state.version());
    }

    /** Releases every pin: a rollback sends every key back. */
    void releasePins() {
        if (pins != null) {
            pins.invalidateAll();
        }
    }

    boolean pinning() {
        return pins != null;
    }
}
