package io.strangler.postgres;

import io.strangler.api.spi.RouteStateStore;
import io.strangler.core.testing.PostgresTables;
import io.strangler.test.contract.FleetStoreContract;
import org.ff4j.core.FeatureStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fleet contract on {@link PostgresRouteStateStore}: two instances, each with its own router and its own store
 * (and connection pool) on the same table and FF4J features, never lose a rollback to a concurrent rollout step,
 * hear of a change by push, and keep the kill switch as the FF4J feature's flag. Real PostgreSQL; skipped when it
 * can't be reached, unless {@code CI=true}.
 */
class PostgresFleetTest extends FleetStoreContract {

    @RegisterExtension
    final PostgresTables postgres = new PostgresTables();
    private PostgresFleet fleet;

    @BeforeEach
    void start() {
        fleet = new PostgresFleet(postgres);
    }

    @Override
    protected RouteStateStore newStore() {
        return fleet.store();
    }

    @Override
    protected FeatureStore killSwitchFeatures() {
        return fleet.features;
    }

    @AfterEach
    void close() {
        if (fleet != null) {
            fleet.close();
        }
    }
}
