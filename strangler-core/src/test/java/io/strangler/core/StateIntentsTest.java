package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.Side;
import io.strangler.api.Stage;
import io.strangler.api.StateConflictException;
import io.strangler.api.spi.RouteStateStore;
import io.strangler.core.RouteStateTestSupport.FakeSide;
import io.strangler.core.RouteStateTestSupport.ForwardingStore;
import io.strangler.core.RouteStateTestSupport.Service;
import io.strangler.core.RouteStateTestSupport.SwitchableStore;
import io.strangler.core.state.Ff4jRouteStateStore;
import io.strangler.core.testing.LogCapture;
import io.strangler.core.testing.MutableClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ff4j.FF4j;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an instance does with the state it holds against a store that lags, goes away or is changed by others:
 * versions only move forward; a change made while the store was unreachable is an intent, applied again to what the
 * store holds when it returns, where a change made elsewhere wins over anything but a rollback; a rollback is never
 * blocked by the store.
 */
class StateIntentsTest {

    private static final String FEATURE = "strangler.svc";

    @RegisterExtension
    final LogCapture log = new LogCapture();
    private final MutableClock clock = MutableClock.startingAt("2026-11-21T10:00:00Z");
    private final FF4j ff4j = new FF4j();
    private final Ff4jRouteStateStore backing = new Ff4jRouteStateStore(ff4j);
    @AfterEach
    void close() {
        routers.values().forEach(MigrationRouter::close);
    }

    private final Map<Route<Service>, MigrationRouter> routers = new HashMap<>();

    /** An instance of the service with its own router on {@code store}. */
    private Route<Service> register(RouteStateStore store) {
        MigrationRouter router = Strangler.router().clock(clock).stateStore(store).refreshInterval(Duration.ZERO)
                .build();
        Route<Service> route = router.register(RouteDefinition.builder("svc", Service.class)
                .legacy(new FakeSide("legacy")).modern(new FakeSide("modern"))
                .initialState(s -> s.stage(Stage.CANARY).percentage(10)).build());
        routers.put(route, router);
        return route;
    }

    private void refresh(Route<Service> route) {
        routers.get(route).refresh();
    }

    private static boolean servesModern(Route<Service> route) {
        return route.decide(DecisionTest.keyWith("svc", 1_000, true)) == Side.MODERN;
    }

    /** A store whose next load reads the record at once and hands it back only when the test lets it. */
    static final class LaggingStore extends ForwardingStore {
        volatile CountDownLatch readDone;
        volatile CountDownLatch release;

        LaggingStore(RouteStateStore delegate) {
            super(delegate);
        }

        void lagNextLoad() {
            readDone = new CountDownLatch(1);
            release = new CountDownLatch(1);
        }

        @Override
        public Optional<RouteState> load(String route) {
            Optional<RouteState> read = delegate.load(route);
            CountDownLatch done = readDone;
            if (done != null && done.getCount() > 0 && Thread.currentThread().getName().equals("lagging-refresh")) {
                done.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return read;
        }
    }

    @Test
    @Timeout(10)
    void aRefreshWhoseReadWasInFlightWhenARollbackReturnedDoesNotInstallTheOlderState() throws Exception {
        LaggingStore store = new LaggingStore(backing);
        Route<Service> route = register(store);
        route.setPercentage(100, "alice", "all in");
        assertThat(servesModern(route)).isTrue();

        store.lagNextLoad();
        CompletableFuture<Void> refresh = new CompletableFuture<>();
        Thread refresher = new Thread(() -> {
            refresh(route);
            refresh.complete(null);
        }, "lagging-refresh");
        refresher.start();
        store.readDone.await(5, TimeUnit.SECONDS);
        RouteState rolledBack = route.rollback("oncall", "errors");
        store.release.countDown();
        refresh.get(5, TimeUnit.SECONDS);

        assertThat(route.state()).as("the read of v1 started before the rollback (v2)").isEqualTo(rolledBack);
        assertThat(servesModern(route)).isFalse();
    }

    @Test
    void aRefreshNeverInstallsAnOlderVersionThanTheOneHeld() {
        Route<Service> route = register(backing);
        RouteState old = route.state();
        RouteState newer = route.setPercentage(50, "alice", "step");
        // The store is put back to an older record by hand (a restored backup): the instance keeps its newer state.
        backing.compareAndSet(newer.version(), old);

        refresh(route);

        assertThat(route.state()).isEqualTo(newer);
    }

    @Test
    void aChangeWaitingThroughAnOutageIsDroppedWhenAnotherInstanceRolledBackMeanwhile() {
        SwitchableStore cut = new SwitchableStore(backing);
        Route<Service> a = register(cut);
        Route<Service> b = register(backing);
        cut.down = true;
        a.setPercentage(50, "controller", "step 3");
        assertThat(a.state().percentage()).as("applied here at once").isEqualTo(50.0);
        RouteState rolledBack = b.rollback("oncall", "errors on modern");

        cut.down = false;
        refresh(a);

        assertThat(a.state()).isEqualTo(rolledBack);
        assertThat(backing.load("svc")).contains(rolledBack);
        assertThat(servesModern(a)).isFalse();
        assertThat(log.lines("WARN")).anySatisfy(line -> assertThat(line)
                .startsWith("route 'svc': the store changed while it was unreachable from here (now v1 by oncall: "
                        + "errors on modern); [change by controller (step 3)] made here dropped"));
    }

    @Test
    void aChangeWaitingThroughAnOutageDoesNotTurnBackAKillSwitchPulledMeanwhile() {
        SwitchableStore cut = new SwitchableStore(backing);
        Route<Service> a = register(cut);
        cut.down = true;
        a.setPercentage(50, "controller", "step 3");
        ff4j.getFeatureStore().disable(FEATURE);

        cut.down = false;
        refresh(a);

        assertThat(ff4j.getFeatureStore().read(FEATURE).isEnable()).as("the kill switch stays pulled").isFalse();
        assertThat(a.state().enabled()).isFalse();
        assertThat(a.state().percentage()).isEqualTo(10.0);
        assertThat(servesModern(a)).isFalse();
    }

    @Test
    void aRollbackWaitingThroughAnOutageIsAppliedOnTopOfWhatTheStoreHoldsThenAndKeepsItsKillSwitch() {
        SwitchableStore cut = new SwitchableStore(backing);
        Route<Service> a = register(cut);
        Route<Service> b = register(backing);
        cut.down = true;
        a.rollback("oncall", "errors here");
        RouteState advanced = b.setPercentage(50, "controller", "step 3");
        ff4j.getFeatureStore().disable(FEATURE);

        cut.down = false;
        refresh(a);

        RouteState stored = backing.load("svc").orElseThrow();
        assertThat(stored.percentage()).isZero();
        assertThat(stored.enabled()).isFalse();
        assertThat(stored.version()).isGreaterThan(advanced.version());
        assertThat(stored.revision().changedBy()).isEqualTo("oncall");
        assertThat(a.state()).isEqualTo(stored);
        refresh(b);
        assertThat(b.state()).isEqualTo(stored);
    }

    @Test
    void changesWaitingOnAStoreThatDidNotMoveAreAllWrittenAsTheyWereMadeHere() {
        SwitchableStore cut = new SwitchableStore(backing);
        Route<Service> a = register(cut);
        cut.down = true;
        a.setPercentage(25, "alice", "step 2");
        RouteState last = a.setPercentage(50, "alice", "step 3");

        cut.down = false;
        refresh(a);

        assertThat(backing.load("svc")).contains(last);
        assertThat(a.state()).isEqualTo(last);
    }

    /** A store that reads but never takes a write, as FF4J's JDBC store with its narrow columns did. */
    static final class UnwritableStore extends ForwardingStore {
        UnwritableStore(RouteStateStore delegate) {
            super(delegate);
        }

        @Override
        public boolean compareAndSet(long expectedVersion, RouteState next) {
            return false;
        }
    }

    @Test
    void anOrdinaryChangeTheStoreKeepsRefusingFailsAsAConflictAndIsNotAppliedHere() {
        Route<Service> route = register(new UnwritableStore(backing));

        assertThatThrownBy(() -> route.setPercentage(100, "alice", "all in"))
                .isInstanceOf(StateConflictException.class);
        assertThat(route.state().percentage()).isEqualTo(10.0);
    }

    @Test
    void aRollbackIsNeverBlockedByAStoreThatRefusesEveryWrite() {
        register(backing).setPercentage(100, "alice", "all in");
        Route<Service> refusing = register(new UnwritableStore(backing));
        refresh(refusing);
        assertThat(servesModern(refusing)).isTrue();

        RouteState rolledBack = refusing.rollback("oncall", "modern fails");

        assertThat(rolledBack.percentage()).isZero();
        assertThat(refusing.state()).isEqualTo(rolledBack);
        assertThat(servesModern(refusing)).isFalse();
        assertThat(log.lines("ERROR")).anySatisfy(line -> assertThat(line)
                .startsWith("route 'svc': the store refused the rollback 10 times"));
    }

    @Test
    void aRollbackOfARouteWhoseRecordWasDeletedWritesItAgain() {
        Route<Service> route = register(backing);
        route.setPercentage(100, "alice", "all in");
        ff4j.getFeatureStore().delete(FEATURE);

        RouteState rolledBack = route.rollback("oncall", "errors");

        assertThat(backing.load("svc")).contains(rolledBack);
        assertThat(servesModern(route)).isFalse();
    }
}
