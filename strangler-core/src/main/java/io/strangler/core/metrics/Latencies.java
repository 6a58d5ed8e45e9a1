package io.strangler.core.metrics;

import io.strangler.api.LatencyDistribution;
import org.HdrHistogram.AbstractHistogram;

/** Copies of HdrHistogram histograms as the API's {@link LatencyDistribution}, which carries no HdrHistogram type. */
public final class Latencies {

    private Latencies() {
    }

    /**
     * The buckets of {@code histogram} that hold a value, each with its lowest and highest equivalent value.
     *
     * @param histogram a histogram of latencies in nanoseconds, not recorded into while it is copied
     * @return the distribution; percentiles and counts above a value are the histogram's own
     */
    public static LatencyDistribution of(AbstractHistogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return LatencyDistribution.EMPTY;
        }
        // Bucket by bucket from the lowest value to the highest, through the histogram's public value arithmetic:
        // its recorded-values iterator costs several times as much per bucket, and a service's latencies fill
        // thousands. Two passes (count, then copy) so that the arrays are made once, at their size.
        long first = histogram.lowestEquivalentValue(histogram.getMinValue());
        long last = histogram.getMaxValue();
        int n = 0;
        for (long v = first; v <= last; v = histogram.nextNonEquivalentValue(v)) {
            if (histogram.getCountAtValue(v) > 0) {
                n++;
            }
        }
        long[] lows = new long[n];
        long[] highs = new long[n];
        long[] counts = new long[n];
        int i = 0;
        for (long v = first; v <= last; v = histogram.nextNonEquivalentValue(v)) {
            long count = histogram.getCountAtValue(v);
            if (count > 0) {
                lows[i] = v;
                highs[i] = histogram.highestEquivalentValue(v);
                counts[i++] = count;
            }
        }
        return LatencyDistribution.ofBuckets(lows, highs, counts);
    }
}
