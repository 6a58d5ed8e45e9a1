package io.strangler.core.routing;

import io.strangler.api.RoutingContext;
import io.strangler.api.spi.RoutingKeyResolver;
import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a call's routing key comes from: the key given to the call (or read from a proxied method's
 * {@code @RoutingKey} parameter), else the current {@link RoutingContext}, else the route's
 * {@link RoutingKeyResolver}. A resolver that fails makes the call keyless; it never fails the call. Thread-safe.
 */
final class RouteKeys {

    private static final Logger LOG = LoggerFactory.getLogger(RouteKeys.class);

    private final String route;
    private final RoutingKeyResolver resolver;

    RouteKeys(String route, RoutingKeyResolver resolver) {
        this.route = route;
        this.resolver = resolver;
    }

    /**
     * The call's key. The context and the resolver are asked only when something uses the key: the decision, the
     * shadow and dual-write paths, or a listener's events; a call on a fixed side that nobody listens to skips them.
     *
     * @param key the key given to the call, or null
     * @param method the proxied method, or null for a call made with a lambda
     * @param args the proxied call's arguments, or null for a call made with a lambda
     * @param listening whether a listener will hear of the call
     * @return the key, or null when the call has none
     */
    String of(RouteSnapshot s, String key, Method method, Object[] args, boolean listening) {
        if (key != null || (s.fixedTarget != null && !s.extra && !listening)) {
            return key;
        }
        return resolve(method, args);
    }

    /** The key of the current context, else the resolver's; null when neither has one. */
    String resolve(Method method, Object[] args) {
        String key = RoutingContext.current().routingKey();
        if (key != null || resolver == null) {
            return key;
        }
        try {
            return resolver.resolve(route, method, args);
        } catch (RuntimeException e) {
            LOG.warn("routing key resolver of route '{}' failed; the call is treated as keyless", route, e);
            return null;
        }
    }
}
