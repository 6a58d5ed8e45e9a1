/**
 * The reconciliation log: where a failed secondary write (the write to the non-authoritative side in the
 * DUAL_WRITE, SHADOW, CANARY and MODERN stages) is recorded instead of being lost, so that it can be listed,
 * replayed through a {@link io.strangler.api.reconcile.ReplayHandler} and cleared. The SPI is
 * {@link io.strangler.api.reconcile.ReconciliationLog}; {@code strangler-core} has an in-memory and a JDBC
 * implementation.
 */
@NullMarked
package io.strangler.api.reconcile;

import org.jspecify.annotations.NullMarked;
