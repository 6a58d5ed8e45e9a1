package io.strangler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Percentiles by HdrHistogram's definition (the highest latency of the bucket holding the call at rank
 * {@code ceil(p / 100 * count)}), counts above a latency, and snapshots that subtract.
 */
class LatencyDistributionTest {

    /** 1 to 100 ns, once each, in a seeded random order. */
    private static LatencyDistribution oneToAHundred() {
        List<Long> values = new ArrayList<>();
        for (long v = 1; v <= 100; v++) {
            values.add(v);
        }
        Collections.shuffle(values, new Random(42));
        return LatencyDistribution.of(values.stream().mapToLong(Long::longValue).toArray());
    }

    /** Three buckets: 5 calls in [0, 9], 5 in [10, 19], 10 in [20, 29]. */
    private static LatencyDistribution buckets() {
        return LatencyDistribution.ofBuckets(new long[] {0, 10, 20}, new long[] {9, 19, 29}, new long[] {5, 5, 10});
    }

    @ParameterizedTest(name = "p{0} = {1}")
    @CsvSource({"1, 1", "50, 50", "95, 95", "99, 99", "99.5, 100", "100, 100", "0.001, 1"})
    void exactLatenciesGiveTheValueAtTheRank(double percentile, long expected) {
        assertThat(oneToAHundred().valueAtPercentile(percentile)).isEqualTo(expected);
    }

    @Test
    void aPercentileWhoseRankIsWholeIsNotPushedUpByRounding() {
        // 0.95 * 20 is 19.000000000000004 in floating point; the rank is 19 all the same.
        LatencyDistribution twenty = LatencyDistribution.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
                18, 19, 20);
        assertThat(twenty.valueAtPercentile(95)).isEqualTo(19);
        assertThat(twenty.valueAtPercentile(5)).isEqualTo(1);
        assertThat(twenty.valueAtPercentile(10)).isEqualTo(2);
    }

    @ParameterizedTest(name = "p{0} = {1}")
    @CsvSource({"25, 9", "50, 19", "50.1, 29", "51, 29", "100, 29"})
    void bucketedLatenciesGiveTheHighestLatencyOfTheBucketAtTheRank(double percentile, long expected) {
        assertThat(buckets().valueAtPercentile(percentile)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, 100.01, Double.NaN, Double.POSITIVE_INFINITY})
    void aPercentileOutsideZeroExclusiveToAHundredIsRefusedNamingTheValue(double percentile) {
        assertThatThrownBy(() -> oneToAHundred().valueAtPercentile(percentile))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentile must be in (0, 100], was " + percentile);
    }

    @Test
    void countAndMax() {
        assertThat(oneToAHundred().count()).isEqualTo(100);
        assertThat(oneToAHundred().max()).isEqualTo(100);
        assertThat(buckets().count()).isEqualTo(20);
        assertThat(buckets().max()).isEqualTo(29);
        assertThat(LatencyDistribution.of(7, 7, 7).count()).isEqualTo(3);
    }

    @Test
    void anEmptyDistributionAnswersZero() {
        LatencyDistribution empty = LatencyDistribution.of();

        assertThat(empty).isEqualTo(LatencyDistribution.EMPTY);
        assertThat(empty.count()).isZero();
        assertThat(empty.valueAtPercentile(99)).isZero();
        assertThat(empty.max()).isZero();
        assertThat(empty.countAbove(0)).isZero();
        assertThat(empty).hasToString("LatencyDistribution{count=0}");
    }

    @ParameterizedTest(name = "above {0}: {1}")
    @CsvSource({"-1, 20", "0, 15", "9, 15", "15, 10", "19, 10", "20, 0", "29, 0", "1000, 0"})
    void countAboveCountsTheBucketsWhollyAboveTheLatency(long nanos, long expected) {
        assertThat(buckets().countAbove(nanos)).isEqualTo(expected);
    }

    @Test
    void countAboveOfExactLatenciesIsExact() {
        LatencyDistribution d = LatencyDistribution.of(1, 2, 3, 3, 10);
        assertThat(d.countAbove(2)).isEqualTo(3);
        assertThat(d.countAbove(3)).isEqualTo(1);
        assertThat(d.countAbove(10)).isZero();
    }

    @Test
    void aNegativeLatencyIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> LatencyDistribution.of(5, -5, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("latencies must not be negative, was -5");
    }

    @Test
    void bucketsOfDifferentLengthsAreRefusedNamingTheLengths() {
        assertThatThrownBy(() -> LatencyDistribution.ofBuckets(new long[] {0, 10}, new long[] {9}, new long[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lows, highs and counts must have the same length, were 2, 1 and 2");
    }

    @Test
    void bucketsOutOfOrderOverlappingOrCountedBelowZeroAreRefusedNamingTheBucket() {
        assertThatThrownBy(() -> LatencyDistribution.ofBuckets(new long[] {10, 0}, new long[] {19, 9},
                new long[] {1, 1})).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bucket 1 [0, 9]");
        assertThatThrownBy(() -> LatencyDistribution.ofBuckets(new long[] {0, 9}, new long[] {9, 19},
                new long[] {1, 1})).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bucket 1 [9, 19]");
        assertThatThrownBy(() -> LatencyDistribution.ofBuckets(new long[] {5}, new long[] {4}, new long[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bucket 0 [5, 4]");
        assertThatThrownBy(() -> LatencyDistribution.ofBuckets(new long[] {0}, new long[] {9}, new long[] {-1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bucket 0 [0, 9] x -1");
        assertThatThrownBy(() -> LatencyDistribution.ofBuckets(new long[] {-1}, new long[] {9}, new long[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bucket 0 [-1, 9]");
    }

    @Test
    void ofBucketsCopiesItsArrays() {
        long[] counts = {5, 5, 10};
        LatencyDistribution d = LatencyDistribution.ofBuckets(new long[] {0, 10, 20}, new long[] {9, 19, 29}, counts);
        counts[2] = 1_000;
        assertThat(d).isEqualTo(buckets());
    }

    @Test
    void minusLeavesTheLatenciesRecordedSinceTheEarlierSnapshot() {
        LatencyDistribution earlier = LatencyDistribution.of(1, 2, 2);
        LatencyDistribution later = LatencyDistribution.of(1, 2, 2, 2, 3, 3);

        assertThat(later.minus(earlier)).isEqualTo(LatencyDistribution.of(2, 3, 3));
        assertThat(later.minus(LatencyDistribution.EMPTY)).isSameAs(later);
        assertThat(later.minus(later)).isEqualTo(LatencyDistribution.EMPTY);
    }

    @Test
    void minusOfBucketsSubtractsBucketByBucketAndDropsTheEmptyOnes() {
        LatencyDistribution earlier = LatencyDistribution.ofBuckets(new long[] {0, 20}, new long[] {9, 29},
                new long[] {5, 4});

        LatencyDistribution interval = buckets().minus(earlier);

        assertThat(interval).isEqualTo(LatencyDistribution.ofBuckets(new long[] {10, 20}, new long[] {19, 29},
                new long[] {5, 6}));
        assertThat(interval.count()).isEqualTo(11);
        assertThat(interval.valueAtPercentile(40)).isEqualTo(19);
        assertThat(interval.countAbove(19)).isEqualTo(6);
    }

    @Test
    void aBucketNeverHoldsFewerThanNoCalls() {
        LatencyDistribution interval = LatencyDistribution.of(1, 5).minus(LatencyDistribution.of(1, 1, 1, 7));
        assertThat(interval).isEqualTo(LatencyDistribution.of(5));
    }

    @Test
    void distributionsAreValues() {
        assertThat(LatencyDistribution.of(3, 1, 2)).isEqualTo(LatencyDistribution.of(1, 2, 3))
                .hasSameHashCodeAs(LatencyDistribution.of(1, 2, 3)).isNotEqualTo(LatencyDistribution.of(1, 2));
        assertThat(oneToAHundred()).hasToString("LatencyDistribution{count=100, p50=50ns, p95=95ns, p99=99ns}");
    }
}
