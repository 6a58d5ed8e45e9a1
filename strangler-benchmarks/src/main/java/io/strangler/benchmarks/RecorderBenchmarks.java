package io.strangler.benchmarks;

import io.strangler.api.OperationKind;
import io.strangler.api.Side;
import io.strangler.api.event.CallOutcome;
import io.strangler.core.breaker.BreakerFeed;
import io.strangler.core.breaker.Breakers;
import io.strangler.core.metrics.SideRecorder;
import io.strangler.api.resilience.CircuitBreakerSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;
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
 * The parts of the modern path's bookkeeping, each alone, shared by all benchmark threads as a route's are: what
 * recording one timed call costs ({@link SideRecorder}, and a bare HdrHistogram {@link Recorder} for comparison) and
 * what reporting one fast success to modern's breaker costs ({@link BreakerFeed}, and resilience4j's breaker told
 * of every call). Run with {@code -t 1} and {@code -t 2}: a part that scales costs the same per thread in both.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RecorderBenchmarks {

    /** A plausible modern latency, in nanoseconds; not final, so that the JIT can't fold it. */
    long nanos = 83_000;

    SideRecorder side;
    Recorder recorder;
    CircuitBreaker breaker;
    CircuitBreaker breakerForFeed;
    BreakerFeed feed;

    @Setup(Level.Trial)
    public void setUp() {
        side = new SideRecorder(Side.MODERN, OperationKind.READ, 1, bound -> 0);
        recorder = new Recorder(2);
        breaker = CircuitBreaker.of("direct", Breakers.config(CircuitBreakerSettings.ofDefaults(), t -> false,
                Clock.systemUTC()));
        breakerForFeed = CircuitBreaker.of("fed", Breakers.config(CircuitBreakerSettings.ofDefaults(), t -> false,
                Clock.systemUTC()));
        feed = new BreakerFeed(breakerForFeed);
    }

    /** What the modern path records for a successful call: counts, time and the latency histogram. */
    @Benchmark
    public void sideRecorderRecord() {
        side.record(CallOutcome.SUCCESS, nanos);
    }

    /** An HdrHistogram {@link Recorder} shared by the threads, as one route's was before it was striped. */
    @Benchmark
    public void hdrRecorderShared() {
        recorder.recordValue(nanos);
    }

    /** A fast success reported to modern's breaker through the feed, as the route reports it. */
    @Benchmark
    public void breakerFeedSuccess() {
        feed.success(nanos);
    }

    /** A fast success reported to resilience4j's breaker at once: its window takes a lock for every call. */
    @Benchmark
    public void breakerOnSuccess() {
        breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
    }
}
