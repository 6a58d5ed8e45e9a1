package io.strangler.examples.demo;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.strangler.api.reconcile.ReconciliationLog;
import io.strangler.core.RouterBuilder;
import io.strangler.core.Strangler;
import io.strangler.core.dualwrite.InMemoryReconciliationLog;
import io.strangler.core.rollout.RolloutController;
import io.strangler.redis.RedisFleetStore;
import io.strangler.redis.RedisRouteStateStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ff4j.store.InMemoryFeatureStore;

/**
 * A fleet on Redis: per instance a {@link RedisRouteStateStore} (states, pushed by pub/sub) and a
 * {@link RedisFleetStore} (counters, lease, journal), each with its own connections. As in {@code FleetInstance},
 * each instance keeps its kill switches in an in-process FF4J store (a service keeps them in FF4J's Redis store).
 * Strangler has no reconciliation log on Redis, so the two instances, in one JVM here, share one in memory. Every key
 * carries a prefix of the run's own, and is deleted at the end.
 */
final class RedisBackend implements StoreBackend {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final String uri;
    private final String prefix = FleetSettings.uniqueName("strangler-demo:") + ":";
    private final List<AutoCloseable> stores = new ArrayList<>();
    private final ReconciliationLog log = InMemoryReconciliationLog.create();

    /** Checks that Redis answers. */
    RedisBackend(String uri) {
        this.uri = uri;
        withConnection(commands -> {
            String pong = commands.ping();
            if (!"PONG".equals(pong)) {
                throw new IllegalStateException("PING answered " + pong);
            }
        }, "can't be reached");
    }

    @Override
    public RouterBuilder router(String instance) {
        RedisRouteStateStore states = RedisRouteStateStore.builder(uri, new InMemoryFeatureStore())
                .keyPrefix(prefix + "route:").channel(prefix + "route-state").build();
        stores.add(states);
        return Strangler.router().stateStore(states).reconciliationLog(log);
    }

    @Override
    public RolloutController.Builder controller(RolloutController.Builder builder, String instance) {
        RedisFleetStore fleet = RedisFleetStore.builder(uri).keyPrefix(prefix + "fleet:").build();
        stores.add(fleet);
        return builder.fleet(fleet).instance(instance).leaseTime(FleetSettings.LEASE);
    }

    @Override
    public String describe() {
        return "Redis " + uri + ", keys " + prefix + "*";
    }

    @Override
    public void close() {
        IllegalStateException failure = null;
        for (AutoCloseable store : stores) {
            try {
                store.close();
            } catch (Exception e) {
                failure = failure == null ? new IllegalStateException("closing the Redis stores failed", e)
                        : failure;
            }
        }
        withConnection(commands -> {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = commands.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
                if (!page.getKeys().isEmpty()) {
                    commands.del(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        }, "could not delete the demo's keys " + prefix + "*");
        if (failure != null) {
            throw failure;
        }
    }

    private interface RedisWork {
        void run(RedisCommands<String, String> commands);
    }

    private void withConnection(RedisWork work, String what) {
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(TIMEOUT);
        RedisClient client = RedisClient.create(redisUri);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            work.run(c.sync());
        } catch (RuntimeException e) {
            throw new IllegalStateException("Redis at " + uri + " " + what + ": " + e.getMessage(), e);
        } finally {
            client.shutdown(Duration.ZERO, TIMEOUT);
        }
    }
}
