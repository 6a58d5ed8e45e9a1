package io.strangler.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.Stage;
import io.strangler.core.Strangler;
import io.strangler.test.contract.FleetStoreContract.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.ff4j.core.FeatureStore;
import org.ff4j.store.InMemoryFeatureStore;

/**
 * Instances of one service sharing route states on the test Redis: each router has its own
 * {@link RedisRouteStateStore} (its own client and connections) on the same keys, channel and FF4J feature store.
 * {@link #close()} closes the routers and stores and deletes the test's keys.
 */
final class RedisFleet implements AutoCloseable {

    static final String ROUTE = "svc";

    final String prefix = RedisSupport.uniquePrefix();
    final FeatureStore features = new InMemoryFeatureStore();
    private final List<MigrationRouter> routers = new ArrayList<>();
    private final List<RedisRouteStateStore> stores = new ArrayList<>();
    private final List<RedisFleetStore> fleetStores = new ArrayList<>();

    RedisFleet() {
        RedisSupport.requireRedis();
    }

    /** A store on the test Redis, or on {@code uri}, with the fleet's keys, channel and features. */
    RedisRouteStateStore store(String uri, UnaryOperator<RedisRouteStateStore.Builder> settings) {
        RedisRouteStateStore store = settings.apply(RedisRouteStateStore.builder(uri, features)
                .keyPrefix(prefix + "route:").channel(prefix + "channel")).build();
        stores.add(store);
        return store;
    }

    RedisRouteStateStore store() {
        return store(RedisSupport.URI, b -> b);
    }

    /** A fleet store of its own (its own client) on the fleet's keys. */
    RedisFleetStore fleetStore() {
        RedisFleetStore store = RedisFleetStore.builder(RedisSupport.URI).keyPrefix(prefix + "fleet:").build();
        fleetStores.add(store);
        return store;
    }

    /** A router on {@code store} with the route {@value #ROUTE} registered, CANARY at 10 % initially. */
    Instance instance(RedisRouteStateStore store, Duration refreshInterval) {
        return instance(store, refreshInterval, false);
    }

    /** As {@link #instance(RedisRouteStateStore, Duration)}, starting on the initial state if Redis is down. */
    Instance instance(RedisRouteStateStore store, Duration refreshInterval, boolean startWithoutStore) {
        MigrationRouter router = Strangler.router().stateStore(store).refreshInterval(refreshInterval)
                .startWithoutStore(startWithoutStore).build();
        routers.add(router);
        Route<Service> route = router.register(RouteDefinition.builder(ROUTE, Service.class)
                .legacy(input -> "legacy").modern(input -> "modern")
                .initialState(s -> s.stage(Stage.CANARY).percentage(10)).build());
        return new Instance(router, route, store);
    }

    @Override
    public void close() {
        routers.forEach(MigrationRouter::close);
        stores.forEach(RedisRouteStateStore::close);
        fleetStores.forEach(RedisFleetStore::close);
        RedisClient client = RedisClient.create(RedisSupport.URI);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            RedisSupport.deleteKeys(c, prefix);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }


    /** One instance of the service: its router, its route, its store. */
    record Instance(MigrationRouter router, Route<Service> route, RedisRouteStateStore store) {
    }
}
