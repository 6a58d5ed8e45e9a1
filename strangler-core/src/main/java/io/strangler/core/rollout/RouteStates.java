package io.strangler.core.rollout;

import io.strangler.api.RouteState;

/** What the controller reads off a route's state. */
final class RouteStates {

    private RouteStates() {
    }

    /**
     * Whether modern serves any key: a share above 0, or a segment forced onto modern while the route is enabled in
     * a stage that serves modern. Such a route has something to roll back.
     */
    static boolean servesModern(RouteState st) {
        return st.effectivePercentageBasisPoints() > 0
                || (st.stage().servesModern() && st.enabled() && !st.forcedModernSegments().isEmpty());
    }
}
