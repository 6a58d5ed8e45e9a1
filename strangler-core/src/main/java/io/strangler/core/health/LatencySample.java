package io.strangler.core.health;

import java.util.Arrays;
import org.HdrHistogram.AbstractHistogram;

/**
 * The latencies of one side's calls in a window, in nanoseconds: a copy of an HdrHistogram (to its resolution) or a
 * sorted copy of raw values (exact). Immutable.
 */
abstract sealed class LatencySample {

    static final LatencySample EMPTY = new Sorted(new long[0]);

    /** @return the number of timed calls */
    abstract long count();

    /**
     * @param percentile in {@code (0, 100]}
     * @return the smallest recorded latency that at least {@code percentile} % of the calls are at or below, as
     *         HdrHistogram defines it; 0 with no calls
     */
    abstract long valueAtPercentile(double percentile);

    /**
     * @param nanos a latency
     * @return how many calls took longer than {@code nanos}
     */
    abstract long countAbove(long nanos);

    static LatencySample of(AbstractHistogram histogram) {
        return new OfHistogram(histogram.copy());
    }

    static LatencySample ofNanos(long[] nanos) {
        long[] sorted = nanos.clone();
        for (long value : sorted) {
            if (value < 0) {
                throw new IllegalArgumentException("latencies must not be negative, was " + value);
            }
        }
        Arrays.sort(sorted);
        return new Sorted(sorted);
    }

    private static final class OfHistogram extends LatencySample {
        private final AbstractHistogram histogram;

        OfHistogram(AbstractHistogram histogram) {
            this.histogram = histogram;
        }

        @Override
        long count() {
            return histogram.getTotalCount();
        }

        @Override
        long valueAtPercentile(double percentile) {
            return count() == 0 ? 0 : histogram.getValueAtPercentile(percentile);
        }

        @Override
        long countAbove(long nanos) {
            return count() - histogram.getCountBetweenValues(0, nanos);
        }
    }

    private static final class Sorted extends LatencySample {
        private final long[] sorted;

        Sorted(long[] sorted) {
            this.sorted = sorted;
        }

        @Override
        long count() {
            return sorted.length;
        }

        @Override
        long valueAtPercentile(double percentile) {
            if (sorted.length == 0) {
                return 0;
            }
            // the rank HdrHistogram uses: ceil(p·n / 100), one ulp below p against round-off, at least 1
            long rank = Math.max(1, (long) Math.ceil(Math.nextDown(percentile) * sorted.length / 100));
            return sorted[(int) Math.min(rank, sorted.length) - 1];
        }

        @Override
        long countAbove(long nanos) {
            int low = 0;
            int high = sorted.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (sorted[mid] <= nanos) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return sorted.length - low;
        }
    }
}
