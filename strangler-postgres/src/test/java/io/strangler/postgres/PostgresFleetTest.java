package io.strangler.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.RouteState;
import io.strangler.api.Side;
import io.strangler.api.spi.RouteStateStore;
import io.strangler.core.testing.PostgresTables;
import io.strangler.test.contract.FleetStoreContract;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fleet contract (a rollback racing a rollout step is never lost, a rollback reaches the other instance by
 * push) and the kill switch: two instances of a service, each with its own router and its own {@link PostgresRouteStateStore} on the same
 * table and FF4J features: a rollback is never undone by a concurrent rollout step, a change reaches the other
 * instance by push, and the kill switch stays the FF4J feature's flag.
 */
class PostgresFleetTest extends FleetStoreContract {

    @RegisterExtension
    final PostgresTables postgres = new PostgresTables();
    private PostgresFleet fleet;

    @BeforeEach
    void start() {
        fleet = new PostgresFleet(postgres);
    }

    @Override
    protected RouteStateStore newStore() {
        return fleet.store();
    }

    @AfterEach
    void close() {
        if (fleet != null) {
            fleet.close();
        }
    }

    /**
     * The kill switch is the FF4J feature's flag: turned off by a person, load shows it; a change made from a state
     * read before the flip, or after it, leaves it off; a change that turns the switch writes it.
     */
    @Test
    @Timeout(60)
    void theKillSwitchStaysTheFeatureFlag() {
        PostgresFleet.Instance a = fleet.instance(fleet.store(), Duration.ZERO);
        PostgresFleet.Instance b = fleet.instance(fleet.store(), Duration.ZERO);
        PostgresRouteStateStore observer = fleet.store();
        String feature = observer.featureName(PostgresFleet.ROUTE);
        assertThat(feature).isEqualTo("strangler." + PostgresFleet.ROUTE);
        assertThat(fleet.features.exist(feature)).as("created with the state").isTrue();
        assertThat(fleet.features.read(feature).isEnable()).isTrue();

        fleet.features.disable(feature);
        assertThat(observer.load(PostgresFleet.ROUTE).orElseThrow().enabled()).isFalse();

        // B has not read the store since the flip: its change carries the switch as it was, and must not turn it on.
        assertThat(b.route().state().enabled()).isTrue();
        b.route().setPercentage(20, "bob", "step");
        assertThat(fleet.features.read(feature).isEnable()).as("after a change from a state before the flip")
                .isFalse();

        a.router().refresh();
        assertThat(a.route().state().enabled()).isFalse();
        assertThat(a.route().state().percentageBasisPoints()).isEqualTo(2_000);
        a.route().setPercentage(30, "alice", "step");
        assertThat(fleet.features.read(feature).isEnable()).as("after a change from a state after the flip")
                .isFalse();
        RouteState loaded = observer.load(PostgresFleet.ROUTE).orElseThrow();
        assertThat(loaded.enabled()).isFalse();
        assertThat(loaded.percentageBasisPoints()).isEqualTo(3_000);
        assertThat(a.route().decide("user-1")).isEqualTo(Side.LEGACY);

        a.route().setEnabled(true, "alice", "back on");
        assertThat(fleet.features.read(feature).isEnable()).as("turned on through the router").isTrue();
        b.router().refresh();
        assertThat(b.route().state().enabled()).isTrue();
        b.route().setEnabled(false, "bob", "off");
        assertThat(fleet.features.read(feature).isEnable()).as("turned off through the router").isFalse();
        assertThat(observer.load(PostgresFleet.ROUTE).orElseThrow().enabled()).isFalse();
    }

    /** Polls {@code condition} until it holds, failing with {@code what} after {@code timeout}. */
    static void awaitUntil(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            LockSupport.parkNanos(50_000);
        }
    }
}
