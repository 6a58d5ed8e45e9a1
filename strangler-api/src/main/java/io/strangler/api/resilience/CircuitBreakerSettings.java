package io.strangler.api.resilience;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The circuit breaker in front of a route's modern side: when too many modern calls fail (or are too slow) in
 * the sliding window, the breaker opens and calls go to legacy without touching modern until it has rested.
 * Implemented with resilience4j; these are its settings, in Strangler's own types. Immutable.
 *
 * <pre>{@code
 * CircuitBreakerSettings settings = CircuitBreakerSettings.custom()
 *         .failureRateThreshold(25)
 *         .slidingWindowSize(50)
 *         .waitDurationInOpenState(Duration.ofSeconds(10))
 *         .build();
 * }</pre>
 */
public final class CircuitBreakerSettings {

    /** Default failure rate, in percent, at which the breaker opens. */
    public static final float DEFAULT_FAILURE_RATE_THRESHOLD = 50;
    /** Default rate of slow calls, in percent, at which the breaker opens. */
    public static final float DEFAULT_SLOW_CALL_RATE_THRESHOLD = 100;
    /** Default duration above which a call counts as slow. */
    public static final Duration DEFAULT_SLOW_CALL_DURATION = Duration.ofSeconds(60);
    /** Default number of most recent calls the failure rate is computed over. */
    public static final int DEFAULT_SLIDING_WINDOW_SIZE = 100;
    /** The largest sliding window: resilience4j allocates one slot per call in it. */
    public static final int MAX_SLIDING_WINDOW_SIZE = 100_000;
    /** Default number of calls needed before the failure rate is judged. */
    public static final int DEFAULT_MINIMUM_NUMBER_OF_CALLS = 20;
    /** Default time the breaker stays open before it lets trial calls through. */
    public static final Duration DEFAULT_WAIT_DURATION_IN_OPEN_STATE = Duration.ofSeconds(30);
    /** Default number of trial calls let through when half open. */
    public static final int DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE = 5;

    private static final CircuitBreakerSettings DEFAULTS = custom().build();

    private final float failureRateThreshold;
    private final float slowCallRateThreshold;
    private final Duration slowCallDuration;
    private final int slidingWindowSize;
    private final int minimumNumberOfCalls;
    private final Duration waitDurationInOpenState;
    private final int permittedCallsInHalfOpenState;

    private CircuitBreakerSettings(Builder b) {
        this.failureRateThreshold = b.failureRateThreshold;
        this.slowCallRateThreshold = b.slowCallRateThreshold;
        this.slowCallDuration = b.slowCallDuration;
        this.slidingWindowSize = b.slidingWindowSize;
        this.minimumNumberOfCalls = b.minimumNumberOfCalls;
        this.waitDurationInOpenState = b.waitDurationInOpenState;
        this.permittedCallsInHalfOpenState = b.permittedCallsInHalfOpenState;
    }

    /**
     * The defaults: 50 % failures over the last 100 calls (at least 20), open for 30 s.
     *
     * @return the defaults: 50 % failures over the last 100 calls (at least 20), open for 30 s
     */
    public static CircuitBreakerSettings ofDefaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a builder starting from the defaults
     */
    public static Builder custom() {
        return new Builder();
    }

    /**
     * A builder starting from {@code base}.
     *
     * @param base the settings to start from
     * @return a builder
     */
    public static Builder from(CircuitBreakerSettings base) {
        Builder b = new Builder();
        b.failureRateThreshold = base.failureRateThreshold;
        b.slowCallRateThreshold = base.slowCallRateThreshold;
        b.slowCallDuration = base.slowCallDuration;
        b.slidingWindowSize = base.slidingWindowSize;
        b.minimumNumberOfCalls = base.minimumNumberOfCalls;
        b.waitDurationInOpenState = base.waitDurationInOpenState;
        b.permittedCallsInHalfOpenState = base.permittedCallsInHalfOpenState;
        return b;
    }

    /**
     * The failure rate, in percent, at which the breaker opens.
     *
     * @return the failure rate, in percent, at which the breaker opens
     */
    public float failureRateThreshold() {
        return failureRateThreshold;
    }

    /**
     * The rate of slow calls, in percent, at which the breaker opens.
     *
     * @return the rate of slow calls, in percent, at which the breaker opens
     */
    public float slowCallRateThreshold() {
        return slowCallRateThreshold;
    }

    /**
     * The duration above which a call counts as slow.
     *
     * @return the duration above which a call counts as slow
     */
    public Duration slowCallDuration() {
        return slowCallDuration;
    }

    /**
     * The number of most recent calls the rates are computed over.
     *
     * @return the number of most recent calls the rates are computed over
     */
    public int slidingWindowSize() {
        return slidingWindowSize;
    }

    /**
     * The number of calls needed before the rates are judged.
     *
     * @return the number of calls needed before the rates are judged
     */
    public int minimumNumberOfCalls() {
        return minimumNumberOfCalls;
    }

    /**
     * How long the breaker stays open before it lets trial calls through.
     *
     * @return how long the breaker stays open before it lets trial calls through
     */
    public Duration waitDurationInOpenState() {
        return waitDurationInOpenState;
    }

    /**
     * The number of trial calls let through when half open.
     *
     * @return the number of trial calls let through when half open
     */
    public int permittedCallsInHalfOpenState() {
        return permittedCallsInHalfOpenState;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof CircuitBreakerSettings)) {
            return false;
        }
        CircuitBreakerSettings s = (CircuitBreakerSettings) o;
        return failureRateThreshold == s.failureRateThreshold && slowCallRateThreshold == s.slowCallRateThreshold
                && slowCallDuration.equals(s.slowCallDuration) && slidingWindowSize == s.slidingWindowSize
                && minimumNumberOfCalls == s.minimumNumberOfCalls
                && waitDurationInOpenState.equals(s.waitDurationInOpenState)
                && permittedCallsInHalfOpenState == s.permittedCallsInHalfOpenState;
    }

    @Override
    public int hashCode() {
        return Objects.hash(failureRateThreshold, slowCallRateThreshold, slowCallDuration, slidingWindowSize,
                minimumNumberOfCalls, waitDurationInOpenState, permittedCallsInHalfOpenState);
    }

    @Override
    public String toString() {
        return "CircuitBreakerSettings{failureRateThreshold=" + failureRateThreshold + "%, slowCallRateThreshold="
                + slowCallRateThreshold + "%, slowCallDuration=" + slowCallDuration + ", slidingWindowSize="
                + slidingWindowSize + ", minimumNumberOfCalls=" + minimumNumberOfCalls
                + ", waitDurationInOpenState=" + waitDurationInOpenState + ", permittedCallsInHalfOpenState="
                + permittedCallsInHalfOpenState + "}";
    }

    /** Builds {@link CircuitBreakerSettings}; every setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private float failureRateThreshold = DEFAULT_FAILURE_RATE_THRESHOLD;
        private float slowCallRateThreshold = DEFAULT_SLOW_CALL_RATE_THRESHOLD;
        private Duration slowCallDuration = DEFAULT_SLOW_CALL_DURATION;
        private int slidingWindowSize = DEFAULT_SLIDING_WINDOW_SIZE;
        private int minimumNumberOfCalls = DEFAULT_MINIMUM_NUMBER_OF_CALLS;
        private Duration waitDurationInOpenState = DEFAULT_WAIT_DURATION_IN_OPEN_STATE;
        private int permittedCallsInHalfOpenState = DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE;

        private Builder() {
        }

        /**
         * Sets the failure rate threshold: failure rate at which the breaker opens, in {@code (0, 100]}.
         *
         * @param percent failure rate at which the breaker opens, in {@code (0, 100]}
         * @return this builder
         * @throws IllegalArgumentException if {@code percent} is outside {@code (0, 100]}
         */
        public Builder failureRateThreshold(float percent) {
            this.failureRateThreshold = percent("failureRateThreshold", percent);
            return this;
        }

        /**
         * Sets the slow call rate threshold: slow-call rate at which the breaker opens, in {@code (0, 100]}.
         *
         * @param percent slow-call rate at which the breaker opens, in {@code (0, 100]}
         * @return this builder
         * @throws IllegalArgumentException if {@code percent} is outside {@code (0, 100]}
         */
        public Builder slowCallRateThreshold(float percent) {
            this.slowCallRateThreshold = percent("slowCallRateThreshold", percent);
            return this;
        }

        /**
         * Sets the duration above which a call counts as slow, positive.
         *
         * @param duration the duration above which a call counts as slow, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code duration} is not positive
         */
        public Builder slowCallDuration(Duration duration) {
            this.slowCallDuration = positive("slowCallDuration", duration);
            return this;
        }

        /**
         * Sets the number of most recent calls the rates are computed over, in {@code [1, 100000]}.
         *
         * @param size the number of most recent calls the rates are computed over, in {@code [1, 100000]}
         * @return this builder
         * @throws IllegalArgumentException if {@code size} is below 1 or above {@link #MAX_SLIDING_WINDOW_SIZE}
         */
        public Builder slidingWindowSize(int size) {
            if (size > MAX_SLIDING_WINDOW_SIZE) {
                throw new IllegalArgumentException("slidingWindowSize must be at most " + MAX_SLIDING_WINDOW_SIZE
                        + ", was " + size);
            }
            this.slidingWindowSize = atLeastOne("slidingWindowSize", size);
            return this;
        }

        /**
         * Sets the number of calls needed before the rates are judged, at least 1.
         *
         * @param calls the number of calls needed before the rates are judged, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code calls} is below 1
         */
        public Builder minimumNumberOfCalls(int calls) {
            this.minimumNumberOfCalls = atLeastOne("minimumNumberOfCalls", calls);
            return this;
        }

        /**
         * Sets how long the breaker stays open, at least 1 ms.
         *
         * @param duration how long the breaker stays open, at least 1 ms
         * @return this builder
         * @throws IllegalArgumentException if {@code duration} is shorter than 1 ms
         */
        public Builder waitDurationInOpenState(Duration duration) {
            Objects.requireNonNull(duration, "waitDurationInOpenState");
            if (duration.toMillis() < 1) {
                throw new IllegalArgumentException("waitDurationInOpenState must be at least 1 ms, was " + duration);
            }
            this.waitDurationInOpenState = duration;
            return this;
        }

        /**
         * Sets the number of trial calls let through when half open, at least 1.
         *
         * @param calls the number of trial calls let through when half open, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code calls} is below 1
         */
        public Builder permittedCallsInHalfOpenState(int calls) {
            this.permittedCallsInHalfOpenState = atLeastOne("permittedCallsInHalfOpenState", calls);
            return this;
        }

        /**
         * The settings.
         *
         * @return the settings
         */
        public CircuitBreakerSettings build() {
            return new CircuitBreakerSettings(this);
        }

        private static float percent(String field, float value) {
            if (!(value > 0 && value <= 100)) {
                throw new IllegalArgumentException(field + " must be in (0, 100] percent, was " + value);
            }
            return value;
        }

        private static int atLeastOne(String field, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(field + " must be at least 1, was " + value);
            }
            return value;
        }

        private static Duration positive(String field, Duration value) {
            Objects.requireNonNull(value, field);
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(field + " must be positive, was " + value);
            }
            return value;
        }
    }
}
