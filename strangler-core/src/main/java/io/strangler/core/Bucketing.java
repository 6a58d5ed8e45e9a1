package io.strangler.core;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import io.strangler.api.RouteState;
import java.nio.charset.StandardCharsets;

/**
 * The sticky bucketing of routing keys (version {@value RouteState#CURRENT_BUCKETING_VERSION}):
 *
 * <pre>
 * bucket = (unsigned32(murmur3_32_fixed(seed 0, UTF-8 of salt + ":" + key)) * 10_000) &gt;&gt;&gt; 32
 * </pre>
 *
 * an integer in {@code [0, 10000)}: basis points. A key is in a rollout of {@code p} basis points when
 * {@code bucket < p}, so raising the percentage only adds keys and lowering it only removes the keys above the
 * new cut. The salt is the route's cohort: routes sharing a cohort give each key the same bucket.
 *
 * <p>The hash streams the salt, the colon and the key into Guava's {@code murmur3_32_fixed} without building the
 * concatenated string, so computing a bucket allocates nothing once the JIT has compiled it.
 */
public final class Bucketing {

    /** The number of buckets: one per basis point. */
    public static final int BUCKETS = RouteState.MAX_BASIS_POINTS;

    private static final HashFunction MURMUR = Hashing.murmur3_32_fixed();

    private Bucketing() {
    }

    /**
     * The bucket of {@code key} under {@code salt}.
     *
     * @param salt the cohort
     * @param key the routing key
     * @return a number in {@code [0, 10000)}
     * @throws NullPointerException if an argument is null
     */
    public static int bucket(String salt, String key) {
        int hash = MURMUR.newHasher()
                .putString(salt, StandardCharsets.UTF_8)
                .putByte((byte) ':')
                .putString(key, StandardCharsets.UTF_8)
                .hash()
                .asInt();
        return scale(hash);
    }

    /**
     * Whether {@code key} is inside a rollout of {@code basisPoints} under {@code salt}.
     *
     * @param salt the cohort
     * @param key the routing key
     * @param basisPoints the rollout, in {@code [0, 10000]}
     * @return {@code bucket(salt, key) < basisPoints}
     */
    public static boolean inRollout(String salt, String key, int basisPoints) {
        return bucket(salt, key) < basisPoints;
    }

    static int scale(int hash) {
        return (int) ((Integer.toUnsignedLong(hash) * BUCKETS) >>> 32);
    }
}
