package io.strangler.api.routing;

import io.strangler.api.Side;
import io.strangler.api.spi.RoutingKeyResolver;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a route's calls get their routing key, what a call with none gets, and how long a key stays on the side
 * that first served it. Immutable; build one with {@link #custom()}.
 *
 * <pre>{@code
 * KeySettings keys = KeySettings.custom()
 *         .requireRoutingKey(true)                  // every proxied method must name its key parameter
 *         .pinFor(Duration.ofHours(1))              // a workflow stays on the side it started on
 *         .build();
 * }</pre>
 */
public final class KeySettings {

    private static final KeySettings DEFAULTS = custom().build();

    private final Side nullKeyPolicy;
    private final boolean requireRoutingKey;
    private final @Nullable RoutingKeyResolver resolver;
    private final Duration pinTtl;

    private KeySettings(Builder b) {
        this.nullKeyPolicy = b.nullKeyPolicy;
        this.requireRoutingKey = b.requireRoutingKey;
        this.resolver = b.resolver;
        this.pinTtl = b.pinTtl;
    }

    /**
     * The defaults: a keyless call goes to legacy, keys are optional, no resolver, no pinning.
     *
     * @return the default settings
     */
    public static KeySettings ofDefaults() {
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
     * The side that serves a call with no routing key where the decision depends on the key ({@code CANARY}).
     *
     * @return the side, {@link Side#LEGACY} by default
     */
    public Side nullKeyPolicy() {
        return nullKeyPolicy;
    }

    /**
     * Whether the route's typed proxy refuses a method with no {@code @RoutingKey} parameter.
     *
     * @return whether every proxied method needs a key parameter
     */
    public boolean requireRoutingKey() {
        return requireRoutingKey;
    }

    /**
     * The last source of a routing key, asked when neither the call nor the routing context has one.
     *
     * @return the resolver, or {@code null} for none
     */
    public @Nullable RoutingKeyResolver resolver() {
        return resolver;
    }

    /**
     * How long a key stays on the side that first served it after its last call.
     *
     * @return the time, or {@link Duration#ZERO} for no pinning
     */
    public Duration pinTtl() {
        return pinTtl;
    }

    @Override
    public String toString() {
        return "KeySettings{nullKeyPolicy=" + nullKeyPolicy + ", requireRoutingKey=" + requireRoutingKey
                + (resolver == null ? "" : ", resolver=" + resolver) + ", pinTtl=" + pinTtl + "}";
    }

    /** Builds {@link KeySettings}; every setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private Side nullKeyPolicy = Side.LEGACY;
        private boolean requireRoutingKey;
        private @Nullable RoutingKeyResolver resolver;
        private Duration pinTtl = Duration.ZERO;

        private Builder() {
        }

        /**
         * Sets the side that serves a call with no routing key in {@code CANARY}. Default {@link Side#LEGACY}.
         *
         * @param side the side
         * @return this builder
         * @throws NullPointerException if {@code side} is null
         */
        public Builder nullKeyPolicy(Side side) {
            this.nullKeyPolicy = Objects.requireNonNull(side, "keys.nullKeyPolicy");
            return this;
        }

        /**
         * Makes the typed proxy refuse a method that has no {@code @RoutingKey} parameter, for routes whose every
         * call must be sticky. Default {@code false}.
         *
         * @param requireRoutingKey whether every proxied method needs a key parameter
         * @return this builder
         */
        public Builder requireRoutingKey(boolean requireRoutingKey) {
            this.requireRoutingKey = requireRoutingKey;
            return this;
        }

        /**
         * Sets the last source of a routing key, asked when neither the call nor the context has one.
         *
         * @param resolver the resolver
         * @return this builder
         * @throws NullPointerException if {@code resolver} is null
         */
        public Builder resolver(RoutingKeyResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "keys.resolver");
            return this;
        }

        /**
         * Pins each key to the side that first served it (in {@code CANARY} and {@code MODERN}) until it has been
         * idle for {@code ttl}, so that lowering the percentage does not switch a workflow half way. A rollback
         * releases every pin. Default {@link Duration#ZERO}: no pinning.
         *
         * @param ttl how long a pin lasts after the key's last call
         * @return this builder
         * @throws IllegalArgumentException if {@code ttl} is negative
         * @throws NullPointerException if {@code ttl} is null
         */
        public Builder pinFor(Duration ttl) {
            Objects.requireNonNull(ttl, "keys.pinTtl");
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("keys.pinTtl must not be negative, was " + ttl);
            }
            this.pinTtl = ttl;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the immutable settings
         */
        public KeySettings build() {
            return new KeySettings(this);
        }
    }
}
