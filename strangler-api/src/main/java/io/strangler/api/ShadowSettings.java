package io.strangler.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How a route shadows reads: the deadline of a shadow call, how reads are sampled, how much A/A noise learning is
 * done, and how many recent mismatches are kept. Immutable. The sample rate itself is part of the route's state
 * ({@link RouteState#shadowSampleBasisPoints()}), so that operators can change it at run time.
 *
 * <pre>{@code
 * ShadowSettings shadow = ShadowSettings.custom()
 *         .timeout(Duration.ofMillis(500))
 *         .sampling(ShadowSampling.PER_KEY)
 *         .noiseSamplePercentage(1)        // 1 % of shadowed reads also run legacy twice to learn noisy fields
 *         .build();
 * }</pre>
 */
public final class ShadowSettings {

    /** Default deadline of a shadow call. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    /** Default number of recent mismatches a route keeps. */
    public static final int DEFAULT_MISMATCH_BUFFER_SIZE = 100;
    /** Default A/A noise sample, in basis points of the shadowed reads. */
    public static final int DEFAULT_NOISE_SAMPLE_BASIS_POINTS = 0;
    /** Default number of A/A differences at a path before the path counts as noise. */
    public static final int DEFAULT_NOISE_THRESHOLD = 2;

    private static final ShadowSettings DEFAULTS = custom().build();

    private final Duration timeout;
    private final ShadowSampling sampling;
    private final int noiseSampleBasisPoints;
    private final int noiseThreshold;
    private final int mismatchBufferSize;

    private ShadowSettings(Builder b) {
        this.timeout = b.timeout;
        this.sampling = b.sampling;
        this.noiseSampleBasisPoints = b.noiseSampleBasisPoints;
        this.noiseThreshold = b.noiseThreshold;
        this.mismatchBufferSize = b.mismatchBufferSize;
    }

    /** @return the defaults: 1 s deadline, per-call sampling, no A/A learning, 100 mismatches kept */
    public static ShadowSettings ofDefaults() {
        return DEFAULTS;
    }

    /** @return a builder starting from the defaults */
    public static Builder custom() {
        return new Builder();
    }

    /** @return the deadline of a shadow call, measured from its start on the shadow executor */
    public Duration timeout() {
        return timeout;
    }

    /** @return how reads are picked for shadowing */
    public ShadowSampling sampling() {
        return sampling;
    }

    /** @return the share of shadowed reads that also run legacy a second time to learn noise, in basis points */
    public int noiseSampleBasisPoints() {
        return noiseSampleBasisPoints;
    }

    /** @return how many A/A differences at a path make the path noise */
    public int noiseThreshold() {
        return noiseThreshold;
    }

    /** @return how many recent mismatches the route keeps for inspection */
    public int mismatchBufferSize() {
        return mismatchBufferSize;
    }

    @Override
    public String toString() {
        return "ShadowSettings{timeout=" + timeout + ", sampling=" + sampling + ", noiseSampleBasisPoints="
                + noiseSampleBasisPoints + ", noiseThreshold=" + noiseThreshold + ", mismatchBufferSize="
                + mismatchBufferSize + "}";
    }

    /** Builds {@link ShadowSettings}; every setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private Duration timeout = DEFAULT_TIMEOUT;
        private ShadowSampling sampling = ShadowSampling.PER_CALL;
        private int noiseSampleBasisPoints = DEFAULT_NOISE_SAMPLE_BASIS_POINTS;
        private int noiseThreshold = DEFAULT_NOISE_THRESHOLD;
        private int mismatchBufferSize = DEFAULT_MISMATCH_BUFFER_SIZE;

        private Builder() {
        }

        /**
         * @param timeout the deadline of a shadow call, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         * @throws NullPointerException if {@code timeout} is null
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("shadow timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * @param sampling how reads are picked
         * @return this builder
         * @throws NullPointerException if {@code sampling} is null
         */
        public Builder sampling(ShadowSampling sampling) {
            this.sampling = Objects.requireNonNull(sampling, "sampling");
            return this;
        }

        /**
         * @param percent the share of shadowed reads that also run legacy twice, in {@code [0, 100]}
         * @return this builder
         * @throws IllegalArgumentException if {@code percent} is outside {@code [0, 100]}
         */
        public Builder noiseSamplePercentage(double percent) {
            if (!(percent >= 0 && percent <= 100)) {
                throw new IllegalArgumentException("noiseSamplePercentage must be between 0 and 100 %, was "
                        + percent);
            }
            this.noiseSampleBasisPoints = (int) Math.round(percent * 100);
            return this;
        }

        /**
         * @param threshold how many A/A differences at a path make it noise, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code threshold} is below 1
         */
        public Builder noiseThreshold(int threshold) {
            if (threshold < 1) {
                throw new IllegalArgumentException("noiseThreshold must be at least 1, was " + threshold);
            }
            this.noiseThreshold = threshold;
            return this;
        }

        /**
         * @param size how many recent mismatches to keep, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code size} is below 1
         */
        public Builder mismatchBufferSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("mismatchBufferSize must be at least 1, was " + size);
            }
            this.mismatchBufferSize = size;
            return this;
        }

        /** @return the settings */
        public ShadowSettings build() {
            return new ShadowSettings(this);
        }
    }
}
