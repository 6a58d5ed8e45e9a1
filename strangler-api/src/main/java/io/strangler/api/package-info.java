/**
 * The front door of Strangler for application code: {@link io.strangler.api.MigrationRouter}, the registry of a
 * service's routes; {@link io.strangler.api.Route}, one seam between a legacy and a modern implementation, defined
 * by a {@link io.strangler.api.RouteDefinition}; its immutable {@link io.strangler.api.RouteState} (with its
 * {@link io.strangler.api.Revision}) and the {@link io.strangler.api.Stage stages} it moves through; the
 * {@link io.strangler.api.Operation} a call performs and the {@link io.strangler.api.RoutingContext} that carries the
 * current call's key; the {@link io.strangler.api.RoutingDecision decision} naming the {@link io.strangler.api.Side
 * side} that serves; {@link io.strangler.api.RouteStats} snapshots; and the exceptions. Settings are grouped in the
 * sub-packages by concern (keys, resilience, shadow, dual writes). The API depends on the JDK and on JSpecify's
 * nullness annotations only: everything is non-null unless marked {@code @Nullable}. The implementation is in
 * {@code strangler-core}.
 */
@NullMarked
package io.strangler.api;

import org.jspecify.annotations.NullMarked;
