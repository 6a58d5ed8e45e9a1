package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.api.Side;
import io.strangler.api.StranglerException;
import io.strangler.api.event.RouterListener;
import io.strangler.api.event.StageChangeEvent;
import io.strangler.core.RouteStateTestSupport.Service;
import io.strangler.core.RouteStateTestSupport.FakeSide;
import io.strangler.core.RouteStateTestSupport.SwitchableStore;
import io.strangler.core.state.Ff4jRouteStateStore;
import io.strangler.core.testing.LogCapture;
import io.strangler.core.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.ff4j.FF4j;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store goes away: routing goes on from the last known state, changes apply here at once and are written when
 * the store returns, and every failed store operation is counted.
 */
class StateRefreshStoreDownTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();
    private final MutableClock clock = MutableClock.startingAt("2026-11-21T10:00:00Z");
    private final FF4j ff4j = new FF4j();
    private final Ff4jRouteStateStore backing = new Ff4jRouteStateStore(ff4j);
    private final SwitchableStore store = new SwitchableStore(backing);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<StageChangeEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final MigrationRouter router = Strangler.router().clock(clock).stateStore(store).meterRegistry(registry)
            .refreshInterval(Duration.ZERO).startWithoutStore(true)
            .listener(new RouterListener() {
                @Override
                public void onStageChange(StageChangeEvent event) {
                    events.add(event);
                }
            })
            .build();
    private final List<MigrationRouter> others = new ArrayList<>();

    @AfterEach
    void close() {
        router.close();
        others.forEach(MigrationRouter::close);
    }

    private static Route<Service> register(MigrationRouter router, UnaryOperator<RouteState.Builder> initial) {
        return router.register(RouteDefinition.builder("svc", Service.class).legacy(new FakeSide("legacy"))
                .modern(new FakeSide("modern")).initialState(initial).build());
    }

    /** Another instance of the service, on the same FF4J, whose store is up. */
    private Route<Service> otherInstance() {
        MigrationRouter other = Strangler.router().clock(clock).ff4j(ff4j).refreshInterval(Duration.ZERO).build();
        others.add(other);
        return register(other, s -> s);
    }

    private double unavailable() {
        return registry.get("strangler.store.errors").tags("route", "svc", "kind", "unavailable").functionCounter()
                .count();
    }

    private static String read(Route<Service> route, String key) {
        return route.read(key, s -> s.serve(key));
    }

    @Test
    void routingGoesOnFromTheLastKnownStateAndFailuresAreCounted() {
        Route<Service> route = register(router, s -> s.stage(Stage.CANARY).percentage(100));
        RouteState last = route.setPercentage(100, "alice", "all in");
        store.down = true;
        for (int i = 0; i < 3; i++) {
            assertThatCode(router::refresh).doesNotThrowAnyException();
        }
        assertThat(route.state()).isEqualTo(last);
        assertThat(read(route, "user-1")).isEqualTo("modern");
        assertThat(route.decide("user-2")).isEqualTo(Side.MODERN);
        assertThat(unavailable()).isEqualTo(3);
        assertThat(registry.get("strangler.store.errors").tags("route", "svc", "kind", "corrupt").functionCounter()
                .count()).isZero();
        assertThat(log.lines("WARN")).as("one warning per outage, not one per failed refresh").containsExactly(
                "route 'svc': state store failed to read; serving the last known state (v1) and retrying in the "
                        + "background");
    }

    @Test
    void aChangeWhileTheStoreIsDownAppliesAtOnceAndIsWrittenWhenItReturns() {
        Route<Service> route = register(router, s -> s.stage(Stage.CANARY).percentage(100));
        store.down = true;
        RouteState rolledBack = route.rollback("oncall", "modern is failing and so is the database");
        assertThat(rolledBack.version()).isEqualTo(1);
        assertThat(route.state()).isEqualTo(rolledBack);
        assertThat(read(route, "user-1")).isEqualTo("legacy");
        assertThat(events).extracting(StageChangeEvent::current).containsExactly(rolledBack);
        assertThat(events.get(0).local()).isTrue();
        assertThat(backing.load("svc").orElseThrow().version()).as("not written yet").isZero();
        assertThat(unavailable()).isGreaterThanOrEqualTo(1);

        // A second change while still down: both apply here, the store will get the newest.
        RouteState reason = route.update("oncall", "keep it off", b -> b.enabled(false));
        assertThat(reason.version()).isEqualTo(2);
        router.refresh();
        assertThat(backing.load("svc").orElseThrow().version()).isZero();
        assertThat(route.state()).isEqualTo(reason);

        store.down = false;
        router.refresh();
        assertThat(backing.load("svc")).contains(reason);
        assertThat(route.state()).isEqualTo(reason);
        assertThat(ff4j.getFeatureStore().read("strangler.svc").isEnable()).isFalse();
        // Other instances see it on their next refresh.
        assertThat(otherInstance().state()).isEqualTo(reason);
    }

    @Test
    void aRollbackMadeWhileTheStoreWasDownIsNotLostToAnAdvanceMadeElsewhereMeanwhile() {
        Route<Service> here = register(router, s -> s.stage(Stage.CANARY).percentage(10));
        Route<Service> there = otherInstance();
        store.down = true;
        RouteState advanced = there.setPercentage(50, "controller", "step 3");
        assertThat(advanced.version()).isEqualTo(1);
        here.rollback("oncall", "errors on modern");
        assertThat(read(here, "user-1")).isEqualTo("legacy");

        store.down = false;
        router.refresh();
        RouteState stored = backing.load("svc").orElseThrow();
        assertThat(log.lines("WARN")).contains("route 'svc': the store changed while it was unreachable from here "
                + "(v1 by controller: step 3); [rollback by oncall (errors on modern)] applied on top of it as v2");
        assertThat(stored.stage()).isEqualTo(Stage.DUAL_WRITE);
        assertThat(stored.percentageBasisPoints()).isZero();
        assertThat(stored.revision().changedBy()).isEqualTo("oncall");
        assertThat(stored.version()).isGreaterThan(advanced.version());
        assertThat(here.state()).isEqualTo(stored);
        others.get(0).refresh();
        assertThat(there.state()).isEqualTo(stored);
        assertThat(there.decide("user-1")).isEqualTo(Side.LEGACY);
    }

    @Test
    void byDefaultARouteIsNotRegisteredWhileTheStoreIsDownAndTheErrorSaysHowToAllowIt() {
        store.down = true;
        try (MigrationRouter strict = Strangler.router().clock(clock).stateStore(store)
                .refreshInterval(Duration.ZERO).build()) {
            assertThatThrownBy(() -> register(strict, s -> s.stage(Stage.CANARY).percentage(100)))
                    .isInstanceOf(StranglerException.class)
                    .hasMessageStartingWith("route 'svc': the state store can't be reached at registration")
                    .hasMessageContaining("RouterBuilder.startWithoutStore(true)");
            assertThat(strict.findRoute("svc")).isEmpty();

            store.down = false;
            assertThat(register(strict, s -> s.stage(Stage.CANARY).percentage(100)).state().percentage())
                    .as("registered once the store answers").isEqualTo(100.0);
        }
    }

    @Test
    void aStoreDownAtRegistrationStartsTheRouteOnItsInitialStateAndWritesItLater() {
        store.down = true;
        Route<Service> route = register(router, s -> s.stage(Stage.MODERN));
        assertThat(route.state().stage()).isEqualTo(Stage.MODERN);
        assertThat(route.state().version()).isZero();
        assertThat(read(route, "user-1")).isEqualTo("modern");
        assertThat(backing.load("svc")).isEmpty();

        store.down = false;
        router.refresh();
        assertThat(backing.load("svc")).contains(route.state());
    }

    @Test
    void aStoredStateMissedAtRegistrationWinsWhenTheStoreReturns() {
        Route<Service> there = otherInstance();
        RouteState rolledBack = there.rollback("oncall", "errors");
        store.down = true;
        Route<Service> here = register(router, s -> s.stage(Stage.MODERN));
        assertThat(here.decide("user-1")).isEqualTo(Side.MODERN);
        store.down = false;
        router.refresh();
        assertThat(here.state()).isEqualTo(rolledBack);
        assertThat(here.decide("user-1")).isEqualTo(Side.LEGACY);
        assertThat(backing.load("svc")).contains(rolledBack);
    }

    @Test
    void theHotPathNeverTouchesTheStore() {
        Route<Service> route = register(router, s -> s.stage(Stage.CANARY).percentage(50));
        int loads = store.loads.get();
        int writes = store.writes.get();
        for (int i = 0; i < 1_000; i++) {
            read(route, "user-" + i);
            route.decide("user-" + i);
        }
        assertThat(store.loads.get()).isEqualTo(loads);
        assertThat(store.writes.get()).isEqualTo(writes);
    }
}
