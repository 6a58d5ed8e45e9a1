package io.strangler.benchmarks;

import com.github.rawls238.scientist4j.Experiment;
import com.github.rawls238.scientist4j.ExperimentBuilder;
import io.dropwizard.metrics5.MetricRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteStats;
import io.strangler.api.Stage;
import io.strangler.benchmarks.Catalog.Item;
import io.strangler.core.Strangler;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * What a shadowed read costs the caller's thread, against Scientist4J 0.6 doing the same experiment.
 *
 * <p>JMH measures the time per operation of the benchmark threads, i.e. of the callers. Strangler runs the shadow
 * call and the comparison on its shadow pool, so that work is not in the measured time; what is, is the serving
 * call plus building the shadow task and offering it to the pool. The pool has {@value #SHADOW_THREADS} threads
 * and a queue of {@value #SHADOW_QUEUE}. A caller in a loop offers far more shadows than the pool can run, so
 * the queue is full most of the time and most shadows are dropped (counted, not run): the measured cost is the
 * mix of accepted and dropped offers, and the pool's threads compete with the caller for the machine's cores.
 * Each route prints the split over the measurement iterations at the end of the trial (a line starting with
 * {@code SHADOW-STATS}): reads, compared, dropped, timed out.
 *
 * <p>Results are small records (an int and a String), equal on both sides, so that every comparison that runs
 * is a match, made by the default structural comparator.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ShadowBenchmarks {

    /** Threads of Strangler's shadow pool here, and of the pool given to Scientist4J's {@code runAsync}. */
    static final int SHADOW_THREADS = 2;
    /** Queue of Strangler's shadow pool here (its default), and of the pool given to Scientist4J. */
    static final int SHADOW_QUEUE = 1_000;
    /** The item the benchmarks ask for. */
    static final int ID = 41;
    static final String KEY = Keys.user(42);

    // ---------------------------------------------------------------- Strangler

    /** A router with its own shadow pool and one route {@code shadow} in stage SHADOW: legacy serves. */
    abstract static class ShadowRoute {
        final String key = KEY;
        /** Not final, so that the JIT can't fold it. */
        int id = ID;
        final Catalog legacy = new Catalog.Legacy(ID);
        MigrationRouter router;
        Route<Catalog> route;
        private RouteStats before;
        private long beforeNanos;
        private boolean measuring;
        private long reads;
        private long nanos;
        private final long[] shadows = new long[6];

        void open(int threads, int queue, double shadowSample, Catalog modern) {
            router = Strangler.router()
                    .refreshInterval(Duration.ZERO)
                    .meterRegistry(new SimpleMeterRegistry())
                    .shadowThreads(threads)
                    .shadowQueueCapacity(queue)
                    .build();
            route = router.register(RouteDefinition.builder("shadow", Catalog.class)
                    .legacy(legacy)
                    .modern(modern)
                    .initialState(s -> s.stage(Stage.SHADOW).shadowSample(shadowSample))
                    .build());
            RouterBenchmarks.check(read() == legacy.find(key, id), "legacy serves the reads of a SHADOW route");
        }

        Item read() {
            String k = key;
            int i = id;
            return route.read(k, c -> c.find(k, i));
        }

        void startIteration(IterationParams iteration) {
            measuring = iteration.getType() == IterationType.MEASUREMENT;
            before = route.stats();
            beforeNanos = System.nanoTime();
        }

        void endIteration() {
            if (!measuring) {
                return;
            }
            long now = System.nanoTime();
            RouteStats after = route.stats();
            nanos += now - beforeNanos;
            reads += after.legacy().calls() - before.legacy().calls();
            long[] a = counts(after.shadow());
            long[] b = counts(before.shadow());
            for (int i = 0; i < shadows.length; i++) {
                shadows[i] += a[i] - b[i];
            }
        }

        private static long[] counts(RouteStats.ShadowStats s) {
            return new long[] {s.matches(), s.mismatches(), s.ignored(), s.errors(), s.timeouts(), s.dropped()};
        }

        /** Prints what the shadows of the measurement iterations became, and checks none mismatched. */
        void close(BenchmarkParams params) {
            try {
                long compared = shadows[0] + shadows[1] + shadows[2];
                long dropped = shadows[5];
                String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
                System.out.printf(Locale.ROOT, "%nSHADOW-STATS {\"benchmark\":\"%s\",\"threads\":%d,\"seconds\":%.1f,"
                                + "\"reads\":%d,\"matches\":%d,\"mismatches\":%d,\"ignored\":%d,\"errors\":%d,"
                                + "\"timeouts\":%d,\"dropped\":%d,\"comparedShare\":%.6f,\"droppedShare\":%.6f}%n",
                        name, params.getThreads(), nanos / 1e9, reads, shadows[0], shadows[1], shadows[2],
                        shadows[3], shadows[4], dropped, reads == 0 ? 0.0 : (double) compared / reads,
                        reads == 0 ? 0.0 : (double) dropped / reads);
                RouterBenchmarks.check(shadows[1] == 0 && shadows[3] == 0, "no shadow mismatched or failed");
            } finally {
                router.close();
            }
        }
    }

    /** SHADOW stage, every read shadowed ({@code shadowSample(100)}), pool of 2 threads and 1,000 queued tasks. */
    @State(Scope.Benchmark)
    public static class Shadowed extends ShadowRoute {
        @Setup(Level.Trial)
        public void setUp() {
            open(SHADOW_THREADS, SHADOW_QUEUE, 100, new Catalog.Modern(ID));
            RouterBenchmarks.check(route.state().shadowSampleBasisPoints() == 10_000, "every read shadowed");
            await(() -> route.stats().shadow().matches() >= 1, "a shadowed read compared as a match");
        }

        @Setup(Level.Iteration)
        public void iteration(IterationParams iteration) {
            startIteration(iteration);
        }

        @TearDown(Level.Iteration)
        public void iterationEnd() {
            endIteration();
        }

        @TearDown(Level.Trial)
        public void tearDown(BenchmarkParams params) {
            close(params);
        }
    }

    /**
     * SHADOW stage at the router's default sample, 10 % of reads, same pool: the pool has room for most offers,
     * which is the regime of an application whose reads do real work between shadows.
     */
    @State(Scope.Benchmark)
    public static class Sampled extends ShadowRoute {
        @Setup(Level.Trial)
        public void setUp() {
            open(SHADOW_THREADS, SHADOW_QUEUE, 10, new Catalog.Modern(ID));
            RouterBenchmarks.check(route.state().shadowSampleBasisPoints() == 1_000, "10 % of reads shadowed");
        }

        @Setup(Level.Iteration)
        public void iteration(IterationParams iteration) {
            startIteration(iteration);
        }

        @TearDown(Level.Iteration)
        public void iterationEnd() {
            endIteration();
        }

        @TearDown(Level.Trial)
        public void tearDown(BenchmarkParams params) {
            close(params);
        }
    }

    /** SHADOW stage with shadowing sampled out ({@code shadowSample(0)}): the serving path alone, for reference. */
    @State(Scope.Benchmark)
    public static class Unsampled extends ShadowRoute {
        @Setup(Level.Trial)
        public void setUp() {
            open(SHADOW_THREADS, SHADOW_QUEUE, 0, new Catalog.Modern(ID));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            RouteStats.ShadowStats s = route.stats().shadow();
            router.close();
            RouterBenchmarks.check(s.compared() + s.dropped() + s.timeouts() + s.errors() == 0, "nothing shadowed");
        }
    }

    /**
     * SHADOW stage, every read shadowed, on a pool of 1 thread and a queue of 1 that is full on purpose: modern
     * blocks (ignoring interrupts) until teardown, so its one thread is taken by the first shadow, the queue by
     * the second, and every shadow after them is dropped. The caller's cost of a shadow the router cannot run.
     */
    @State(Scope.Benchmark)
    public static class Saturated extends ShadowRoute {
        final CountDownLatch release = new CountDownLatch(1);

        @Setup(Level.Trial)
        public void setUp() {
            open(1, 1, 100, new Catalog.Blocking(ID, release));
            for (int i = 0; i < 3; i++) {
                read();
            }
            await(() -> route.stats().shadow().dropped() >= 1, "the shadow pool is full and drops shadows");
        }

        @Setup(Level.Iteration)
        public void iteration(IterationParams iteration) {
            startIteration(iteration);
        }

        @TearDown(Level.Iteration)
        public void iterationEnd() {
            endIteration();
        }

        @TearDown(Level.Trial)
        public void tearDown(BenchmarkParams params) {
            release.countDown();
            close(params);
        }
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            RouterBenchmarks.check(System.nanoTime() < deadline, what);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * What the calling thread alone allocates, per operation, over the measurement iterations. {@code -prof gc}
     * divides the allocation of every thread of the JVM by the operations, so for the shadow benchmarks it also
     * counts what the shadow pool's threads allocate running and comparing shadows; this counts the caller's own,
     * from the JVM's per-thread allocation counter. Per benchmark thread; prints a {@code CALLER-ALLOC} line.
     */
    @State(Scope.Thread)
    public static class Caller {
        private static final com.sun.management.ThreadMXBean THREADS =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long ops;
        private long opsBefore;
        private long bytesBefore;
        private boolean measuring;
        private long measuredOps;
        private long measuredBytes;

        @Setup(Level.Iteration)
        public void start(IterationParams iteration) {
            measuring = iteration.getType() == IterationType.MEASUREMENT;
            opsBefore = ops;
            bytesBefore = THREADS.getCurrentThreadAllocatedBytes();
        }

        @TearDown(Level.Iteration)
        public void end() {
            long bytes = THREADS.getCurrentThreadAllocatedBytes();
            if (measuring) {
                measuredOps += ops - opsBefore;
                measuredBytes += bytes - bytesBefore;
            }
        }

        @TearDown(Level.Trial)
        public void report(BenchmarkParams params) {
            String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
            System.out.printf(Locale.ROOT, "%nCALLER-ALLOC {\"benchmark\":\"%s\",\"threads\":%d,\"thread\":\"%s\","
                            + "\"ops\":%d,\"bytesPerOp\":%.1f}%n", name, params.getThreads(),
                    Thread.currentThread().getName(), measuredOps,
                    measuredOps == 0 ? 0.0 : (double) measuredBytes / measuredOps);
        }
    }

    /** Baseline: legacy's {@code find} through the interface. */
    @Benchmark
    public Item directFind(Unsampled r) {
        return r.legacy.find(r.key, r.id);
    }

    /** A read of a SHADOW route whose shadowing is sampled out: legacy serves, nothing is shadowed. */
    @Benchmark
    public Item routerShadowUnsampled(Unsampled r) {
        return r.read();
    }

    /**
     * A read of a SHADOW route, shadowed: legacy serves, then the caller builds the shadow task and offers it to
     * the pool, which runs modern and compares there (or drops the task when its queue is full).
     */
    @Benchmark
    public Item routerShadow(Shadowed r, Caller caller) {
        caller.ops++;
        return r.read();
    }

    /**
     * A read of a SHADOW route at the default sample of 10 %: one read in ten offers a shadow. The cost of one
     * shadow to the caller is (this − {@link #routerShadowUnsampled}) × 10.
     */
    @Benchmark
    public Item routerShadowSampled10(Sampled r, Caller caller) {
        caller.ops++;
        return r.read();
    }

    /** A shadowed read while the shadow pool is full: every shadow offered is dropped. */
    @Benchmark
    public Item routerShadowSaturated(Saturated r, Caller caller) {
        caller.ops++;
        return r.read();
    }

    // ---------------------------------------------------------------- Scientist4J

    /**
     * Scientist4J 0.6 {@code Experiment.run}: control (legacy) and candidate (modern) both run on the caller's
     * thread, in random order, each timed by a Dropwizard Metrics 5 timer, then compared with {@code equals}
     * (its default comparator). No executor.
     */
    @State(Scope.Benchmark)
    public static class ScientistRun {
        final Catalog legacy = new Catalog.Legacy(ID);
        final Catalog modern = new Catalog.Modern(ID);
        final String key = KEY;
        int id = ID;
        final MetricRegistry metrics = new MetricRegistry();
        Experiment<Item> experiment;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            experiment = new ExperimentBuilder<Item>().withName("bench-run").withRegistry(metrics).build();
            Item control = legacy.find(key, id);
            RouterBenchmarks.check(experiment.run(() -> legacy.find(key, id), () -> modern.find(key, id)) == control,
                    "Scientist4J returns the control's value");
            checkMatches(metrics, "bench-run");
        }
    }

    /**
     * Scientist4J 0.6 {@code Experiment.runAsync} with a bounded executor of Strangler's shadow pool's size
     * ({@value #SHADOW_THREADS} threads, {@value #SHADOW_QUEUE} queued, abort when full), given through
     * {@code ExperimentBuilder.withExecutorService}. {@code runAsync} submits control and candidate to it, waits
     * for the control's result, then submits a third task that waits for the candidate and compares.
     */
    @State(Scope.Benchmark)
    public static class ScientistAsync {
        final Catalog legacy = new Catalog.Legacy(ID);
        final Catalog modern = new Catalog.Modern(ID);
        final String key = KEY;
        int id = ID;
        final MetricRegistry metrics = new MetricRegistry();
        ThreadPoolExecutor pool;
        Experiment<Item> experiment;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            AtomicInteger n = new AtomicInteger();
            pool = new ThreadPoolExecutor(SHADOW_THREADS, SHADOW_THREADS, 60, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(SHADOW_QUEUE), r -> {
                        Thread t = new Thread(r, "scientist4j-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    }, new ThreadPoolExecutor.AbortPolicy());
            experiment = new ExperimentBuilder<Item>().withName("bench-async").withRegistry(metrics)
                    .withExecutorService(pool).build();
            Item control = legacy.find(key, id);
            RouterBenchmarks.check(
                    experiment.runAsync(() -> legacy.find(key, id), () -> modern.find(key, id)) == control,
                    "Scientist4J returns the control's value");
            await(() -> counter(metrics, "bench-async", "total") >= 1, "Scientist4J compared asynchronously");
            checkMatches(metrics, "bench-async");
        }

        @TearDown(Level.Trial)
        public void tearDown(BenchmarkParams params) throws InterruptedException {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            System.out.printf(Locale.ROOT, "%nSCIENTIST4J-STATS {\"threads\":%d,\"compared\":%d,\"mismatches\":%d,"
                            + "\"tasks\":%d}%n", params.getThreads(),
                    counter(metrics, "bench-async", "total"), counter(metrics, "bench-async", "mismatch"),
                    pool.getCompletedTaskCount());
            checkMatches(metrics, "bench-async");
        }
    }

    static long counter(MetricRegistry metrics, String experiment, String name) {
        return metrics.counter(MetricRegistry.name("scientist", experiment, name)).getCount();
    }

    static void checkMatches(MetricRegistry metrics, String experiment) {
        RouterBenchmarks.check(counter(metrics, experiment, "total") >= 1
                && counter(metrics, experiment, "mismatch") == 0, "Scientist4J compared and found matches");
    }

    /** Scientist4J's synchronous experiment: both sides and the comparison on the caller's thread. */
    @Benchmark
    public Item scientist4jRun(ScientistRun s, Caller caller) throws Exception {
        caller.ops++;
        Catalog legacy = s.legacy;
        Catalog modern = s.modern;
        String key = s.key;
        int id = s.id;
        return s.experiment.run(() -> legacy.find(key, id), () -> modern.find(key, id));
    }

    /** Scientist4J's asynchronous experiment: the caller waits for the control's result from the pool. */
    @Benchmark
    public Item scientist4jRunAsync(ScientistAsync s, Caller caller) throws Exception {
        caller.ops++;
        Catalog legacy = s.legacy;
        Catalog modern = s.modern;
        String key = s.key;
        int id = s.id;
        return s.experiment.runAsync(() -> legacy.find(key, id), () -> modern.find(key, id));
    }
}
