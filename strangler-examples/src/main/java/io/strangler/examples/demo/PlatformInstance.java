package io.strangler.examples.demo;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.api.dualwrite.DualWriteSettings;
import io.strangler.api.resilience.FallbackSettings;
import io.strangler.api.shadow.ReadPreference;
import io.strangler.api.shadow.ShadowSettings;
import io.strangler.core.RouterBuilder;
import io.strangler.core.rollout.RolloutController;
import io.strangler.core.rollout.RolloutNotifier;
import io.strangler.core.shadow.compare.StructuralComparator;
import io.strangler.examples.cv.ActionOrchestrator;
import io.strangler.examples.cv.CircuitBreakerCore;
import io.strangler.examples.cv.CvAnalyzer;
import io.strangler.examples.cv.ImprovementOrchestrator;
import io.strangler.examples.cv.JobCatalog;
import io.strangler.examples.cv.KeywordCvAnalyzer;
import io.strangler.examples.cv.LegacyActionOrchestrator;
import io.strangler.examples.cv.LegacyCircuitBreakerCore;
import io.strangler.examples.cv.LegacyImprovementOrchestrator;
import io.strangler.examples.cv.LegacyProfileCache;
import io.strangler.examples.cv.LegacyRecommendationGenerator;
import io.strangler.examples.cv.LegacyRecommendationOrchestrator;
import io.strangler.examples.cv.ModernActionOrchestrator;
import io.strangler.examples.cv.ModernCircuitBreakerCore;
import io.strangler.examples.cv.ModernImprovementOrchestrator;
import io.strangler.examples.cv.ModernProfileCache;
import io.strangler.examples.cv.ModernRecommendationGenerator;
import io.strangler.examples.cv.ModernRecommendationOrchestrator;
import io.strangler.examples.cv.ProfileCache;
import io.strangler.examples.cv.RecommendationGenerator;
import io.strangler.examples.cv.RecommendationOrchestrator;
import io.strangler.examples.cv.TokenCvAnalyzer;
import io.strangler.test.CallerRunsExecutor;
import io.strangler.test.VirtualTime;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One instance of the CV platform: its router with the seven routes, the routes' two sides on virtual time, and its
 * rollout controller with the migration's plans. On the memory store the demo runs one; on PostgreSQL or Redis two,
 * sharing the store as a fleet.
 */
final class PlatformInstance implements AutoCloseable {

    /** Median latencies in microseconds, legacy then modern: the modules are a little faster than the monolith. */
    private static final long[][] LATENCY_MICROS = {
        {14_000, 9_000},    // cv-analyzer
        {6_000, 4_000},     // improvement-orchestrator
        {1_200, 700},       // cache-manager
        {12_000, 8_000},    // recommendation-generator
        {3_000, 2_000},     // recommendation-orchestrator
        {400, 300},         // circuit-breaker-core
        {20_000, 15_000}};  // action-orchestrator
    /**
     * The share of the cache module's writes refused while a replica is promoted: a second write it refuses goes to
     * the reconciliation log, and one it refuses as the authoritative side falls back to legacy (the write is an
     * idempotent upsert), so the demo shows dual writes losing nothing through a flaky store.
     */
    static final double CACHE_WRITE_FAILURE_RATE = 0.003;

    private final String id;
    private final MigrationRouter router;
    private final RolloutController controller;
    private final Services services;

    /**
     * Builds an instance.
     *
     * @param id the instance's id in the fleet: {@code "a"}, {@code "b"}
     * @param routerBuilder a router builder on the instance's store
     * @param backend the store, which sets up the controller's fleet
     * @param data what the instances share
     * @param time the virtual time
     * @param seed the run's seed
     * @param operator the person on call, told of approval requests
     */
    PlatformInstance(String id, RouterBuilder routerBuilder, StoreBackend backend, SharedData data, VirtualTime time,
            long seed, RolloutNotifier operator) {
        this.id = id;
        this.router = routerBuilder
                .clock(time)
                .ticker(time::nanoTime)
                .random(Seeds.of(seed, "router@" + id))
                // no background refresh: the demo refreshes the fleet's routers itself after each round of ticks
                // (a store's pushes still arrive), so that every instance serves the same states at the same
                // virtual time on every run
                .refreshInterval(Duration.ZERO)
                .shadowExecutor(new CallerRunsExecutor())
                // timing every legacy call costs nothing on virtual time, and gives the baseline gate and the
                // latency trigger every legacy call to judge from
                .legacyTimingOneIn(1)
                .build();
        try {
            this.services = register(data, time, seed);
            RolloutController.Builder b = RolloutController.builder(router).notifier(operator);
            for (PlatformRoute r : PlatformRoute.values()) {
                b.plan(r.route(), r.plan());
                if (!r.dependsOn().isEmpty()) {
                    b.dependsOn(r.route(), r.dependsOn().toArray(String[]::new));
                }
            }
            this.controller = backend.controller(b, id).build();
        } catch (RuntimeException e) {
            router.close();
            throw e;
        }
    }

    /** The instance's id in the fleet. */
    String id() {
        return id;
    }

    /** The instance's router. */
    MigrationRouter router() {
        return router;
    }

    /** The instance's controller. */
    RolloutController controller() {
        return controller;
    }

    /** The proxies the instance's pages call. */
    Services services() {
        return services;
    }

    /** The state this instance's router serves for a route. */
    RouteState state(String route) {
        return router.route(route).state();
    }

    private Services register(SharedData data, VirtualTime time, long seed) {
        JobCatalog catalog = JobCatalog.standard();
        Sides sides = new Sides(time, seed);
        CvAnalyzer analyzer = register(PlatformRoute.CV_ANALYZER, CvAnalyzer.class,
                sides.legacy(PlatformRoute.CV_ANALYZER, CvAnalyzer.class, new KeywordCvAnalyzer(data.legacySkills)),
                sides.modern(PlatformRoute.CV_ANALYZER, CvAnalyzer.class, new TokenCvAnalyzer(data.modernSkills), null),
                s -> s.stage(Stage.SHADOW), d -> d.shadow(ShadowSettings.custom()
                        .comparator(StructuralComparator.builder()
                                .ignore("$.engine")                  // which analyzer answered: differs by design
                                .ignore("$.requestId")               // a fresh id per analysis
                                // the monolith reads "JavaScript" as "java"; the module no longer does
                                .expect("$.skills[*]", (legacy, modern) -> "\"java\"".equals(legacy) && modern == null)
                                .build())
                        .build()));
        ImprovementOrchestrator improvements = register(PlatformRoute.IMPROVEMENT_ORCHESTRATOR,
                ImprovementOrchestrator.class,
                sides.legacy(PlatformRoute.IMPROVEMENT_ORCHESTRATOR, ImprovementOrchestrator.class,
                        new LegacyImprovementOrchestrator()),
                sides.modern(PlatformRoute.IMPROVEMENT_ORCHESTRATOR, ImprovementOrchestrator.class,
                        new ModernImprovementOrchestrator(), null),
                s -> s.stage(Stage.SHADOW), d -> d.dualWrites(DualWriteSettings.stateless()));
        ProfileCache cache = register(PlatformRoute.CACHE_MANAGER, ProfileCache.class,
                sides.legacy(PlatformRoute.CACHE_MANAGER, ProfileCache.class,
                        new LegacyProfileCache(data.legacyProfiles)),
                sides.modern(PlatformRoute.CACHE_MANAGER, ProfileCache.class,
                        new ModernProfileCache(data.modernProfiles), new SimulatedService.TransientFailures(
                                Set.of("put"), CACHE_WRITE_FAILURE_RATE, "replica promotion in progress, write "
                                        + "refused")),
                // every write reaches both caches from the start; reads race both sides once modern serves keys
                s -> s.stage(Stage.DUAL_WRITE).readPreference(ReadPreference.FASTEST),
                d -> d.fallback(FallbackSettings.custom().idempotentWrites(true).build())
                        .dualWrites(DualWriteSettings.custom()
                                .verify(5, ProfileCache.class, (side, userId) -> side.get(userId))
                                .build()));
        RecommendationGenerator generator = register(PlatformRoute.RECOMMENDATION_GENERATOR,
                RecommendationGenerator.class,
                sides.legacy(PlatformRoute.RECOMMENDATION_GENERATOR, RecommendationGenerator.class,
                        new LegacyRecommendationGenerator(catalog)),
                sides.modernRecommendations(new ModernRecommendationGenerator(catalog), data.release),
                // most reads compared: enough comparisons in a minute's window for the mismatch trigger, which
                // needs 100 to judge
                s -> s.stage(Stage.SHADOW).shadowSample(80), d -> d.dualWrites(DualWriteSettings.stateless()));
        RecommendationOrchestrator feeds = register(PlatformRoute.RECOMMENDATION_ORCHESTRATOR,
                RecommendationOrchestrator.class,
                sides.legacy(PlatformRoute.RECOMMENDATION_ORCHESTRATOR, RecommendationOrchestrator.class,
                        new LegacyRecommendationOrchestrator()),
                sides.modern(PlatformRoute.RECOMMENDATION_ORCHESTRATOR, RecommendationOrchestrator.class,
                        new ModernRecommendationOrchestrator(), null),
                s -> s.stage(Stage.SHADOW), d -> d.dualWrites(DualWriteSettings.stateless()));
        CircuitBreakerCore breaker = register(PlatformRoute.CIRCUIT_BREAKER_CORE, CircuitBreakerCore.class,
                sides.legacy(PlatformRoute.CIRCUIT_BREAKER_CORE, CircuitBreakerCore.class,
                        new LegacyCircuitBreakerCore()),
                sides.modern(PlatformRoute.CIRCUIT_BREAKER_CORE, CircuitBreakerCore.class,
                        new ModernCircuitBreakerCore(), null),
                s -> s.stage(Stage.SHADOW), d -> d.dualWrites(DualWriteSettings.stateless()));
        ActionOrchestrator actions = register(PlatformRoute.ACTION_ORCHESTRATOR, ActionOrchestrator.class,
                sides.legacy(PlatformRoute.ACTION_ORCHESTRATOR, ActionOrchestrator.class,
                        new LegacyActionOrchestrator(data.legacyReceipts)),
                sides.modern(PlatformRoute.ACTION_ORCHESTRATOR, ActionOrchestrator.class,
                        new ModernActionOrchestrator(data.modernReceipts), null),
                // receipts are written to both sides and history reads compared before any user is moved
                s -> s.stage(Stage.SHADOW), d -> d);
        return new Services(analyzer, improvements, cache, generator, feeds, breaker, actions);
    }

    private <T> T register(PlatformRoute r, Class<T> type, T legacy, T modern, UnaryOperator<RouteState.Builder> state,
            UnaryOperator<RouteDefinition.Builder<T>> settings) {
        RouteDefinition.Builder<T> b = RouteDefinition.builder(r.route(), type).legacy(legacy).modern(modern)
                .initialState(s -> state.apply(s.cohort(r.cohort())));
        Route<T> route = router.register(settings.apply(b).build());
        return route.proxy();
    }

    /** Both sides of every route of this instance, on virtual time, each with its own seeded draws. */
    private final class Sides {
        private final VirtualTime time;
        private final long seed;

        Sides(VirtualTime time, long seed) {
            this.time = time;
            this.seed = seed;
        }

        <T> T legacy(PlatformRoute r, Class<T> type, T implementation) {
            return SimulatedService.wrap(type, implementation, r.route() + "/legacy@" + id, time, latency(r, 0),
                    Seeds.of(seed, r.route() + "/legacy@" + id), null);
        }

        <T> T modern(PlatformRoute r, Class<T> type, T implementation,
                SimulatedService.@Nullable TransientFailures failures) {
            return SimulatedService.wrap(type, implementation, r.route() + "/modern@" + id, time, latency(r, 1),
                    Seeds.of(seed, r.route() + "/modern@" + id), failures);
        }

        RecommendationGenerator modernRecommendations(RecommendationGenerator module, ModelRelease release) {
            PlatformRoute r = PlatformRoute.RECOMMENDATION_GENERATOR;
            RecommendationGenerator deployed = new FaultyRecommendationGenerator(module, release, time,
                    latency(r, 1), Seeds.of(seed, r.route() + "/release@" + id));
            return modern(r, RecommendationGenerator.class, deployed, null);
        }

        private Latency latency(PlatformRoute r, int side) {
            return Latency.ofMicros(LATENCY_MICROS[r.ordinal()][side]);
        }
    }

    /** The routes' names, in the platform's order. */
    static List<String> routes() {
        return java.util.Arrays.stream(PlatformRoute.values()).map(PlatformRoute::route).toList();
    }

    /** Closes the controller (giving a fleet's lease up) and the router. */
    @Override
    public void close() {
        try {
            controller.close();
        } finally {
            router.close();
        }
    }
}
