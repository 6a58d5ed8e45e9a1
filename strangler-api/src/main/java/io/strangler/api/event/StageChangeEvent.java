package io.strangler.api.event;

import io.strangler.api.RouteState;

/**
 * A route's state changed: through the API on this instance, or in the store (another instance, an operator).
 * Published on the thread that made or read the change, after the route routes on the new state. Immutable.
 *
 * @param route the route's name
 * @param previous the state before
 * @param current the state now; its {@code changedBy}, {@code changedAt} and {@code reason} tell who, when, why
 * @param local whether the change was made on this instance
 */
public record StageChangeEvent(String route, RouteState previous, RouteState current, boolean local) {
}
