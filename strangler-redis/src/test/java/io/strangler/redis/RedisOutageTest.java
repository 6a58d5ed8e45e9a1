package io.strangler.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisURI;
import io.strangler.api.Revision;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.api.StranglerException;
import io.strangler.core.testing.TcpProxy;
import io.strangler.test.contract.FleetStoreContract;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Redis going away, through a TCP proxy in the test (the machine's Redis is never stopped): the store fails fast
 * with a {@link StranglerException} naming the key and the operation, a router on it keeps serving its last state,
 * and what was missed or held back meanwhile reaches the store and the other instances once Redis is back.
 */
class RedisOutageTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** Lettuce's reconnect backs off up to 30 s; after a short outage it is back within a few seconds. */
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    private final RedisFleet fleet = new RedisFleet();
    private TcpProxy proxy;
    private RedisRouteStateStore proxied;
    private RedisRouteStateStore direct;

    @BeforeEach
    void proxy() throws Exception {
        RedisURI target = RedisURI.create(RedisSupport.URI);
        proxy = new TcpProxy(target.getHost(), target.getPort());
        proxied = fleet.store("redis://127.0.0.1:" + proxy.port() + "/" + target.getDatabase(),
                b -> b.commandTimeout(TIMEOUT));
        direct = fleet.store();
    }

    @AfterEach
    void close() {
        fleet.close();
        proxy.close();
    }

    @Test
    @Timeout(90)
    void aCutRedisFailsFastTheRouterServesOnAndItsRollbackIsWrittenAfterwards() {
        RedisFleet.Instance p = fleet.instance(proxied, Duration.ZERO);
        RedisFleet.Instance d = fleet.instance(direct, Duration.ZERO);
        d.route().setPercentage(20, "bob", "step");
        RedisSupport.awaitUntil(Duration.ofSeconds(5), "the step reaches the proxied instance by push",
                () -> p.route().state().percentageBasisPoints() == 2_000);
        RouteState before = p.route().state();
        String key = proxied.key(RedisFleet.ROUTE);

        proxy.cut();

        long start = System.nanoTime();
        assertThatThrownBy(() -> proxied.load(RedisFleet.ROUTE)).isInstanceOf(StranglerException.class)
                .hasMessageContaining("load").hasMessageContaining("'" + key + "'");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plusMillis(250));
        RouteState next = before.toBuilder().percentage(30).build()
                .withRevision(new Revision(before.version() + 1, "test", Instant.now(), "during the outage"));
        start = System.nanoTime();
        assertThatThrownBy(() -> proxied.compareAndSet(before.version(), next))
                .isInstanceOf(StranglerException.class)
                .hasMessageContaining("compareAndSet").hasMessageContaining("'" + key + "'");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plusMillis(250));

        p.router().refresh();
        assertThat(p.route().state()).isEqualTo(before);
        IntStream.range(0, 100).forEach(i -> assertThat(served(p, "user-" + i))
                .isIn("legacy", "modern"));
        RouteState rolledBack = p.route().rollback("ops", "modern is failing");
        assertThat(rolledBack.percentageBasisPoints()).isZero();
        assertThat(p.route().state().percentageBasisPoints()).isZero();
        IntStream.range(0, 100).forEach(i -> assertThat(served(p, "user-" + i))
                .isEqualTo("legacy"));
        assertThat(direct.load(RedisFleet.ROUTE).orElseThrow().percentageBasisPoints())
                .as("not written yet").isEqualTo(2_000);

        proxy.restore();
        RedisSupport.awaitUntil(RECOVERY, "the rollback made during the outage reaches Redis", () -> {
            p.router().refresh();
            return direct.load(RedisFleet.ROUTE).orElseThrow().percentageBasisPoints() == 0;
        });
        RouteState stored = direct.load(RedisFleet.ROUTE).orElseThrow();
        assertThat(stored.stage().servesModern()).isFalse();
        RedisSupport.awaitUntil(Duration.ofSeconds(5), "the other instance hears of it by push",
                () -> d.route().state().percentageBasisPoints() == 0);
    }

    private static String served(RedisFleet.Instance instance, String key) {
        return instance.route().read(key, (FleetStoreContract.Service s) -> s.serve("x"));
    }

    @Test
    @Timeout(60)
    void aRedisThatSwallowsEverythingFailsWithinTheCommandTimeout() {
        assertThat(proxied.load(RedisFleet.ROUTE)).isEmpty();
        proxy.stall();

        long start = System.nanoTime();
        assertThatThrownBy(() -> proxied.load(RedisFleet.ROUTE)).isInstanceOf(StranglerException.class)
                .hasMessageContaining("load").hasMessageContaining("'" + proxied.key(RedisFleet.ROUTE) + "'");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50)).isLessThan(TIMEOUT.plusMillis(500));
        start = System.nanoTime();
        assertThatThrownBy(() -> proxied.createIfAbsent(RouteState.builder(RedisFleet.ROUTE).build()))
                .isInstanceOf(StranglerException.class).hasMessageContaining("createIfAbsent");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plusMillis(500));

        proxy.cut();
        proxy.restore();
        RedisSupport.awaitUntil(RECOVERY, "the store works again after the connection was reset", () -> {
            try {
                return proxied.load(RedisFleet.ROUTE).isEmpty();
            } catch (StranglerException e) {
                return false;
            }
        });
    }

    @Test
    @Timeout(90)
    void aChangePublishedWhileTheSubscriptionWasDownIsDeliveredAfterTheReconnect() {
        RedisFleet.Instance p = fleet.instance(proxied, Duration.ofHours(1));
        RedisFleet.Instance d = fleet.instance(direct, Duration.ofHours(1));
        RouteState step = d.route().setPercentage(20, "bob", "step");
        RedisSupport.awaitUntil(Duration.ofSeconds(5), "the step reaches the proxied instance by push",
                () -> p.route().state().version() == step.version());

        proxy.cut();
        RouteState back = d.route().rollback("bob", "while the other instance's subscription is down");
        assertThat(p.route().state().version()).as("the publication was lost").isEqualTo(step.version());
        proxy.restore();

        RedisSupport.awaitUntil(RECOVERY, "the rollback reaches the proxied instance after the reconnect",
                () -> p.route().state().version() == back.version());
        assertThat(p.route().state().stage()).isEqualTo(back.stage()).isNotEqualTo(Stage.CANARY);
        assertThat(p.route().state().percentageBasisPoints()).isZero();
    }

    @Test
    @Timeout(90)
    void anInstanceStartedWhileRedisIsDownSubscribesOnceItIsBack() {
        RedisFleet.Instance d = fleet.instance(direct, Duration.ofHours(1));
        RouteState step = d.route().setPercentage(20, "bob", "step");

        proxy.cut();
        RedisFleet.Instance p = fleet.instance(proxied, Duration.ofHours(1), true);
        assertThat(p.route().state().percentageBasisPoints()).as("the initial state").isEqualTo(1_000);
        proxy.restore();

        RedisSupport.awaitUntil(RECOVERY, "the late subscription tells the router to read the stored state",
                () -> p.route().state().version() == step.version());
        assertThat(p.route().state().percentageBasisPoints()).isEqualTo(2_000);
        RouteState back = d.route().rollback("bob", "bad canary");
        RedisSupport.awaitUntil(Duration.ofSeconds(5), "the rollback reaches the late instance by push",
                () -> p.route().state().version() == back.version());
    }
}
