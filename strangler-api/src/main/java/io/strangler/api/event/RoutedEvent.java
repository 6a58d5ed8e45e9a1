package io.strangler.api.event;

import io.strangler.api.Operation;
import io.strangler.api.Side;
import org.jspecify.annotations.Nullable;

/**
 * A call was made on one side of a route and has ended. A call that falls back produces two: modern with
 * {@link CallOutcome#FALLBACK}, then legacy with its own outcome. Published on the thread that made the call (for an
 * asynchronous call, the thread that completed its stage), and only while a listener is registered. The calls of a
 * {@code FASTEST} read, which run on the shadow executor, and the shadow and second-write calls are not published.
 * Immutable.
 *
 * @param route the route's name
 * @param key the routing key, or {@code null}
 * @param operation what the call did
 * @param side the side called
 * @param outcome how it ended
 * @param durationNanos how long it took, or {@code -1} when the call was not timed
 */
public record RoutedEvent(String route, @Nullable String key, Operation operation, Side side, CallOutcome outcome,
        long durationNanos) {
}
