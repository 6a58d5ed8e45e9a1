package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.MigrationRouter;
import io.strangler.api.RollbackRefusedException;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.api.StateConflictException;
import io.strangler.api.event.RouterListener;
import io.strangler.api.event.StageChangeEvent;
import io.strangler.core.RouteStateTestSupport.Service;
import io.strangler.core.RouteStateTestSupport.FakeSide;
import io.strangler.core.state.Ff4jRouteStateStore;
import io.strangler.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import org.ff4j.FF4j;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Changing a route's state: versions, audit fields, compare-and-set, rollback, events, concurrency. */
class StateChangeTest {

    private final MutableClock clock = MutableClock.startingAt("2026-11-21T10:00:00Z");
    private final FF4j ff4j = new FF4j();
    private final Ff4jRouteStateStore store = new Ff4jRouteStateStore(ff4j);
    private final List<StageChangeEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final List<MigrationRouter> routers = new ArrayList<>();
    private final MigrationRouter router = router();

    private MigrationRouter router() {
        MigrationRouter r = Strangler.router().clock(clock).ff4j(ff4j).refreshInterval(Duration.ZERO).build();
        routers.add(r);
        return r;
    }

    @AfterEach
    void close() {
        routers.forEach(MigrationRouter::close);
    }

    private static Route<Service> register(MigrationRouter router, UnaryOperator<RouteState.Builder> initial) {
        return router.register(RouteDefinition.builder("svc", Service.class).legacy(new FakeSide("legacy"))
                .modern(new FakeSide("modern")).initialState(initial).build());
    }

    private Route<Service> route(UnaryOperator<RouteState.Builder> initial) {
        Route<Service> route = register(router, initial);
        router.addListener(new RouterListener() {
            @Override
            public void onStageChange(StageChangeEvent event) {
                events.add(event);
            }
        });
        return route;
    }

    private RouteState stored() {
        return store.load("svc").orElseThrow();
    }

    // ------------------------------------------------------------------ single changes

    @Test
    void updateIncreasesTheVersionByOneAndRecordsWhoWhenAndWhy() {
        Route<Service> route = route(s -> s.stage(Stage.SHADOW).forceModern("internal").cohort("hiring"));
        RouteState initial = route.state();
        assertThat(initial.version()).isZero();
        assertThat(initial.revision().changedBy()).isNull();

        clock.advance(Duration.ofMinutes(5));
        RouteState next = route.update("alice", "start the canary", b -> b.stage(Stage.CANARY).percentage(5));
        assertThat(next.version()).isEqualTo(1);
        assertThat(next.revision().changedBy()).isEqualTo("alice");
        assertThat(next.revision().reason()).isEqualTo("start the canary");
        assertThat(next.revision().changedAt()).isEqualTo(Instant.parse("2026-11-21T10:05:00Z"));
        assertThat(next.stage()).isEqualTo(Stage.CANARY);
        assertThat(next.percentageBasisPoints()).isEqualTo(500);
        // Everything the change did not touch is kept.
        assertThat(next.forcedModernSegments()).containsExactly("internal");
        assertThat(next.cohort()).isEqualTo("hiring");
        assertThat(next.enabled()).isTrue();
        assertThat(route.state()).isEqualTo(next);
        // Written to the store at once.
        assertThat(stored()).isEqualTo(next);

        clock.advance(Duration.ofMinutes(30));
        RouteState third = route.setPercentage(12.34, "bob", "step 2");
        assertThat(third.version()).isEqualTo(2);
        assertThat(third.percentageBasisPoints()).isEqualTo(1_234);
        assertThat(third.revision().changedAt()).isEqualTo(Instant.parse("2026-11-21T10:35:00Z"));
        assertThat(third.revision().changedBy()).isEqualTo("bob");
        assertThat(route.setStage(Stage.MODERN, "carol", "promote").version()).isEqualTo(3);
        assertThat(route.setEnabled(false, "dave", "incident").version()).isEqualTo(4);
        assertThat(stored().version()).isEqualTo(4);
        assertThat(stored().enabled()).isFalse();
        assertThat(stored().stage()).isEqualTo(Stage.MODERN);
    }

    @Test
    void compareAndUpdateAppliesOnlyOnTheExpectedVersion() {
        Route<Service> route = route(s -> s.stage(Stage.CANARY).percentage(10));
        RouteState v1 = route.compareAndUpdate(0, "controller", "step 2", b -> b.percentage(25));
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.percentageBasisPoints()).isEqualTo(2_500);

        // A second actor that computed its change from version 0 is refused, and nothing changes.
        assertThatThrownBy(() -> route.compareAndUpdate(0, "alice", "step 2 again", b -> b.percentage(50)))
                .isInstanceOfSatisfying(StateConflictException.class, e -> {
                    assertThat(e.route()).isEqualTo("svc");
                    assertThat(e.expectedVersion()).isZero();
                    assertThat(e.actualVersion()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("svc", "0", "1");
                });
        assertThat(route.state()).isEqualTo(v1);
        assertThat(stored()).isEqualTo(v1);
        assertThatThrownBy(() -> route.compareAndUpdate(7, "alice", "from the future", b -> b.percentage(50)))
                .isInstanceOf(StateConflictException.class);
        assertThat(route.compareAndUpdate(1, "alice", "step 3", b -> b.percentage(50)).version()).isEqualTo(2);
    }

    @Test
    void compareAndUpdateSeesAChangeMadeByAnotherInstanceEvenBeforeTheRefresh() {
        Route<Service> here = route(s -> s.stage(Stage.CANARY).percentage(10));
        Route<Service> there = register(router(), s -> s);
        there.rollback("oncall", "errors");
        // This instance has not refreshed yet: it still believes v0. Its advance, computed from v0, must not
        // undo the rollback.
        assertThat(here.state().version()).isZero();
        assertThatThrownBy(() -> here.compareAndUpdate(0, "controller", "advance", b -> b.percentage(25)))
                .isInstanceOf(StateConflictException.class);
        assertThat(stored().stage()).isEqualTo(Stage.DUAL_WRITE);
        assertThat(stored().revision().changedBy()).isEqualTo("oncall");
        // ... and it has picked up the rollback meanwhile.
        assertThat(here.state().stage()).isEqualTo(Stage.DUAL_WRITE);
        assertThat(here.state().version()).isEqualTo(1);
    }

    @Test
    void updateAppliesOnTopOfAChangeMadeByAnotherInstance() {
        Route<Service> here = route(s -> s.stage(Stage.CANARY).percentage(10));
        Route<Service> there = register(router(), s -> s);
        there.update("bob", "internal staff first", b -> b.forceModern("internal"));
        // An unconditional update on the stale instance is applied to the newest state: bob's change survives.
        RouteState next = here.update("alice", "step 2", b -> b.percentage(25));
        assertThat(next.version()).isEqualTo(2);
        assertThat(next.forcedModernSegments()).containsExactly("internal");
        assertThat(stored()).isEqualTo(next);
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = {"LEGACY", "DUAL_WRITE", "SHADOW", "CANARY", "MODERN"})
    void rollbackSendsEverythingBackToLegacyFromEveryStageButRetired(Stage stage) {
        Route<Service> route = route(s -> s.stage(stage).percentage(40).forceModern("internal"));
        clock.advance(Duration.ofSeconds(90));
        RouteState rolledBack = route.rollback("oncall", "p95 doubled");
        // Legacy serves everything; a route that was dual-writing keeps dual-writing, so modern misses nothing.
        assertThat(rolledBack.stage()).isEqualTo(stage == Stage.LEGACY ? Stage.LEGACY : Stage.DUAL_WRITE);
        assertThat(rolledBack.stage().servesModern()).isFalse();
        assertThat(rolledBack.percentageBasisPoints()).isZero();
        assertThat(rolledBack.effectivePercentageBasisPoints()).isZero();
        assertThat(rolledBack.version()).isEqualTo(1);
        assertThat(rolledBack.revision().changedBy()).isEqualTo("oncall");
        assertThat(rolledBack.revision().reason()).isEqualTo("p95 doubled");
        assertThat(rolledBack.revision().changedAt()).isEqualTo(Instant.parse("2026-11-21T10:01:30Z"));
        assertThat(stored()).isEqualTo(rolledBack);
        String served = route.read("user-1", s -> s.serve("user-1"));
        assertThat(served).isEqualTo("legacy");
    }

    @Test
    void rollbackFromRetiredIsRefusedAndChangesNothing() {
        Route<Service> route = route(s -> s.stage(Stage.RETIRED));
        assertThatThrownBy(() -> route.rollback("oncall", "errors"))
                .isInstanceOf(RollbackRefusedException.class)
                .hasMessageContaining("svc").hasMessageContaining("RETIRED");
        assertThat(route.state().version()).isZero();
        assertThat(route.state().stage()).isEqualTo(Stage.RETIRED);
        assertThat(stored().version()).isZero();
        assertThat(events).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = {"LEGACY", "DUAL_WRITE", "SHADOW", "CANARY", "MODERN"})
    void leavingRetiredThroughUpdateIsRefusedToo(Stage target) {
        Route<Service> route = route(s -> s.stage(Stage.RETIRED));
        assertThatThrownBy(() -> route.setStage(target, "alice", "go back"))
                .isInstanceOf(RollbackRefusedException.class).hasMessageContaining("svc");
        assertThatThrownBy(() -> route.compareAndUpdate(0, "alice", "go back", b -> b.stage(target)))
                .isInstanceOf(RollbackRefusedException.class);
        assertThat(route.state().stage()).isEqualTo(Stage.RETIRED);
        assertThat(stored().stage()).isEqualTo(Stage.RETIRED);
        // Staying RETIRED is fine.
        assertThat(route.update("alice", "note", b -> b.cohort("hiring")).version()).isEqualTo(1);
    }

    @Test
    void theRouteCanBeRetiredFromModern() {
        Route<Service> route = route(s -> s.stage(Stage.MODERN));
        assertThat(route.setStage(Stage.RETIRED, "alice", "legacy switched off").stage()).isEqualTo(Stage.RETIRED);
        assertThat(stored().stage()).isEqualTo(Stage.RETIRED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void blankActorOrReasonIsRejectedAndNothingChanges(String blank) {
        Route<Service> route = route(s -> s.stage(Stage.CANARY));
        assertThatThrownBy(() -> route.setPercentage(50, blank, "why")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("actor");
        assertThatThrownBy(() -> route.setPercentage(50, "alice", blank)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason");
        assertThatThrownBy(() -> route.rollback(blank, "why")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> route.compareAndUpdate(0, "alice", blank, b -> b))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> route.setPercentage(50, null, "why")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> route.setPercentage(50, "alice", null)).isInstanceOf(NullPointerException.class);
        assertThat(route.state().version()).isZero();
        assertThat(route.state().percentageBasisPoints()).isZero();
        assertThat(stored().version()).isZero();
        assertThat(events).isEmpty();
    }

    @Test
    void aChangeThatFailsLeavesTheStateAsItWas() {
        Route<Service> route = route(s -> s.stage(Stage.CANARY).percentage(10));
        assertThatThrownBy(() -> route.setPercentage(150, "alice", "typo")).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("150");
        assertThatThrownBy(() -> route.update("alice", "other route", b -> RouteState.builder("other")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other");
        assertThatThrownBy(() -> route.update("alice", "null", b -> null)).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> route.update("alice", "both", b -> b.forceModern("x").forceLegacy("x")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("x");
        // A new bucketing algorithm can't be switched on by a state change: it would reshuffle every user.
        assertThatThrownBy(() -> route.update("alice", "v2", b -> b.bucketingVersion(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bucketingVersion");
        assertThat(route.state().version()).isZero();
        assertThat(route.state().percentageBasisPoints()).isEqualTo(1_000);
        assertThat(stored().version()).isZero();
        assertThat(events).isEmpty();
    }

    // ------------------------------------------------------------------ events

    @Test
    void eachChangePublishesAStageChangeEventWithPreviousAndCurrentState() {
        Route<Service> route = route(s -> s.stage(Stage.SHADOW));
        RouteState v0 = route.state();
        RouteState v1 = route.setStage(Stage.CANARY, "alice", "canary");
        RouteState v2 = route.rollback("bob", "errors");
        assertThat(events).containsExactly(
                new StageChangeEvent("svc", v0, v1, true),
                new StageChangeEvent("svc", v1, v2, true));
    }

    @Test
    void aChangeFromAnotherInstanceIsPublishedAsNotLocalOnRefresh() {
        Route<Service> route = route(s -> s.stage(Stage.CANARY).percentage(10));
        RouteState before = route.state();
        Route<Service> there = register(router(), s -> s);
        RouteState remote = there.setPercentage(20, "controller", "step 2");
        assertThat(events).isEmpty();
        router.refresh();
        assertThat(events).containsExactly(new StageChangeEvent("svc", before, remote, false));
        assertThat(route.state()).isEqualTo(remote);
        // A refresh that finds nothing new publishes nothing.
        router.refresh();
        assertThat(events).hasSize(1);
    }

    // ------------------------------------------------------------------ concurrency

    @Test
    void concurrentChangesOnOneInstanceNeverLoseAnUpdate() throws Exception {
        Route<Service> route = route(s -> s.stage(Stage.CANARY));
        int threads = 4;
        int perThread = 250;
        List<RouteState> results = runConcurrently(threads, perThread, i -> route);
        assertIncrementedExactly(results, threads * perThread);
        assertThat(route.state().version()).isEqualTo(threads * perThread);
        assertThat(route.state().percentageBasisPoints()).isEqualTo(threads * perThread);
        assertThat(stored()).isEqualTo(route.state());
        // Events arrive in version order, each change once.
        assertThat(events).hasSize(threads * perThread);
        for (StageChangeEvent e : events) {
            assertThat(e.current().version()).isEqualTo(e.previous().version() + 1);
        }
    }

    @Test
    void concurrentChangesFromTwoInstancesOnOneStoreNeverLoseAnUpdate() throws Exception {
        Route<Service> here = route(s -> s.stage(Stage.CANARY));
        Route<Service> there = register(router(), s -> s);
        int threads = 4;
        int perThread = 150;
        // Threads alternate between the two instances, each making changes from its own, possibly stale, view.
        List<RouteState> results = runConcurrently(threads, perThread, i -> i % 2 == 0 ? here : there);
        assertIncrementedExactly(results, threads * perThread);
        assertThat(stored().version()).isEqualTo(threads * perThread);
        assertThat(stored().percentageBasisPoints()).isEqualTo(threads * perThread);
        router.refresh();
        assertThat(here.state()).isEqualTo(stored());
    }

    /** Each of {@code threads} threads adds one basis point {@code perThread} times, retrying on conflicts. */
    private static List<RouteState> runConcurrently(int threads, int perThread,
            java.util.function.IntFunction<Route<Service>> routeOfThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<RouteState>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Route<Service> route = routeOfThread.apply(t);
                String actor = "thread-" + t;
                Callable<List<RouteState>> task = () -> {
                    start.await();
                    List<RouteState> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        while (true) {
                            try {
                                mine.add(route.update(actor, "increment " + i, b -> b.percentageBasisPoints(
                                        b.build().percentageBasisPoints() + 1)));
                                break;
                            } catch (StateConflictException e) {
                                // Too much contention for the route's own retries: try again, as a caller would.
                            }
                        }
                    }
                    return mine;
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<RouteState> all = new ArrayList<>();
            for (Future<List<RouteState>> f : futures) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertIncrementedExactly(List<RouteState> results, int changes) {
        assertThat(results).hasSize(changes);
        Set<Long> versions = new TreeSet<>();
        for (RouteState s : results) {
            versions.add(s.version());
            // Each change saw all the changes before it: the percentage counts them.
            assertThat((long) s.percentageBasisPoints()).as("state %s", s).isEqualTo(s.version());
        }
        assertThat(versions).as("every version exactly once").containsExactlyElementsOf(
                LongStream.rangeClosed(1, changes).boxed().toList());
    }
}
