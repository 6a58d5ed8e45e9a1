/**
 * Contract tests for your own implementations of Strangler's storage interfaces, as abstract JUnit 5 classes: extend
 * {@link io.strangler.test.contract.RouteStateStoreContract} for a {@link io.strangler.api.spi.RouteStateStore}, or
 * {@link io.strangler.test.contract.ReconciliationLogContract} for a
 * {@link io.strangler.api.reconcile.ReconciliationLog}, implement the one factory method, and run the class as any
 * other test. Strangler's own implementations pass both. Needs {@code junit-jupiter} and {@code assertj-core} on the
 * test class path (optional dependencies of {@code strangler-test}).
 *
 * <pre>{@code
 * class MyStoreTest extends RouteStateStoreContract {
 *     @Override
 *     protected RouteStateStore newStore() {
 *         return new MyStore(dataSource);
 *     }
 * }
 * }</pre>
 */
@NullMarked
package io.strangler.test.contract;

import org.jspecify.annotations.NullMarked;
