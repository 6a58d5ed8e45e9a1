package io.strangler.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BreakerFeedTest {

    private static final int WINDOW = 100;
    private static final int MINIMUM = 20;

    private final CircuitBreaker breaker = CircuitBreaker.of("feed", CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(WINDOW)
            .minimumNumberOfCalls(MINIMUM)
            .failureRateThreshold(50)
            .slowCallDurationThreshold(Duration.ofSeconds(1))
            .permittedNumberOfCallsInHalfOpenState(2)
            .build());
    private final BreakerFeed feed = new BreakerFeed(breaker);

    /** The minimum number of calls, all fast successes: from here on the window is mature. */
    private void mature() {
        for (int i = 0; i < MINIMUM; i++) {
            feed.success(1_000);
        }
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).as("a young window counts every call at once")
                .isEqualTo(MINIMUM);
    }

    @Test
    void fastSuccessesReachAMatureWindowInBatches() {
        mature();
        for (int i = 0; i < BreakerFeed.BATCH - 1; i++) {
            feed.success(1_000);
        }
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(MINIMUM);
        feed.success(1_000);
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(MINIMUM + BreakerFeed.BATCH);
    }

    @Test
    void anErrorHandsEveryPendingSuccessOverFirstSoTheFailureRateIsExact() {
        mature();
        for (int i = 0; i < 11; i++) {
            feed.success(1_000);
        }
        for (int i = 0; i < 30; i++) {
            feed.error(1_000, new IllegalStateException("boom"));
        }
        // 31 successes and 30 failures: 49.2 %, below the 50 % threshold; a breaker that had not seen the 11
        // pending successes would have judged 20 failures in 40 calls and opened
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(31);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(30);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        feed.error(1_000, new IllegalStateException("boom"));
        assertThat(breaker.getState()).as("31 of 62: 50 %").isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void theSuccessThatReachesTheMinimumNumberOfCallsOpensTheBreakerAtOnce() {
        for (int i = 0; i < MINIMUM - 1; i++) {
            feed.error(1_000, new IllegalStateException("boom"));
        }
        assertThat(breaker.getState()).as("below the minimum number of calls").isEqualTo(CircuitBreaker.State.CLOSED);
        feed.success(1_000);
        assertThat(breaker.getState()).as("19 failures in 20 calls").isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void slowSuccessesAndAnyOutcomeOutsideClosedGoStraightThrough() {
        feed.success(Duration.ofSeconds(2).toNanos());
        assertThat(breaker.getMetrics().getNumberOfSlowSuccessfulCalls()).isEqualTo(1);

        breaker.transitionToOpenState();
        breaker.transitionToHalfOpenState();
        assertThat(breaker.tryAcquirePermission()).isTrue();
        feed.success(1_000);
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).as("a trial call counts at once").isEqualTo(1);
    }

    @Test
    void aSlowSuccessHandsEveryPendingSuccessOverFirst() {
        mature();
        for (int i = 0; i < 5; i++) {
            feed.success(1_000);
        }
        feed.success(Duration.ofSeconds(2).toNanos());
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(MINIMUM + 5 + 1);
        assertThat(breaker.getMetrics().getNumberOfSlowCalls()).isEqualTo(1);
    }

    @Test
    void successesPendingWhenTheBreakerLeftClosedAreDropped() {
        mature();
        for (int i = 0; i < 5; i++) {
            feed.success(1_000);
        }
        breaker.transitionToOpenState();
        feed.flush();
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).as("the open breaker keeps the closed window")
                .isEqualTo(MINIMUM);

        for (int i = 0; i < 5; i++) {
            feed.success(1_000);
        }
        breaker.transitionToClosedState();
        feed.flush();
        assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).as("a new window starts empty").isZero();
    }

    /**
     * {@code breaker} behind a proxy of its interface that counts the successes recorded on it; nothing listens to
     * its events, which would make the feed tell it of every success.
     */
    static CircuitBreaker counting(CircuitBreaker breaker, AtomicInteger successes) {
        return (CircuitBreaker) Proxy.newProxyInstance(CircuitBreaker.class.getClassLoader(),
                new Class<?>[] {CircuitBreaker.class}, (proxy, method, args) -> {
                    if (method.getName().equals("onSuccess")) {
                        successes.incrementAndGet();
                    }
                    try {
                        return method.invoke(breaker, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aWindowOfNothingButFastSuccessesIsLeftAloneAndAFailureIsJudgedAgainstAllOfIt() {
        AtomicInteger recorded = new AtomicInteger();
        BreakerFeed feed = new BreakerFeed(counting(breaker, recorded));
        for (int i = 0; i < 10 * WINDOW; i++) {
            feed.success(1_000);
        }
        int filling = recorded.get();
        assertThat(filling).as("recorded until the window was full of fast successes").isLessThanOrEqualTo(
                WINDOW + BreakerFeed.BATCH);
        for (int i = 0; i < 100_000; i++) {
            feed.success(1_000);
        }
        assertThat(recorded.get()).as("a saturated window records nothing more").isEqualTo(filling);
        assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isEqualTo(WINDOW);

        feed.error(1_000, new IllegalStateException("boom"));
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(WINDOW - 1);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
        assertThat(breaker.getMetrics().getFailureRate()).isEqualTo(1.0f);

        for (int i = 0; i < WINDOW - 1; i++) {
            feed.success(1_000);
        }
        feed.flush();
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).as("the failure is still in the window")
                .isEqualTo(1);
        feed.success(1_000);
        feed.flush();
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).as("and one more success evicts it").isZero();
    }

    @Test
    void aBreakerWhoseEventsAreConsumedIsToldOfEverySuccessWithItsDuration() {
        List<Duration> durations = new ArrayList<>();
        breaker.getEventPublisher().onSuccess(e -> durations.add(e.getElapsedDuration()));
        long total = 0;
        for (int i = 1; i <= 10 * WINDOW; i++) {
            feed.success(i * 1_000L);
            total += i * 1_000L;
        }
        assertThat(durations).as("one event per call").hasSize(10 * WINDOW);
        assertThat(durations.stream().mapToLong(Duration::toNanos).sum()).isEqualTo(total);
    }

    @Test
    void aFastSuccessOfASaturatedWindowAllocatesNothing() {
        for (int i = 0; i < 10 * WINDOW; i++) {
            feed.success(1_000);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        // the fewest bytes of five rounds: a round can catch a one-off allocation of the JVM's own on this thread (the
        // JIT swapping in compiled code), while a success that allocated would show in every round, 100,000 times over
        long fewest = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                feed.success(1_000);
            }
            fewest = Math.min(fewest, threads.getCurrentThreadAllocatedBytes() - before);
        }
        assertThat(fewest).as("bytes for 100,000 successes, in the best of five rounds").isLessThan(1_000);
    }

    @Test
    void aFailureTheBreakerIgnoresLeavesTheWindowSaturated() {
        CircuitBreaker ignoring = CircuitBreaker.of("ignoring", CircuitBreakerConfig.custom()
                .slidingWindow(10, 5, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .ignoreException(t -> t instanceof IllegalArgumentException)
                .build());
        AtomicInteger recorded = new AtomicInteger();
        BreakerFeed ignoringFeed = new BreakerFeed(counting(ignoring, recorded));
        for (int i = 0; i < 100; i++) {
            ignoringFeed.success(1_000);
        }
        int filling = recorded.get();
        ignoringFeed.error(1_000, new IllegalArgumentException("not found"));
        for (int i = 0; i < 1_000; i++) {
            ignoringFeed.success(1_000);
        }
        assertThat(recorded.get()).isEqualTo(filling);
        assertThat(ignoring.getMetrics().getNumberOfBufferedCalls()).isEqualTo(10);
        assertThat(ignoring.getMetrics().getNumberOfFailedCalls()).isZero();
    }
}
