package io.strangler.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.strangler.api.LatencyDistribution;
import io.strangler.api.RouteStats;
import io.strangler.api.Side;
import io.strangler.api.StranglerException;
import io.strangler.api.resilience.CircuitBreakerState;
import io.strangler.core.fleet.PublishedStats;
import io.strangler.core.testing.LogCapture;
import io.strangler.core.testing.TcpProxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What is {@link RedisFleetStore}'s own (the fleet contract in {@link RedisFleetTest} checks the rest): bad settings
 * are refused naming the field and the value, counters that can't be read are skipped with a warning, an outage
 * fails calls within the command timeout with an error naming the key, after which the store works again, and a
 * closed store refuses calls. Real Redis; skipped when it can't be reached, unless {@code CI=true}.
 */
class RedisFleetStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @RegisterExtension
    final LogCapture log = new LogCapture();
    private final String prefix = RedisSupport.uniquePrefix();

    @AfterEach
    void deleteKeys() {
        try {
            RedisSupport.requireRedis();
        } catch (RuntimeException | Error skipped) {
            return;   // no Redis here, so nothing to delete
        }
        RedisClient client = RedisClient.create(RedisSupport.URI);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            RedisSupport.deleteKeys(c, prefix);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static RouteStats stats(String route) {
        RouteStats.SideStats side = new RouteStats.SideStats(Side.LEGACY, 3, 0, 0, 0, LatencyDistribution.of(10, 20));
        return new RouteStats(route, side, new RouteStats.SideStats(Side.MODERN, 1, 0, 0, 0, LatencyDistribution.EMPTY),
                new RouteStats.ShadowStats(0, 0, 0, 0, 0, 0, 0, 0), new RouteStats.SecondaryWrites(0, 0, 0, 0, 0),
                CircuitBreakerState.CLOSED);
    }

    @Test
    void badSettingsAreRefusedNamingTheFieldAndTheValue() {
        assertThatThrownBy(() -> RedisFleetStore.builder("http://user:secret@host:6379"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("redisUri must have one of the schemes [redis, redis-sentinel, redis-socket, rediss, "
                        + "rediss-sentinel], was 'http://***@host:6379'");
        assertThatThrownBy(() -> RedisFleetStore.builder(RedisSupport.URI).keyPrefix(" "))
                .hasMessage("keyPrefix must not be blank, was ' '");
        assertThatThrownBy(() -> RedisFleetStore.builder(RedisSupport.URI).commandTimeout(Duration.ZERO))
                .hasMessage("commandTimeout must be positive, was PT0S");
        assertThatThrownBy(() -> RedisFleetStore.builder((String) null)).hasMessage("redisUri");
    }

    @Test
    void countersThatCantBeReadAreSkippedWithAWarning() {
        RedisSupport.requireRedis();
        try (RedisFleetStore store = RedisFleetStore.builder(RedisSupport.URI).keyPrefix(prefix).build()) {
            store.publish("a", T0, List.of(stats("good"), stats("bad")));
            RedisClient client = RedisClient.create(RedisSupport.URI);
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                c.sync().hset(prefix + "stats:bad", "a", "1764151200000|{\"format\":1}");
                c.sync().hset(prefix + "stats:bad", "b", "no time");
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }

            assertThat(store.published()).containsExactly(new PublishedStats("a", T0, stats("good")));
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("WARN")
                    .contains("the counters of instance 'a', route 'bad' can't be read, skipped"));
            assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .contains("the counters of instance 'b', route 'bad' can't be read, skipped: no '<epoch millis>|'"));
        }
    }

    @Test
    @Timeout(60)
    void anOutageFailsCallsWithinTheTimeoutAndTheStoreWorksAgainAfterIt() throws Exception {
        RedisSupport.requireRedis();
        RedisURI target = RedisURI.create(RedisSupport.URI);
        try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort());
                RedisFleetStore store = RedisFleetStore.builder("redis://127.0.0.1:" + proxy.port() + "/"
                        + target.getDatabase()).keyPrefix(prefix).commandTimeout(Duration.ofMillis(500)).build()) {
            assertThat(store.acquire("lease", "a", T0, Duration.ofSeconds(15)).holder()).isEqualTo("a");

            proxy.cut();
            long start = System.nanoTime();
            assertThatThrownBy(() -> store.acquire("lease", "a", T0.plusSeconds(1), Duration.ofSeconds(15)))
                    .isInstanceOf(StranglerException.class)
                    .hasMessageStartingWith("Redis fleet store: asking for the lease 'lease' for 'a' of key '" + prefix
                            + "lease:lease' failed");
            assertThatThrownBy(() -> store.publish("a", T0, List.of(stats("r"))))
                    .isInstanceOf(StranglerException.class).hasMessageContaining(prefix + "stats:*");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

            proxy.restore();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (true) {
                try {
                    assertThat(store.acquire("lease", "a", T0.plusSeconds(2), Duration.ofSeconds(15)))
                            .satisfies(l -> {
                                assertThat(l.epoch()).isEqualTo(1);
                                assertThat(l.expiresAt()).isEqualTo(T0.plusSeconds(17));
                            });
                    break;
                } catch (StranglerException reconnecting) {
                    if (System.nanoTime() > deadline) {
                        throw reconnecting;
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);   // Lettuce reconnecting
                }
            }
        }
    }

    @Test
    void aClosedStoreRefusesCalls() {
        RedisFleetStore store = RedisFleetStore.builder(RedisSupport.URI).keyPrefix(prefix).build();
        store.close();
        store.close();

        assertThatThrownBy(() -> store.document("x")).isInstanceOf(StranglerException.class)
                .hasMessage("Redis fleet store: reading document 'x' of key '" + prefix + "documents' failed: the store "
                        + "is closed");
    }
}
