package io.strangler.core.metrics;

import io.strangler.api.LatencyDistribution;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

/** Copies of HdrHistogram histograms as the API's {@link LatencyDistribution}, which carries no HdrHistogram type. */
public final class Latencies {

    private Latencies() {
    }

    /**
     * The buckets of {@code histogram} that hold a value, each with its lowest and highest equivalent value.
     *
     * @param histogram a histogram of latencies in nanoseconds
     * @return the distribution; percentiles and counts above a value are the histogram's own
     */
    public static LatencyDistribution of(AbstractHistogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return LatencyDistribution.EMPTY;
        }
        int buckets = 0;
        for (HistogramIterationValue ignored : histogram.recordedValues()) {
            buckets++;
        }
        long[] lows = new long[buckets];
        long[] highs = new long[buckets];
        long[] counts = new long[buckets];
        int i = 0;
        for (HistogramIterationValue v : histogram.recordedValues()) {
            long value = v.getValueIteratedTo();
            lows[i] = histogram.lowestEquivalentValue(value);
            highs[i] = histogram.highestEquivalentValue(value);
            counts[i++] = v.getCountAtValueIteratedTo();
        }
        return LatencyDistribution.ofBuckets(lows, highs, counts);
    }
}
