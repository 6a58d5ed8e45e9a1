package io.strangler.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.strangler.api.StranglerException;
import io.strangler.api.spi.RouteStateStore.Subscription;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ff4j.store.InMemoryFeatureStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Closing a subscription or the store leaves no connection or thread of the store behind. */
class RedisStoreCloseTest {

    private final String prefix = RedisSupport.uniquePrefix();
    private final String channel = prefix + "channel";
    private RedisClient admin;
    private StatefulRedisConnection<String, String> adminConnection;

    @BeforeEach
    void admin() {
        RedisSupport.requireRedis();
        admin = RedisClient.create(RedisSupport.URI);
        adminConnection = admin.connect();
    }

    @AfterEach
    void close() {
        RedisSupport.deleteKeys(adminConnection, prefix);
        adminConnection.close();
        admin.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private long subscribers() {
        return adminConnection.sync().pubsubNumsub(channel).getOrDefault(channel, 0L);
    }

    private long connectionsNamed(String name) {
        return adminConnection.sync().clientList().lines().filter(l -> l.contains(" name=" + name + " ")).count();
    }

    private static Set<String> storeThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("lettuce-") || n.startsWith("strangler-redis")).collect(Collectors.toSet());
    }

    @Test
    @Timeout(30)
    void aStoreThatMadeItsClientLeavesNoThreadOrConnectionOnceClosed() {
        Set<String> before = storeThreads();
        RedisRouteStateStore store = RedisRouteStateStore.builder(RedisSupport.URI, new InMemoryFeatureStore())
                .keyPrefix(prefix + "route:").channel(channel).build();
        assertThat(store.load("orders")).isEmpty();
        Subscription first = store.watch(route -> { });
        assertThat(subscribers()).isEqualTo(1);
        first.close();
        RedisSupport.awaitUntil(Duration.ofSeconds(5), "unsubscribed", () -> subscribers() == 0);
        first.close();

        Subscription second = store.watch(route -> { });
        assertThat(subscribers()).isEqualTo(1);
        assertThat(storeThreads()).as("the store's own client threads").isNotEqualTo(before);

        store.close();

        RedisSupport.awaitUntil(Duration.ofSeconds(5), "the subscription ends with the store",
                () -> subscribers() == 0);
        RedisSupport.awaitUntil(Duration.ofSeconds(10), "no thread of the store is left: "
                + storeThreadsBut(before), () -> storeThreadsBut(before).isEmpty());
        second.close();
        store.close();
        assertThatThrownBy(() -> store.load("orders")).isInstanceOf(StranglerException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.watch(route -> { })).isInstanceOf(StranglerException.class)
                .hasMessageContaining("closed");
    }

    private static Set<String> storeThreadsBut(Set<String> before) {
        Set<String> now = storeThreads();
        now.removeAll(before);
        return now;
    }

    @Test
    @Timeout(30)
    void aStoreOnYourClientClosesItsConnectionsAndLeavesTheClientOpen() {
        String name = "strangler-close-" + UUID.randomUUID().toString().substring(0, 8);
        RedisURI uri = RedisURI.create(RedisSupport.URI);
        uri.setClientName(name);
        RedisClient client = RedisClient.create(uri);
        try {
            RedisRouteStateStore store = RedisRouteStateStore.builder(client, new InMemoryFeatureStore())
                    .keyPrefix(prefix + "route:").channel(channel).build();
            assertThat(store.load("orders")).isEmpty();
            store.watch(route -> { });
            assertThat(connectionsNamed(name)).as("data and pub/sub connections").isEqualTo(2);

            store.close();

            RedisSupport.awaitUntil(Duration.ofSeconds(5), "the store's connections are closed",
                    () -> connectionsNamed(name) == 0);
            assertThat(subscribers()).isZero();
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                assertThat(c.sync().ping()).as("the client is still yours to use").isEqualTo("PONG");
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void theBuilderRefusesBadSettingsNamingTheFieldAndTheValue() {
        InMemoryFeatureStore features = new InMemoryFeatureStore();
        assertThatThrownBy(() -> RedisRouteStateStore.builder("http://127.0.0.1:6379", features))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redisUri")
                .hasMessageContaining("'http://127.0.0.1:6379'");
        assertThatThrownBy(() -> RedisRouteStateStore.builder("127.0.0.1:6379", features))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redisUri")
                .hasMessageContaining("'127.0.0.1:6379'");
        assertThatThrownBy(() -> RedisRouteStateStore.builder("redis://host with space", features))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redisUri");
        assertThatThrownBy(() -> RedisRouteStateStore.builder("http://:s3cret@127.0.0.1:6379", features))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'http://***@127.0.0.1:6379'")
                .message().doesNotContain("s3cret");
        assertThatThrownBy(() -> RedisRouteStateStore.builder("redis://:s3cret@127.0.0.1:port", features))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redisUri")
                .hasMessageContaining("'redis://***@127.0.0.1:port'").message().doesNotContain("s3cret");
        RedisRouteStateStore.Builder builder = RedisRouteStateStore.builder("redis://127.0.0.1:6379", features);
        assertThatThrownBy(() -> builder.keyPrefix(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keyPrefix").hasMessageContaining("' '");
        assertThatThrownBy(() -> builder.channel("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channel").hasMessageContaining("''");
        assertThatThrownBy(() -> builder.commandTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("commandTimeout").hasMessageContaining("PT0S");
        assertThatThrownBy(() -> builder.commandTimeout(Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-0.005S");
        assertThatThrownBy(() -> RedisRouteStateStore.builder((String) null, features))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("redisUri");
        assertThatThrownBy(() -> RedisRouteStateStore.builder("redis://127.0.0.1", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("featureStore");
    }
}
