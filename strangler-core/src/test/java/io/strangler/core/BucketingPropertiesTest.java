package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the bucketing formula (docs/architecture.md, "Bucketing") that must hold for every salt and key,
 * including non-ASCII keys, keys outside the Basic Multilingual Plane (surrogate pairs) and malformed UTF-16 (lone
 * surrogates), because the bucket is what keeps a user on the same side across calls, instances and releases.
 */
class BucketingPropertiesTest {

    private static final BigInteger TWO_TO_32 = BigInteger.ONE.shiftLeft(32);

    /** The design's formula, written out the slow and obvious way: hash the concatenation, scale with BigInteger. */
    static int referenceBucket(String salt, String key) {
        int hash = Hashing.murmur3_32_fixed().hashString(salt + ":" + key, StandardCharsets.UTF_8).asInt();
        return BigInteger.valueOf(Integer.toUnsignedLong(hash)).multiply(BigInteger.valueOf(10_000))
                .divide(TWO_TO_32).intValueExact();
    }

    @Provide
    Arbitrary<String> text() {
        Arbitrary<String> ascii = Arbitraries.strings().ascii().ofMaxLength(40);
        // Every UTF-16 code unit, lone surrogates included.
        Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(20);
        // Well-formed text from the whole Unicode range: CJK, accents, emoji (surrogate pairs).
        Arbitrary<String> codePoints = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .list().ofMaxSize(12)
                .map(cps -> {
                    StringBuilder b = new StringBuilder();
                    cps.forEach(b::appendCodePoint);
                    return b.toString();
                });
        Arbitrary<String> ids = Arbitraries.longs().map(l -> "user-" + l);
        return Arbitraries.oneOf(ascii, anyChars, codePoints, ids);
    }

    @Provide
    Arbitrary<String> wellFormed() {
        return Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .list().ofMaxSize(16)
                .map(cps -> {
                    StringBuilder b = new StringBuilder();
                    cps.forEach(b::appendCodePoint);
                    return b.toString();
                });
    }

    @Property(tries = 2000)
    void streamingHashEqualsHashOfTheConcatenation(@ForAll("text") String salt, @ForAll("text") String key) {
        assertThat(Bucketing.bucket(salt, key))
                .as("bucket(%s, %s)", escape(salt), escape(key))
                .isEqualTo(referenceBucket(salt, key));
    }

    @Property(tries = 1000)
    void hashIsStandardMurmur3X86_32OfTheUtf8Bytes(@ForAll("wellFormed") String salt,
            @ForAll("wellFormed") String key) {
        // Any other language's MurmurHash3 x86_32 (seed 0) over the UTF-8 bytes gives the same bucket, so other
        // services (or a SQL report) can compute who is in the rollout.
        byte[] utf8 = (salt + ":" + key).getBytes(StandardCharsets.UTF_8);
        long hash = Integer.toUnsignedLong(murmur3X86_32(utf8, 0));
        assertThat(Bucketing.bucket(salt, key)).isEqualTo((int) (hash * 10_000 / (1L << 32)));
    }

    @Property(tries = 2000)
    void bucketIsInRange(@ForAll("text") String salt, @ForAll("text") String key) {
        assertThat(Bucketing.bucket(salt, key)).isBetween(0, Bucketing.BUCKETS - 1);
    }

    @Property(tries = 1000)
    void bucketIsAPureFunctionOfSaltAndKey(@ForAll("text") String salt, @ForAll("text") String key) {
        // New String instances, so that no identity or cached hash code can play a part.
        assertThat(Bucketing.bucket(new String(salt), new String(key))).isEqualTo(Bucketing.bucket(salt, key));
    }

    @Property(tries = 3000)
    void scaleIsFloorOfUnsignedHashTimesBucketsOver2To32(@ForAll int hash) {
        BigInteger expected = BigInteger.valueOf(Integer.toUnsignedLong(hash)).multiply(BigInteger.valueOf(10_000))
                .divide(TWO_TO_32);
        assertThat(Bucketing.scale(hash)).isEqualTo(expected.intValueExact());
    }

    @Example
    void scaleCoversTheWholeRangeAtItsEnds() {
        assertThat(Bucketing.scale(0)).isZero();
        assertThat(Bucketing.scale(0xFFFF_FFFF)).isEqualTo(9_999);
        // The top half of the unsigned range is the top half of the buckets: the hash is not read as signed.
        assertThat(Bucketing.scale(Integer.MIN_VALUE)).isEqualTo(5_000);
        assertThat(Bucketing.scale(Integer.MAX_VALUE)).isEqualTo(4_999);
    }

    @Property(tries = 3000)
    void scaleIsMonotoneInTheUnsignedHash(@ForAll int a, @ForAll int b) {
        if (Integer.compareUnsigned(a, b) <= 0) {
            assertThat(Bucketing.scale(a)).isLessThanOrEqualTo(Bucketing.scale(b));
        } else {
            assertThat(Bucketing.scale(a)).isGreaterThanOrEqualTo(Bucketing.scale(b));
        }
    }

    @Property(tries = 2000)
    void inRolloutIsBucketBelowPercentage(@ForAll("text") String salt, @ForAll("text") String key,
            @ForAll @IntRange(min = 0, max = 10_000) int basisPoints) {
        assertThat(Bucketing.inRollout(salt, key, basisPoints)).isEqualTo(Bucketing.bucket(salt, key) < basisPoints);
    }

    @Property(tries = 500)
    void noKeyAtZeroEveryKeyAtHundredPercent(@ForAll("text") String salt, @ForAll("text") String key) {
        assertThat(Bucketing.inRollout(salt, key, 0)).isFalse();
        assertThat(Bucketing.inRollout(salt, key, 10_000)).isTrue();
    }

    @Property(tries = 2000)
    void raisingThePercentageNeverRemovesAKey(@ForAll("text") String salt, @ForAll("text") String key,
            @ForAll @IntRange(min = 0, max = 10_000) int a, @ForAll @IntRange(min = 0, max = 10_000) int b) {
        int low = Math.min(a, b);
        int high = Math.max(a, b);
        if (Bucketing.inRollout(salt, key, low)) {
            assertThat(Bucketing.inRollout(salt, key, high)).as("in at %d, so in at %d", low, high).isTrue();
        }
        if (!Bucketing.inRollout(salt, key, high)) {
            assertThat(Bucketing.inRollout(salt, key, low)).as("out at %d, so out at %d", high, low).isFalse();
        }
    }

    @Property(tries = 2000)
    void aSharedCohortGivesEveryRouteTheSameBucket(@ForAll("text") String cohort, @ForAll("text") String key,
            @ForAll @IntRange(min = 0, max = 10_000) int dependent,
            @ForAll @IntRange(min = 0, max = 10_000) int dependency) {
        // Dependent route at a percentage no higher than its dependency's: its modern keys are the dependency's.
        int dep = Math.min(dependent, dependency);
        if (Bucketing.inRollout(cohort, key, dep)) {
            assertThat(Bucketing.inRollout(cohort, key, Math.max(dependent, dependency))).isTrue();
        }
    }

    /** MurmurHash3 x86_32 as published by Austin Appleby, written out independently of Guava. */
    static int murmur3X86_32(byte[] data, int seed) {
        final int c1 = 0xcc9e2d51;
        final int c2 = 0x1b873593;
        int h1 = seed;
        int blocks = data.length / 4;
        for (int i = 0; i < blocks; i++) {
            int k1 = (data[4 * i] & 0xff) | (data[4 * i + 1] & 0xff) << 8 | (data[4 * i + 2] & 0xff) << 16
                    | (data[4 * i + 3] & 0xff) << 24;
            k1 *= c1;
            k1 = Integer.rotateLeft(k1, 15);
            k1 *= c2;
            h1 ^= k1;
            h1 = Integer.rotateLeft(h1, 13);
            h1 = h1 * 5 + 0xe6546b64;
        }
        int tail = blocks * 4;
        int k1 = 0;
        switch (data.length & 3) {
            case 3:
                k1 ^= (data[tail + 2] & 0xff) << 16;
                // fall through
            case 2:
                k1 ^= (data[tail + 1] & 0xff) << 8;
                // fall through
            case 1:
                k1 ^= data[tail] & 0xff;
                k1 *= c1;
                k1 = Integer.rotateLeft(k1, 15);
                k1 *= c2;
                h1 ^= k1;
                break;
            default:
                break;
        }
        h1 ^= data.length;
        h1 ^= h1 >>> 16;
        h1 *= 0x85ebca6b;
        h1 ^= h1 >>> 13;
        h1 *= 0xc2b2ae35;
        h1 ^= h1 >>> 16;
        return h1;
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.chars().forEach(c -> b.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
                : String.format("\\u%04x", c)));
        return b.append('"').toString();
    }
}
