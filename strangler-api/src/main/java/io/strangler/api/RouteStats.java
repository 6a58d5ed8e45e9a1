package io.strangler.api;

import io.strangler.api.resilience.CircuitBreakerState;
import java.util.Objects;

/**
 * A snapshot of one route's counters since it was registered: calls and latencies per side, shadow comparisons,
 * second writes, and the state of modern's circuit breaker. Snapshots subtract: {@code later.minus(earlier)} holds
 * what happened in between (the breaker state is the later one's), which is how a rollout controller builds its
 * health windows from {@link Route#stats()} alone. They add too ({@link #plus}): a fleet's figures are the sum of its
 * instances'.
 *
 * <pre>{@code
 * RouteStats before = route.stats();
 * // ... a minute of traffic ...
 * RouteStats minute = route.stats().minus(before);
 * long modernErrors = minute.modern().errors();
 * long p95 = minute.modern().latency().valueAtPercentile(95);
 * }</pre>
 *
 * @param route the route's name
 * @param legacy the legacy side's figures
 * @param modern the modern side's figures
 * @param shadow the shadow comparisons' figures
 * @param secondaryWrites the second writes' figures
 * @param breaker the state of modern's circuit breaker when the snapshot was taken
 */
public record RouteStats(String route, SideStats legacy, SideStats modern, ShadowStats shadow,
        SecondaryWrites secondaryWrites, CircuitBreakerState breaker) {

    /**
     * Checks the fields.
     *
     * @param route the route's name
     * @param legacy the legacy side's figures
     * @param modern the modern side's figures
     * @param shadow the shadow comparisons' figures
     * @param secondaryWrites the second writes' figures
     * @param breaker the state of modern's circuit breaker
     * @throws NullPointerException if a field is null
     */
    public RouteStats {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(legacy, "legacy");
        Objects.requireNonNull(modern, "modern");
        Objects.requireNonNull(shadow, "shadow");
        Objects.requireNonNull(secondaryWrites, "secondaryWrites");
        Objects.requireNonNull(breaker, "breaker");
    }

    /**
     * The figures of one side.
     *
     * @param side a side
     * @return that side's figures
     */
    public SideStats side(Side side) {
        return side == Side.LEGACY ? legacy : modern;
    }

    /**
     * What happened between {@code base} and this snapshot.
     *
     * @param base an earlier snapshot of the same route
     * @return every counter minus {@code base}'s; the breaker state is this snapshot's
     * @throws IllegalArgumentException if {@code base} is of another route
     */
    public RouteStats minus(RouteStats base) {
        if (!route.equals(base.route)) {
            throw new IllegalArgumentException("can't subtract the stats of route '" + base.route + "' from those of '"
                    + route + "'");
        }
        return new RouteStats(route, legacy.minus(base.legacy), modern.minus(base.modern), shadow.minus(base.shadow),
                secondaryWrites.minus(base.secondaryWrites), breaker);
    }

    /**
     * These figures and {@code other}'s together: what two instances did on the same route, say.
     *
     * @param other figures of the same route
     * @return every counter added; the breaker is the more open of the two ({@code OPEN} or {@code FORCED_OPEN} if
     *     either is, else this one's)
     * @throws IllegalArgumentException if {@code other} is of another route
     */
    public RouteStats plus(RouteStats other) {
        if (!route.equals(other.route)) {
            throw new IllegalArgumentException("can't add the stats of route '" + other.route + "' to those of '"
                    + route + "'");
        }
        CircuitBreakerState b = breaker.isOpen() || !other.breaker.isOpen() ? breaker : other.breaker;
        return new RouteStats(route, legacy.plus(other.legacy), modern.plus(other.modern), shadow.plus(other.shadow),
                secondaryWrites.plus(other.secondaryWrites), b);
    }

    /**
     * The figures of one side. A call routed to modern that legacy answered (modern failed, or its open breaker kept
     * the call from it) is a {@code fallback} of modern, and a success or an error of legacy.
     *
     * @param side the side
     * @param successes calls that returned normally (or threw an exception the route declares a normal outcome)
     * @param errors calls whose exception reached the caller, including calls the open breaker refused when no
     *     fallback was allowed
     * @param fallbacks calls routed here that legacy answered instead (always 0 for legacy)
     * @param shortCircuited the fallbacks modern's open breaker made: modern was not called (always 0 for legacy)
     * @param latency the latencies of the timed calls (every modern call is timed; legacy calls on a sample)
     * @param fallbackFailures the fallbacks legacy answered with an exception (always 0 for legacy): they are among
     *     legacy's errors too, but not legacy's own calls
     */
    public record SideStats(Side side, long successes, long errors, long fallbacks, long shortCircuited,
            LatencyDistribution latency, long fallbackFailures) {

        /**
         * Figures without failed fallbacks.
         *
         * @param side the side
         * @param successes calls that returned normally
         * @param errors calls whose exception reached the caller
         * @param fallbacks calls legacy answered instead
         * @param shortCircuited fallbacks made by the open breaker
         * @param latency the latencies of the timed calls
         */
        public SideStats(Side side, long successes, long errors, long fallbacks, long shortCircuited,
                LatencyDistribution latency) {
            this(side, successes, errors, fallbacks, shortCircuited, latency, 0);
        }

        /**
         * Checks the fields.
         *
         * @param side the side
         * @param successes calls that returned normally
         * @param errors calls whose exception reached the caller
         * @param fallbacks calls legacy answered instead
         * @param shortCircuited fallbacks made by the open breaker
         * @param latency the latencies of the timed calls
         * @param fallbackFailures the fallbacks legacy failed
         * @throws NullPointerException if {@code side} or {@code latency} is null
         */
        public SideStats {
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(latency, "latency");
        }

        /**
         * Every call routed to this side.
         *
         * @return successes, errors and fallbacks
         */
        public long calls() {
            return successes + errors + fallbacks;
        }

        /**
         * How many calls the latencies are drawn from.
         *
         * @return {@code latency().count()}
         */
        public long timedCalls() {
            return latency.count();
        }

        /**
         * The median latency.
         *
         * @return nanoseconds; 0 with no timed call
         */
        public long p50Nanos() {
            return latency.valueAtPercentile(50);
        }

        /**
         * The 95th percentile latency.
         *
         * @return nanoseconds; 0 with no timed call
         */
        public long p95Nanos() {
            return latency.valueAtPercentile(95);
        }

        /**
         * The 99th percentile latency.
         *
         * @return nanoseconds; 0 with no timed call
         */
        public long p99Nanos() {
            return latency.valueAtPercentile(99);
        }

        /**
         * What happened between {@code base} and these figures.
         *
         * @param base earlier figures of the same side
         * @return the difference
         */
        public SideStats minus(SideStats base) {
            return new SideStats(side, successes - base.successes, errors - base.errors, fallbacks - base.fallbacks,
                    shortCircuited - base.shortCircuited, latency.minus(base.latency),
                    fallbackFailures - base.fallbackFailures);
        }

        /**
         * These figures and {@code other}'s together.
         *
         * @param other figures of the same side
         * @return the sum
         */
        public SideStats plus(SideStats other) {
            return new SideStats(side, successes + other.successes, errors + other.errors,
                    fallbacks + other.fallbacks, shortCircuited + other.shortCircuited, latency.plus(other.latency),
                    fallbackFailures + other.fallbackFailures);
        }
    }

    /**
     * Shadow comparisons by result, and the requests exactly one side failed among those compared.
     *
     * @param matches answers that matched
     * @param mismatches answers that differed
     * @param ignored answers that differed only in noisy paths
     * @param errors comparisons that failed
     * @param timeouts shadow calls past their deadline
     * @param dropped shadow calls not made because the executor was full
     * @param modernOnlyFailures compared requests modern failed and legacy answered
     * @param legacyOnlyFailures compared requests legacy failed and modern answered
     * @param expected answers that differed only where the comparator's rules expect them to
     */
    public record ShadowStats(long matches, long mismatches, long ignored, long errors, long timeouts, long dropped,
            long modernOnlyFailures, long legacyOnlyFailures, long expected) {

        /**
         * Figures without expected differences.
         *
         * @param matches answers that matched
         * @param mismatches answers that differed
         * @param ignored answers that differed only in noisy paths
         * @param errors comparisons that failed
         * @param timeouts shadow calls past their deadline
         * @param dropped shadow calls not made
         * @param modernOnlyFailures compared requests modern failed and legacy answered
         * @param legacyOnlyFailures compared requests legacy failed and modern answered
         */
        public ShadowStats(long matches, long mismatches, long ignored, long errors, long timeouts, long dropped,
                long modernOnlyFailures, long legacyOnlyFailures) {
            this(matches, mismatches, ignored, errors, timeouts, dropped, modernOnlyFailures, legacyOnlyFailures, 0);
        }

        /**
         * Comparisons that concluded.
         *
         * @return matches, mismatches, ignored and expected
         */
        public long compared() {
            return matches + mismatches + ignored + expected;
        }

        /**
         * What happened between {@code base} and these figures.
         *
         * @param base earlier figures of the same route
         * @return the difference
         */
        public ShadowStats minus(ShadowStats base) {
            return new ShadowStats(matches - base.matches, mismatches - base.mismatches, ignored - base.ignored,
                    errors - base.errors, timeouts - base.timeouts, dropped - base.dropped,
                    modernOnlyFailures - base.modernOnlyFailures, legacyOnlyFailures - base.legacyOnlyFailures,
                    expected - base.expected);
        }

        /**
         * These figures and {@code other}'s together.
         *
         * @param other figures of the same route
         * @return the sum
         */
        public ShadowStats plus(ShadowStats other) {
            return new ShadowStats(matches + other.matches, mismatches + other.mismatches, ignored + other.ignored,
                    errors + other.errors, timeouts + other.timeouts, dropped + other.dropped,
                    modernOnlyFailures + other.modernOnlyFailures, legacyOnlyFailures + other.legacyOnlyFailures,
                    expected + other.expected);
        }
    }

    /**
     * Second writes by outcome, and the verifications of dual writes.
     *
     * @param succeeded second writes that returned normally
     * @param failed second writes that threw; each is in the reconciliation log
     * @param skipped second writes not attempted (modern's breaker open, executor full, modern already failed the
     *     write); each is in the reconciliation log
     * @param verified dual writes read back from both sides and found equal
     * @param integrityFailures dual writes read back from both sides and found different
     * @param lost second writes modern missed whose entries the reconciliation log dropped when it was full: they
     *     can't be replayed, so modern's data is no longer known to match (a data-integrity failure)
     */
    public record SecondaryWrites(long succeeded, long failed, long skipped, long verified, long integrityFailures,
            long lost) {

        /**
         * Figures without lost writes.
         *
         * @param succeeded second writes that returned normally
         * @param failed second writes that threw
         * @param skipped second writes not attempted
         * @param verified dual writes found equal
         * @param integrityFailures dual writes found different
         */
        public SecondaryWrites(long succeeded, long failed, long skipped, long verified, long integrityFailures) {
            this(succeeded, failed, skipped, verified, integrityFailures, 0);
        }

        /**
         * What happened between {@code base} and these figures.
         *
         * @param base earlier figures of the same route
         * @return the difference
         */
        public SecondaryWrites minus(SecondaryWrites base) {
            return new SecondaryWrites(succeeded - base.succeeded, failed - base.failed, skipped - base.skipped,
                    verified - base.verified, integrityFailures - base.integrityFailures, lost - base.lost);
        }

        /**
         * These figures and {@code other}'s together.
         *
         * @param other figures of the same route
         * @return the sum
         */
        public SecondaryWrites plus(SecondaryWrites other) {
            return new SecondaryWrites(succeeded + other.succeeded, failed + other.failed, skipped + other.skipped,
                    verified + other.verified, integrityFailures + other.integrityFailures, lost + other.lost);
        }
    }
}
