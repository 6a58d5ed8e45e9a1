package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.RoutingDecision;
import io.strangler.api.RoutingDecision.Reason;
import io.strangler.api.Stage;
import io.strangler.api.Side;
import io.strangler.core.RouteStateTestSupport.Service;
import io.strangler.core.RouteStateTestSupport.FakeSide;
import io.strangler.core.RouteStateTestSupport.SwitchableStore;
import io.strangler.core.state.Ff4jRouteStateStore;
import io.strangler.core.testing.LogCapture;
import io.strangler.core.testing.MutableClock;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.ff4j.FF4j;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code maxStaleness}: a route whose state could not be refreshed for longer than that serves legacy, with reason
 * {@code STALE_STATE}, until a refresh succeeds again. Time is moved by hand.
 */
class StalenessTest {

    private static final Duration MAX = Duration.ofSeconds(30);

    @RegisterExtension
    final LogCapture log = new LogCapture();
    private final MutableClock clock = MutableClock.startingAt("2026-11-21T10:00:00Z");
    private final SwitchableStore store = new SwitchableStore(new Ff4jRouteStateStore(new FF4j()));
    private final MigrationRouter router = Strangler.router().clock(clock).stateStore(store).maxStaleness(MAX)
            .startWithoutStore(true).refreshInterval(Duration.ZERO).build();
    private final FakeSide legacy = new FakeSide("legacy");
    private final FakeSide modern = new FakeSide("modern");

    @AfterEach
    void close() {
        router.close();
    }

    private Route<Service> register(MigrationRouter router, UnaryOperator<RouteState.Builder> initial) {
        return router.register(RouteDefinition.builder("svc", Service.class).legacy(legacy).modern(modern)
                .initialState(initial).build());
    }

    private static String read(Route<Service> route, String key) {
        return route.read(key, s -> s.serve(key));
    }

    private static void assertStale(Route<Service> route) {
        for (int i = 0; i < 50; i++) {
            String key = "user-" + i;
            assertThat(route.explain(key)).extracting(RoutingDecision::side, RoutingDecision::reason)
                    .containsExactly(Side.LEGACY, Reason.STALE_STATE);
            assertThat(read(route, key)).isEqualTo("legacy");
            String written = route.write(key, s -> s.serve(key));
            assertThat(written).isEqualTo("legacy");
        }
    }

    @Test
    void afterMaxStalenessWithoutASuccessfulRefreshEveryCallGoesToLegacyUntilTheStoreIsBack() {
        Route<Service> route = register(router, s -> s.stage(Stage.CANARY).percentage(100));
        store.down = true;
        clock.advance(Duration.ofSeconds(10));
        router.refresh();
        assertThat(read(route, "user-1")).as("10 s: the last state still serves").isEqualTo("modern");
        clock.advance(Duration.ofSeconds(20));
        router.refresh();
        assertThat(read(route, "user-1")).as("30 s: not more than maxStaleness yet").isEqualTo("modern");
        clock.advance(Duration.ofSeconds(1));
        router.refresh();
        assertStale(route);
        // The state itself is kept: only the decisions fail safe.
        assertThat(route.state().stage()).isEqualTo(Stage.CANARY);
        assertThat(route.state().percentageBasisPoints()).isEqualTo(10_000);

        clock.advance(Duration.ofMinutes(10));
        router.refresh();
        assertStale(route);
        assertThat(log.lines("ERROR")).as("said once, not at every refresh").containsExactly(
                "route 'svc': state not refreshed for more than PT30S; serving legacy until the store is back");

        store.down = false;
        router.refresh();
        assertThat(log.lines("WARN")).endsWith("route 'svc': state is fresh again, routing resumes on v0");
        assertThat(route.explain("user-1")).extracting(RoutingDecision::side, RoutingDecision::reason)
                .containsExactly(Side.MODERN, Reason.IN_ROLLOUT);
        assertThat(read(route, "user-1")).isEqualTo("modern");
    }

    @Test
    void stalenessCountsFromTheLastSuccessfulRefresh() {
        Route<Service> route = register(router, s -> s.stage(Stage.MODERN));
        clock.advance(Duration.ofSeconds(25));
        router.refresh();
        store.down = true;
        clock.advance(Duration.ofSeconds(25));
        router.refresh();
        // 50 s since registration, but only 25 s since the last successful refresh.
        assertThat(route.decide("user-1")).isEqualTo(Side.MODERN);
        clock.advance(Duration.ofSeconds(6));
        router.refresh();
        assertThat(route.explain("user-1").reason()).isEqualTo(Reason.STALE_STATE);
        assertThat(read(route, "user-1")).isEqualTo("legacy");
    }

    @Test
    void aStoreDownSinceRegistrationGoesStaleToo() {
        store.down = true;
        Route<Service> route = register(router, s -> s.stage(Stage.MODERN));
        assertThat(read(route, "user-1")).isEqualTo("modern");
        clock.advance(MAX.plusSeconds(1));
        router.refresh();
        assertStale(route);
        store.down = false;
        router.refresh();
        assertThat(read(route, "user-1")).isEqualTo("modern");
    }

    @Test
    void aChangeMadeWhileStaleIsKeptButDoesNotEndTheFailSafe() {
        Route<Service> route = register(router, s -> s.stage(Stage.CANARY).percentage(10));
        store.down = true;
        clock.advance(MAX.plusSeconds(1));
        router.refresh();
        RouteState changed = route.setStage(Stage.MODERN, "alice", "promote");
        assertThat(route.state()).isEqualTo(changed);
        assertStale(route);
        store.down = false;
        router.refresh();
        assertThat(route.state()).isEqualTo(changed);
        assertThat(read(route, "user-1")).isEqualTo("modern");
    }

    @Test
    void aRetiredRouteStaysOnModernWhenStale() {
        // Legacy no longer receives writes: sending calls there would be the unsafe choice.
        Route<Service> route = register(router, s -> s.stage(Stage.RETIRED));
        store.down = true;
        clock.advance(Duration.ofHours(1));
        router.refresh();
        assertThat(route.explain("user-1")).extracting(RoutingDecision::side, RoutingDecision::reason)
                .containsExactly(Side.MODERN, Reason.STAGE);
        assertThat(read(route, "user-1")).isEqualTo("modern");
        assertThat(legacy.calls).hasValue(0);
    }

    @Test
    void withoutMaxStalenessTheLastStateServesForAsLongAsTheStoreIsDown() {
        SwitchableStore other = new SwitchableStore(new Ff4jRouteStateStore(new FF4j()));
        try (MigrationRouter lenient = Strangler.router().clock(clock).stateStore(other)
                .refreshInterval(Duration.ZERO).build()) {
            Route<Service> route = register(lenient, s -> s.stage(Stage.CANARY).percentage(100));
            other.down = true;
            for (int i = 0; i < 10; i++) {
                clock.advance(Duration.ofHours(1));
                lenient.refresh();
            }
            assertThat(read(route, "user-1")).isEqualTo("modern");
            assertThat(route.explain("user-1").reason()).isEqualTo(Reason.IN_ROLLOUT);
        }
    }
}
