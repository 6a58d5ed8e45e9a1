package io.strangler.api.dualwrite;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a route keeps both sides' data: whether it holds data at all, whether its state may turn dual writes off,
 * and which share of dual writes is read back from both sides to verify them. How the second write is made
 * ({@link DualWriteMode}) is part of the route's state, so that operators can change it at run time. Immutable.
 *
 * <pre>{@code
 * DualWriteSettings writes = DualWriteSettings.custom()
 *         .verify(5, ProfileStore.class, (store, userId) -> store.load(userId))   // read back 5 % of dual writes
 *         .build();
 * DualWriteSettings none = DualWriteSettings.stateless();                        // a pure computation
 * }</pre>
 */
public final class DualWriteSettings {

    private static final DualWriteSettings DEFAULTS = custom().build();
    private static final DualWriteSettings STATELESS = custom().stateless(true).build();

    private final boolean stateless;
    private final boolean allowLossyRollback;
    private final int verificationSampleBasisPoints;
    private final @Nullable Class<?> verificationType;
    private final @Nullable VerificationReader<?> verificationReader;

    private DualWriteSettings(Builder b) {
        this.stateless = b.stateless;
        this.allowLossyRollback = b.allowLossyRollback;
        this.verificationSampleBasisPoints = b.verificationSampleBasisPoints;
        this.verificationType = b.verificationType;
        this.verificationReader = b.verificationReader;
    }

    /**
     * The defaults: the route holds data, so its writes go to both sides in the stages that dual-write, turning
     * dual writes off is refused, and no write is read back.
     *
     * @return the default settings
     */
    public static DualWriteSettings ofDefaults() {
        return DEFAULTS;
    }

    /**
     * The settings of a route that holds no data of its own (a pure computation, a stateless client): writes go
     * to the serving side only, and rollback loses nothing.
     *
     * @return settings with {@link #stateless()} on
     */
    public static DualWriteSettings stateless() {
        return STATELESS;
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
     * Whether the route holds no data of its own: its writes go to the serving side only.
     *
     * @return whether the route is stateless
     */
    public boolean isStateless() {
        return stateless;
    }

    /**
     * Whether the route's state may turn dual writes off ({@link DualWriteMode#OFF}), making a rollback lose the
     * writes modern served.
     *
     * @return whether a lossy rollback is allowed
     */
    public boolean allowLossyRollback() {
        return allowLossyRollback;
    }

    /**
     * The share of successful dual writes read back from both sides and compared.
     *
     * @return basis points in {@code [0, 10000]}; 0 when writes are not verified
     */
    public int verificationSampleBasisPoints() {
        return verificationSampleBasisPoints;
    }

    /**
     * The type the verification reader reads, checked against the route's interface when the route is built.
     *
     * @return the type, or {@code null} when writes are not verified
     */
    public @Nullable Class<?> verificationType() {
        return verificationType;
    }

    /**
     * Reads back what a write stored on one side.
     *
     * @return the reader, or {@code null} when writes are not verified
     */
    public @Nullable VerificationReader<?> verificationReader() {
        return verificationReader;
    }

    @Override
    public String toString() {
        return "DualWriteSettings{stateless=" + stateless + ", allowLossyRollback=" + allowLossyRollback
                + (verificationReader == null ? "" : ", verify=" + verificationSampleBasisPoints / 100.0 + "% as "
                        + verificationType.getName()) + "}";
    }

    /** Builds {@link DualWriteSettings}; every setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private boolean stateless;
        private boolean allowLossyRollback;
        private int verificationSampleBasisPoints;
        private @Nullable Class<?> verificationType;
        private @Nullable VerificationReader<?> verificationReader;

        private Builder() {
        }

        /**
         * Declares that the route holds no data of its own: writes go to the serving side only. Default
         * {@code false}.
         *
         * @param stateless whether the route holds no data
         * @return this builder
         */
        public Builder stateless(boolean stateless) {
            this.stateless = stateless;
            return this;
        }

        /**
         * Lets the state turn dual writes off ({@link DualWriteMode#OFF}), which makes a rollback lose the writes
         * modern served. Default {@code false}: such a state change is refused.
         *
         * @param allowLossyRollback whether to allow it
         * @return this builder
         */
        public Builder allowLossyRollback(boolean allowLossyRollback) {
            this.allowLossyRollback = allowLossyRollback;
            return this;
        }

        /**
         * Reads back a sample of dual writes from both sides, off the caller's thread, and compares them with the
         * route's comparator ({@code ShadowSettings.comparator}); a difference is a data-integrity failure
         * ({@link io.strangler.api.event.RouterListener#onDataIntegrity}).
         *
         * @param percent the share of dual writes to verify, in {@code (0, 100]}
         * @param type the type {@code reader} reads: the route's interface or a supertype of it
         * @param reader reads back what a write stored for a key
         * @param <T> that type
         * @return this builder
         * @throws IllegalArgumentException if {@code percent} is outside {@code (0, 100]}
         * @throws NullPointerException if {@code type} or {@code reader} is null
         */
        public <T> Builder verify(double percent, Class<T> type, VerificationReader<? super T> reader) {
            if (!(percent > 0 && percent <= 100)) {
                throw new IllegalArgumentException("dualWrites.verify percent must be in (0, 100], was " + percent);
            }
            this.verificationType = Objects.requireNonNull(type, "dualWrites.verify type");
            this.verificationReader = Objects.requireNonNull(reader, "dualWrites.verify reader");
            this.verificationSampleBasisPoints = (int) Math.max(1, Math.round(percent * 100));
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the immutable settings
         */
        public DualWriteSettings build() {
            return new DualWriteSettings(this);
        }
    }
}
