package io.strangler.api.resilience;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Retry of modern reads and idempotent writes before they fall back to legacy. Each attempt passes through the
 * circuit breaker. Non-idempotent writes are never retried. Immutable.
 *
 * <pre>{@code
 * RetrySettings retry = RetrySettings.of(3, Duration.ofMillis(20)); // up to 3 attempts, 20 ms apart
 * }</pre>
 */
public final class RetrySettings {

    private static final RetrySettings NONE = new RetrySettings(1, Duration.ZERO);

    private final int maxAttempts;
    private final Duration waitDuration;

    private RetrySettings(int maxAttempts, Duration waitDuration) {
        this.maxAttempts = maxAttempts;
        this.waitDuration = waitDuration;
    }

    /**
     * One attempt, no retry: the default.
     *
     * @return one attempt, no retry: the default
     */
    public static RetrySettings none() {
        return NONE;
    }

    /**
     * Up to {@code maxAttempts} attempts, {@code waitDuration} apart.
     *
     * @param maxAttempts attempts in all, the first included; at least 1
     * @param waitDuration the pause between attempts; zero or positive
     * @return the settings
     * @throws IllegalArgumentException if {@code maxAttempts} is below 1 or {@code waitDuration} is negative
     * @throws NullPointerException if {@code waitDuration} is null
     */
    public static RetrySettings of(int maxAttempts, Duration waitDuration) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(waitDuration, "waitDuration");
        if (waitDuration.isNegative()) {
            throw new IllegalArgumentException("waitDuration must not be negative, was " + waitDuration);
        }
        return maxAttempts == 1 ? NONE : new RetrySettings(maxAttempts, waitDuration);
    }

    /**
     * Attempts in all, the first included.
     *
     * @return attempts in all, the first included
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The pause between attempts.
     *
     * @return the pause between attempts
     */
    public Duration waitDuration() {
        return waitDuration;
    }

    /**
     * Whether more than one attempt is made.
     *
     * @return whether more than one attempt is made
     */
    public boolean enabled() {
        return maxAttempts > 1;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RetrySettings && ((RetrySettings) o).maxAttempts == maxAttempts
                && ((RetrySettings) o).waitDuration.equals(waitDuration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, waitDuration);
    }

    @Override
    public String toString() {
        return "RetrySettings{maxAttempts=" + maxAttempts + ", waitDuration=" + waitDuration + "}";
    }
}
