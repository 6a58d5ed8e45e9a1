/**
 * Typed events a {@link io.strangler.api.MigrationRouter} publishes to its
 * {@link io.strangler.api.event.RouterListener listeners}: a call routed, a fallback to legacy, a change of state.
 */
package io.strangler.api.event;
