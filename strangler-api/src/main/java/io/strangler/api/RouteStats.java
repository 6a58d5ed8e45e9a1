package io.strangler.api;

import io.strangler.api.resilience.CircuitBreakerState;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A snapshot of one route's counters since it was registered: calls and latencies per side, shadow comparisons,
 * second writes, the state of modern's circuit breaker, and the {@linkplain Route#record measures} the application
 * recorded per side (the input of business triggers). Snapshots subtract: {@code later.minus(earlier)} holds
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
 * @param measures the measures recorded with {@link Route#record}, by name, sorted by name
 */
public record RouteStats(String route, SideStats legacy, SideStats modern, ShadowStats shadow,
        SecondaryWrites secondaryWrites, CircuitBreakerState breaker, Map<String, MeasureStats> measures) {

    /**
     * Figures without measures.
     *
     * @param route the route's name
     * @param legacy the legacy side's figures
     * @param modern the modern side's figures
     * @param shadow the shadow comparisons' figures
     * @param secondaryWrites the second writes' figures
     * @param breaker the state of modern's circuit breaker
     */
    public RouteStats(String route, SideStats legacy, SideStats modern, ShadowStats shadow,
            SecondaryWrites secondaryWrites, CircuitBreakerState breaker) {
        this(route, legacy, modern, shadow, secondaryWrites, breaker, Map.of());
    }

    /**
     * Checks the fields and copies the measures.
     *
     * @param route the route's name
     * @param legacy the legacy side's figures
     * @param modern the modern side's figures
     * @param shadow the shadow comparisons' figures
     * @param secondaryWrites the second writes' figures
     * @param breaker the state of modern's circuit breaker
     * @param measures the measures by name; copied
     * @throws NullPointerException if a field, a measure's name or its figures are null
     */
    public RouteStats {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(legacy, "legacy");
        Objects.requireNonNull(modern, "modern");
        Objects.requireNonNull(shadow, "shadow");
        Objects.requireNonNull(secondaryWrites, "secondaryWrites");
        Objects.requireNonNull(breaker, "breaker");
        Objects.requireNonNull(measures, "measures");
        measures = measures.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(measures));
    }

    /**
     * The figures of one measure.
     *
     * @param name the measure's name
     * @return its figures; both sides empty when the measure was never recorded
     */
    public MeasureStats measure(String name) {
        MeasureStats m = measures.get(name);
        return m != null ? m : MeasureStats.EMPTY;
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
                secondaryWrites.minus(base.secondaryWrites), breaker, combine(measures, base.measures, false));
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
                secondaryWrites.plus(other.secondaryWrites), b, combine(measures, other.measures, true));
    }

    private static Map<String, MeasureStats> combine(Map<String, MeasureStats> a, Map<String, MeasureStats> b,
            boolean add) {
        if (b.isEmpty()) {
            return a;
        }
        Map<String, MeasureStats> out = new TreeMap<>(a);
        for (Map.Entry<String, MeasureStats> e : b.entrySet()) {
            MeasureStats mine = out.getOrDefault(e.getKey(), MeasureStats.EMPTY);
            out.put(e.getKey(), add ? mine.plus(e.getValue()) : mine.minus(e.getValue()));
        }
        return out;
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

    /**
     * One measure's figures per side: what the application {@linkplain Route#record recorded} for the calls each side
     * served.
     *
     * @param legacy the values recorded for legacy
     * @param modern the values recorded for modern
     */
    public record MeasureStats(Moments legacy, Moments modern) {

        /** No value on either side. */
        public static final MeasureStats EMPTY = new MeasureStats(Moments.EMPTY, Moments.EMPTY);

        /**
         * Checks the fields.
         *
         * @param legacy the values recorded for legacy
         * @param modern the values recorded for modern
         * @throws NullPointerException if a side is null
         */
        public MeasureStats {
            Objects.requireNonNull(legacy, "legacy");
            Objects.requireNonNull(modern, "modern");
        }

        /**
         * One side's values.
         *
         * @param side a side
         * @return its values
         */
        public Moments side(Side side) {
            return side == Side.LEGACY ? legacy : modern;
        }

        /**
         * What was recorded between {@code base} and these figures.
         *
         * @param base earlier figures of the same measure
         * @return the difference
         */
        public MeasureStats minus(MeasureStats base) {
            return new MeasureStats(legacy.minus(base.legacy), modern.minus(base.modern));
        }

        /**
         * These figures and {@code other}'s together.
         *
         * @param other figures of the same measure
         * @return the sum
         */
        public MeasureStats plus(MeasureStats other) {
            return new MeasureStats(legacy.plus(other.legacy), modern.plus(other.modern));
        }
    }

    /**
     * The values recorded for one side of a measure, as the three sums their count, mean and variance come from:
     * they subtract into an interval's figures and add across instances. An outcome measure records 1 for a success
     * and 0 for a failure, so its mean is the success rate.
     *
     * @param count how many values were recorded
     * @param sum their sum
     * @param sumOfSquares the sum of their squares
     */
    public record Moments(long count, double sum, double sumOfSquares) {

        /** No value. */
        public static final Moments EMPTY = new Moments(0, 0, 0);

        /**
         * The mean of the values.
         *
         * @return the mean; NaN when there is none
         */
        public double mean() {
            return count > 0 ? sum / count : Double.NaN;
        }

        /**
         * The sample variance of the values (divided by {@code count - 1}), never negative.
         *
         * @return the variance; NaN with fewer than 2 values
         */
        public double variance() {
            if (count < 2) {
                return Double.NaN;
            }
            double v = (sumOfSquares - sum * sum / count) / (count - 1);
            return Math.max(0, v);
        }

        /**
         * What was recorded between {@code base} and these figures.
         *
         * @param base earlier figures of the same side
         * @return the difference
         */
        public Moments minus(Moments base) {
            return new Moments(count - base.count, sum - base.sum, sumOfSquares - base.sumOfSquares);
        }

        /**
         * These figures and {@code other}'s together.
         *
         * @param other figures of the same side
         * @return the sum
         */
        public Moments plus(Moments other) {
            return new Moments(count + other.count, sum + other.sum, sumOfSquares + other.sumOfSquares);
        }
    }
}
