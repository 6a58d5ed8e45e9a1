package io.strangler.redis;

import io.strangler.api.spi.RouteStateStore;
import io.strangler.test.contract.FleetStoreContract;
import org.ff4j.core.FeatureStore;
import org.junit.jupiter.api.AfterEach;

/**
 * The fleet contract on {@link RedisRouteStateStore}: two instances, each with its own router and its own store on
 * the same Redis keys and FF4J features, never lose a rollback to a concurrent rollout step, hear of a change by
 * push, and keep the kill switch as the FF4J feature's flag.
 */
class RedisFleetTest extends FleetStoreContract {

    private final RedisFleet fleet = new RedisFleet();

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
        fleet.close();
    }
}
