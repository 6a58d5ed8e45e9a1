package io.strangler.core.rollout;

import io.strangler.core.health.PerformanceBaseline;
import java.util.Objects;

/**
 * What a controller learned of a route's legacy side before modern served it, kept in the {@link RolloutJournal} so
 * that a controller built again (after a restart, or on another instance) judges modern against the same
 * reference: at 100 % legacy serves nothing, and without it a slower modern would not be caught.
 *
 * @param route the route
 * @param baseline the legacy figures
 * @param latencyReferenceNanos the latency trigger's reference: a 95 % upper confidence bound of legacy's p95, in
 *     nanoseconds, 0 or more
 * @param standIn whether it stands in for a baseline never captured (the controller never saw legacy serve alone, so
 *     the window since with the most timed legacy calls of its own was taken)
 */
public record LegacyBaseline(String route, PerformanceBaseline baseline, long latencyReferenceNanos,
        boolean standIn) {

    /**
     * Checks the fields.
     *
     * @param route the route
     * @param baseline the legacy figures
     * @param latencyReferenceNanos the latency trigger's reference, 0 or more
     * @param standIn whether it stands in for a baseline never captured
     * @throws NullPointerException if {@code route} or {@code baseline} is null
     * @throws IllegalArgumentException if {@code latencyReferenceNanos} is negative
     */
    public LegacyBaseline {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(baseline, "baseline");
        if (latencyReferenceNanos < 0) {
            throw new IllegalArgumentException("latencyReferenceNanos must not be negative, was "
                    + latencyReferenceNanos);
        }
    }
}
