package io.strangler.api.event;

import io.strangler.api.Operation;
import org.jspecify.annotations.Nullable;

/**
 * A call routed to modern was served by legacy. Published on the thread that made the call (for an asynchronous
 * call, the thread that completed modern's stage), before legacy is called. Immutable.
 *
 * @param route the route's name
 * @param key the routing key, or {@code null}
 * @param operation what the call did
 * @param reason why modern did not serve
 * @param cause modern's exception, or {@code null} when the breaker was open
 */
public record FallbackEvent(String route, @Nullable String key, Operation operation, Reason reason,
        @Nullable Throwable cause) {

    /** Why modern did not serve. */
    public enum Reason {
        /** Modern threw. */
        MODERN_FAILED,
        /** Modern's circuit breaker was open (or half open and full): modern was not called. */
        BREAKER_OPEN
    }
}
