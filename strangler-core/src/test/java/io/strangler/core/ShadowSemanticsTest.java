package io.strangler.core;

import io.strangler.api.dualwrite.DualWriteSettings;

import static io.strangler.core.ShadowTestSupport.await;
import static io.strangler.core.ShadowTestSupport.counter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.shadow.ComparisonResult;
import io.strangler.api.MigrationRouter;
import io.strangler.api.shadow.Mismatch;
import io.strangler.api.Operation;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.RouteStats;
import io.strangler.api.RoutingContext;
import io.strangler.api.shadow.ShadowSampling;
import io.strangler.api.shadow.ShadowSettings;
import io.strangler.api.Stage;
import io.strangler.api.Side;
import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import io.strangler.api.compare.Difference;
import io.strangler.api.compare.ExceptionEquivalence;
import io.strangler.core.RouteStateTestSupport.SwitchableStore;
import io.strangler.core.testing.InlineExecutor;
import io.strangler.core.ShadowTestSupport.Catalog;
import io.strangler.core.ShadowTestSupport.FakeCatalog;
import io.strangler.core.ShadowTestSupport.Item;
import io.strangler.core.shadow.compare.StructuralComparator;
import io.strangler.core.state.Ff4jRouteStateStore;
import io.strangler.core.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.ff4j.FF4j;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What is shadowed and how: the sample rate and sampling mode, which reads and stages
 * are shadowed, the routing context and arguments the shadow side gets, how answers and exceptions are compared,
 * and what is kept and counted. Most tests run shadows inline, on the caller's thread, to be deterministic.
 */
class ShadowSemanticsTest {

    private static final String ROUTE = "catalog";

    private final FakeCatalog legacy = new FakeCatalog("legacy");
    private final FakeCatalog modern = new FakeCatalog("modern");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<MigrationRouter> routers = new ArrayList<>();

    @AfterEach
    void close() {
        routers.forEach(MigrationRouter::close);
    }

    private MigrationRouter inlineRouter() {
        return track(ShadowTestSupport.router(registry).shadowExecutor(new InlineExecutor()).build());
    }

    private MigrationRouter track(MigrationRouter router) {
        routers.add(router);
        return router;
    }

    private Route<Catalog> route(MigrationRouter router, UnaryOperator<RouteState.Builder> state,
            UnaryOperator<RouteDefinition.Builder<Catalog>> definition) {
        return router.register(definition.apply(RouteDefinition.builder(ROUTE, Catalog.class)
                .legacy(legacy).modern(modern).initialState(state)).build());
    }

    private Route<Catalog> route(UnaryOperator<RouteState.Builder> state) {
        return route(inlineRouter(), state, UnaryOperator.identity());
    }

    private static RouteStats.ShadowStats shadow(Route<?> route) {
        return route.stats().shadow();
    }

    // ------------------------------------------------------------------ sampling

    @Test
    void perCallSamplingShadowsTheConfiguredShareOfReads() {
        Route<Catalog> route = route(s -> s.stage(Stage.SHADOW).shadowSample(20));
        int reads = 5_000;
        for (int i = 0; i < reads; i++) {
            String key = "sku-" + (i % 10);
            route.read(key, c -> c.find(key));
        }
        // Binomial(5000, 0.2): mean 1000, standard deviation 28.3; five of them either side.
        assertThat(modern.finds.get()).isBetween(859, 1141);
        assertThat(shadow(route).matches()).isEqualTo(modern.finds.get());
        assertThat(legacy.finds).hasValue(reads);
    }

    @Test
    void perKeySamplingShadowsEveryReadOfAStableSetOfKeys() {
        ShadowSettings perKey = ShadowSettings.custom().sampling(ShadowSampling.PER_KEY).build();
        Route<Catalog> route = route(inlineRouter(), s -> s.stage(Stage.SHADOW).shadowSample(20),
                d -> d.shadow(perKey));
        int keys = 1_000;
        List<Set<String>> rounds = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            modern.journal.clear();
            for (int i = 0; i < keys; i++) {
                String key = "user-" + i;
                route.read(key, c -> c.find(key));
            }
            rounds.add(keysModernSaw(modern));
        }
        assertThat(rounds.get(1)).isEqualTo(rounds.get(0));
        assertThat(rounds.get(2)).isEqualTo(rounds.get(0));
        // Binomial(1000, 0.2): mean 200, standard deviation 12.6.
        assertThat(rounds.get(0)).hasSizeBetween(137, 263);
        assertThat(modern.finds).hasValue(3 * rounds.get(0).size());

        // Another router, another instance of the service: the same keys.
        FakeCatalog otherModern = new FakeCatalog("modern");
        MigrationRouter other = track(ShadowTestSupport.router().shadowExecutor(new InlineExecutor()).build());
        Route<Catalog> sameRoute = other.register(RouteDefinition.builder(ROUTE, Catalog.class)
                .legacy(new FakeCatalog("legacy")).modern(otherModern).shadow(perKey)
                .initialState(s -> s.stage(Stage.SHADOW).shadowSample(20)).build());
        for (int i = 0; i < keys; i++) {
            String key = "user-" + i;
            sameRoute.read(key, c -> c.find(key));
        }
        assertThat(keysModernSaw(otherModern)).isEqualTo(rounds.get(0));
    }

    private static Set<String> keysModernSaw(FakeCatalog side) {
        synchronized (side.journal) {
            return side.journal.stream().map(call -> call.substring(call.lastIndexOf(' ') + 1))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    // ------------------------------------------------------------------ what is shadowed

    @Test
    void writesAreNeverShadowed() {
        Route<Catalog> route = route(s -> s.stage(Stage.SHADOW).shadowSample(100));
        Catalog catalog = route.proxy();
        catalog.save("sku-1", new Item("sku-1", "widget", 10));
        route.write("sku-2", c -> c.save("sku-2", null));
        route.execute(Operation.write("restock").idempotent(), "sku-3", c -> c.save("sku-3", null));

        assertThat(modern.saves).as("modern took each write once, as the second write").hasValue(3);
        assertThat(modern.finds).hasValue(0);
        assertThat(shadow(route)).isEqualTo(new RouteStats.ShadowStats(0, 0, 0, 0, 0, 0, 0, 0));

        catalog.find("sku-1");
        assertThat(shadow(route).matches()).as("reads of the same route are shadowed").isEqualTo(1);
    }

    @Test
    void writesOfAStatelessRouteReachOnlyTheServingSideAndAreNotShadowed() {
        Route<Catalog> route = route(inlineRouter(), s -> s.stage(Stage.SHADOW).shadowSample(100),
                d -> d.dualWrites(DualWriteSettings.custom().stateless(true).build()));
        route.proxy().save("sku-1", new Item("sku-1", "widget", 10));
        route.write("sku-2", c -> c.save("sku-2", null));

        assertThat(legacy.saves).hasValue(2);
        assertThat(modern.saves).hasValue(0);
        assertThat(shadow(route)).isEqualTo(new RouteStats.ShadowStats(0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void aReadMarkedNotShadowedIsNeverShadowed() {
        Route<Catalog> route = route(s -> s.stage(Stage.SHADOW).shadowSample(100));
        Operation expensive = Operation.read("x").shadowed(false);
        for (int i = 0; i < 20; i++) {
            String key = "sku-" + i;
            route.execute(expensive, key, c -> c.find(key));
        }
        assertThat(modern.finds).hasValue(0);
        assertThat(legacy.finds).hasValue(20);

        route.execute(Operation.read("x"), "sku-1", c -> c.find("sku-1"));
        assertThat(modern.finds).as("the same read, shadowed by default").hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = {"LEGACY", "DUAL_WRITE", "RETIRED"})
    void stagesWhoseSidesDoNotBothHoldTheDataDoNotShadow(Stage stage) {
        Route<Catalog> route = route(s -> s.stage(stage).percentage(50).shadowSample(100));
        readTwentyKeys(route);

        FakeCatalog serving = stage == Stage.RETIRED ? modern : legacy;
        FakeCatalog other = stage == Stage.RETIRED ? legacy : modern;
        assertThat(serving.finds).hasValue(20);
        assertThat(other.finds).hasValue(0);
        assertThat(shadow(route)).isEqualTo(new RouteStats.ShadowStats(0, 0, 0, 0, 0, 0, 0, 0));
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = {"SHADOW", "CANARY", "MODERN"})
    void aDisabledRouteDoesNotShadow(Stage stage) {
        Route<Catalog> route = route(s -> s.stage(stage).percentage(50).shadowSample(100).enabled(false));
        readTwentyKeys(route);

        assertThat(legacy.finds).hasValue(20);
        assertThat(modern.finds).hasValue(0);
        assertThat(shadow(route).compared()).isZero();

        route.setEnabled(true, "alice", "back on");
        readTwentyKeys(route);
        assertThat(shadow(route).compared()).as("enabled again, every read is shadowed").isEqualTo(20);
    }

    @Test
    void aRouteOnAStaleStateDoesNotShadow() {
        MutableClock clock = MutableClock.startingAt("2026-11-21T10:00:00Z");
        SwitchableStore store = new SwitchableStore(new Ff4jRouteStateStore(new FF4j()));
        MigrationRouter router = track(ShadowTestSupport.router(registry).shadowExecutor(new InlineExecutor()).clock(clock)
                .stateStore(store).maxStaleness(Duration.ofSeconds(30)).build());
        Route<Catalog> route = route(router, s -> s.stage(Stage.SHADOW).shadowSample(100), UnaryOperator.identity());
        readTwentyKeys(route);
        assertThat(modern.finds).as("fresh: shadowed").hasValue(20);

        store.down = true;
        clock.advance(Duration.ofSeconds(31));
        router.refresh();
        readTwentyKeys(route);

        assertThat(modern.finds).as("stale: not shadowed").hasValue(20);
        assertThat(legacy.finds).hasValue(40);
    }

    private static void readTwentyKeys(Route<Catalog> route) {
        for (int i = 0; i < 20; i++) {
            String key = "user-" + i;
            route.read(key, c -> c.find(key));
        }
    }

    @Test
    void shadowAndCanaryShadowModernWhereLegacyServesAndLegacyWhereModernServes() {
        List<String> journal = legacy.journal;
        FakeCatalog sharedModern = new FakeCatalog("modern", journal);
        MigrationRouter router = inlineRouter();
        Route<Catalog> shadowRoute = router.register(RouteDefinition.builder("in-shadow", Catalog.class)
                .legacy(legacy).modern(sharedModern)
                .initialState(s -> s.stage(Stage.SHADOW).shadowSample(100)).build());
        Route<Catalog> canary = router.register(RouteDefinition.builder("in-canary", Catalog.class)
                .legacy(legacy).modern(sharedModern)
                .initialState(s -> s.stage(Stage.CANARY).percentage(50).shadowSample(100)).build());
        Route<Catalog> modernRoute = router.register(RouteDefinition.builder("in-modern", Catalog.class)
                .legacy(legacy).modern(sharedModern)
                .initialState(s -> s.stage(Stage.MODERN).shadowSample(100)).build());
        String legacyKey = keyServedBy(canary, Side.LEGACY);
        String modernKey = keyServedBy(canary, Side.MODERN);

        journal.clear();
        shadowRoute.read("k", c -> c.find("k"));
        canary.read(legacyKey, c -> c.find(legacyKey));
        canary.read(modernKey, c -> c.find(modernKey));
        modernRoute.read("k", c -> c.find("k"));

        assertThat(journal).containsExactly(
                "legacy:find k", "modern:find k",
                "legacy:find " + legacyKey, "modern:find " + legacyKey,
                "modern:find " + modernKey, "legacy:find " + modernKey,
                "modern:find k", "legacy:find k");
        assertThat(List.of(shadowRoute, canary, modernRoute)).extracting(r -> shadow(r).matches())
                .containsExactly(1L, 2L, 1L);
    }

    @Test
    void aReadThatModernFailedAndLegacyServedIsNotShadowed() {
        Route<Catalog> route = route(s -> s.stage(Stage.MODERN).shadowSample(100));
        modern.onFind = sku -> {
            throw new IllegalStateException("modern down");
        };
        Item served = new Item("sku-1", "legacy's widget", 10);
        legacy.onFind = sku -> served;

        assertThat(route.proxy().find("sku-1")).isSameAs(served);

        assertThat(legacy.finds).as("legacy served the fallback and was not called again as a shadow").hasValue(1);
        assertThat(shadow(route)).isEqualTo(new RouteStats.ShadowStats(0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(route.stats().modern().fallbacks()).isEqualTo(1);
    }

    static String keyServedBy(Route<?> route, Side target) {
        for (int i = 0; ; i++) {
            String key = "key-" + i;
            if (route.decide(key) == target) {
                return key;
            }
        }
    }

    // ------------------------------------------------------------------ what the shadow side gets

    @Test
    void theShadowCallRunsInTheCallersRoutingContextMarkedAsAShadow() {
        MigrationRouter router = track(ShadowTestSupport.router(registry).build());
        Route<Catalog> route = route(router, s -> s.stage(Stage.SHADOW).shadowSample(100), UnaryOperator.identity());
        RoutingContext context = RoutingContext.builder().routingKey("user-7").segments("beta", "internal")
                .attribute("tenant", "acme").build();

        try (RoutingContext.Scope ignored = context.attach()) {
            route.read(null, c -> c.find("sku-1"));
            assertThat(RoutingContext.current()).isSameAs(context);
        }
        await("the shadow call", () -> modern.contexts.size() == 1);

        RoutingContext served = legacy.contexts.get(0);
        assertThat(served.isShadow()).isFalse();
        assertThat(served.routingKey()).isEqualTo("user-7");
        RoutingContext shadowed = modern.contexts.get(0);
        assertThat(shadowed.isShadow()).isTrue();
        assertThat(shadowed.routingKey()).isEqualTo("user-7");
        assertThat(shadowed.segments()).containsExactly("beta", "internal");
        assertThat(shadowed.attributes()).containsEntry("tenant", "acme");
        assertThat(modern.threads()).doesNotContain(Thread.currentThread());
    }

    @Test
    void theShadowOfAnAsynchronousReadRunsInTheCallersRoutingContextWhicheverThreadCompletesTheRead() {
        MigrationRouter router = track(ShadowTestSupport.router(registry).build());
        Route<Catalog> route = route(router, s -> s.stage(Stage.SHADOW).shadowSample(100), UnaryOperator.identity());
        CompletableFuture<Item> legacyAnswer = new CompletableFuture<>();
        legacy.onFindAsync = sku -> legacyAnswer;
        RoutingContext context = RoutingContext.builder().routingKey("user-7").segment("beta").build();

        CompletionStage<Item> result;
        try (RoutingContext.Scope ignored = context.attach()) {
            result = route.readAsync(null, c -> c.findAsync("sku-1"));
        }
        // Legacy answers later, on a thread with another context.
        RoutingContext.builder().routingKey("someone-else").build()
                .run(() -> legacyAnswer.complete(new Item("sku-1", "widget", 10)));

        assertThat(result.toCompletableFuture().join()).isEqualTo(new Item("sku-1", "widget", 10));
        await("the shadow call", () -> modern.contexts.size() == 1);
        RoutingContext shadowed = modern.contexts.get(0);
        assertThat(shadowed.isShadow()).isTrue();
        assertThat(shadowed.routingKey()).isEqualTo("user-7");
        assertThat(shadowed.segments()).containsExactly("beta");
    }

    /** A read that changes its argument, as some legacy code does. */
    interface Basket {
        @Read
        int total(@RoutingKey String user, List<Integer> prices);
    }

    @Test
    void theArgumentCopierGivesTheShadowTheArgumentsAsTheyWereBeforeTheServingSideChangedThem() {
        List<List<Integer>> modernSaw = new ArrayList<>();
        Basket consuming = (user, prices) -> {
            int total = prices.stream().mapToInt(Integer::intValue).sum();
            prices.clear();
            return total;
        };
        Basket recording = (user, prices) -> {
            modernSaw.add(List.copyOf(prices));
            return prices.stream().mapToInt(Integer::intValue).sum();
        };
        MigrationRouter router = inlineRouter();
        Route<Basket> copied = router.register(RouteDefinition.builder("copied", Basket.class)
                .legacy(consuming).modern(recording)
                .shadow(ShadowSettings.custom().argumentCopier((method, args) -> new Object[] {args[0], new ArrayList<>((List<?>) args[1])}).build())
                .initialState(s -> s.stage(Stage.SHADOW).shadowSample(100)).build());
        Route<Basket> shared = router.register(RouteDefinition.builder("shared", Basket.class)
                .legacy(consuming).modern(recording)
                .initialState(s -> s.stage(Stage.SHADOW).shadowSample(100)).build());

        assertThat(copied.proxy().total("u-1", new ArrayList<>(List.of(1, 2, 3)))).isEqualTo(6);
        assertThat(shared.proxy().total("u-1", new ArrayList<>(List.of(1, 2, 3)))).isEqualTo(6);

        assertThat(modernSaw).containsExactly(List.of(1, 2, 3), List.of());
        assertThat(shadow(copied).matches()).isEqualTo(1);
        assertThat(shadow(shared).mismatches()).as("without a copier the shadow sees what legacy left")
                .isEqualTo(1);
    }

    /** {@link Basket}, asynchronous. */
    interface AsyncBasket {
        @Read
        CompletionStage<Integer> total(@RoutingKey String user, List<Integer> prices);
    }

    @Test
    void theArgumentCopierGivesTheShadowOfAnAsynchronousReadTheArgumentsAsTheyWereBeforeTheServingSideChangedThem() {
        List<List<Integer>> modernSaw = new ArrayList<>();
        AsyncBasket consuming = (user, prices) -> {
            int total = prices.stream().mapToInt(Integer::intValue).sum();
            prices.clear();
            return CompletableFuture.completedFuture(total);
        };
        AsyncBasket recording = (user, prices) -> {
            modernSaw.add(List.copyOf(prices));
            return CompletableFuture.completedFuture(prices.stream().mapToInt(Integer::intValue).sum());
        };
        MigrationRouter router = inlineRouter();
        Route<AsyncBasket> copied = router.register(RouteDefinition.builder("copied", AsyncBasket.class)
                .legacy(consuming).modern(recording)
                .shadow(ShadowSettings.custom().argumentCopier(
                        (method, args) -> new Object[] {args[0], new ArrayList<>((List<?>) args[1])}).build())
                .initialState(s -> s.stage(Stage.SHADOW).shadowSample(100)).build());
        Route<AsyncBasket> shared = router.register(RouteDefinition.builder("shared", AsyncBasket.class)
                .legacy(consuming).modern(recording)
                .initialState(s -> s.stage(Stage.SHADOW).shadowSample(100)).build());

        assertThat(copied.proxy().total("u-1", new ArrayList<>(List.of(1, 2, 3))).toCompletableFuture().join())
                .isEqualTo(6);
        assertThat(shared.proxy().total("u-1", new ArrayList<>(List.of(1, 2, 3))).toCompletableFuture().join())
                .isEqualTo(6);

        assertThat(modernSaw).containsExactly(List.of(1, 2, 3), List.of());
        assertThat(shadow(copied).matches()).as("no false mismatch").isEqualTo(1);
        assertThat(shadow(copied).mismatches()).isZero();
        assertThat(shadow(shared).mismatches()).as("without a copier the shadow sees what legacy left")
                .isEqualTo(1);
    }

    // ------------------------------------------------------------------ what is kept and counted

    @Test
    void theMismatchBufferKeepsTheMostRecentMismatchesWithKeyPathsAndSummaries() {
        Route<Catalog> route = route(inlineRouter(), s -> s.stage(Stage.SHADOW).shadowSample(100),
                d -> d.shadow(ShadowSettings.custom().mismatchBufferSize(3).build()));
        Map<String, Integer> modernPrices = new HashMap<>();
        modern.onFind = sku -> new Item(sku, "widget", modernPrices.get(sku));
        for (int i = 0; i < 5; i++) {
            String key = "sku-" + i;
            modernPrices.put(key, 20 + i);
            route.read(key, c -> c.find(key));
        }

        List<Mismatch> kept = route.mismatches();
        assertThat(kept).extracting(Mismatch::key).containsExactly("sku-2", "sku-3", "sku-4");
        assertThat(kept).allSatisfy(m -> {
            assertThat(m.route()).isEqualTo(ROUTE);
            assertThat(m.operation()).isEqualTo("read");
            assertThat(m.served()).isEqualTo(Side.LEGACY);
            assertThat(m.differences()).extracting(Difference::path).containsExactly("$.price");
            assertThat(m.noise()).isEmpty();
            assertThat(m.legacy()).contains("price=10");
        });
        assertThat(kept.get(2).modern()).contains("sku-4").contains("price=24");
        assertThat(kept.get(2).differences().get(0)).satisfies(d -> {
            assertThat(d.legacy()).isEqualTo("10");
            assertThat(d.modern()).isEqualTo("24");
        });
        assertThat(shadow(route).mismatches()).isEqualTo(5);
    }

    @Test
    void comparisonsAreCountedByResultInTheMeterRegistryAndTheStats() {
        Route<Catalog> route = route(inlineRouter(), s -> s.stage(Stage.SHADOW).shadowSample(100),
                d -> d.shadow(ShadowSettings.custom().comparator((l, m) -> {
                    if (l instanceof Item item && item.sku().equals("sku-boom")) {
                        throw new IllegalStateException("comparator bug");
                    }
                    return StructuralComparator.ofDefaults().compare(l, m);
                }).build()));
        modern.onFind = sku -> new Item(sku, "widget", sku.equals("sku-odd") ? 11 : 10);
        for (String key : List.of("sku-1", "sku-2", "sku-odd", "sku-boom")) {
            route.read(key, c -> c.find(key));
        }

        Map<ComparisonResult, Double> counted = new HashMap<>();
        for (ComparisonResult result : ComparisonResult.values()) {
            counted.put(result, counter(registry, "strangler.shadow.comparisons", "route", ROUTE,
                    "result", result.name().toLowerCase(Locale.ROOT)));
        }
        assertThat(counted).containsEntry(ComparisonResult.MATCH, 2.0).containsEntry(ComparisonResult.MISMATCH, 1.0)
                .containsEntry(ComparisonResult.ERROR, 1.0).containsEntry(ComparisonResult.IGNORED, 0.0)
                .containsEntry(ComparisonResult.TIMEOUT, 0.0).containsEntry(ComparisonResult.DROPPED, 0.0);
        assertThat(shadow(route)).isEqualTo(new RouteStats.ShadowStats(2, 1, 0, 1, 0, 0, 0, 0));
    }

    // ------------------------------------------------------------------ exceptions

    private Route<Catalog> throwingSides(RuntimeException legacyThrows, RuntimeException modernThrows) {
        if (legacyThrows != null) {
            legacy.onFind = sku -> {
                throw legacyThrows;
            };
        }
        if (modernThrows != null) {
            modern.onFind = sku -> {
                throw modernThrows;
            };
        }
        return route(s -> s.stage(Stage.SHADOW).shadowSample(100));
    }

    @Test
    void bothSidesThrowingTheSameTypeAndMessageIsAMatch() {
        IllegalArgumentException legacyFailure = new IllegalArgumentException("no such sku");
        Route<Catalog> route = throwingSides(legacyFailure, new IllegalArgumentException("no such sku"));

        assertThatThrownBy(() -> route.proxy().find("sku-1")).isSameAs(legacyFailure);
        assertThat(shadow(route).matches()).isEqualTo(1);
        assertThat(shadow(route).mismatches()).isZero();
    }

    @Test
    void bothSidesThrowingWithDifferentMessagesIsAMismatch() {
        IllegalArgumentException legacyFailure = new IllegalArgumentException("no such sku");
        Route<Catalog> route = throwingSides(legacyFailure, new IllegalArgumentException("sku not found"));

        assertThatThrownBy(() -> route.proxy().find("sku-1")).isSameAs(legacyFailure);
        assertThat(shadow(route).mismatches()).isEqualTo(1);
        assertThat(route.mismatches().get(0)).satisfies(m -> {
            assertThat(m.legacy()).isEqualTo("threw java.lang.IllegalArgumentException: no such sku");
            assertThat(m.modern()).isEqualTo("threw java.lang.IllegalArgumentException: sku not found");
        });
    }

    @Test
    void bothSidesThrowingDifferentTypesWithTheSameMessageIsAMismatch() {
        IllegalArgumentException legacyFailure = new IllegalArgumentException("no such sku");
        Route<Catalog> route = throwingSides(legacyFailure, new IllegalStateException("no such sku"));

        assertThatThrownBy(() -> route.proxy().find("sku-1")).isSameAs(legacyFailure);
        assertThat(shadow(route).mismatches()).isEqualTo(1);
    }

    @Test
    void theRoutesExceptionEquivalenceDecidesWhenTwoFailuresMatch() {
        IllegalArgumentException legacyFailure = new IllegalArgumentException("no such sku");
        legacy.onFind = sku -> {
            throw legacyFailure;
        };
        modern.onFind = sku -> {
            throw new IllegalArgumentException("sku not found");
        };
        Route<Catalog> route = route(inlineRouter(), s -> s.stage(Stage.SHADOW).shadowSample(100),
                d -> d.shadow(ShadowSettings.custom().exceptionEquivalence(ExceptionEquivalence.sameType()).build()));

        assertThatThrownBy(() -> route.proxy().find("sku-1")).isSameAs(legacyFailure);
        assertThat(shadow(route).matches()).isEqualTo(1);
    }

    @Test
    void theServingSideThrowingWhileTheShadowReturnsIsAMismatch() {
        IllegalArgumentException legacyFailure = new IllegalArgumentException("no such sku");
        Route<Catalog> route = throwingSides(legacyFailure, null);

        assertThatThrownBy(() -> route.proxy().find("sku-1")).isSameAs(legacyFailure);
        assertThat(shadow(route).mismatches()).isEqualTo(1);
        assertThat(route.mismatches().get(0).modern()).contains("sku-1");
    }

    @Test
    void theServingSideReturningWhileTheShadowThrowsIsAMismatch() {
        Route<Catalog> route = throwingSides(null, new IllegalArgumentException("no such sku"));
        Item served = new Item("sku-1", "widget", 10);
        legacy.onFind = sku -> served;

        assertThat(route.proxy().find("sku-1")).isSameAs(served);
        assertThat(shadow(route).mismatches()).isEqualTo(1);
        assertThat(route.mismatches().get(0).differences()).extracting(Difference::path).containsExactly("$");
    }
}
