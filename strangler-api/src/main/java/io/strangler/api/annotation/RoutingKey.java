package io.strangler.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter that carries a proxied call's routing key. Its value is turned into the key with
 * {@code String.valueOf}; with {@link #value()} set, the key is read from that property of the parameter instead
 * (a record component, a no-argument method, or a {@code getX()} getter):
 *
 * <pre>{@code
 * @Read Report analyze(@RoutingKey String userId, Cv cv);
 * @Write void submit(@RoutingKey("tenantId") Order order);   // order.tenantId() or order.getTenantId()
 * }</pre>
 *
 * At most one parameter per method carries it; a {@code null} value leaves the key to the routing context.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface RoutingKey {
    /**
     * The property of the parameter that holds the key; empty for the parameter itself.
     *
     * @return the property name
     */
    String value() default "";
}
