package io.strangler.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.strangler.api.InvalidStateRecordException;
import io.strangler.api.Revision;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.core.state.RouteStateCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The key layout, and records that can't be read: refused by load, repaired by the next change. */
class RedisRecordTest {

    private final RedisFleet fleet = new RedisFleet();
    private RedisClient client;
    private StatefulRedisConnection<String, String> redis;
    private RedisRouteStateStore store;

    @BeforeEach
    void connect() {
        client = RedisClient.create(RedisSupport.URI);
        redis = client.connect();
        store = fleet.store();
    }

    @AfterEach
    void close() {
        redis.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        fleet.close();
    }

    @Test
    void theStateIsAHashOfVersionAndRecordUnderThePrefix() {
        RouteState initial = RouteState.builder("orders").stage(Stage.SHADOW).build();
        store.createIfAbsent(initial);

        assertThat(store.key("orders")).isEqualTo(fleet.prefix + "route:orders");
        Map<String, String> hash = redis.sync().hgetall(store.key("orders"));
        assertThat(hash).containsOnlyKeys("version", "record").containsEntry("version", "0")
                .containsEntry("record", RouteStateCodec.encode(initial));
    }

    @Test
    void aRecordThatCantBeReadIsRefusedByLoadAndRepairedByTheNextChange() {
        RouteState initial = store.createIfAbsent(RouteState.builder("orders").build());
        String key = store.key("orders");

        redis.sync().hset(key, "record", "{not json");
        assertThatThrownBy(() -> store.load("orders")).isInstanceOf(InvalidStateRecordException.class)
                .hasMessageContaining("orders");
        assertThatThrownBy(() -> store.createIfAbsent(initial)).isInstanceOf(InvalidStateRecordException.class);
        RouteState next = initial.toBuilder().stage(Stage.CANARY).percentage(5).build()
                .withRevision(new Revision(1, "alice", Instant.parse("2026-11-21T10:00:00Z"), "repair"));
        assertThat(store.compareAndSet(0, next)).isTrue();
        assertThat(store.load("orders")).contains(next);

        redis.sync().hset(key, "version", "seven");
        assertThatThrownBy(() -> store.load("orders")).isInstanceOf(InvalidStateRecordException.class)
                .hasMessageContaining("'version'").hasMessageContaining("seven").hasMessageContaining(key);
        redis.sync().hset(key, "version", "3");
        assertThatThrownBy(() -> store.load("orders")).isInstanceOf(InvalidStateRecordException.class)
                .hasMessageContaining("value 3").hasMessageContaining("record has version 1");
        redis.sync().hdel(key, "version");
        assertThatThrownBy(() -> store.load("orders")).isInstanceOf(InvalidStateRecordException.class)
                .hasMessageContaining("no field 'version'");

        RouteState repaired = next.toBuilder().percentage(6).build()
                .withRevision(new Revision(2, "alice", Instant.parse("2026-11-21T10:01:00Z"), "repair"));
        assertThat(store.compareAndSet(1, repaired)).as("from the router's last good version").isTrue();
        assertThat(store.load("orders")).contains(repaired);
        assertThat(store.compareAndSet(1, repaired)).as("a readable record is compared as usual").isFalse();
    }
}
