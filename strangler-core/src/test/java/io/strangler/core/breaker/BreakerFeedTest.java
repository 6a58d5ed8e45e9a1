package io.strangler.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BreakerFeedTest {

    private final CircuitBreaker breaker = CircuitBreaker.of("feed", CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(100)
            .minimumNumberOfCalls(20)
            .failureRateThreshold(50)
            .slowCallDurationThreshold(Duration.ofSeconds(1))
            .permittedNumberOfCallsInHalfOpenState(2)
            .build());
    private final BreakerFeed feed = new BreakerFeed(breaker);

    @Test
    void fastSuccessesReachTheBreakerInBatches() {
        for (int i = 0; i < BreakerFeed.BATCH - 1; i++) {
            feed.success(1_000);
        }
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isZero();
        feed.success(1_000);
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(BreakerFeed.BATCH);
    }

    @Test
    void anErrorHandsEveryPendingSuccessOverFirstSoTheFailureRateIsExact() {
        for (int i = 0; i < 11; i++) {
            feed.success(1_000);
        }
        for (int i = 0; i < 10; i++) {
            feed.error(1_000, new IllegalStateException("boom"));
        }
        // 11 successes and 10 failures: 47.6 %, below the 50 % threshold; a breaker that had not seen the pending
        // successes would have judged 10 failures in 10 calls
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(11);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(10);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        feed.error(1_000, new IllegalStateException("boom"));
        assertThat(breaker.getState()).as("11 of 22: 50 %").isEqualTo(CircuitBreaker.State.OPEN);
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
    void successesPendingWhenTheBreakerLeftClosedAreDropped() {
        for (int i = 0; i < 5; i++) {
            feed.success(1_000);
        }
        breaker.transitionToOpenState();
        feed.flush();
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isZero();
    }
}
