package io.strangler.examples.demo;

import io.strangler.core.RouterBuilder;
import io.strangler.core.rollout.RolloutController;

/**
 * Where the instances keep what they share with Strangler: route states, and in a fleet the published counters, the
 * controller lease, the rollout journal and the reconciliation log. Opened before the instances, closed after them,
 * when it removes everything the run made (its tables or keys carry a prefix of their own, so that runs and tests
 * side by side never meet).
 */
interface StoreBackend extends AutoCloseable {

    /**
     * Opens the store the options name.
     *
     * @param options the options
     * @return the store, reachable
     * @throws IllegalStateException naming the store and why, when it can't be reached
     */
    static StoreBackend open(DemoOptions options) {
        return switch (options.store()) {
            case MEMORY -> new MemoryBackend();
            case POSTGRES -> new PostgresBackend(options.jdbcUrl(), options.jdbcUser());
            case REDIS -> new RedisBackend(options.redisUri());
        };
    }

    /**
     * A router builder on this store for one instance.
     *
     * @param instance the instance's id
     * @return the builder, its state store and reconciliation log set
     */
    RouterBuilder router(String instance);

    /**
     * Sets up one instance's controller on this store: in a fleet, the fleet store, the instance's id and the lease.
     *
     * @param builder the controller's builder
     * @param instance the instance's id
     * @return the builder
     */
    RolloutController.Builder controller(RolloutController.Builder builder, String instance);

    /**
     * What the store is, for the title line.
     *
     * @return e.g. {@code "PostgreSQL jdbc:postgresql://127.0.0.1:5432/test, tables strangler_demo_1a2b3c_*"}
     */
    String describe();

    /** Removes what the run made in the store and lets its connections go; the instances are closed already. */
    @Override
    void close();
}
