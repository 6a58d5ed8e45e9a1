package io.strangler.core.health;

import java.time.Instant;
import java.util.Objects;

/**
 * The legacy side's performance captured before a route first served modern traffic: the last health window in
 * which legacy served every call; or, when the controller never saw such a window (it took the first step at its
 * first tick), the window since in which legacy had the most timed calls of its own (30 at least). The latency trigger compares modern with it when legacy has too few calls of its
 * own in a window (after a full cut-over, legacy has none).
 *
 * @param capturedAt the end of the window the figures come from
 * @param calls the legacy calls in that window
 * @param timedCalls how many of them were timed (legacy is timed on a sample)
 * @param p50Nanos legacy's median latency, in nanoseconds
 * @param p95Nanos legacy's 95th percentile latency, in nanoseconds
 * @param p99Nanos legacy's 99th percentile latency, in nanoseconds
 * @param errorRate the share of legacy calls that ended in an error, in {@code [0, 1]}
 * @param callsPerSecond legacy's throughput over the window
 */
public record PerformanceBaseline(Instant capturedAt, long calls, long timedCalls, long p50Nanos, long p95Nanos,
        long p99Nanos, double errorRate, double callsPerSecond) {

    /**
     * Checks the fields.
     *
     * @param capturedAt the end of the window the figures come from
     * @param calls the legacy calls in that window, 0 or more
     * @param timedCalls how many of them were timed, 0 or more
     * @param p50Nanos legacy's median latency, 0 or more
     * @param p95Nanos legacy's 95th percentile latency, 0 or more
     * @param p99Nanos legacy's 99th percentile latency, 0 or more
     * @param errorRate the share of legacy calls that ended in an error, in {@code [0, 1]}
     * @param callsPerSecond legacy's throughput, 0 or more
     * @throws NullPointerException if {@code capturedAt} is null
     * @throws IllegalArgumentException if a count or latency is negative, or a rate is out of range
     */
    public PerformanceBaseline {
        Objects.requireNonNull(capturedAt, "capturedAt");
        if (calls < 0 || timedCalls < 0 || p50Nanos < 0 || p95Nanos < 0 || p99Nanos < 0) {
            throw new IllegalArgumentException("baseline counts and latencies must not be negative, were calls="
                    + calls + ", timedCalls=" + timedCalls + ", p50Nanos=" + p50Nanos + ", p95Nanos=" + p95Nanos
                    + ", p99Nanos=" + p99Nanos);
        }
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("errorRate must be in [0, 1], was " + errorRate);
        }
        if (!(callsPerSecond >= 0)) {
            throw new IllegalArgumentException("callsPerSecond must not be negative, was " + callsPerSecond);
        }
    }
}
