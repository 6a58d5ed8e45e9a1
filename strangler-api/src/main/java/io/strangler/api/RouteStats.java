package io.strangler.api;

import java.util.Objects;

/**
 * Counts and latencies of one route's calls since it was registered, per side, with its shadow comparisons and
 * second writes.
 *
 * @param route the route's name
 * @param legacy the legacy side's figures
 * @param modern the modern side's figures
 * @param shadow the shadow comparisons' figures
 * @param secondaryWrites the second writes' figures
 */
public record RouteStats(String route, Side legacy, Side modern, Shadow shadow, SecondaryWrites secondaryWrites) {

    /**
     * Checks the fields.
     *
     * @param route the route's name
     * @param legacy the legacy side's figures
     * @param modern the modern side's figures
     * @param shadow the shadow comparisons' figures
     * @param secondaryWrites the second writes' figures
     * @throws NullPointerException if a field is null
     */
    public RouteStats {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(legacy, "legacy");
        Objects.requireNonNull(modern, "modern");
        Objects.requireNonNull(shadow, "shadow");
        Objects.requireNonNull(secondaryWrites, "secondaryWrites");
    }

    /**
     * Shadow comparisons by result.
     *
     * @param matches answers that matched
     * @param mismatches answers that differed
     * @param ignored answers that differed only in noisy paths
     * @param errors comparisons that failed
     * @param timeouts shadow calls past their deadline
     * @param dropped shadow calls not made because the executor was full
     */
    public record Shadow(long matches, long mismatches, long ignored, long errors, long timeouts, long dropped) {

        /** @return comparisons that concluded: matches, mismatches and ignored */
        public long compared() {
            return matches + mismatches + ignored;
        }
    }

    /**
     * Second writes by outcome.
     *
     * @param succeeded second writes that returned normally
     * @param failed second writes that threw; each is in the reconciliation log
     * @param skipped second writes not attempted (modern's breaker open, executor full, modern already failed the
     *     write); each is in the reconciliation log
     * @param verified dual writes read back from both sides and found equal
     * @param integrityFailures dual writes read back from both sides and found different
     */
    public record SecondaryWrites(long succeeded, long failed, long skipped, long verified, long integrityFailures) {
    }

    /**
     * The figures of one side.
     *
     * @param target the side
     * @param successes calls that returned normally
     * @param errors calls whose exception reached the caller
     * @param fallbacks calls routed here that legacy served instead (always 0 for legacy)
     * @param timedCalls how many calls the latency figures are drawn from (legacy calls are timed on a sample)
     * @param p50Nanos the median latency, in nanoseconds; 0 with no timed call
     * @param p95Nanos the 95th percentile latency, in nanoseconds
     * @param p99Nanos the 99th percentile latency, in nanoseconds
     */
    public record Side(Target target, long successes, long errors, long fallbacks, long timedCalls, long p50Nanos,
            long p95Nanos, long p99Nanos) {

        /** @return every call routed to this side */
        public long calls() {
            return successes + errors + fallbacks;
        }
    }

    /**
     * The figures of {@code target}.
     *
     * @param target a side
     * @return that side's figures
     */
    public Side side(Target target) {
        return target == Target.LEGACY ? legacy : modern;
    }
}
