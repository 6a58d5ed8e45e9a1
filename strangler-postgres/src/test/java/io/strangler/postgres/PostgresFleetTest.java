package io.strangler.postgres;

import io.strangler.api.spi.RouteStateStore;
import io.strangler.core.fleet.FleetStore;
import io.strangler.core.testing.PostgresSupport;
import io.strangler.core.testing.PostgresTables;
import io.strangler.core.testing.TcpProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import io.strangler.test.contract.FleetStoreContract;
import org.ff4j.core.FeatureStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fleet contract on {@link PostgresRouteStateStore}: two instances, each with its own router and its own store
 * (and connection pool) on the same table and FF4J features, never lose a rollback to a concurrent rollout step,
 * hear of a change by push, keep the kill switch as the FF4J feature's flag, serve through an outage; and
 * {@link PostgresFleetStore} gives the controller lease to one at a time, keeps counters and journal documents, and
 * carries a controller over to another instance. Real PostgreSQL; skipped when it
 * can't be reached, unless {@code CI=true}.
 */
class PostgresFleetTest extends FleetStoreContract {

    @RegisterExtension
    final PostgresTables postgres = new PostgresTables();
    private PostgresFleet fleet;
    private final List<TcpProxy> proxies = new ArrayList<>();

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

    @Override
    protected FleetStore newFleetStore() {
        return fleet.fleetStore();
    }

    @Override
    protected StoreOutage storeOutage() {
        try {
            TcpProxy proxy = new TcpProxy(PostgresSupport.address().getHostString(),
                    PostgresSupport.address().getPort());
            proxies.add(proxy);
            PostgresRouteStateStore store = fleet.store(PostgresSupport.dataSourceThrough(proxy));
            return StoreOutage.of(store, proxy::cut, proxy::restore);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void close() {
        closeRouters();   // before the pools and clients they use
        if (fleet != null) {
            fleet.close();
        }
        proxies.forEach(TcpProxy::close);
    }
}
