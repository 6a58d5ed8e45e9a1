package io.strangler.core;

import io.strangler.api.dualwrite.DualWriteSettings;

import io.strangler.api.routing.KeySettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.MigrationRouter;
import io.strangler.api.RollbackRefusedException;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.RoutingContext;
import io.strangler.api.RoutingDecision;
import io.strangler.api.RoutingDecision.Reason;
import io.strangler.api.Stage;
import io.strangler.api.Side;
import io.strangler.api.event.RoutedEvent;
import io.strangler.api.event.RouterListener;
import io.strangler.api.spi.RoutingKeyResolver;
import io.strangler.core.RouteStateTestSupport.Service;
import io.strangler.core.RouteStateTestSupport.FakeSide;
import io.strangler.core.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.ff4j.FF4j;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Which side serves a call, stage by stage and rule by rule, seen both through {@code decide}/{@code explain} and
 * through real reads and writes.
 */
class DecisionTest {

    private final MutableClock clock = MutableClock.startingAt("2026-11-21T10:00:00Z");
    private final FF4j ff4j = new FF4j();
    private final MigrationRouter router = Strangler.router().clock(clock).ff4j(ff4j).refreshInterval(Duration.ZERO)
            .build();
    private final FakeSide legacy = new FakeSide("legacy");
    private final FakeSide modern = new FakeSide("modern");
    private final List<RoutedEvent> routed = Collections.synchronizedList(new ArrayList<>());

    DecisionTest() {
        router.addListener(new RouterListener() {
            @Override
            public void onRouted(RoutedEvent event) {
                routed.add(event);
            }
        });
    }

    @AfterEach
    void close() {
        router.close();
    }

    // These tests are about which side SERVES a call, so the fixture turns off what runs on the other side as
    // well (shadow reads, second writes); ShadowTest and DualWriteTest cover those.
    private Route<Service> route(UnaryOperator<RouteState.Builder> initial) {
        return route(RouteDefinition.builder("svc", Service.class)
                .initialState(s -> initial.apply(s.shadowSample(0))));
    }

    private Route<Service> route(RouteDefinition.Builder<Service> builder) {
        return router.register(builder.legacy(legacy).modern(modern).dualWrites(DualWriteSettings.custom().stateless(true).build()).build());
    }

    private static String read(Route<Service> route, String key) {
        return route.read(key, s -> s.serve(key));
    }

    private static String write(Route<Service> route, String key) {
        return route.write(key, s -> s.serve(key));
    }

    /** The first key {@code user-<i>} whose bucket under {@code salt} is below / at-or-above {@code bp}. */
    static String keyWith(String salt, int bp, boolean inside) {
        return IntStream.range(0, 1_000_000).mapToObj(i -> "user-" + i)
                .filter(k -> (Bucketing.bucket(salt, k) < bp) == inside).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ stages

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = {"LEGACY", "DUAL_WRITE", "SHADOW"})
    void stagesBeforeCanaryServeEveryReadAndWriteFromLegacy(Stage stage) {
        // 100 % is set on purpose: these stages ignore the percentage.
        Route<Service> route = route(s -> s.stage(stage).percentage(100));
        for (int i = 0; i < 200; i++) {
            String key = "user-" + i;
            assertThat(route.decide(key)).isEqualTo(Side.LEGACY);
            assertThat(route.explain(key).reason()).isEqualTo(Reason.STAGE);
            assertThat(read(route, key)).isEqualTo("legacy");
            assertThat(write(route, key)).isEqualTo("legacy");
        }
        assertThat(read(route, null)).isEqualTo("legacy");
        assertThat(modern.calls).hasValue(0);
        assertThat(route.stats().modern().calls()).isZero();
        assertThat(route.stats().legacy().calls()).isEqualTo(401);
    }

    @Test
    void canaryServesTheKeysWhoseBucketIsBelowThePercentage() {
        Route<Service> route = route(s -> s.stage(Stage.CANARY).percentage(30));
        int modernKeys = 0;
        for (int i = 0; i < 2_000; i++) {
            String key = "user-" + i;
            int bucket = Bucketing.bucket("svc", key);
            Side expected = bucket < 3_000 ? Side.MODERN : Side.LEGACY;
            modernKeys += expected == Side.MODERN ? 1 : 0;
            RoutingDecision decision = route.explain(key);
            assertThat(decision).isEqualTo(new RoutingDecision("svc", key, expected,
                    expected == Side.MODERN ? Reason.IN_ROLLOUT : Reason.NOT_IN_ROLLOUT, bucket, 0));
            assertThat(route.decide(key)).isEqualTo(expected);
            assertThat(read(route, key)).isEqualTo(expected.name().toLowerCase());
            assertThat(write(route, key)).isEqualTo(expected.name().toLowerCase());
        }
        assertThat(modernKeys).isBetween(500, 700);
        assertThat(modern.calls).hasValue(2 * modernKeys);
    }

    @Test
    void canaryBucketsWithTheCohortNotTheRouteName() {
        Route<Service> route = route(s -> s.stage(Stage.CANARY).percentage(50).cohort("hiring"));
        String inByCohortOutByName = IntStream.range(0, 100_000).mapToObj(i -> "user-" + i)
                .filter(k -> Bucketing.bucket("hiring", k) < 5_000 && Bucketing.bucket("svc", k) >= 5_000)
                .findFirst().orElseThrow();
        assertThat(route.decide(inByCohortOutByName)).isEqualTo(Side.MODERN);
        assertThat(route.explain(inByCohortOutByName).bucket()).isEqualTo(Bucketing.bucket("hiring",
                inByCohortOutByName));
    }

    @Test
    void canaryPercentageHasBasisPointGranularity() {
        Route<Service> route = route(s -> s.stage(Stage.CANARY).percentageBasisPoints(1));
        String bucketZero = IntStream.range(0, 1_000_000).mapToObj(i -> "k" + i)
                .filter(k -> Bucketing.bucket("svc", k) == 0).findFirst().orElseThrow();
        String bucketOne = IntStream.range(0, 1_000_000).mapToObj(i -> "k" + i)
                .filter(k -> Bucketing.bucket("svc", k) == 1).findFirst().orElseThrow();
        assertThat(route.decide(bucketZero)).isEqualTo(Side.MODERN);
        assertThat(route.decide(bucketOne)).isEqualTo(Side.LEGACY);
        route.update("alice", "two basis points", b -> b.percentage(0.02));
        assertThat(route.decide(bucketOne)).isEqualTo(Side.MODERN);
    }

    @Test
    void modernServesEveryKeyAndKeylessCalls() {
        Route<Service> route = route(s -> s.stage(Stage.MODERN).percentage(0));
        for (int i = 0; i < 200; i++) {
            String key = "user-" + i;
            assertThat(route.explain(key).side()).isEqualTo(Side.MODERN);
            assertThat(route.explain(key).reason()).isEqualTo(Reason.STAGE);
            assertThat(read(route, key)).isEqualTo("modern");
            assertThat(write(route, key)).isEqualTo("modern");
        }
        assertThat(read(route, null)).isEqualTo("modern");
        assertThat(legacy.calls).hasValue(0);
    }

    @Test
    void retiredServesModernEvenWhenTheKillSwitchIsTurnedInTheStore() {
        Route<Service> route = route(s -> s.stage(Stage.RETIRED).forceLegacy("vip"));
        assertThat(read(route, "user-1")).isEqualTo("modern");
        // The kill switch can't be turned through the API: legacy no longer receives writes.
        assertThatThrownBy(() -> route.setEnabled(false, "alice", "panic")).isInstanceOf(
                RollbackRefusedException.class).hasMessageContaining("svc");
        assertThat(route.state().enabled()).isTrue();
        // Turned off behind the router's back in the FF4J console: still modern, for every key and segment.
        ff4j.getFeatureStore().disable("strangler.svc");
        router.refresh();
        assertThat(route.state().enabled()).isFalse();
        assertThat(route.explain("user-1")).extracting(RoutingDecision::side, RoutingDecision::reason)
                .containsExactly(Side.MODERN, Reason.STAGE);
        try (RoutingContext.Scope ignored = RoutingContext.builder().segment("vip").build().attach()) {
            assertThat(read(route, "user-1")).isEqualTo("modern");
            assertThat(write(route, "user-2")).isEqualTo("modern");
        }
        assertThat(read(route, null)).isEqualTo("modern");
        assertThat(legacy.calls).hasValue(0);
    }

    // ------------------------------------------------------------------ kill switch

    @Test
    void killSwitchSendsEveryCallToLegacyAndBack() {
        Route<Service> route = route(s -> s.stage(Stage.CANARY).percentage(100).forceModern("internal"));
        assertThat(read(route, "user-1")).isEqualTo("modern");
        route.setEnabled(false, "alice", "incident 42");
        for (int i = 0; i < 100; i++) {
            String key = "user-" + i;
            assertThat(route.explain(key)).extracting(RoutingDecision::side, RoutingDecision::reason)
                    .containsExactly(Side.LEGACY, Reason.DISABLED);
            assertThat(read(route, key)).isEqualTo("legacy");
            assertThat(write(route, key)).isEqualTo("legacy");
        }
        try (RoutingContext.Scope ignored = RoutingContext.builder().segment("internal").build().attach()) {
            assertThat(read(route, "user-1")).as("forced segments don't beat the kill switch").isEqualTo("legacy");
        }
        // The FF4J feature carries the kill switch.
        assertThat(ff4j.getFeatureStore().read("strangler.svc").isEnable()).isFalse();
        route.setEnabled(true, "alice", "fixed");
        assertThat(read(route, "user-1")).isEqualTo("modern");
    }

    @Test
    void killSwitchTurnedInTheFf4jStoreAppliesOnRefresh() {
        Route<Service> route = route(s -> s.stage(Stage.MODERN));
        ff4j.getFeatureStore().disable("strangler.svc");
        // The hot path never reads the store: nothing changes until the refresh.
        assertThat(route.decide("user-1")).isEqualTo(Side.MODERN);
        router.refresh();
        assertThat(route.decide("user-1")).isEqualTo(Side.LEGACY);
        assertThat(route.explain("user-1").reason()).isEqualTo(Reason.DISABLED);
        assertThat(read(route, "user-1")).isEqualTo("legacy");
        assertThat(route.state().enabled()).isFalse();
        assertThat(route.state().stage()).isEqualTo(Stage.MODERN);

        ff4j.getFeatureStore().enable("strangler.svc");
        router.refresh();
        assertThat(read(route, "user-1")).isEqualTo("modern");
    }

    // ------------------------------------------------------------------ segments

    @Test
    void forcedSegmentsInCanary() {
        Route<Service> route = route(s -> s.stage(Stage.CANARY).percentage(50).forceModern("internal")
                .forceLegacy("vip"));
        String in = keyWith("svc", 5_000, true);
        String out = keyWith("svc", 5_000, false);
        try (RoutingContext.Scope ignored = RoutingContext.builder().segment("internal").build().attach()) {
            assertThat(route.explain(out)).extracting(RoutingDecision::side, RoutingDecision::reason)
                    .containsExactly(Side.MODERN, Reason.FORCED_MODERN_SEGMENT);
            assertThat(read(route, out)).isEqualTo("modern");
            assertThat(read(route, null)).as("forced segment needs no key").isEqualTo("modern");
        }
        try (RoutingContext.Scope ignored = RoutingContext.builder().segment("vip").build().attach()) {
            assertThat(route.explain(in)).extracting(RoutingDecision::side, RoutingDecision::reason)
                    .containsExactly(Side.LEGACY, Reason.FORCED_LEGACY_SEGMENT);
            assertThat(write(route, in)).isEqualTo("legacy");
        }
        try (RoutingContext.Scope ignored = RoutingContext.builder().segments("internal", "vip").build()
                .attach()) {
            assertThat(route.explain(in)).as("forced legacy wins over forced modern")
                    .extracting(RoutingDecision::side, RoutingDecision::reason)
                    .containsExactly(Side.LEGACY, Reason.FORCED_LEGACY_SEGMENT);
            assertThat(read(route, in)).isEqualTo("legacy");
        }
        try (RoutingContext.Scope ignored = RoutingContext.builder().segment("other").build().attach()) {
            assertThat(route.decide(in)).isEqualTo(Side.MODERN);
            assertThat(route.decide(out)).isEqualTo(Side.LEGACY);
        }
    }

    @Test
    void forcedLegacySegmentAppliesInModernStage() {
        Route<Service> route = route(s -> s.stage(Stage.MODERN).forceLegacy("vip").forceModern("internal"));
        try (RoutingContext.Scope ignored = RoutingContext.builder().segment("vip").build().attach()) {
            assertThat(route.explain("user-1").reason()).isEqualTo(Reason.FORCED_LEGACY_SEGMENT);
            assertThat(read(route, "user-1")).isEqualTo("legacy");
        }
        assertThat(read(route, "user-1")).isEqualTo("modern");
        try (RoutingContext.Scope ignored = RoutingContext.builder().segment("internal").build().attach()) {
            assertThat(read(route, "user-1")).isEqualTo("modern");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = {"LEGACY", "DUAL_WRITE", "SHADOW"})
    void forcedModernSegmentsDontApplyBeforeCanary(Stage stage) {
        Route<Service> route = route(s -> s.stage(stage).forceModern("internal"));
        try (RoutingContext.Scope ignored = RoutingContext.builder().routingKey("user-1").segment("internal")
                .build().attach()) {
            assertThat(route.explain(null)).extracting(RoutingDecision::side, RoutingDecision::reason)
                    .containsExactly(Side.LEGACY, Reason.STAGE);
            assertThat(read(route, null)).isEqualTo("legacy");
            assertThat(write(route, null)).isEqualTo("legacy");
        }
    }

    @Test
    void limitToSegmentsKeepsKeysOutsideTheSegmentsOnLegacy() {
        Route<Service> route = route(s -> s.stage(Stage.CANARY).percentage(100).limitToSegments("beta", "eu"));
        assertThat(route.explain("user-1")).extracting(RoutingDecision::side, RoutingDecision::reason)
                .containsExactly(Side.LEGACY, Reason.OUTSIDE_ROLLOUT_SEGMENTS);
        assertThat(read(route, "user-1")).isEqualTo("legacy");
        try (RoutingContext.Scope ignored = RoutingContext.builder().segment("eu").build().attach()) {
            assertThat(route.explain("user-1")).extracting(RoutingDecision::side, RoutingDecision::reason)
                    .containsExactly(Side.MODERN, Reason.IN_ROLLOUT);
            assertThat(read(route, "user-1")).isEqualTo("modern");
        }
        // Inside the segments, the bucket still decides.
        route.setPercentage(50, "alice", "half of beta");
        String in = keyWith("svc", 5_000, true);
        String out = keyWith("svc", 5_000, false);
        try (RoutingContext.Scope ignored = RoutingContext.builder().segment("beta").build().attach()) {
            assertThat(read(route, in)).isEqualTo("modern");
            assertThat(read(route, out)).isEqualTo("legacy");
        }
        // The limit is the canary's: the MODERN stage serves everybody.
        route.setStage(Stage.MODERN, "alice", "done");
        assertThat(read(route, "user-1")).isEqualTo("modern");
    }

    // ------------------------------------------------------------------ where the key comes from

    @Test
    void keylessCallsFollowTheNullKeyPolicyNeverAtRandom() {
        Route<Service> route = route(s -> s.stage(Stage.CANARY).percentage(50));
        for (int i = 0; i < 500; i++) {
            assertThat(read(route, null)).isEqualTo("legacy");
            assertThat(write(route, null)).isEqualTo("legacy");
            assertThat(route.decide(null)).isEqualTo(Side.LEGACY);
        }
        RoutingDecision decision = route.explain(null);
        assertThat(decision.key()).isNull();
        assertThat(decision.bucket()).isEqualTo(-1);
        assertThat(decision.reason()).isEqualTo(Reason.NO_KEY);
        assertThat(modern.calls).hasValue(0);
    }

    @Test
    void nullKeyPolicyModernSendsKeylessCallsToModern() {
        Route<Service> route = route(RouteDefinition.builder("svc", Service.class)
                .initialState(s -> s.stage(Stage.CANARY).percentage(1)).keys(KeySettings.custom().nullKeyPolicy(Side.MODERN).build()));
        for (int i = 0; i < 100; i++) {
            assertThat(read(route, null)).isEqualTo("modern");
        }
        assertThat(route.explain(null)).extracting(RoutingDecision::side, RoutingDecision::reason)
                .containsExactly(Side.MODERN, Reason.NO_KEY);
        // The policy is the canary's: before the canary, legacy serves keyless calls too.
        route.setStage(Stage.SHADOW, "alice", "back to shadow");
        assertThat(read(route, null)).isEqualTo("legacy");
    }

    @Test
    void theKeyComesFromTheRoutingContextWhenTheCallPassesNone() {
        Route<Service> route = route(s -> s.stage(Stage.CANARY).percentage(50));
        String in = keyWith("svc", 5_000, true);
        String out = keyWith("svc", 5_000, false);
        try (RoutingContext.Scope ignored = RoutingContext.ofKey(in).attach()) {
            assertThat(read(route, null)).isEqualTo("modern");
            assertThat(write(route, null)).isEqualTo("modern");
            assertThat(route.explain(null)).extracting(RoutingDecision::key, RoutingDecision::reason)
                    .containsExactly(in, Reason.IN_ROLLOUT);
            // An explicit key wins over the context's.
            assertThat(read(route, out)).isEqualTo("legacy");
            assertThat(route.decide(out)).isEqualTo(Side.LEGACY);
        }
        try (RoutingContext.Scope ignored = RoutingContext.ofKey(out).attach()) {
            assertThat(read(route, null)).isEqualTo("legacy");
        }
        // The routed events carry the key that was used.
        assertThat(routed).extracting(RoutedEvent::key).contains(in, out);
    }

    @Test
    void theResolverIsTheLastSourceOfTheKey() {
        String in = keyWith("svc", 5_000, true);
        String out = keyWith("svc", 5_000, false);
        List<String> asked = Collections.synchronizedList(new ArrayList<>());
        RoutingKeyResolver resolver = (routeName, method, args) -> {
            asked.add(routeName + " " + method + " " + (args == null ? "null" : args.length));
            return in;
        };
        Route<Service> route = route(RouteDefinition.builder("svc", Service.class)
                .initialState(s -> s.stage(Stage.CANARY).percentage(50)).keys(KeySettings.custom().resolver(resolver).build()));
        assertThat(read(route, null)).isEqualTo("modern");
        assertThat(route.explain(null).key()).isEqualTo(in);
        assertThat(asked).contains("svc null null");
        asked.clear();
        // The call's key and the context's both come before the resolver, which is not even asked.
        assertThat(read(route, out)).isEqualTo("legacy");
        try (RoutingContext.Scope ignored = RoutingContext.ofKey(out).attach()) {
            assertThat(read(route, null)).isEqualTo("legacy");
        }
        assertThat(asked).isEmpty();
    }

    @Test
    void aResolverThatFailsMakesTheCallKeyless() {
        Route<Service> route = route(RouteDefinition.builder("svc", Service.class)
                .initialState(s -> s.stage(Stage.CANARY).percentage(100))
                .keys(KeySettings.custom().resolver((r, m, a) -> {
                    throw new IllegalStateException("no security context");
                }).build()));
        assertThat(read(route, null)).isEqualTo("legacy");
        assertThat(route.explain(null).reason()).isEqualTo(Reason.NO_KEY);
        assertThat(read(route, "user-1")).isEqualTo("modern");
    }

    // ------------------------------------------------------------------ explain and decide

    @Test
    void explainReportsTheStateVersionItDecidedOn() {
        Route<Service> route = route(s -> s.stage(Stage.CANARY).percentage(10));
        assertThat(route.explain("user-1").stateVersion()).isZero();
        route.setPercentage(20, "alice", "step");
        route.setPercentage(30, "alice", "step");
        RoutingDecision decision = route.explain("user-1");
        assertThat(decision.stateVersion()).isEqualTo(2).isEqualTo(route.state().version());
        assertThat(decision.route()).isEqualTo("svc");
        assertThat(decision.bucket()).isEqualTo(Bucketing.bucket("svc", "user-1"));
    }

    @Test
    void decideAndExplainHaveNoSideEffects() {
        Route<Service> route = route(RouteDefinition.builder("svc", Service.class)
                .initialState(s -> s.stage(Stage.CANARY).percentage(50))
                .keys(KeySettings.custom().pinFor(Duration.ofHours(1)).build()));
        String in = keyWith("svc", 5_000, true);
        for (int i = 0; i < 100; i++) {
            assertThat(route.decide(in)).isEqualTo(Side.MODERN);
            assertThat(route.explain(in).side()).isEqualTo(Side.MODERN);
            route.decide("user-" + i);
            route.explain("user-" + i);
        }
        assertThat(legacy.calls).hasValue(0);
        assertThat(modern.calls).hasValue(0);
        assertThat(routed).isEmpty();
        assertThat(route.stats().legacy().calls()).isZero();
        assertThat(route.stats().modern().calls()).isZero();
        // Nothing was pinned: when the percentage drops, the key moves at once.
        route.setPercentage(0, "alice", "stop");
        assertThat(route.decide(in)).isEqualTo(Side.LEGACY);
        assertThat(route.explain(in).reason()).isEqualTo(Reason.NOT_IN_ROLLOUT);
        assertThat(read(route, in)).isEqualTo("legacy");
        assertThat(route.state().version()).isEqualTo(1);
    }

    @Test
    void aPercentageChangeAppliesToTheNextCall() {
        Route<Service> route = route(s -> s.stage(Stage.CANARY).percentage(0));
        assertThat(read(route, "user-1")).isEqualTo("legacy");
        route.setPercentage(100, "alice", "all in");
        assertThat(read(route, "user-1")).isEqualTo("modern");
        route.rollback("alice", "roll back");
        assertThat(read(route, "user-1")).isEqualTo("legacy");
        assertThat(route.explain("user-1").reason()).isEqualTo(Reason.STAGE);
    }
}
