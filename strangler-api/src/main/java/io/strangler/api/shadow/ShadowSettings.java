package io.strangler.api.shadow;

import io.strangler.api.RouteState;
import io.strangler.api.compare.ExceptionEquivalence;
import io.strangler.api.compare.ResultComparator;
import io.strangler.api.spi.ArgumentCopier;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a route shadows reads and compares the answers: the deadline of a shadow call, how reads are sampled, the
 * comparator and the rule for exceptions, the copier of a proxied read's arguments, how much A/A noise learning is
 * done, and how many recent mismatches are kept. Immutable. The sample rate itself is part of the route's state
 * ({@link RouteState#shadowSampleBasisPoints()}), so that operators can change it at run time.
 *
 * <pre>{@code
 * ShadowSettings shadow = ShadowSettings.custom()
 *         .timeout(Duration.ofMillis(500))
 *         .sampling(ShadowSampling.PER_KEY)
 *         .comparator(StructuralComparator.builder().ignore("$.**.updatedAt").build())
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
    private final @Nullable ResultComparator comparator;
    private final ExceptionEquivalence exceptionEquivalence;
    private final @Nullable ArgumentCopier argumentCopier;
    private final int noiseSampleBasisPoints;
    private final int noiseThreshold;
    private final int mismatchBufferSize;

    private ShadowSettings(Builder b) {
        this.timeout = b.timeout;
        this.sampling = b.sampling;
        this.comparator = b.comparator;
        this.exceptionEquivalence = b.exceptionEquivalence;
        this.argumentCopier = b.argumentCopier;
        this.noiseSampleBasisPoints = b.noiseSampleBasisPoints;
        this.noiseThreshold = b.noiseThreshold;
        this.mismatchBufferSize = b.mismatchBufferSize;
    }

    /**
     * The defaults: a 1 s deadline, per-call sampling, the structural comparator, exceptions equal when of the same
     * type and message, no argument copier, no A/A learning, 100 mismatches kept.
     *
     * @return the default settings
     */
    public static ShadowSettings ofDefaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder custom() {
        return new Builder();
    }

    /**
     * A builder starting from {@code base}.
     *
     * @param base the settings to start from
     * @return a new builder holding every value of {@code base}
     */
    public static Builder from(ShadowSettings base) {
        Builder b = new Builder();
        b.timeout = base.timeout;
        b.sampling = base.sampling;
        b.comparator = base.comparator;
        b.exceptionEquivalence = base.exceptionEquivalence;
        b.argumentCopier = base.argumentCopier;
        b.noiseSampleBasisPoints = base.noiseSampleBasisPoints;
        b.noiseThreshold = base.noiseThreshold;
        b.mismatchBufferSize = base.mismatchBufferSize;
        return b;
    }

    /**
     * The deadline of a shadow call, measured from its start on the shadow executor.
     *
     * @return the deadline
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * How reads are picked for shadowing.
     *
     * @return the sampling
     */
    public ShadowSampling sampling() {
        return sampling;
    }

    /**
     * Compares the two sides' answers to a shadowed read, and what both sides read back when dual writes are
     * verified.
     *
     * @return the comparator, or {@code null} for the structural comparator of {@code strangler-core}
     */
    public @Nullable ResultComparator comparator() {
        return comparator;
    }

    /**
     * When two exceptions count as the same answer.
     *
     * @return the rule
     */
    public ExceptionEquivalence exceptionEquivalence() {
        return exceptionEquivalence;
    }

    /**
     * Copies a proxied read's arguments before the serving side runs, for implementations that change them.
     *
     * @return the copier, or {@code null} to share the arguments
     */
    public @Nullable ArgumentCopier argumentCopier() {
        return argumentCopier;
    }

    /**
     * The share of shadowed reads served by legacy that also run legacy a second time to learn noise.
     *
     * @return basis points in {@code [0, 10000]}
     */
    public int noiseSampleBasisPoints() {
        return noiseSampleBasisPoints;
    }

    /**
     * How many A/A differences at a path make the path noise.
     *
     * @return at least 1
     */
    public int noiseThreshold() {
        return noiseThreshold;
    }

    /**
     * How many recent mismatches the route keeps for inspection.
     *
     * @return at least 1
     */
    public int mismatchBufferSize() {
        return mismatchBufferSize;
    }

    @Override
    public String toString() {
        return "ShadowSettings{timeout=" + timeout + ", sampling=" + sampling
                + (comparator == null ? "" : ", comparator=" + comparator)
                + ", exceptionEquivalence=" + exceptionEquivalence
                + (argumentCopier == null ? "" : ", argumentCopier=" + argumentCopier)
                + ", noiseSampleBasisPoints=" + noiseSampleBasisPoints + ", noiseThreshold=" + noiseThreshold
                + ", mismatchBufferSize=" + mismatchBufferSize + "}";
    }

    /** Builds {@link ShadowSettings}; every setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private Duration timeout = DEFAULT_TIMEOUT;
        private ShadowSampling sampling = ShadowSampling.PER_CALL;
        private @Nullable ResultComparator comparator;
        private ExceptionEquivalence exceptionEquivalence = ExceptionEquivalence.sameTypeAndMessage();
        private @Nullable ArgumentCopier argumentCopier;
        private int noiseSampleBasisPoints = DEFAULT_NOISE_SAMPLE_BASIS_POINTS;
        private int noiseThreshold = DEFAULT_NOISE_THRESHOLD;
        private int mismatchBufferSize = DEFAULT_MISMATCH_BUFFER_SIZE;

        private Builder() {
        }

        /**
         * Sets the deadline of a shadow call. Default 1 s.
         *
         * @param timeout the deadline, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         * @throws NullPointerException if {@code timeout} is null
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "shadow.timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("shadow.timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Sets how reads are picked for shadowing. Default {@link ShadowSampling#PER_CALL}.
         *
         * @param sampling how reads are picked
         * @return this builder
         * @throws NullPointerException if {@code sampling} is null
         */
        public Builder sampling(ShadowSampling sampling) {
            this.sampling = Objects.requireNonNull(sampling, "shadow.sampling");
            return this;
        }

        /**
         * Sets the comparator of shadow answers and of verified writes. Default: the structural comparator of
         * {@code strangler-core}, which reports differences by field path.
         *
         * @param comparator the comparator
         * @return this builder
         * @throws NullPointerException if {@code comparator} is null
         */
        public Builder comparator(ResultComparator comparator) {
            this.comparator = Objects.requireNonNull(comparator, "shadow.comparator");
            return this;
        }

        /**
         * Sets when two exceptions count as the same answer. Default: same type and message.
         *
         * @param exceptionEquivalence the rule
         * @return this builder
         * @throws NullPointerException if {@code exceptionEquivalence} is null
         */
        public Builder exceptionEquivalence(ExceptionEquivalence exceptionEquivalence) {
            this.exceptionEquivalence = Objects.requireNonNull(exceptionEquivalence, "shadow.exceptionEquivalence");
            return this;
        }

        /**
         * Sets the copier of a proxied read's arguments, taken before the serving side runs, for implementations
         * that change their arguments (drain a list, fill a buffer). Synchronous and asynchronous reads alike. A
         * copier that throws costs the read its shadow, never the read itself.
         *
         * @param argumentCopier the copier
         * @return this builder
         * @throws NullPointerException if {@code argumentCopier} is null
         */
        public Builder argumentCopier(ArgumentCopier argumentCopier) {
            this.argumentCopier = Objects.requireNonNull(argumentCopier, "shadow.argumentCopier");
            return this;
        }

        /**
         * Sets the share of shadowed reads served by legacy that also run legacy a second time, to learn which
         * paths differ between two answers of the same side. Default 0.
         *
         * @param percent the share, in {@code [0, 100]}
         * @return this builder
         * @throws IllegalArgumentException if {@code percent} is outside {@code [0, 100]}
         */
        public Builder noiseSamplePercentage(double percent) {
            this.noiseSampleBasisPoints = RouteState.basisPoints("shadow.noiseSamplePercentage", percent);
            return this;
        }

        /**
         * Sets how many A/A differences at a path make it noise. Default 2.
         *
         * @param threshold at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code threshold} is below 1
         */
        public Builder noiseThreshold(int threshold) {
            if (threshold < 1) {
                throw new IllegalArgumentException("shadow.noiseThreshold must be at least 1, was " + threshold);
            }
            this.noiseThreshold = threshold;
            return this;
        }

        /**
         * Sets how many recent mismatches the route keeps. Default 100.
         *
         * @param size at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code size} is below 1
         */
        public Builder mismatchBufferSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("shadow.mismatchBufferSize must be at least 1, was " + size);
            }
            this.mismatchBufferSize = size;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the immutable settings
         */
        public ShadowSettings build() {
            return new ShadowSettings(this);
        }
    }
}
