package io.strangler.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.strangler.api.spi.RouteStateStore;
import io.strangler.test.contract.RouteStateStoreContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ff4j.store.InMemoryFeatureStore;
import org.junit.jupiter.api.AfterEach;

/** {@link RedisRouteStateStore} keeps the contract of every {@link RouteStateStore}, on a real Redis. */
class RedisRouteStateStoreContractTest extends RouteStateStoreContract {

    private final String prefix = RedisSupport.uniquePrefix();
    private final List<RedisRouteStateStore> stores = new ArrayList<>();

    @Override
    protected RouteStateStore newStore() {
        RedisRouteStateStore store = RedisRouteStateStore.builder(RedisSupport.requireRedis(),
                        new InMemoryFeatureStore())
                .keyPrefix(prefix + "route:").channel(prefix + "channel").build();
        stores.add(store);
        return store;
    }

    @AfterEach
    void deleteKeysAndClose() {
        stores.forEach(RedisRouteStateStore::close);
        if (!stores.isEmpty()) {
            RedisClient client = RedisClient.create(RedisSupport.URI);
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                RedisSupport.deleteKeys(c, prefix);
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
    }
}
