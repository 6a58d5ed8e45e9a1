package io.strangler.spring;

import io.strangler.api.RouteDefinition;

/**
 * Changes a route's definition in Java before it is registered, after its properties are applied: what properties
 * don't say, such as a shadow comparator with expected differences, a verification reader of dual writes, or the
 * exceptions that are a normal outcome. Every bean of this type is applied to every route, in order.
 *
 * <pre>{@code
 * @Bean
 * StranglerRouteCustomizer skillsComparator() {
 *     return (route, definition) -> {
 *         if (route.equals("skills")) {
 *             definition.shadow(ShadowSettings.custom().comparator(StructuralComparator.builder()
 *                     .expect("$.skills[*]", (legacy, modern) -> legacy.equalsIgnoreCase(modern)).build()).build());
 *         }
 *     };
 * }
 * }</pre>
 */
@FunctionalInterface
public interface StranglerRouteCustomizer {

    /**
     * Changes one route's definition.
     *
     * @param route the route's name
     * @param definition its definition's builder, with the route's properties applied
     */
    void customize(String route, RouteDefinition.Builder<?> definition);
}
