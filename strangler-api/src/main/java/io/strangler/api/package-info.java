/**
 * The types application code touches: {@link io.strangler.api.MigrationRouter}, {@link io.strangler.api.Route},
 * the {@link io.strangler.api.Stage stages} a route moves through, its immutable {@link io.strangler.api.RouteState},
 * and the {@link io.strangler.api.RoutingContext} that carries the routing key of the current call.
 * This package depends on the JDK only; the implementation lives in {@code strangler-core}.
 */
package io.strangler.api;
