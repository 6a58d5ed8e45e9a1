package io.strangler.api;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The latencies of a set of calls, in nanoseconds, as a histogram: each bucket holds the calls whose latency lay in
 * {@code [low, high]}. A route's recorders bucket latencies to two significant digits; {@link #of(long...)} keeps
 * exact values. Snapshots of one route subtract ({@link #minus}), so that the latencies of an interval are the
 * snapshot at its end minus the snapshot at its start; distributions add ({@link #plus}), so that the latencies of
 * a fleet are the sum of its instances'. Immutable and thread-safe.
 */
public final class LatencyDistribution {

    /** No call. */
    public static final LatencyDistribution EMPTY = new LatencyDistribution(new long[0], new long[0], new long[0]);

    private final long[] lows;
    private final long[] highs;
    private final long[] counts;
    private final long total;

    private LatencyDistribution(long[] lows, long[] highs, long[] counts) {
        this.lows = lows;
        this.highs = highs;
        this.counts = counts;
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        this.total = sum;
    }

    /**
     * The exact latencies given.
     *
     * @param nanos latencies in nanoseconds, none negative, in any order
     * @return their distribution
     * @throws IllegalArgumentException if a latency is negative
     */
    public static LatencyDistribution of(long... nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        if (sorted.length > 0 && sorted[0] < 0) {
            throw new IllegalArgumentException("latencies must not be negative, was " + sorted[0]);
        }
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        long[] values = new long[distinct];
        long[] counts = new long[distinct];
        int b = -1;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                values[++b] = sorted[i];
            }
            counts[b]++;
        }
        return new LatencyDistribution(values, values.clone(), counts);
    }

    /**
     * A distribution from a histogram's buckets, for recorders that bucket latencies themselves.
     *
     * @param lows the lowest latency of each bucket, ascending
     * @param highs the highest latency of each bucket, at least its low and below the next bucket's low
     * @param counts the calls in each bucket, none negative
     * @return the distribution, holding copies of the arrays
     * @throws IllegalArgumentException if the arrays differ in length, or the buckets are not ascending and apart,
     *     or a count is negative
     */
    public static LatencyDistribution ofBuckets(long[] lows, long[] highs, long[] counts) {
        if (lows.length != highs.length || lows.length != counts.length) {
            throw new IllegalArgumentException("lows, highs and counts must have the same length, were "
                    + lows.length + ", " + highs.length + " and " + counts.length);
        }
        for (int i = 0; i < lows.length; i++) {
            if (lows[i] < 0 || highs[i] < lows[i] || (i > 0 && lows[i] <= highs[i - 1]) || counts[i] < 0) {
                throw new IllegalArgumentException("bucket " + i + " [" + lows[i] + ", " + highs[i] + "] x "
                        + counts[i] + " is not ascending, apart from the one before, and counted from 0");
            }
        }
        return new LatencyDistribution(lows.clone(), highs.clone(), counts.clone());
    }

    /**
     * How many calls were timed.
     *
     * @return the number of latencies
     */
    public long count() {
        return total;
    }

    /**
     * The latency that at least {@code percentile} % of the calls took no longer than, to the buckets' resolution
     * (HdrHistogram's definition: the highest latency of the bucket holding the call at rank
     * {@code ceil(percentile / 100 * count)}).
     *
     * @param percentile in {@code (0, 100]}, e.g. 95
     * @return the latency in nanoseconds; 0 with no call
     * @throws IllegalArgumentException if {@code percentile} is outside {@code (0, 100]}
     */
    public long valueAtPercentile(double percentile) {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + percentile);
        }
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(Math.nextDown(percentile) / 100 * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return highs[i];
            }
        }
        return highs[highs.length - 1];
    }

    /**
     * How many calls took longer than {@code nanos}: the calls of the buckets that lie wholly above it.
     *
     * @param nanos a latency
     * @return the number of calls
     */
    public long countAbove(long nanos) {
        long above = 0;
        for (int i = counts.length - 1; i >= 0 && lows[i] > nanos; i--) {
            above += counts[i];
        }
        return above;
    }

    /**
     * The slowest latency, to the buckets' resolution.
     *
     * @return the highest latency of the highest bucket with a call, 0 with no call
     */
    public long max() {
        for (int i = counts.length - 1; i >= 0; i--) {
            if (counts[i] > 0) {
                return highs[i];
            }
        }
        return 0;
    }

    /**
     * The latencies recorded since {@code base} was taken: this distribution minus the earlier one, bucket by
     * bucket. A bucket that would hold fewer than no calls holds none.
     *
     * @param base an earlier snapshot of the same recorder
     * @return the difference
     */
    public LatencyDistribution minus(LatencyDistribution base) {
        if (base.total == 0) {
            return this;
        }
        long[] left = counts.clone();
        int j = 0;
        for (int i = 0; i < lows.length; i++) {
            while (j < base.lows.length && base.lows[j] < lows[i]) {
                j++;
            }
            if (j < base.lows.length && base.lows[j] == lows[i]) {
                left[i] = Math.max(0, left[i] - base.counts[j]);
            }
        }
        int nonEmpty = 0;
        for (long c : left) {
            nonEmpty += c > 0 ? 1 : 0;
        }
        long[] l = new long[nonEmpty];
        long[] h = new long[nonEmpty];
        long[] c = new long[nonEmpty];
        for (int i = 0, k = 0; i < left.length; i++) {
            if (left[i] > 0) {
                l[k] = lows[i];
                h[k] = highs[i];
                c[k++] = left[i];
            }
        }
        return new LatencyDistribution(l, h, c);
    }

    /**
     * These latencies and {@code other}'s together, bucket by bucket: the distribution of two instances' calls, or of
     * two intervals'. Buckets of the same low are added; the buckets of both must not overlap otherwise, which holds
     * for distributions made by the same recorders (every Strangler route buckets alike).
     *
     * @param other another distribution
     * @return the sum
     * @throws IllegalArgumentException if a bucket of one overlaps a bucket of the other of a different low
     */
    public LatencyDistribution plus(LatencyDistribution other) {
        if (other.total == 0 && other.lows.length == 0) {
            return this;
        }
        if (total == 0 && lows.length == 0) {
            return other;
        }
        int n = lows.length;
        int m = other.lows.length;
        long[] l = new long[n + m];
        long[] h = new long[n + m];
        long[] c = new long[n + m];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < n || j < m) {
            if (j >= m || (i < n && lows[i] < other.lows[j])) {
                l[k] = lows[i];
                h[k] = highs[i];
                c[k] = counts[i++];
            } else if (i >= n || other.lows[j] < lows[i]) {
                l[k] = other.lows[j];
                h[k] = other.highs[j];
                c[k] = other.counts[j++];
            } else {
                l[k] = lows[i];
                h[k] = Math.max(highs[i], other.highs[j]);
                c[k] = counts[i++] + other.counts[j++];
            }
            if (k > 0 && l[k] <= h[k - 1]) {
                throw new IllegalArgumentException("can't add latency buckets that overlap: [" + l[k - 1] + ", "
                        + h[k - 1] + "] and [" + l[k] + ", " + h[k] + "]");
            }
            k++;
        }
        return new LatencyDistribution(Arrays.copyOf(l, k), Arrays.copyOf(h, k), Arrays.copyOf(c, k));
    }

    /**
     * The buckets' lowest latencies, for codecs that carry a distribution elsewhere.
     *
     * @return a copy, ascending
     */
    public long[] bucketLows() {
        return lows.clone();
    }

    /**
     * The buckets' highest latencies.
     *
     * @return a copy, in the order of {@link #bucketLows()}
     */
    public long[] bucketHighs() {
        return highs.clone();
    }

    /**
     * The calls in each bucket.
     *
     * @return a copy, in the order of {@link #bucketLows()}
     */
    public long[] bucketCounts() {
        return counts.clone();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof LatencyDistribution d && Arrays.equals(lows, d.lows) && Arrays.equals(highs, d.highs)
                && Arrays.equals(counts, d.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(lows) * 31 + Arrays.hashCode(counts);
    }

    /**
     * The count and three percentiles.
     *
     * @return e.g. {@code LatencyDistribution{count=120, p50=21000ns, p95=40000ns, p99=52000ns}}
     */
    @Override
    public String toString() {
        return total == 0 ? "LatencyDistribution{count=0}" : "LatencyDistribution{count=" + total + ", p50="
                + valueAtPercentile(50) + "ns, p95=" + valueAtPercentile(95) + "ns, p99=" + valueAtPercentile(99)
                + "ns}";
    }
}
