package io.strangler.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.LatencyDistribution;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void anEmptyHistogramIsTheEmptyDistribution() {
        assertThat(Latencies.of(new Histogram(2))).isSameAs(LatencyDistribution.EMPTY);
    }

    @Test
    void theBucketsAreTheHistogramsRecordedValuesOverSeededSpreads() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            Histogram histogram = new Histogram(2);
            int calls = 1 + random.nextInt(20_000);
            double spread = Math.log(1 + random.nextInt(1_000_000));
            for (int i = 0; i < calls; i++) {
                // zero, sub-microsecond, and up to minutes: the histogram resizes as it goes
                long nanos = random.nextInt(50) == 0 ? 0 : (long) (1 + 100 * Math.exp(random.nextDouble() * spread));
                histogram.recordValue(random.nextInt(1000) == 0 ? nanos * 1_000_000 : nanos);
            }

            LatencyDistribution copy = Latencies.of(histogram);

            List<long[]> expected = new ArrayList<>();
            for (HistogramIterationValue v : histogram.recordedValues()) {
                long value = v.getValueIteratedTo();
                expected.add(new long[] {histogram.lowestEquivalentValue(value),
                        histogram.highestEquivalentValue(value), v.getCountAtValueIteratedTo()});
            }
            assertThat(copy.bucketLows()).as("seed %d: lows", seed)
                    .containsExactly(expected.stream().mapToLong(b -> b[0]).toArray());
            assertThat(copy.bucketHighs()).as("seed %d: highs", seed)
                    .containsExactly(expected.stream().mapToLong(b -> b[1]).toArray());
            assertThat(copy.bucketCounts()).as("seed %d: counts", seed)
                    .containsExactly(expected.stream().mapToLong(b -> b[2]).toArray());
            assertThat(copy.count()).isEqualTo(calls);
            for (double p : new double[] {50, 95, 99, 99.9}) {
                assertThat(copy.valueAtPercentile(p)).as("seed %d: p%s", seed, p)
                        .isEqualTo(histogram.highestEquivalentValue(histogram.getValueAtPercentile(p)));
            }
        }
    }
}
