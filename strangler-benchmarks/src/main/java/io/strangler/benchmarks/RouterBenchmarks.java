package io.strangler.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteCall;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteStats;
import io.strangler.api.Stage;
import io.strangler.api.Side;
import io.strangler.core.Strangler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Strangler's call path against a plain interface call.
 *
 * <p>Each router is built the realistic way: in-memory FF4J store, a Micrometer registry bound, no background
 * refresh thread. The routes and routers are shared by all benchmark threads ({@link Scope#Benchmark}), as one
 * route is shared by all request threads of an application. Every benchmark but {@link #routerCanaryMixed} uses
 * one fixed key (found at setup so that it lands on the wanted side); the per-call cost of the hash does not
 * depend on which key it is, only on its length.
 *
 * <p>What a caller passes is its own ({@link Caller}, {@link Scope#Thread}): each benchmark thread has its own copies
 * of the keys, the argument and the prebuilt calls, as each request thread of an application has its own, so that
 * with several threads the benchmark measures the router and not data the benchmark itself shares.
 *
 * <p>The calls are written as an application writes them, with a lambda that captures the arguments; the
 * {@code PrebuiltCall} variants pass a call object made once instead, to tell the lambda's allocation (the
 * caller's) from the router's. The int result goes through the API's generic {@code R} as an {@code Integer};
 * 42 is in the {@code Integer} cache, so boxing allocates nothing here. Results are returned to JMH, which
 * consumes them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RouterBenchmarks {

    /** Not final, so that the JIT can't fold the argument into a constant. */
    int x = 41;

    Svc direct;
    MigrationRouter legacyRouter;
    MigrationRouter canaryRouter;
    Route<Svc> legacyRoute;
    Route<Svc> canaryRoute;
    Svc proxy;
    String legacyKey;
    String modernKey;
    String outsideKey;
    Compute legacyCall;
    Compute modernCall;

    @Setup(Level.Trial)
    public void setUp() {
        direct = new Svc.Legacy();

        legacyRouter = router();
        legacyRoute = legacyRouter.register(definition(Stage.LEGACY, 0, 0));
        legacyKey = Keys.user(42);

        canaryRouter = router();
        // Shadow sampling off: these benchmarks measure the routing path; ShadowBenchmarks measures shadowing.
        canaryRoute = canaryRouter.register(definition(Stage.CANARY, 10, 0));
        modernKey = Keys.first(k -> canaryRoute.decide(k) == Side.MODERN);
        outsideKey = Keys.first(k -> canaryRoute.decide(k) == Side.LEGACY);
        proxy = canaryRoute.proxy();
        legacyCall = new Compute(legacyKey, x);
        modernCall = new Compute(modernKey, x);

        // The benchmarks measure what they say they do, or the run stops here.
        check(legacyRoute.read(legacyKey, s -> s.compute(legacyKey, x)) == x + 1, "legacy route served legacy");
        check(canaryRoute.read(modernKey, s -> s.compute(modernKey, x)) == x + 2, "modern key served by modern");
        check(canaryRoute.read(outsideKey, s -> s.compute(outsideKey, x)) == x + 1, "outside key served by legacy");
        check(proxy.compute(modernKey, x) == x + 2, "proxy routed the modern key to modern");
        check(canaryRoute.state().shadowSampleBasisPoints() == 0, "no read of the canary route is shadowed");
        check(legacyRoute.read(legacyKey, legacyCall) == x + 1, "prebuilt call on the legacy route");
        check(canaryRoute.read(modernKey, modernCall) == x + 2, "prebuilt call on the modern key");
    }

    /**
     * A call object made once, so that the {@code PrebuiltCall} variants allocate nothing themselves: whatever
     * they allocate, routing allocates.
     */
    static final class Compute implements RouteCall<Svc, Integer, RuntimeException> {
        private final String key;
        private final int x;

        Compute(String key, int x) {
            this.key = key;
            this.x = x;
        }

        @Override
        public Integer call(Svc svc) {
            return svc.compute(key, x);
        }
    }

    /**
     * One caller thread's own arguments: copies of the keys found at setup (distinct {@code String} instances), the
     * argument and the prebuilt calls.
     */
    @State(Scope.Thread)
    public static class Caller {
        int x;
        String legacyKey;
        String modernKey;
        String outsideKey;
        Compute legacyCall;
        Compute modernCall;

        @Setup(Level.Trial)
        public void setUp(RouterBenchmarks shared) {
            x = shared.x;
            legacyKey = new String(shared.legacyKey);
            modernKey = new String(shared.modernKey);
            outsideKey = new String(shared.outsideKey);
            legacyCall = new Compute(legacyKey, x);
            modernCall = new Compute(modernKey, x);
        }
    }

    static MigrationRouter router() {
        return Strangler.router()
                .refreshInterval(Duration.ZERO)
                .meterRegistry(new SimpleMeterRegistry())
                .build();
    }

    /**
     * The route {@code bench} over {@link Svc}. {@code shadowSample} is the share of reads shadowed, in percent:
     * the router's default is 10 % in SHADOW, CANARY and MODERN, and the routing benchmarks set it to 0 so that
     * they measure routing, not shadowing (reads are never dual-written, so nothing else runs on their path).
     */
    static RouteDefinition<Svc> definition(Stage stage, double percent, double shadowSample) {
        return RouteDefinition.builder("bench", Svc.class)
                .legacy(new Svc.Legacy())
                .modern(new Svc.Modern())
                .initialState(s -> s.stage(stage).percentage(percent).shadowSample(shadowSample))
                .build();
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark setup check failed: " + what);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        RouteStats.ShadowStats shadowed = canaryRoute.stats().shadow();
        check(shadowed.compared() + shadowed.dropped() + shadowed.timeouts() + shadowed.errors() == 0,
                "the canary route shadowed no read, but counted " + shadowed);
        legacyRouter.close();
        canaryRouter.close();
    }

    /** Baseline: the trivial implementation called through its interface. */
    @Benchmark
    public int direct(Caller c) {
        String key = c.legacyKey;
        return direct.compute(key, c.x);
    }

    /** Stage LEGACY: no bucketing, every call to legacy, counted (and timed one call in 16). */
    @Benchmark
    public int routerLegacy(Caller c) {
        String key = c.legacyKey;
        int arg = c.x;
        return legacyRoute.read(key, s -> s.compute(key, arg));
    }

    /**
     * {@link #routerLegacy} with a call object made at setup instead of a capturing lambda per call: the
     * allocation left is the router's own.
     */
    @Benchmark
    public int routerLegacyPrebuiltCall(Caller c) {
        return legacyRoute.read(c.legacyKey, c.legacyCall);
    }

    /** Stage CANARY 10 %, a key inside the rollout: bucket, breaker, timing, metrics, modern. */
    @Benchmark
    public int routerCanaryModern(Caller c) {
        String key = c.modernKey;
        int arg = c.x;
        return canaryRoute.read(key, s -> s.compute(key, arg));
    }

    /** {@link #routerCanaryModern} with a call object made at setup: the allocation left is the router's own. */
    @Benchmark
    public int routerCanaryModernPrebuiltCall(Caller c) {
        return canaryRoute.read(c.modernKey, c.modernCall);
    }

    /** Stage CANARY 10 %, a key outside the rollout: bucket, then the legacy path. */
    @Benchmark
    public int routerCanaryLegacy(Caller c) {
        String key = c.outsideKey;
        int arg = c.x;
        return canaryRoute.read(key, s -> s.compute(key, arg));
    }

    /** The decision alone (stage CANARY 10 %): snapshot read and bucket. */
    @Benchmark
    public Side routerDecide(Caller c) {
        return canaryRoute.decide(c.modernKey);
    }

    /** The typed proxy, key from the {@code @RoutingKey} parameter, a key inside the rollout. */
    @Benchmark
    public int routerProxyCanaryModern(Caller c) {
        return proxy.compute(c.modernKey, c.x);
    }

    /**
     * Stage CANARY 10 %, a different key on every call (4,096 keys, cycled per thread): the mix a real canary
     * sees, about one call in ten to modern.
     */
    @Benchmark
    public int routerCanaryMixed(KeyCursor cursor, Caller c) {
        String key = cursor.next();
        int arg = c.x;
        return canaryRoute.read(key, s -> s.compute(key, arg));
    }
}
