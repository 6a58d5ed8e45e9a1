/**
 * Typed events a {@link io.strangler.api.MigrationRouter} publishes to its
 * {@link io.strangler.api.event.RouterListener listeners}: a call routed, a fallback to legacy, a change of state.
 */
@NullMarked
package io.strangler.api.event;

import org.jspecify.annotations.NullMarked;
