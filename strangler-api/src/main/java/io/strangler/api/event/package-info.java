/**
 * Typed events a {@link io.strangler.api.MigrationRouter} publishes to its
 * {@link io.strangler.api.event.RouterListener listeners}: a call routed, a fallback to legacy, a change of state, a
 * shadow mismatch, a data-integrity failure of dual writes, a rollback. Events are immutable records; nothing a
 * listener throws ever reaches a caller.
 */
@NullMarked
package io.strangler.api.event;

import org.jspecify.annotations.NullMarked;
