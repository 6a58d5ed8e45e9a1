/**
 * Reconciliation logs for failed secondary writes: {@link io.strangler.core.dualwrite.InMemoryReconciliationLog},
 * bounded and lost at restart, and {@link io.strangler.core.dualwrite.JdbcReconciliationLog}, one table in a
 * database reached through a {@link javax.sql.DataSource}. Both implement
 * {@link io.strangler.api.reconcile.ReconciliationLog} and are thread-safe.
 */
package io.strangler.core.dualwrite;

