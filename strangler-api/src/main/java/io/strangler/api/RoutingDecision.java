package io.strangler.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which side would serve a key, and why: the answer of {@link Route#explain(String)}.
 *
 * @param route the route's name
 * @param key the routing key the decision used, or {@code null} when there was none
 * @param side the side that would serve
 * @param reason why that side
 * @param bucket the key's bucket in {@code [0, 10000)} under the route's cohort, or {@code -1} when there is no key
 * @param stateVersion the version of the route state the decision was made on
 */
public record RoutingDecision(String route, @Nullable String key, Side side, Reason reason, int bucket,
        long stateVersion) {

    /**
     * Checks the fields.
     *
     * @param route the route's name
     * @param key the routing key the decision used, or {@code null} when there was none
     * @param side the side that would serve
     * @param reason why that side
     * @param bucket the key's bucket in {@code [0, 10000)} under the route's cohort, or {@code -1} when there is no key
     * @param stateVersion the version of the route state the decision was made on
     * @throws NullPointerException if {@code route}, {@code side} or {@code reason} is null
     */
    public RoutingDecision {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(reason, "reason");
    }

    /** Why a side was chosen, in the order the rules are applied. */
    public enum Reason {
        /** The state could not be refreshed for longer than the router's {@code maxStaleness}: legacy, to be safe. */
        STALE_STATE,
        /** The route's kill switch is off: legacy serves everything. */
        DISABLED,
        /** The stage decides alone: legacy for LEGACY, DUAL_WRITE and SHADOW; modern for MODERN and RETIRED. */
        STAGE,
        /** The key is in a segment forced to legacy. */
        FORCED_LEGACY_SEGMENT,
        /** The key is in a segment forced to modern. */
        FORCED_MODERN_SEGMENT,
        /** The key is pinned to the side its workflow started on. */
        PINNED,
        /** The canary is limited to segments the key is not in. */
        OUTSIDE_ROLLOUT_SEGMENTS,
        /** The call has no routing key: the route's null-key policy decides. */
        NO_KEY,
        /** The key's bucket is below the percentage. */
        IN_ROLLOUT,
        /** The key's bucket is at or above the percentage. */
        NOT_IN_ROLLOUT
    }
}
