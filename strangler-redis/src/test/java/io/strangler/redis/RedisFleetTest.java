package io.strangler.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.RouteState;
import io.strangler.api.Side;
import io.strangler.api.spi.RouteStateStore;
import io.strangler.test.contract.FleetStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fleet contract (a rollback racing a rollout step is never lost, a rollback reaches the other instance by
 * push) and the kill switch: two instances of a service, each with its own router and its own {@link RedisRouteStateStore} on the same Redis
 * keys and FF4J features: a rollback is never undone by a concurrent rollout step, a change reaches the other
 * instance by push, and the kill switch stays the FF4J feature's flag.
 */
class RedisFleetTest extends FleetStoreContract {

    private final RedisFleet fleet = new RedisFleet();

    @Override
    protected RouteStateStore newStore() {
        return fleet.store();
    }

    @AfterEach
    void close() {
        fleet.close();
    }

    /**
     * The kill switch is the FF4J feature's flag: turned off by a person, load shows it; a change made from a state
     * read before the flip, or after it, leaves it off; a change that turns the switch writes it.
     */
    @Test
    @Timeout(60)
    void theKillSwitchStaysTheFeatureFlag() {
        RedisFleet.Instance a = fleet.instance(fleet.store(), Duration.ZERO);
        RedisFleet.Instance b = fleet.instance(fleet.store(), Duration.ZERO);
        RedisRouteStateStore observer = fleet.store();
        String feature = observer.featureName(RedisFleet.ROUTE);
        assertThat(feature).isEqualTo("strangler." + RedisFleet.ROUTE);
        assertThat(fleet.features.exist(feature)).as("created with the state").isTrue();
        assertThat(fleet.features.read(feature).isEnable()).isTrue();

        fleet.features.disable(feature);
        assertThat(observer.load(RedisFleet.ROUTE).orElseThrow().enabled()).isFalse();

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
        RouteState loaded = observer.load(RedisFleet.ROUTE).orElseThrow();
        assertThat(loaded.enabled()).isFalse();
        assertThat(loaded.percentageBasisPoints()).isEqualTo(3_000);
        assertThat(a.route().decide("user-1")).isEqualTo(Side.LEGACY);

        a.route().setEnabled(true, "alice", "back on");
        assertThat(fleet.features.read(feature).isEnable()).as("turned on through the router").isTrue();
        b.router().refresh();
        assertThat(b.route().state().enabled()).isTrue();
        b.route().setEnabled(false, "bob", "off");
        assertThat(fleet.features.read(feature).isEnable()).as("turned off through the router").isFalse();
        assertThat(observer.load(RedisFleet.ROUTE).orElseThrow().enabled()).isFalse();
    }
}
