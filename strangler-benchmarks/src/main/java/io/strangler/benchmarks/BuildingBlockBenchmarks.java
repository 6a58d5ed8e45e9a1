package io.strangler.benchmarks;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.core.Bucketing;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The pieces Strangler's call path is made of, each alone around the same trivial call. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class BuildingBlockBenchmarks {

    private static final HashFunction MURMUR = Hashing.murmur3_32_fixed();

    int x = 41;
    String key = Keys.user(42);
    /** The salt the router uses: the cohort, by default the route's name. */
    String salt = "bench";
    Svc svc;
    Timer timer;

    @Setup(Level.Trial)
    public void setUp() {
        svc = new Svc.Legacy();
        timer = new SimpleMeterRegistry().timer("bench");
        RouterBenchmarks.check(guavaMurmurBucket() == Bucketing.bucket(salt, key),
                "the benchmark's formula is Strangler's bucketing");
    }

    /** The bucketing formula, spelled out with Guava: murmur3_32_fixed through a Hasher, scaled to 10,000. */
    @Benchmark
    public int guavaMurmurBucket() {
        int hash = MURMUR.newHasher()
                .putString(salt, StandardCharsets.UTF_8)
                .putByte((byte) ':')
                .putString(key, StandardCharsets.UTF_8)
                .hash()
                .asInt();
        return (int) ((Integer.toUnsignedLong(hash) * 10_000L) >>> 32);
    }

    /**
     * A resilience4j 2.4.0 breaker around the trivial call. SYNCHRONIZED is resilience4j's default sliding window
     * and what Strangler configures for its routes; LOCK_FREE is what it configured before (count-based window of
     * 100 either way).
     */
    @State(Scope.Benchmark)
    public static class Breaker {
        @Param({"SYNCHRONIZED", "LOCK_FREE"})
        String window;
        CircuitBreaker breaker;

        @Setup(Level.Trial)
        public void setUp() {
            breaker = CircuitBreaker.of("bench", CircuitBreakerConfig.custom()
                    .slidingWindow(100, 100, SlidingWindowType.COUNT_BASED,
                            SlidingWindowSynchronizationStrategy.valueOf(window))
                    .build());
        }
    }

    @Benchmark
    public int r4jCircuitBreaker(Breaker b) {
        String k = key;
        int arg = x;
        return b.breaker.executeSupplier(() -> svc.compute(k, arg));
    }

    /** A Micrometer timer of a SimpleMeterRegistry, fed with two clock reads around the trivial call. */
    @Benchmark
    public int micrometerTimer() {
        long start = System.nanoTime();
        int r = svc.compute(key, x);
        timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return r;
    }

    /** One clock read: the modern path makes two of them (four before). */
    @Benchmark
    public long systemNanoTime() {
        return System.nanoTime();
    }
}
