package io.strangler.api;

import io.strangler.api.compare.ExceptionEquivalence;
import io.strangler.api.compare.ResultComparator;
import io.strangler.api.spi.ArgumentCopier;
import io.strangler.api.spi.RoutingKeyResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Everything needed to register a route: its name, interface, both implementations, its initial state and its
 * resilience settings. Immutable; build one with {@link #builder(String, Class)}.
 *
 * <pre>{@code
 * RouteDefinition<CvAnalyzer> definition = RouteDefinition.builder("cv-analyzer", CvAnalyzer.class)
 *         .legacy(new RegexCvAnalyzer())
 *         .modern(new LlmCvAnalyzer())
 *         .initialState(s -> s.stage(Stage.CANARY).percentage(5))
 *         .circuitBreaker(CircuitBreakerSettings.custom().failureRateThreshold(25).build())
 *         .pinKeysFor(Duration.ofHours(1))
 *         .build();
 * }</pre>
 *
 * @param <T> the interface both implementations share
 */
public final class RouteDefinition<T> {

    private final String name;
    private final Class<T> type;
    private final T legacy;
    private final T modern;
    private final RouteState initialState;
    private final Target nullKeyPolicy;
    private final CircuitBreakerSettings circuitBreaker;
    private final RetrySettings retry;
    private final boolean fallbackOnIdempotentWrites;
    private final Duration pinTtl;
    private final List<Class<? extends Throwable>> ignoredExceptions;
    private final boolean requireRoutingKey;
    private final RoutingKeyResolver keyResolver;
    private final ShadowSettings shadow;
    private final ResultComparator comparator;
    private final ExceptionEquivalence exceptionEquivalence;
    private final ArgumentCopier argumentCopier;
    private final boolean stateless;
    private final boolean allowLossyRollback;
    private final int verificationSampleBasisPoints;
    private final VerificationReader<? super T> verificationReader;

    private RouteDefinition(Builder<T> b, RouteState initialState) {
        this.name = b.name;
        this.type = b.type;
        this.legacy = b.legacy;
        this.modern = b.modern;
        this.initialState = initialState;
        this.nullKeyPolicy = b.nullKeyPolicy;
        this.circuitBreaker = b.circuitBreaker;
        this.retry = b.retry;
        this.fallbackOnIdempotentWrites = b.fallbackOnIdempotentWrites;
        this.pinTtl = b.pinTtl;
        this.ignoredExceptions = Collections.unmodifiableList(new ArrayList<>(b.ignoredExceptions));
        this.requireRoutingKey = b.requireRoutingKey;
        this.keyResolver = b.keyResolver;
        this.shadow = b.shadow;
        this.comparator = b.comparator;
        this.exceptionEquivalence = b.exceptionEquivalence;
        this.argumentCopier = b.argumentCopier;
        this.stateless = b.stateless;
        this.allowLossyRollback = b.allowLossyRollback;
        this.verificationSampleBasisPoints = b.verificationSampleBasisPoints;
        this.verificationReader = b.verificationReader;
    }

    /**
     * A builder for the route {@code name} over {@code type}.
     *
     * @param name the route's name, e.g. {@code cv-analyzer}
     * @param type the interface both implementations share
     * @param <T> that interface
     * @return a new builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static <T> Builder<T> builder(String name, Class<T> type) {
        return new Builder<>(RouteState.requireName("route name", name), Objects.requireNonNull(type, "type"));
    }

    /** @return the route's name */
    public String name() {
        return name;
    }

    /** @return the interface both implementations share */
    public Class<T> type() {
        return type;
    }

    /** @return the legacy implementation */
    public T legacy() {
        return legacy;
    }

    /** @return the modern implementation */
    public T modern() {
        return modern;
    }

    /**
     * The state the route starts in when the store holds none for it. A state already in the store wins, so that
     * a restart never undoes a rollout or a rollback.
     *
     * @return the initial state
     */
    public RouteState initialState() {
        return initialState;
    }

    /** @return the side that serves a call with no routing key in {@link Stage#CANARY} */
    public Target nullKeyPolicy() {
        return nullKeyPolicy;
    }

    /** @return the settings of modern's circuit breaker */
    public CircuitBreakerSettings circuitBreaker() {
        return circuitBreaker;
    }

    /** @return the settings of modern's retry, for reads and idempotent writes */
    public RetrySettings retry() {
        return retry;
    }

    /** @return whether an idempotent write that fails on modern is repeated on legacy */
    public boolean fallbackOnIdempotentWrites() {
        return fallbackOnIdempotentWrites;
    }

    /** @return how long a key stays on the side it was first served by, or {@link Duration#ZERO} for no pinning */
    public Duration pinTtl() {
        return pinTtl;
    }

    /**
     * Exceptions that are a normal outcome of the call (a "not found", a validation error): they reach the caller
     * as they are, count as successes, never open the breaker and never cause a fallback.
     *
     * @return the exception types, subclasses included
     */
    public List<Class<? extends Throwable>> ignoredExceptions() {
        return ignoredExceptions;
    }

    /** @return whether {@link Route#proxy()} refuses methods with no {@code @RoutingKey} parameter */
    public boolean requireRoutingKey() {
        return requireRoutingKey;
    }

    /** @return the last source of a routing key, or {@code null} for none */
    public RoutingKeyResolver keyResolver() {
        return keyResolver;
    }

    /** @return how reads are shadowed: deadline, sampling, noise learning, mismatch buffer */
    public ShadowSettings shadow() {
        return shadow;
    }

    /** @return the comparator of shadow answers, or {@code null} for the router's default structural comparator */
    public ResultComparator comparator() {
        return comparator;
    }

    /** @return when two exceptions count as the same answer */
    public ExceptionEquivalence exceptionEquivalence() {
        return exceptionEquivalence;
    }

    /** @return copies a proxied read's arguments for the shadow side, or {@code null} to share them */
    public ArgumentCopier argumentCopier() {
        return argumentCopier;
    }

    /**
     * Whether the route holds no data of its own (a pure computation, a stateless client): its writes go to the
     * serving side only, and rollback loses nothing.
     *
     * @return whether the route is stateless
     */
    public boolean stateless() {
        return stateless;
    }

    /** @return whether the state may turn dual writes off ({@link DualWriteMode#OFF}), making rollback lossy */
    public boolean allowLossyRollback() {
        return allowLossyRollback;
    }

    /** @return the share of dual writes read back from both sides and compared, in basis points */
    public int verificationSampleBasisPoints() {
        return verificationSampleBasisPoints;
    }

    /** @return reads back what a write stored, or {@code null} when writes are not verified */
    public VerificationReader<? super T> verificationReader() {
        return verificationReader;
    }

    @Override
    public String toString() {
        return "RouteDefinition{name=" + name + ", type=" + type.getName() + ", initialState=" + initialState + "}";
    }

    /**
     * Builds a {@link RouteDefinition}. Each setter checks its argument at once; {@link #build()} checks that the
     * pieces fit together. Not thread-safe.
     *
     * @param <T> the interface both implementations share
     */
    public static final class Builder<T> {
        private final String name;
        private final Class<T> type;
        private T legacy;
        private T modern;
        private UnaryOperator<RouteState.Builder> initialState = UnaryOperator.identity();
        private Target nullKeyPolicy = Target.LEGACY;
        private CircuitBreakerSettings circuitBreaker = CircuitBreakerSettings.ofDefaults();
        private RetrySettings retry = RetrySettings.none();
        private boolean fallbackOnIdempotentWrites;
        private Duration pinTtl = Duration.ZERO;
        private final List<Class<? extends Throwable>> ignoredExceptions = new ArrayList<>();
        private boolean requireRoutingKey;
        private RoutingKeyResolver keyResolver;
        private ShadowSettings shadow = ShadowSettings.ofDefaults();
        private ResultComparator comparator;
        private ExceptionEquivalence exceptionEquivalence = ExceptionEquivalence.sameTypeAndMessage();
        private ArgumentCopier argumentCopier;
        private boolean stateless;
        private boolean allowLossyRollback;
        private int verificationSampleBasisPoints;
        private VerificationReader<? super T> verificationReader;

        private Builder(String name, Class<T> type) {
            this.name = name;
            this.type = type;
        }

        /**
         * Sets the implementation being replaced.
         *
         * @param legacy the legacy implementation
         * @return this builder
         * @throws NullPointerException if {@code legacy} is null
         */
        public Builder<T> legacy(T legacy) {
            this.legacy = Objects.requireNonNull(legacy, "route '" + name + "': legacy implementation is null");
            return this;
        }

        /**
         * Sets the implementation replacing it.
         *
         * @param modern the modern implementation
         * @return this builder
         * @throws NullPointerException if {@code modern} is null
         */
        public Builder<T> modern(T modern) {
            this.modern = Objects.requireNonNull(modern, "route '" + name + "': modern implementation is null");
            return this;
        }

        /**
         * Sets the initial state, by editing a builder that starts from the defaults (stage LEGACY, 0 %).
         *
         * @param initialState edits the initial state
         * @return this builder
         * @throws NullPointerException if {@code initialState} is null
         */
        public Builder<T> initialState(UnaryOperator<RouteState.Builder> initialState) {
            this.initialState = Objects.requireNonNull(initialState, "initialState");
            return this;
        }

        /**
         * Sets the side that serves a call with no routing key in {@link Stage#CANARY}. Default
         * {@link Target#LEGACY}.
         *
         * @param nullKeyPolicy the side
         * @return this builder
         * @throws NullPointerException if {@code nullKeyPolicy} is null
         */
        public Builder<T> nullKeyPolicy(Target nullKeyPolicy) {
            this.nullKeyPolicy = Objects.requireNonNull(nullKeyPolicy, "nullKeyPolicy");
            return this;
        }

        /**
         * Sets modern's circuit breaker. Default {@link CircuitBreakerSettings#ofDefaults()}.
         *
         * @param circuitBreaker the settings
         * @return this builder
         * @throws NullPointerException if {@code circuitBreaker} is null
         */
        public Builder<T> circuitBreaker(CircuitBreakerSettings circuitBreaker) {
            this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuitBreaker");
            return this;
        }

        /**
         * Sets the retry of modern reads and idempotent writes. Default {@link RetrySettings#none()}: a failed
         * read falls back to legacy at once, which is usually what a caller wants.
         *
         * @param retry the settings
         * @return this builder
         * @throws NullPointerException if {@code retry} is null
         */
        public Builder<T> retry(RetrySettings retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /**
         * Sets whether an idempotent write that fails on modern is repeated on legacy. Default {@code false}.
         *
         * @param fallbackOnIdempotentWrites whether to fall back
         * @return this builder
         */
        public Builder<T> fallbackOnIdempotentWrites(boolean fallbackOnIdempotentWrites) {
            this.fallbackOnIdempotentWrites = fallbackOnIdempotentWrites;
            return this;
        }

        /**
         * Pins each key to the side that first served it (in {@link Stage#CANARY} and {@link Stage#MODERN}) for
         * {@code ttl} after its last call, so that lowering the percentage does not switch a workflow half way.
         * A rollback releases every pin. Default {@link Duration#ZERO}: no pinning.
         *
         * @param ttl how long a pin lasts after the key's last call
         * @return this builder
         * @throws IllegalArgumentException if {@code ttl} is negative
         */
        public Builder<T> pinKeysFor(Duration ttl) {
            Objects.requireNonNull(ttl, "pinTtl");
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("pinTtl must not be negative, was " + ttl);
            }
            this.pinTtl = ttl;
            return this;
        }

        /**
         * Declares exceptions that are a normal outcome of a call: they reach the caller, count as successes and
         * never cause a fallback or open the breaker.
         *
         * @param exceptions exception types, subclasses included
         * @return this builder
         */
        @SafeVarargs
        public final Builder<T> ignoreExceptions(Class<? extends Throwable>... exceptions) {
            for (Class<? extends Throwable> exception : Arrays.asList(exceptions)) {
                ignoredExceptions.add(Objects.requireNonNull(exception, "ignoredExceptions"));
            }
            return this;
        }

        /**
         * Makes {@link Route#proxy()} refuse a method that has no {@code @RoutingKey} parameter, for routes whose
         * every call must be sticky.
         *
         * @param requireRoutingKey whether every proxied method needs a key parameter
         * @return this builder
         */
        public Builder<T> requireRoutingKey(boolean requireRoutingKey) {
            this.requireRoutingKey = requireRoutingKey;
            return this;
        }

        /**
         * Sets the last source of a routing key, asked when neither the call nor the context has one.
         *
         * @param keyResolver the resolver
         * @return this builder
         */
        public Builder<T> keyResolver(RoutingKeyResolver keyResolver) {
            this.keyResolver = keyResolver;
            return this;
        }

        /**
         * Sets how reads are shadowed. Default {@link ShadowSettings#ofDefaults()}.
         *
         * @param shadow the settings
         * @return this builder
         * @throws NullPointerException if {@code shadow} is null
         */
        public Builder<T> shadow(ShadowSettings shadow) {
            this.shadow = Objects.requireNonNull(shadow, "shadow");
            return this;
        }

        /**
         * Sets the comparator of shadow answers and write verifications. Default: the structural comparator of
         * {@code strangler-core}, which reports differences by field path.
         *
         * @param comparator the comparator
         * @return this builder
         * @throws NullPointerException if {@code comparator} is null
         */
        public Builder<T> comparator(ResultComparator comparator) {
            this.comparator = Objects.requireNonNull(comparator, "comparator");
            return this;
        }

        /**
         * Sets when two exceptions count as the same answer. Default: same type and message.
         *
         * @param exceptionEquivalence the rule
         * @return this builder
         * @throws NullPointerException if {@code exceptionEquivalence} is null
         */
        public Builder<T> exceptionEquivalence(ExceptionEquivalence exceptionEquivalence) {
            this.exceptionEquivalence = Objects.requireNonNull(exceptionEquivalence, "exceptionEquivalence");
            return this;
        }

        /**
         * Copies a proxied read's arguments before the serving side runs, for implementations that mutate them.
         *
         * @param argumentCopier the copier
         * @return this builder
         * @throws NullPointerException if {@code argumentCopier} is null
         */
        public Builder<T> argumentCopier(ArgumentCopier argumentCopier) {
            this.argumentCopier = Objects.requireNonNull(argumentCopier, "argumentCopier");
            return this;
        }

        /**
         * Declares the route stateless: writes go to the serving side only. Default {@code false}.
         *
         * @param stateless whether the route holds no data
         * @return this builder
         */
        public Builder<T> stateless(boolean stateless) {
            this.stateless = stateless;
            return this;
        }

        /**
         * Lets the state turn dual writes off ({@link DualWriteMode#OFF}), which makes rollback lose the writes
         * modern served. Default {@code false}: such a state change is refused.
         *
         * @param allowLossyRollback whether to allow it
         * @return this builder
         */
        public Builder<T> allowLossyRollback(boolean allowLossyRollback) {
            this.allowLossyRollback = allowLossyRollback;
            return this;
        }

        /**
         * Reads back a sample of dual writes from both sides, off the caller's thread, and compares them; a
         * difference is a data-integrity failure ({@link io.strangler.api.event.RouterListener#onDataIntegrity}).
         *
         * @param percent the share of dual writes to verify, in {@code (0, 100]}
         * @param reader reads back what a write stored for a key
         * @return this builder
         * @throws IllegalArgumentException if {@code percent} is outside {@code (0, 100]}
         * @throws NullPointerException if {@code reader} is null
         */
        public Builder<T> verifyWrites(double percent, VerificationReader<? super T> reader) {
            if (!(percent > 0 && percent <= 100)) {
                throw new IllegalArgumentException("verifyWrites percent must be in (0, 100], was " + percent);
            }
            this.verificationReader = Objects.requireNonNull(reader, "verification reader");
            this.verificationSampleBasisPoints = (int) Math.max(1, Math.round(percent * 100));
            return this;
        }

        /**
         * Builds the definition.
         *
         * @return the immutable definition
         * @throws IllegalStateException if an implementation is missing or does not implement the route's type, if
         *     the initial state is for another route, or if it turns dual writes off on a route that does not allow
         *     lossy rollback
         */
        public RouteDefinition<T> build() {
            checkImplementation("legacy", legacy);
            checkImplementation("modern", modern);
            if (legacy == modern) {
                throw new IllegalStateException("route '" + name + "': legacy and modern are the same object");
            }
            RouteState state = initialState.apply(RouteState.builder(name)).build();
            if (!state.route().equals(name)) {
                throw new IllegalStateException("route '" + name + "': initialState is for route '" + state.route()
                        + "'");
            }
            if (state.dualWriteMode() == DualWriteMode.OFF && !allowLossyRollback && !stateless) {
                throw new IllegalStateException("route '" + name + "': initialState has dualWriteMode OFF, which makes "
                        + "rollback lose writes; declare allowLossyRollback(true) or stateless(true)");
            }
            return new RouteDefinition<>(this, state);
        }

        private void checkImplementation(String side, T implementation) {
            if (implementation == null) {
                throw new IllegalStateException("route '" + name + "': " + side + " implementation is null");
            }
            if (!type.isInstance(implementation)) {
                throw new IllegalStateException("route '" + name + "': " + side + " implementation "
                        + implementation.getClass().getName() + " does not implement " + type.getName());
            }
        }
    }
}
