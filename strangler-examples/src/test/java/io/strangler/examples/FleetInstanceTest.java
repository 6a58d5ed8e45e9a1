package io.strangler.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.Side;
import io.strangler.core.testing.PostgresSupport;
import io.strangler.core.testing.PostgresTables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fleet example as its README section tells it, three instances on the test PostgreSQL in one JVM (each with
 * its own pool, router, controller and traffic): one controller leads; a percentage set on one instance is served
 * by the others within a tenth of a second; the leader killed without giving its lease up is replaced within the
 * lease time; a rollback on any instance reaches all. Real PostgreSQL and real time (a 2 s lease); skipped without
 * PostgreSQL, unless {@code CI=true}.
 */
class FleetInstanceTest {

    private static final Duration LEASE = Duration.ofSeconds(2);

    @RegisterExtension
    final PostgresTables postgres = new PostgresTables();
    private final List<FleetInstance> running = new ArrayList<>();

    @AfterEach
    void stop() {
        running.forEach(FleetInstance::close);
    }

    @Test
    @Timeout(60)
    void threeInstancesShareOneRouteAndOneController() {
        String prefix = postgres.newTablePrefix("strangler_example", "route_state", "fleet_stats", "fleet_lease",
                "fleet_documents", "ff4j_features", "ff4j_roles", "ff4j_custom_properties", "ff4j_properties",
                "ff4j_audit");
        for (String id : List.of("a", "b", "c")) {
            running.add(new FleetInstance("postgres", id, PostgresSupport.URL, PostgresSupport.USER, null, prefix,
                    LEASE, Duration.ofMillis(200), 100));
        }
        awaitUntil(Duration.ofSeconds(5), "one controller leads", () -> leaders() == 1);
        FleetInstance a = running.get(0);

        long start = System.nanoTime();
        assertThat(a.command("percent 50")).startsWith("set 50.0 %");
        awaitUntil(Duration.ofSeconds(5), "every instance serves 50 %", () -> running.stream()
                .allMatch(i -> i.route().state().percentageBasisPoints() == 5_000));
        Duration followed = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("a percentage set on one instance was served by all three after " + followed.toMillis()
                + " ms");
        assertThat(followed).isLessThan(Duration.ofMillis(500));

        FleetInstance leader = running.stream().filter(FleetInstance::leads).findFirst().orElseThrow();
        running.remove(leader);
        leader.kill();
        long killed = System.nanoTime();
        awaitUntil(LEASE.plusSeconds(3), "another instance takes the lease", () -> leaders() == 1);
        Duration failover = Duration.ofNanos(System.nanoTime() - killed);
        System.out.println("the controller moved to another instance " + failover.toMillis() + " ms after the "
                + "leader was killed");
        assertThat(failover).isLessThan(LEASE.plusMillis(800));

        FleetInstance other = running.get(running.size() - 1);
        assertThat(other.command("rollback")).startsWith("rolled back");
        awaitUntil(Duration.ofSeconds(5), "every instance serves legacy", () -> running.stream()
                .allMatch(i -> IntStream.range(0, 100).allMatch(k -> i.route().decide("user-" + k) == Side.LEGACY)));
        awaitUntil(Duration.ofSeconds(5), "the controller, and the standby reading its journal, see the rollback",
                () -> running.stream().allMatch(i -> i.statusLine().contains("ROLLED_BACK")));
        assertThat(running).allSatisfy(i -> assertThat(i.statusLine()).endsWith(" 0 errors"));
    }

    private long leaders() {
        return running.stream().filter(FleetInstance::leads).count();
    }

    private static void awaitUntil(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }
}
