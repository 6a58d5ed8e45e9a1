package io.strangler.redis;

import io.lettuce.core.RedisURI;
import io.strangler.api.spi.RouteStateStore;
import io.strangler.core.fleet.FleetStore;
import io.strangler.core.testing.TcpProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import io.strangler.test.contract.FleetStoreContract;
import org.ff4j.core.FeatureStore;
import org.junit.jupiter.api.AfterEach;

/**
 * The fleet contract on {@link RedisRouteStateStore}: two instances, each with its own router and its own store on
 * the same Redis keys and FF4J features, never lose a rollback to a concurrent rollout step, hear of a change by
 * push, keep the kill switch as the FF4J feature's flag and serve through an outage; and {@link RedisFleetStore}
 * gives the controller lease to one at a time, keeps counters and journal documents, and carries a controller over
 * to another instance.
 */
class RedisFleetTest extends FleetStoreContract {

    private final RedisFleet fleet = new RedisFleet();
    private final List<TcpProxy> proxies = new ArrayList<>();

    @Override
    protected RouteStateStore newStore() {
        return fleet.store();
    }

    @Override
    protected FeatureStore killSwitchFeatures() {
        return fleet.features;
    }

    @Override
    protected FleetStore newFleetStore() {
        return fleet.fleetStore();
    }

    @Override
    protected StoreOutage storeOutage() {
        try {
            RedisURI target = RedisURI.create(RedisSupport.URI);
            TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort());
            proxies.add(proxy);
            RedisRouteStateStore store = fleet.store("redis://127.0.0.1:" + proxy.port() + "/" + target.getDatabase(),
                    b -> b.commandTimeout(Duration.ofMillis(500)));
            return StoreOutage.of(store, proxy::cut, proxy::restore);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void close() {
        closeRouters();   // before the pools and clients they use
        fleet.close();
        proxies.forEach(TcpProxy::close);
    }
}
