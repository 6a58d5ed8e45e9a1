package io.strangler.benchmarks;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.OperationKind;
import io.strangler.api.RouteStats;
import io.strangler.api.Side;
import io.strangler.api.event.CallOutcome;
import io.strangler.api.resilience.CircuitBreakerState;
import io.strangler.core.metrics.RouteRecorder;
import io.strangler.core.metrics.SideRecorder;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What reading a route's figures costs: {@link RouteRecorder#stats}, which the rollout controller's tick, the console's
 * sampler and page, and the Actuator endpoint each call. The recorder holds 200,000 calls a side with latencies spread
 * from 20 µs to about a second (log-uniform), so that its histograms have the buckets of a real service's.
 *
 * <ul>
 *   <li>{@link #statsUnchanged}: no call since the last read, as for the second and later readers of one moment;
 *   <li>{@link #statsAfterNewCalls}: 16 new calls a side, then the read, as for a reader on a busy route;
 *   <li>{@link #micrometerSnapshotAfterNewCalls}: the peer a hand-rolled dashboard reads, a Micrometer {@link Timer}
 *       with a percentile histogram and the p50, p95 and p99 Strangler's judge uses, after the same new calls.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class StatsBenchmarks {

    private static final int PREFILL = 200_000;
    private static final int NEW_CALLS = 16;
    private static final RouteStats.ShadowStats NO_SHADOW = new RouteStats.ShadowStats(0, 0, 0, 0, 0, 0, 0, 0, 0);
    private static final RouteStats.SecondaryWrites NO_WRITES = new RouteStats.SecondaryWrites(0, 0, 0, 0, 0, 0);

    RouteRecorder recorder;
    SideRecorder legacy;
    SideRecorder modern;
    Timer timer;
    long[] latencies;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        latencies = new long[1 << 16];
        for (int i = 0; i < latencies.length; i++) {
            // log-uniform from 20 µs to about 1 s
            latencies[i] = (long) (20_000 * Math.exp(random.nextDouble() * Math.log(50_000)));
        }
        // every legacy call timed, as modern's are, so that both histograms are as full
        recorder = new RouteRecorder("bench", 1, bound -> 0);
        legacy = recorder.side(Side.LEGACY, OperationKind.READ);
        modern = recorder.side(Side.MODERN, OperationKind.READ);
        timer = Timer.builder("bench").publishPercentileHistogram().publishPercentiles(0.5, 0.95, 0.99)
                .register(new SimpleMeterRegistry());
        for (int i = 0; i < PREFILL; i++) {
            long nanos = latencies[i & (latencies.length - 1)];
            legacy.record(CallOutcome.SUCCESS, nanos);
            modern.record(CallOutcome.SUCCESS, nanos);
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }
        RouteStats stats = recorder.stats(NO_SHADOW, NO_WRITES, CircuitBreakerState.CLOSED);
        RouterBenchmarks.check(stats.modern().latency().count() == PREFILL, "modern's histogram holds the calls");
        RouterBenchmarks.check(stats.modern().latency().bucketLows().length > 500,
                "modern's histogram has the buckets of a spread of latencies, "
                        + stats.modern().latency().bucketLows().length);
    }

    private long nextLatency() {
        next = (next + 1) & (latencies.length - 1);
        return latencies[next];
    }

    /** The figures read again with no call in between. */
    @Benchmark
    public RouteStats statsUnchanged() {
        return recorder.stats(NO_SHADOW, NO_WRITES, CircuitBreakerState.CLOSED);
    }

    /** 16 calls a side recorded, then the figures read. */
    @Benchmark
    public RouteStats statsAfterNewCalls() {
        for (int i = 0; i < NEW_CALLS; i++) {
            long nanos = nextLatency();
            legacy.record(CallOutcome.SUCCESS, nanos);
            modern.record(CallOutcome.SUCCESS, nanos);
        }
        return recorder.stats(NO_SHADOW, NO_WRITES, CircuitBreakerState.CLOSED);
    }

    /** The peer: 16 calls timed by a Micrometer timer with a percentile histogram, then its snapshot read. */
    @Benchmark
    public HistogramSnapshot micrometerSnapshotAfterNewCalls() {
        for (int i = 0; i < NEW_CALLS; i++) {
            timer.record(nextLatency(), TimeUnit.NANOSECONDS);
        }
        return timer.takeSnapshot();
    }
}
