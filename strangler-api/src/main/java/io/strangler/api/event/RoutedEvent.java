package io.strangler.api.event;

import io.strangler.api.Operation;
import io.strangler.api.Side;

/**
 * A call was made on one side of a route. A call that falls back produces two: modern with
 * {@link CallOutcome#FALLBACK}, then legacy with its own outcome.
 *
 * @param route the route's name
 * @param key the routing key, or {@code null}
 * @param operation what the call did
 * @param target the side called
 * @param outcome how it ended
 * @param durationNanos how long it took, or {@code -1} when the call was not timed
 */
public record RoutedEvent(String route, String key, Operation operation, Side target, CallOutcome outcome,
        long durationNanos) {
}
