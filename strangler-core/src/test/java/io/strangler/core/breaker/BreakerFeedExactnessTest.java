package io.strangler.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The breaker a {@link BreakerFeed} feeds against a twin told of every outcome at once: same states after every
 * call, same window whenever the feed records anything but a fast success, and after a flush.
 */
class BreakerFeedExactnessTest {

    private static final long FAST = 1_000;
    private static final long SLOW = Duration.ofMillis(5).toNanos();

    private static CircuitBreakerConfig config(int window, int minimum) {
        return CircuitBreakerConfig.custom()
                .slidingWindow(window, minimum, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED,
                        CircuitBreakerConfig.SlidingWindowSynchronizationStrategy.SYNCHRONIZED)
                .failureRateThreshold(50)
                .slowCallRateThreshold(50)
                .slowCallDurationThreshold(Duration.ofMillis(1))
                .permittedNumberOfCallsInHalfOpenState(3)
                .ignoreException(t -> t instanceof IllegalArgumentException)
                .build();
    }

    @ParameterizedTest(name = "seed {0}, failures {1}, slow calls {2}")
    @CsvSource({
            "1, 0.0, 0.0", "2, 0.0, 0.002", "3, 0.005, 0.0", "4, 0.02, 0.01", "5, 0.1, 0.02", "6, 0.3, 0.05",
            "7, 0.5, 0.0", "8, 0.05, 0.3", "9, 0.7, 0.1", "10, 0.01, 0.0"})
    void opensClosesAndJudgesAsABreakerToldOfEveryCall(long seed, double failures, double slowCalls) {
        CircuitBreakerConfig config = config(10, 5);
        CircuitBreaker fed = CircuitBreaker.of("fed", config);
        CircuitBreaker twin = CircuitBreaker.of("twin", config);
        BreakerFeed feed = new BreakerFeed(fed);
        Random random = new Random(seed);
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalArgumentException ignored = new IllegalArgumentException("not found");
        int opened = 0;
        for (int call = 0; call < 20_000; call++) {
            boolean permitted = feed.tryAcquirePermission();
            assertThat(permitted).as("call %d permitted", call).isEqualTo(twin.tryAcquirePermission());
            if (!permitted) {
                opened++;
                fed.transitionToHalfOpenState();
                twin.transitionToHalfOpenState();
                continue;
            }
            double draw = random.nextDouble();
            if (draw < failures) {
                feed.error(FAST, boom);
                twin.onError(FAST, TimeUnit.NANOSECONDS, boom);
                assertSameWindow(fed, twin, call);
            } else if (draw < failures + slowCalls) {
                feed.success(SLOW);
                twin.onSuccess(SLOW, TimeUnit.NANOSECONDS);
                assertSameWindow(fed, twin, call);
            } else if (draw < failures + slowCalls + 0.01) {
                feed.error(FAST, ignored);
                twin.onError(FAST, TimeUnit.NANOSECONDS, ignored);
            } else {
                feed.success(FAST);
                twin.onSuccess(FAST, TimeUnit.NANOSECONDS);
            }
            assertThat(fed.getState()).as("state after call %d", call).isEqualTo(twin.getState());
        }
        feed.flush();
        assertSameWindow(fed, twin, 20_000);
        if (failures >= 0.5) {
            assertThat(opened).as("the run exercised opening").isPositive();
        }
    }

    private static void assertSameWindow(CircuitBreaker fed, CircuitBreaker twin, int call) {
        CircuitBreaker.Metrics f = fed.getMetrics();
        CircuitBreaker.Metrics t = twin.getMetrics();
        assertThat(List.of(f.getNumberOfBufferedCalls(), f.getNumberOfFailedCalls(), f.getNumberOfSlowCalls(),
                f.getNumberOfSuccessfulCalls()))
                .as("buffered, failed, slow, successful calls after call %d", call)
                .isEqualTo(List.of(t.getNumberOfBufferedCalls(), t.getNumberOfFailedCalls(), t.getNumberOfSlowCalls(),
                        t.getNumberOfSuccessfulCalls()));
        assertThat(f.getFailureRate()).isEqualTo(t.getFailureRate());
    }

    @Test
    void successesOfManyThreadsAreNeitherLostNorInvented() throws InterruptedException {
        CircuitBreaker breaker = CircuitBreaker.of("threads", config(100, 20));
        BreakerFeed feed = new BreakerFeed(breaker);
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Random random = new Random(i);
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (int call = 0; call < 50_000; call++) {
                        // one call in ten fails: a window at the 50 % threshold would take ~1e-17 bad luck
                        if (random.nextInt(10) == 0) {
                            feed.error(FAST, new IllegalStateException("boom"));
                        } else {
                            feed.success(FAST);
                        }
                    }
                } catch (Throwable t) {
                    failed.set(t);
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        assertThat(failed.get()).isNull();
        assertThat(breaker.getState()).as("a lost success would have raised the failure rate")
                .isEqualTo(CircuitBreaker.State.CLOSED);
        feed.flush();
        assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isEqualTo(100);
        assertThat(breaker.getMetrics().getFailureRate()).isLessThan(40);

        for (int call = 0; call < 100; call++) {
            feed.success(FAST);
        }
        feed.flush();
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).as("a window's worth of successes evicts them all")
                .isZero();
    }
}
