package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statistical properties of the bucketing over many keys: the share of users a percentage sends to modern is that
 * percentage, buckets are uniform, and two routes with different salts pick independent sets of users.
 *
 * <p>Keys come from a {@link SplittableRandom} with a fixed seed, so every run sees the same keys and the tests are
 * not flaky; the thresholds are still the ones a random sample would need: chi-square critical values at
 * alpha = 0.001, and binomial tolerances of 5 standard deviations (a true-random run would fail about once in
 * 1.7 million). Sequential ids ({@code user-1}, {@code user-2}, ...), the most common real keys, are tested too.
 */
class BucketingDistributionTest {

    private static final int KEYS = 100_000;
    private static final long SEED = 0x5EED_2026_1121L;

    /** Chi-square critical value for 1 degree of freedom at alpha = 0.001. */
    private static final double CHI2_DF1_ALPHA_001 = 10.828;
    /** Chi-square critical value for 99 degrees of freedom at alpha = 0.001 (tables: 148.23). */
    private static final double CHI2_DF99_ALPHA_001 = 148.23;

    static List<String> randomKeys() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> keys = new ArrayList<>(KEYS);
        for (int i = 0; i < KEYS; i++) {
            // Half user-ids made of a random long, half random UUIDs: the shapes real routing keys have.
            keys.add(i % 2 == 0 ? "user-" + random.nextLong()
                    : new UUID(random.nextLong(), random.nextLong()).toString());
        }
        return keys;
    }

    static List<String> sequentialKeys() {
        List<String> keys = new ArrayList<>(KEYS);
        for (int i = 1; i <= KEYS; i++) {
            keys.add("user-" + i);
        }
        return keys;
    }

    static double chiSquareInOut(List<String> keys, String salt, int basisPoints) {
        long in = keys.stream().filter(k -> Bucketing.inRollout(salt, k, basisPoints)).count();
        double p = basisPoints / 10_000.0;
        double expectedIn = keys.size() * p;
        double expectedOut = keys.size() * (1 - p);
        long out = keys.size() - in;
        return sq(in - expectedIn) / expectedIn + sq(out - expectedOut) / expectedOut;
    }

    static double chiSquareHistogram(List<String> keys, ToIntFunction<String> bucket, int bins) {
        long[] counts = new long[bins];
        for (String key : keys) {
            counts[bucket.applyAsInt(key) * bins / Bucketing.BUCKETS]++;
        }
        double expected = (double) keys.size() / bins;
        double chi2 = 0;
        for (long c : counts) {
            chi2 += sq(c - expected) / expected;
        }
        return chi2;
    }

    private static double sq(double x) {
        return x * x;
    }

    @ParameterizedTest(name = "{0} basis points")
    @ValueSource(ints = {1_000, 2_500, 5_000})
    void theShareOfRandomKeysInTheRolloutIsThePercentage(int basisPoints) {
        double chi2 = chiSquareInOut(randomKeys(), "cv-analyzer", basisPoints);
        assertThat(chi2).as("chi-square of in/out counts at %d bp", basisPoints).isLessThan(CHI2_DF1_ALPHA_001);
    }

    @ParameterizedTest(name = "{0} basis points")
    @ValueSource(ints = {1_000, 2_500, 5_000})
    void theShareOfSequentialIdsInTheRolloutIsThePercentage(int basisPoints) {
        double chi2 = chiSquareInOut(sequentialKeys(), "cv-analyzer", basisPoints);
        assertThat(chi2).as("chi-square of in/out counts at %d bp", basisPoints).isLessThan(CHI2_DF1_ALPHA_001);
    }

    @Test
    void smallPercentagesAreHonouredToTheBasisPoint() {
        // 0.01 %, 0.5 %, 1 %: the first steps of a CRITICAL rollout. Tolerance: 5 binomial standard deviations.
        List<String> keys = randomKeys();
        for (int bp : new int[] {1, 50, 100}) {
            long in = keys.stream().filter(k -> Bucketing.inRollout("payments", k, bp)).count();
            double p = bp / 10_000.0;
            double sd = Math.sqrt(KEYS * p * (1 - p));
            assertThat((double) in).as("keys in at %d bp", bp).isCloseTo(KEYS * p,
                    org.assertj.core.data.Offset.offset(5 * sd));
        }
    }

    @Test
    void bucketsOfRandomKeysAreUniformOver100Bins() {
        double chi2 = chiSquareHistogram(randomKeys(), k -> Bucketing.bucket("cv-analyzer", k), 100);
        assertThat(chi2).isLessThan(CHI2_DF99_ALPHA_001);
    }

    @Test
    void bucketsOfSequentialIdsAreUniformOver100Bins() {
        double chi2 = chiSquareHistogram(sequentialKeys(), k -> Bucketing.bucket("cv-analyzer", k), 100);
        assertThat(chi2).isLessThan(CHI2_DF99_ALPHA_001);
    }

    @Test
    void theHistogramTestDetectsAHashReadAsSigned() {
        // The power of the test above: a classic bug (Math.abs of the signed hash, then the same scaling) puts
        // every key in the lower half, and the chi-square statistic is far above the critical value.
        ToIntFunction<String> signedBug = k -> {
            int h = Hashing.murmur3_32_fixed().hashString("cv-analyzer:" + k, StandardCharsets.UTF_8).asInt();
            return Bucketing.scale(Math.abs(h));
        };
        assertThat(chiSquareHistogram(randomKeys(), signedBug, 100)).isGreaterThan(10 * CHI2_DF99_ALPHA_001);
    }

    @Test
    void routesWithDifferentSaltsPickIndependentUsers() {
        // Route A at 30 %, route B at 40 %: if the choices are independent, a user is in both with probability
        // pA * pB. Tolerance: 5 standard deviations of that binomial count.
        List<String> keys = randomKeys();
        int[][] shares = {{3_000, 4_000}, {1_000, 5_000}, {5_000, 5_000}};
        for (int[] s : shares) {
            long inA = 0;
            long inB = 0;
            long both = 0;
            for (String k : keys) {
                boolean a = Bucketing.inRollout("cv-analyzer", k, s[0]);
                boolean b = Bucketing.inRollout("invoice-renderer", k, s[1]);
                inA += a ? 1 : 0;
                inB += b ? 1 : 0;
                both += a && b ? 1 : 0;
            }
            double pBoth = (double) inA / KEYS * inB / KEYS;
            double expected = KEYS * pBoth;
            double sd = Math.sqrt(KEYS * pBoth * (1 - pBoth));
            assertThat((double) both).as("users in both at %d and %d bp", s[0], s[1])
                    .isCloseTo(expected, org.assertj.core.data.Offset.offset(5 * sd));
        }
    }

    @Test
    void bucketsUnderDifferentSaltsAreUncorrelated() {
        // Stronger than the overlap: the joint histogram of (bucket under salt A, bucket under salt B) over a
        // 10 x 10 grid is uniform. 99 degrees of freedom.
        List<String> keys = randomKeys();
        long[] grid = new long[100];
        for (String k : keys) {
            int a = Bucketing.bucket("orchestrator", k) / 1_000;
            int b = Bucketing.bucket("cv-analyzer", k) / 1_000;
            grid[a * 10 + b]++;
        }
        double expected = KEYS / 100.0;
        double chi2 = 0;
        for (long c : grid) {
            chi2 += sq(c - expected) / expected;
        }
        assertThat(chi2).isLessThan(CHI2_DF99_ALPHA_001);
    }

    @Test
    void raisingAndLoweringThePercentageMovesOnlyTheKeysAtTheCut() {
        List<String> keys = randomKeys();
        List<String> at10 = keys.stream().filter(k -> Bucketing.inRollout("r", k, 1_000)).toList();
        List<String> at25 = keys.stream().filter(k -> Bucketing.inRollout("r", k, 2_500)).toList();
        List<String> backTo10 = keys.stream().filter(k -> Bucketing.inRollout("r", k, 1_000)).toList();
        assertThat(new java.util.HashSet<>(at25)).containsAll(at10);
        assertThat(backTo10).isEqualTo(at10);
        // The keys added between 10 % and 25 % are exactly those with a bucket in [1000, 2500).
        java.util.Set<String> in10 = new java.util.HashSet<>(at10);
        assertThat(at25.stream().filter(k -> !in10.contains(k)))
                .allSatisfy(k -> assertThat(Bucketing.bucket("r", k)).isBetween(1_000, 2_499));
    }
}
