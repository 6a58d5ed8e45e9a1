package io.strangler.core;

import io.strangler.api.routing.KeySettings;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RoutingContext;
import io.strangler.api.RoutingDecision;
import io.strangler.api.RoutingDecision.Reason;
import io.strangler.api.Stage;
import io.strangler.api.Side;
import io.strangler.core.RouteStateTestSupport.Service;
import io.strangler.core.RouteStateTestSupport.FakeSide;
import io.strangler.core.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Workflow continuity: with {@code pinKeysFor(ttl)} a key stays on the side that first served it while it keeps
 * calling, so that lowering (or raising) the percentage does not switch a workflow half way; a pin lapses after
 * {@code ttl} without calls, and a rollback releases every pin.
 */
class PinningTest {

    private static final Duration TTL = Duration.ofHours(1);

    private final MutableClock clock = MutableClock.startingAt("2026-11-21T10:00:00Z");
    private final MigrationRouter router = Strangler.router().clock(clock).refreshInterval(Duration.ZERO).build();
    private final Route<Service> route = router.register(RouteDefinition.builder("svc", Service.class)
            .legacy(new FakeSide("legacy")).modern(new FakeSide("modern"))
            .initialState(s -> s.shadowSample(0).stage(Stage.CANARY).percentage(50).forceLegacy("vip"))
            .keys(KeySettings.custom().pinFor(TTL).build())
            .build());
    private final String in = DecisionTest.keyWith("svc", 5_000, true);
    private final String out = DecisionTest.keyWith("svc", 5_000, false);

    @AfterEach
    void close() {
        router.close();
    }

    private String read(String key) {
        return route.read(key, s -> s.serve(key));
    }

    @Test
    void aModernKeyStaysModernWhenThePercentageDropsWhilePinned() {
        assertThat(read(in)).isEqualTo("modern");
        String neverCalled = java.util.stream.IntStream.range(0, 100_000).mapToObj(i -> "other-" + i)
                .filter(k -> Bucketing.bucket("svc", k) < 5_000).findFirst().orElseThrow();
        assertThat(route.decide(neverCalled)).isEqualTo(Side.MODERN);
        route.setPercentage(0, "alice", "pause the canary");
        assertThat(read(in)).isEqualTo("modern");
        assertThat(route.explain(in)).extracting(RoutingDecision::side, RoutingDecision::reason)
                .containsExactly(Side.MODERN, Reason.PINNED);
        String written = route.write(in, s -> s.serve(in));
        assertThat(written).isEqualTo("modern");
        // A key that never called is not pinned: the new percentage applies to it.
        assertThat(read(neverCalled)).isEqualTo("legacy");
    }

    @Test
    void legacyKeysArePinnedToo() {
        assertThat(read(out)).isEqualTo("legacy");
        route.setPercentage(100, "alice", "all in");
        assertThat(read(out)).isEqualTo("legacy");
        assertThat(route.explain(out).reason()).isEqualTo(Reason.PINNED);
        // ... also when the route is promoted to MODERN: the workflow finishes where it started.
        route.setStage(Stage.MODERN, "alice", "promote");
        assertThat(read(out)).isEqualTo("legacy");
        clock.advance(TTL.plusSeconds(1));
        assertThat(read(out)).isEqualTo("modern");
    }

    @Test
    void aPinLapsesAfterTheTtlWithoutCallsAndEachCallExtendsIt() {
        assertThat(read(in)).isEqualTo("modern");
        route.setPercentage(0, "alice", "pause");
        // Calls keep the pin alive: 59 minutes apart, three times.
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(59));
            assertThat(read(in)).as("call %d", i).isEqualTo("modern");
        }
        clock.advance(TTL.plusSeconds(1));
        assertThat(route.explain(in).reason()).isEqualTo(Reason.NOT_IN_ROLLOUT);
        assertThat(read(in)).isEqualTo("legacy");
    }

    @Test
    void decideAndExplainDoNotExtendAPin() {
        assertThat(read(in)).isEqualTo("modern");
        route.setPercentage(0, "alice", "pause");
        clock.advance(Duration.ofMinutes(50));
        assertThat(route.decide(in)).isEqualTo(Side.MODERN);
        assertThat(route.explain(in).reason()).isEqualTo(Reason.PINNED);
        clock.advance(Duration.ofMinutes(15));
        // 65 minutes after the last real call: the looks did not keep the pin alive.
        assertThat(route.decide(in)).isEqualTo(Side.LEGACY);
        assertThat(read(in)).isEqualTo("legacy");
    }

    @Test
    void rollbackReleasesEveryPin() {
        assertThat(read(in)).isEqualTo("modern");
        route.rollback("alice", "errors");
        assertThat(read(in)).isEqualTo("legacy");
        // Back to the canary at 0 %: had the pin survived the rollback, the key would go to modern again.
        route.setStage(Stage.CANARY, "alice", "retry the canary, 0 % for now");
        assertThat(route.state().percentageBasisPoints()).isZero();
        assertThat(route.explain(in).reason()).isEqualTo(Reason.NOT_IN_ROLLOUT);
        assertThat(read(in)).isEqualTo("legacy");
    }

    @Test
    void theKillSwitchAndForcedLegacySegmentsOverridePins() {
        assertThat(read(in)).isEqualTo("modern");
        try (RoutingContext.Scope ignored = RoutingContext.builder().segment("vip").build().attach()) {
            assertThat(read(in)).isEqualTo("legacy");
            assertThat(route.explain(in).reason()).isEqualTo(Reason.FORCED_LEGACY_SEGMENT);
        }
        route.setEnabled(false, "alice", "incident");
        assertThat(read(in)).isEqualTo("legacy");
        route.setEnabled(true, "alice", "resolved");
        assertThat(read(in)).isEqualTo("modern");
    }

    @Test
    void pinsDontApplyInStagesThatServeLegacyOnly() {
        assertThat(read(in)).isEqualTo("modern");
        route.setStage(Stage.SHADOW, "alice", "back to shadow");
        assertThat(read(in)).isEqualTo("legacy");
        assertThat(route.explain(in).reason()).isEqualTo(Reason.STAGE);
    }

    @Test
    void withoutPinningAKeyFollowsThePercentageAtOnce() {
        Route<Service> unpinned = router.register(RouteDefinition.builder("unpinned", Service.class)
                .legacy(new FakeSide("legacy")).modern(new FakeSide("modern"))
                .initialState(s -> s.shadowSample(0).stage(Stage.CANARY).percentage(100)).build());
        String before = unpinned.read("user-1", s -> s.serve("user-1"));
        assertThat(before).isEqualTo("modern");
        unpinned.setPercentage(0, "alice", "pause");
        String after = unpinned.read("user-1", s -> s.serve("user-1"));
        assertThat(after).isEqualTo("legacy");
    }
}
