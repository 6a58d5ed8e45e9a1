package io.strangler.benchmarks;

import io.getunleash.DefaultUnleash;
import io.getunleash.Unleash;
import io.getunleash.UnleashContext;
import io.getunleash.util.UnleashConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.ff4j.FF4j;
import org.ff4j.core.Feature;
import org.ff4j.strategy.PonderationStrategy;
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
import org.togglz.core.activation.GradualActivationStrategy;
import org.togglz.core.manager.FeatureManager;
import org.togglz.core.manager.FeatureManagerBuilder;
import org.togglz.core.repository.FeatureState;
import org.togglz.core.repository.mem.InMemoryStateRepository;
import org.togglz.core.user.FeatureUser;
import org.togglz.core.user.SimpleFeatureUser;
import org.togglz.core.user.thread.ThreadLocalUserProvider;

/**
 * Percentage rollouts of other feature-flag libraries, each deciding for one fixed user at 10 %, in memory, with
 * no network. Each answers only "on or off for this user?": none of them calls an implementation, breaks a
 * circuit or times the call, so they compare with {@code RouterBenchmarks.routerDecide}, not with the call paths.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PeerBenchmarks {

    static final String USER = Keys.user(42);
    static final String FEATURE = "bench";

    /** FF4J 2.0.0: a feature with {@link PonderationStrategy} at 10 %, in FF4J's default in-memory store. */
    @State(Scope.Benchmark)
    public static class Ff4jState {
        FF4j ff4j;
        String uid = FEATURE;

        @Setup(Level.Trial)
        public void setUp() {
            ff4j = new FF4j();
            Feature feature = new Feature(FEATURE, true);
            feature.setFlippingStrategy(new PonderationStrategy(0.1));
            ff4j.createFeature(feature);
            int on = 0;
            for (int i = 0; i < 10_000; i++) {
                on += ff4j.check(uid) ? 1 : 0;
            }
            RouterBenchmarks.check(on > 800 && on < 1200, "FF4J ponderation near 10 %, was " + on + " in 10,000");
        }
    }

    /**
     * FF4J's ponderation draws {@code Math.random()} on every call: it is not sticky (the same user flips between
     * on and off), and all threads share one {@code java.util.Random}.
     */
    @Benchmark
    public boolean ff4jPonderationCheck(Ff4jState s) {
        return s.ff4j.check(s.uid);
    }

    /**
     * Unleash Java SDK 12: a {@code flexibleRollout} strategy at 10 %, stickiness {@code userId}, bootstrapped from a
     * JSON payload; polling and metrics off and a backup file that does not exist, so it never opens a connection.
     * Toggles are evaluated by Unleash's Rust engine (Yggdrasil) through JNI, shipped inside the
     * {@code yggdrasil-engine} jar for this platform.
     */
    @State(Scope.Benchmark)
    public static class UnleashState {
        static final String TOGGLES = "{\"version\":2,\"features\":[{\"name\":\"" + FEATURE + "\",\"enabled\":true,"
                + "\"strategies\":[{\"name\":\"flexibleRollout\",\"parameters\":{\"rollout\":\"10\","
                + "\"stickiness\":\"userId\",\"groupId\":\"" + FEATURE + "\"}}]}]}";

        Unleash unleash;
        UnleashContext context;
        Path dir;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            dir = Files.createTempDirectory("unleash-bench");
            UnleashConfig config = UnleashConfig.builder()
                    .appName("strangler-benchmarks")
                    .instanceId("bench")
                    .unleashAPI("http://127.0.0.1:9/api/")
                    .disablePolling()
                    .disableMetrics()
                    .backupFile(dir.resolve("absent.json").toString())
                    .toggleBootstrapProvider(() -> Optional.of(TOGGLES))
                    .build();
            unleash = new DefaultUnleash(config);
            context = UnleashContext.builder().userId(USER).build();
            int on = 0;
            for (int n = 0; n < 10_000; n++) {
                on += unleash.isEnabled(FEATURE, UnleashContext.builder().userId(Keys.user(n)).build()) ? 1 : 0;
            }
            RouterBenchmarks.check(on > 800 && on < 1200, "Unleash rollout near 10 %, was " + on + " in 10,000");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            unleash.shutdown();
            try {
                Files.deleteIfExists(dir.resolve("absent.json"));
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Unleash 12 {@code isEnabled} with a prebuilt context holding the user id. */
    @Benchmark
    public boolean unleashIsEnabled(UnleashState s) {
        return s.unleash.isEnabled(FEATURE, s.context);
    }

    /** The Togglz feature. */
    public enum BenchFeature implements org.togglz.core.Feature {
        BENCH
    }

    /** Togglz: {@link GradualActivationStrategy} at 10 % in an {@link InMemoryStateRepository}. */
    @State(Scope.Benchmark)
    public static class TogglzState {
        FeatureManager manager;
        BenchFeature feature = BenchFeature.BENCH;

        @Setup(Level.Trial)
        public void setUp() {
            manager = new FeatureManagerBuilder()
                    .featureEnum(BenchFeature.class)
                    .stateRepository(new InMemoryStateRepository())
                    .userProvider(new ThreadLocalUserProvider())
                    .build();
            manager.setFeatureState(new FeatureState(BenchFeature.BENCH, true)
                    .setStrategyId(GradualActivationStrategy.ID)
                    .setParameter(GradualActivationStrategy.PARAM_PERCENTAGE, "10"));
            // JMH may have bound this thread's TogglzUser already: set it aside while sampling.
            FeatureUser bound = new ThreadLocalUserProvider().getCurrentUser();
            ThreadLocalUserProvider.release();
            int on = 0;
            for (int n = 0; n < 10_000; n++) {
                ThreadLocalUserProvider.bind(new SimpleFeatureUser(Keys.user(n)));
                on += manager.isActive(feature) ? 1 : 0;
                ThreadLocalUserProvider.release();
            }
            if (bound != null) {
                ThreadLocalUserProvider.bind(bound);
            }
            RouterBenchmarks.check(on > 800 && on < 1200, "Togglz gradual near 10 %, was " + on + " in 10,000");
        }
    }

    /** The request's user, bound to the benchmark thread as a web filter binds it to a request thread. */
    @State(Scope.Thread)
    public static class TogglzUser {
        @Setup(Level.Trial)
        public void bind() {
            ThreadLocalUserProvider.bind(new SimpleFeatureUser(USER));
        }

        @TearDown(Level.Trial)
        public void release() {
            ThreadLocalUserProvider.release();
        }
    }

    /** Togglz {@code FeatureManager.isActive} with the gradual strategy and a user bound to the thread. */
    @Benchmark
    public boolean togglzGradual(TogglzState s, TogglzUser user) {
        return s.manager.isActive(s.feature);
    }
}
