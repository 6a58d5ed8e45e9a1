package io.strangler.api.spi;

import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/**
 * The last source of a routing key: asked when neither the call nor the {@link io.strangler.api.RoutingContext}
 * has one, e.g. to read the user from a security context. Must be thread-safe and fast; it runs on the caller's
 * thread. An exception thrown here is logged and the call treated as keyless.
 */
@FunctionalInterface
public interface RoutingKeyResolver {

    /**
     * Finds the routing key of a call.
     *
     * @param route the route's name
     * @param method the proxied method, or {@code null} for a call made with a lambda
     * @param arguments the proxied call's arguments, or {@code null} for a call made with a lambda
     * @return the key, or {@code null} when there is none
     */
    @Nullable String resolve(String route, @Nullable Method method, @Nullable Object @Nullable [] arguments);
}
