package io.strangler.core.health;

import io.strangler.api.LatencyDistribution;
import io.strangler.api.RouteStats;
import io.strangler.api.Side;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one route did in one window of time (default 60 s), the input of {@link HealthJudge}: per side the calls,
 * errors and latencies; the shadow comparisons and mismatches; data-integrity failures; whether modern's breaker is
 * open; modern's routed share; the window's length; the application measures recorded per side; and the legacy
 * baseline captured before modern first served traffic. Immutable and
 * thread-safe; arrays passed to the builder are copied.
 *
 * <p>What to count, so that the triggers mean what they say:
 * <ul>
 * <li>a side's <b>calls</b> are the calls routed to it (shadow runs excluded); a call routed to modern that legacy
 *     answered (modern failed it, or its open breaker kept it from modern) counts as a modern call with an error,
 *     and not as a legacy call, so that an open breaker never hides modern's failures from the triggers;</li>
 * <li>a side's <b>latencies</b> may be a sample of its calls (legacy is often timed on a sample);</li>
 * <li>the <b>routed share</b> is the fraction of the window's calls the routing should have sent to modern: the
 *     fraction of calls whose routing decision was modern when the router counts them, else the percentage. The
 *     throughput trigger fires when modern serves markedly less than that; note that with sticky keys of very
 *     unequal traffic the percentage of keys is a poor estimate of the share of calls.</li>
 * </ul>
 *
 * <pre>{@code
 * HealthWindow window = HealthWindow.builder()
 *         .legacy(9_000, 45).legacyLatency(minute.legacy().latency())     // minute: RouteStats of the window
 *         .modern(1_000, 7).modernLatency(minute.modern().latency())
 *         .shadow(500, 1)
 *         .modernRoutedShare(0.10)
 *         .build();
 * }</pre>
 */
public final class HealthWindow {

    private final SideWindow legacy;
    private final SideWindow modern;
    private final long shadowComparisons;
    private final long pairedModernOnlyErrors;
    private final long pairedLegacyOnlyErrors;
    private final long shadowMismatches;
    private final long dataIntegrityFailures;
    private final long lostSecondWrites;
    private final boolean modernBreakerOpen;
    private final double modernRoutedShare;
    private final LegacyBaseline legacyBaseline;
    private final double seconds;
    private final Map<String, RouteStats.MeasureStats> measures;

    private HealthWindow(Builder b) {
        this.legacy = new SideWindow(Side.LEGACY, b.legacyCalls, b.legacyErrors, b.legacyLatency);
        this.modern = new SideWindow(Side.MODERN, b.modernCalls, b.modernErrors, b.modernLatency);
        this.shadowComparisons = b.shadowComparisons;
        this.pairedModernOnlyErrors = b.pairedModernOnlyErrors;
        this.pairedLegacyOnlyErrors = b.pairedLegacyOnlyErrors;
        this.shadowMismatches = b.shadowMismatches;
        this.dataIntegrityFailures = b.dataIntegrityFailures;
        this.lostSecondWrites = b.lostSecondWrites;
        this.modernBreakerOpen = b.modernBreakerOpen;
        this.modernRoutedShare = b.modernRoutedShare;
        this.legacyBaseline = b.legacyBaseline;
        this.seconds = b.seconds;
        this.measures = Map.copyOf(b.measures);
    }

    /**
     * A builder of an empty window: no calls, no comparisons, breaker closed, routed share unknown.
     *
     * @return a builder of an empty window: no calls, no comparisons, breaker closed, routed share unknown
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The legacy side's figures.
     *
     * @return the legacy side's figures
     */
    public SideWindow legacy() {
        return legacy;
    }

    /**
     * The modern side's figures.
     *
     * @return the modern side's figures
     */
    public SideWindow modern() {
        return modern;
    }

    /**
     * The figures of one side.
     *
     * @param side a side
     * @return that side's figures
     * @throws NullPointerException if {@code side} is null
     */
    public SideWindow side(Side side) {
        return Objects.requireNonNull(side, "side") == Side.LEGACY ? legacy : modern;
    }

    /**
     * The shadow comparisons made in the window.
     *
     * @return the shadow comparisons made in the window
     */
    public long shadowComparisons() {
        return shadowComparisons;
    }

    /**
     * The shadow comparisons on which modern alone failed.
     *
     * @return of the shadow comparisons (each a request both sides answered), those where modern failed and legacy
     *         did not: with {@link #pairedLegacyOnlyErrors()}, the discordant pairs of a paired error comparison
     */
    public long pairedModernOnlyErrors() {
        return pairedModernOnlyErrors;
    }

    /**
     * Of the shadow comparisons, those where legacy failed and modern did not.
     *
     * @return of the shadow comparisons, those where legacy failed and modern did not
     */
    public long pairedLegacyOnlyErrors() {
        return pairedLegacyOnlyErrors;
    }

    /**
     * The shadow comparisons whose two answers differed.
     *
     * @return the shadow comparisons whose two answers differed
     */
    public long shadowMismatches() {
        return shadowMismatches;
    }

    /**
     * The data-integrity failures in the window: dual writes found different when read back, and second writes lost
     * from a full reconciliation log.
     *
     * @return the data-integrity failures in the window
     */
    public long dataIntegrityFailures() {
        return dataIntegrityFailures;
    }

    /**
     * Of the {@link #dataIntegrityFailures()}, the second writes the reconciliation log dropped when it was full.
     *
     * @return the lost second writes in the window
     */
    public long lostSecondWrites() {
        return lostSecondWrites;
    }

    /**
     * Whether modern's circuit breaker is open at the end of the window.
     *
     * @return whether modern's circuit breaker is open at the end of the window
     */
    public boolean modernBreakerOpen() {
        return modernBreakerOpen;
    }

    /**
     * The fraction of the window's calls that should have reached modern, in {@code [0, 1]}; NaN if unknown.
     *
     * @return the fraction of the window's calls that should have reached modern, in {@code [0, 1]}; NaN if unknown
     */
    public double modernRoutedShare() {
        return modernRoutedShare;
    }

    /**
     * How long the window is, in seconds.
     *
     * @return how long the window is, in seconds; NaN if unknown
     */
    public double seconds() {
        return seconds;
    }

    /**
     * The values of an application measure recorded in the window.
     *
     * @param name the measure's name
     * @return its figures per side; both empty when none was recorded
     */
    public RouteStats.MeasureStats measure(String name) {
        return measures.getOrDefault(name, RouteStats.MeasureStats.EMPTY);
    }

    /**
     * The legacy baseline, if one was captured.
     *
     * @return the legacy baseline, if one was captured
     */
    public Optional<LegacyBaseline> legacyBaseline() {
        return Optional.ofNullable(legacyBaseline);
    }

    @Override
    public String toString() {
        return "HealthWindow{legacy=" + legacy + ", modern=" + modern + ", shadowComparisons=" + shadowComparisons
                + ", shadowMismatches=" + shadowMismatches + ", dataIntegrityFailures=" + dataIntegrityFailures
                + ", modernBreakerOpen=" + modernBreakerOpen + ", modernRoutedShare=" + modernRoutedShare
                + ", legacyBaseline=" + legacyBaseline + "}";
    }

    /** The figures of one side in the window. Immutable. */
    public static final class SideWindow {
        private final Side side;
        private final long calls;
        private final long errors;
        private final LatencyDistribution latency;

        private SideWindow(Side side, long calls, long errors, LatencyDistribution latency) {
            this.side = side;
            this.calls = calls;
            this.errors = errors;
            this.latency = latency;
        }

        /**
         * Which side these figures are of.
         *
         * @return the side
         */
        public Side side() {
            return side;
        }

        /**
         * The latencies of the side's timed calls in the window.
         *
         * @return the distribution
         */
        public LatencyDistribution latency() {
            return latency;
        }

        /**
         * The calls the side served to callers.
         *
         * @return the calls the side served to callers
         */
        public long calls() {
            return calls;
        }

        /**
         * The calls that ended in an error.
         *
         * @return the calls that ended in an error
         */
        public long errors() {
            return errors;
        }

        /**
         * How many calls the latencies were recorded for.
         *
         * @return how many calls the latencies were recorded for
         */
        public long timedCalls() {
            return latency.count();
        }

        /**
         * The side's latency at a percentile.
         *
         * @param percentile in {@code (0, 100]}, e.g. 95
         * @return the latency, in nanoseconds, that at least {@code percentile} % of the timed calls took no longer
         *         than (to the histogram's resolution); 0 with no timed call
         * @throws IllegalArgumentException if {@code percentile} is outside {@code (0, 100]}
         */
        public long latencyAtPercentile(double percentile) {
            if (!(percentile > 0 && percentile <= 100)) {
                throw new IllegalArgumentException("percentile must be in (0, 100], was " + percentile);
            }
            return latency.valueAtPercentile(percentile);
        }

        /**
         * A one-sided upper confidence bound of a latency percentile, free of any assumption about the distribution:
         * the timed call at the rank that the upper Wilson bound of the percentile's share of {@link #timedCalls()}
         * gives. With few timed calls it is well above the sample's percentile (with 30 it is about the slowest call
         * for p95), so that a reference drawn from a small sample does not make the other side look slow.
         *
         * @param percentile in {@code (0, 100)}, e.g. 95
         * @param confidence in {@code (0.5, 1)}, e.g. 0.95
         * @return the bound, in nanoseconds; 0 with no timed call
         * @throws IllegalArgumentException if an argument is out of range
         */
        public long latencyAtPercentileUpperBound(double percentile, double confidence) {
            if (!(percentile > 0 && percentile < 100)) {
                throw new IllegalArgumentException("percentile must be in (0, 100), was " + percentile);
            }
            long n = latency.count();
            if (n == 0) {
                return 0;
            }
            double z = Confidence.of(confidence).z();
            double level = WilsonInterval.of(Math.round(percentile / 100 * n), n, z).upper();
            return latency.valueAtPercentile(Math.min(100, 100 * level));
        }

        long timedCallsAbove(long nanos) {
            return latency.countAbove(nanos);
        }

        @Override
        public String toString() {
            return side + "{calls=" + calls + ", errors=" + errors + ", timedCalls=" + timedCalls() + "}";
        }
    }

    /**
     * The legacy side's figures captured before modern first served traffic, used when legacy has too few calls in
     * the window to compare with (after a full cut-over, legacy may have none).
     *
     * @param p95Nanos legacy's p95 latency, in nanoseconds, positive: the latency trigger's reference, so a
     *        conservative one (the rollout controller passes the 95 % upper bound of the baseline window's p95)
     * @param errorRate legacy's error rate, in {@code [0, 1]}
     * @param callsPerSecond the route's throughput, positive, or NaN when unknown
     */
    public record LegacyBaseline(long p95Nanos, double errorRate, double callsPerSecond) {

        /**
         * A baseline without a throughput.
         *
         * @param p95Nanos legacy's p95 latency, in nanoseconds, positive
         * @param errorRate legacy's error rate, in {@code [0, 1]}
         */
        public LegacyBaseline(long p95Nanos, double errorRate) {
            this(p95Nanos, errorRate, Double.NaN);
        }

        /**
         * Checks the fields.
         *
         * @param p95Nanos legacy's p95 latency, in nanoseconds, positive
         * @param errorRate legacy's error rate, in {@code [0, 1]}
         * @param callsPerSecond the route's throughput, positive, or NaN
         * @throws IllegalArgumentException if {@code p95Nanos} is not positive, {@code errorRate} is outside
         *         {@code [0, 1]} or {@code callsPerSecond} is not positive
         */
        public LegacyBaseline {
            if (!Double.isNaN(callsPerSecond) && !(callsPerSecond > 0 && callsPerSecond < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("legacyBaseline.callsPerSecond must be positive, was "
                        + callsPerSecond);
            }
            if (p95Nanos <= 0) {
                throw new IllegalArgumentException("legacyBaseline.p95Nanos must be positive, was " + p95Nanos);
            }
            if (!(errorRate >= 0 && errorRate <= 1)) {
                throw new IllegalArgumentException("legacyBaseline.errorRate must be in [0, 1], was " + errorRate);
            }
        }
    }

    /** Builds a {@link HealthWindow}; every setter checks its arguments at once. Not thread-safe. */
    public static final class Builder {
        private long legacyCalls;
        private long legacyErrors;
        private LatencyDistribution legacyLatency = LatencyDistribution.EMPTY;
        private long modernCalls;
        private long modernErrors;
        private LatencyDistribution modernLatency = LatencyDistribution.EMPTY;
        private long shadowComparisons;
        private long pairedModernOnlyErrors;
        private long pairedLegacyOnlyErrors;
        private long shadowMismatches;
        private long dataIntegrityFailures;
        private long lostSecondWrites;
        private boolean modernBreakerOpen;
        private double modernRoutedShare = Double.NaN;
        private LegacyBaseline legacyBaseline;
        private double seconds = Double.NaN;
        private final Map<String, RouteStats.MeasureStats> measures = new TreeMap<>();

        private Builder() {
        }

        /**
         * Sets legacy's calls and errors.
         *
         * @param calls the calls legacy served, 0 or more
         * @param errors those that ended in an error, in {@code [0, calls]}
         * @return this builder
         * @throws IllegalArgumentException if {@code calls} is negative or {@code errors} outside {@code [0, calls]}
         */
        public Builder legacy(long calls, long errors) {
            checkCounts("legacy", calls, errors);
            this.legacyCalls = calls;
            this.legacyErrors = errors;
            return this;
        }

        /**
         * Sets modern's calls and errors.
         *
         * @param calls the calls modern served, 0 or more
         * @param errors those that ended in an error, in {@code [0, calls]}
         * @return this builder
         * @throws IllegalArgumentException if {@code calls} is negative or {@code errors} outside {@code [0, calls]}
         */
        public Builder modern(long calls, long errors) {
            checkCounts("modern", calls, errors);
            this.modernCalls = calls;
            this.modernErrors = errors;
            return this;
        }

        /**
         * Sets legacy's latencies in the window.
         *
         * @param latency the distribution, in nanoseconds
         * @return this builder
         * @throws NullPointerException if {@code latency} is null
         */
        public Builder legacyLatency(LatencyDistribution latency) {
            this.legacyLatency = Objects.requireNonNull(latency, "legacyLatency");
            return this;
        }

        /**
         * Sets legacy's latencies from raw values.
         *
         * @param nanos legacy's latencies in the window, in nanoseconds, none negative; copied
         * @return this builder
         * @throws NullPointerException if {@code nanos} is null
         * @throws IllegalArgumentException if a latency is negative
         */
        public Builder legacyLatencyNanos(long... nanos) {
            this.legacyLatency = LatencyDistribution.of(Objects.requireNonNull(nanos, "legacyLatencyNanos"));
            return this;
        }

        /**
         * Sets modern's latencies in the window.
         *
         * @param latency the distribution, in nanoseconds
         * @return this builder
         * @throws NullPointerException if {@code latency} is null
         */
        public Builder modernLatency(LatencyDistribution latency) {
            this.modernLatency = Objects.requireNonNull(latency, "modernLatency");
            return this;
        }

        /**
         * Sets modern's latencies from raw values.
         *
         * @param nanos modern's latencies in the window, in nanoseconds, none negative; copied
         * @return this builder
         * @throws NullPointerException if {@code nanos} is null
         * @throws IllegalArgumentException if a latency is negative
         */
        public Builder modernLatencyNanos(long... nanos) {
            this.modernLatency = LatencyDistribution.of(Objects.requireNonNull(nanos, "modernLatencyNanos"));
            return this;
        }

        /**
         * The discordant pairs among the shadow comparisons, for the paired error comparison. Must not exceed the
         * comparisons given to {@link #shadow(long, long)}; {@link #build()} checks.
         *
         * @param modernOnly comparisons where modern failed and legacy did not, 0 or more
         * @param legacyOnly comparisons where legacy failed and modern did not, 0 or more
         * @return this builder
         * @throws IllegalArgumentException if a count is negative
         */
        public Builder pairedErrors(long modernOnly, long legacyOnly) {
            if (modernOnly < 0 || legacyOnly < 0) {
                throw new IllegalArgumentException("paired errors must not be negative, were modernOnly=" + modernOnly
                        + ", legacyOnly=" + legacyOnly);
            }
            this.pairedModernOnlyErrors = modernOnly;
            this.pairedLegacyOnlyErrors = legacyOnly;
            return this;
        }

        /**
         * Sets the shadow comparisons and mismatches.
         *
         * @param comparisons the shadow comparisons made, 0 or more
         * @param mismatches those whose answers differed, in {@code [0, comparisons]}
         * @return this builder
         * @throws IllegalArgumentException if {@code comparisons} is negative or {@code mismatches} outside
         *         {@code [0, comparisons]}
         */
        public Builder shadow(long comparisons, long mismatches) {
            if (comparisons < 0) {
                throw new IllegalArgumentException("shadowComparisons must not be negative, was " + comparisons);
            }
            if (mismatches < 0 || mismatches > comparisons) {
                throw new IllegalArgumentException("shadowMismatches must be in [0, shadowComparisons="
                        + comparisons + "], was " + mismatches);
            }
            this.shadowComparisons = comparisons;
            this.shadowMismatches = mismatches;
            return this;
        }

        /**
         * Sets the data-integrity failures.
         *
         * @param failures the data-integrity failures found, 0 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code failures} is negative
         */
        public Builder dataIntegrityFailures(long failures) {
            if (failures < 0) {
                throw new IllegalArgumentException("dataIntegrityFailures must not be negative, was " + failures);
            }
            this.dataIntegrityFailures = failures;
            return this;
        }

        /**
         * Sets how many of the data-integrity failures are second writes lost from a full reconciliation log.
         *
         * @param lost 0 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code lost} is negative
         */
        public Builder lostSecondWrites(long lost) {
            if (lost < 0) {
                throw new IllegalArgumentException("lostSecondWrites must not be negative, was " + lost);
            }
            this.lostSecondWrites = lost;
            return this;
        }

        /**
         * Sets whether modern's circuit breaker is open.
         *
         * @param open whether modern's circuit breaker is open
         * @return this builder
         */
        public Builder modernBreakerOpen(boolean open) {
            this.modernBreakerOpen = open;
            return this;
        }

        /**
         * Sets modern's routed share.
         *
         * @param share the fraction of the window's calls that should have reached modern, in {@code [0, 1]}
         * @return this builder
         * @throws IllegalArgumentException if {@code share} is outside {@code [0, 1]}
         */
        public Builder modernRoutedShare(double share) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("modernRoutedShare must be in [0, 1], was " + share);
            }
            this.modernRoutedShare = share;
            return this;
        }

        /**
         * Sets the legacy baseline.
         *
         * @param p95Nanos legacy's p95 latency before modern served traffic, in nanoseconds, positive
         * @param errorRate legacy's error rate before modern served traffic, in {@code [0, 1]}
         * @return this builder
         * @throws IllegalArgumentException if {@code p95Nanos} is not positive or {@code errorRate} is outside
         *         {@code [0, 1]}
         */
        public Builder legacyBaseline(long p95Nanos, double errorRate) {
            this.legacyBaseline = new LegacyBaseline(p95Nanos, errorRate);
            return this;
        }

        /**
         * Sets the legacy baseline with its throughput.
         *
         * @param p95Nanos legacy's p95 latency before modern served traffic, in nanoseconds, positive
         * @param errorRate legacy's error rate before modern served traffic, in {@code [0, 1]}
         * @param callsPerSecond the route's calls per second before modern served traffic, positive
         * @return this builder
         * @throws IllegalArgumentException if a value is out of range
         */
        public Builder legacyBaseline(long p95Nanos, double errorRate, double callsPerSecond) {
            this.legacyBaseline = new LegacyBaseline(p95Nanos, errorRate, callsPerSecond);
            return this;
        }

        /**
         * Sets how long the window is.
         *
         * @param seconds the window's length in seconds, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code seconds} is not positive
         */
        public Builder seconds(double seconds) {
            if (!(seconds > 0 && seconds < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("seconds must be positive, was " + seconds);
            }
            this.seconds = seconds;
            return this;
        }

        /**
         * Sets the values of an application measure recorded in the window.
         *
         * @param name the measure's name
         * @param figures its figures per side
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if a side's count is negative
         */
        public Builder measure(String name, RouteStats.MeasureStats figures) {
            Objects.requireNonNull(name, "measure name");
            Objects.requireNonNull(figures, "measure figures");
            if (figures.legacy().count() < 0 || figures.modern().count() < 0) {
                throw new IllegalArgumentException("measure '" + name + "' counts must not be negative, were legacy="
                        + figures.legacy().count() + ", modern=" + figures.modern().count());
            }
            measures.put(name, figures);
            return this;
        }

        /**
         * Builds the window.
         *
         * @return the window
         * @throws IllegalArgumentException if the paired errors exceed the shadow comparisons
         */
        public HealthWindow build() {
            if (pairedModernOnlyErrors + pairedLegacyOnlyErrors > shadowComparisons) {
                throw new IllegalArgumentException("paired errors (modernOnly=" + pairedModernOnlyErrors
                        + ", legacyOnly=" + pairedLegacyOnlyErrors + ") must not exceed shadowComparisons="
                        + shadowComparisons);
            }
            return new HealthWindow(this);
        }

        private static void checkCounts(String side, long calls, long errors) {
            if (calls < 0) {
                throw new IllegalArgumentException(side + ".calls must not be negative, was " + calls);
            }
            if (errors < 0 || errors > calls) {
                throw new IllegalArgumentException(
                        side + ".errors must be in [0, " + side + ".calls=" + calls + "], was " + errors);
            }
        }
    }
}
