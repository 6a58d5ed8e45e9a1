package io.strangler.core.state;

import io.strangler.api.RouteState;

/**
 * The state a route routes on, as {@link RouteStateKeeper} sees it: the route keeps it in its own volatile field
 * (its routing snapshot), and the keeper reads it and installs new states there.
 */
public interface InstalledState {

    /**
     * The state calls are routed on now.
     *
     * @return the state calls are routed on now
     */
    RouteState current();

    /**
     * Whether the route serves legacy because its state could not be refreshed for too long.
     *
     * @return whether the route serves legacy because its state could not be refreshed for too long
     */
    boolean stale();

    /**
     * Routes on {@code state} from now on, keeping the staleness.
     *
     * @param state the new state
     */
    void install(RouteState state);

    /**
     * Marks the installed state stale (the route serves legacy) or fresh again.
     *
     * @param stale whether it is stale
     */
    void markStale(boolean stale);
}
