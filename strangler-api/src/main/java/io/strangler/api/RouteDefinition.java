package io.strangler.api;

import io.strangler.api.dualwrite.DualWriteMode;
import io.strangler.api.dualwrite.DualWriteSettings;
import io.strangler.api.resilience.CircuitBreakerSettings;
import io.strangler.api.resilience.FallbackSettings;
import io.strangler.api.resilience.RetrySettings;
import io.strangler.api.routing.KeySettings;
import io.strangler.api.shadow.ShadowSettings;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Everything needed to register a route: its name, interface, both implementations, its initial state, and its
 * settings, grouped by concern: {@linkplain KeySettings keys}, {@linkplain CircuitBreakerSettings circuit breaker},
 * {@linkplain RetrySettings retry}, {@linkplain FallbackSettings fallback}, {@linkplain ShadowSettings shadow reads}
 * and {@linkplain DualWriteSettings dual writes}. Every group has defaults; set only what differs. Immutable;
 * build one with {@link #builder(String, Class)}.
 *
 * <pre>{@code
 * RouteDefinition<CvAnalyzer> definition = RouteDefinition.builder("cv-analyzer", CvAnalyzer.class)
 *         .legacy(new KeywordCvAnalyzer())
 *         .modern(new TokenCvAnalyzer())
 *         .initialState(s -> s.stage(Stage.CANARY).percentage(5))
 *         .keys(KeySettings.custom().pinFor(Duration.ofHours(1)).build())
 *         .circuitBreaker(CircuitBreakerSettings.custom().failureRateThreshold(25).build())
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
    private final KeySettings keys;
    private final CircuitBreakerSettings circuitBreaker;
    private final RetrySettings retry;
    private final FallbackSettings fallback;
    private final ShadowSettings shadow;
    private final DualWriteSettings dualWrites;
    private final Set<String> reads;
    private final Set<String> writes;
    private final Set<String> idempotentWrites;

    private RouteDefinition(Builder<T> b, T legacy, T modern, RouteState initialState) {
        this.name = b.name;
        this.type = b.type;
        this.legacy = legacy;
        this.modern = modern;
        this.initialState = initialState;
        this.keys = b.keys;
        this.circuitBreaker = b.circuitBreaker;
        this.retry = b.retry;
        this.fallback = b.fallback;
        this.shadow = b.shadow;
        this.dualWrites = b.dualWrites;
        this.reads = Collections.unmodifiableSet(new TreeSet<>(b.reads));
        this.writes = Collections.unmodifiableSet(new TreeSet<>(b.writes));
        this.idempotentWrites = Collections.unmodifiableSet(new TreeSet<>(b.idempotentWrites));
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

    /**
     * The route's name: unique in a router, and the default cohort of its bucketing.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The interface both implementations share; the typed proxy implements it.
     *
     * @return the interface (or class)
     */
    public Class<T> type() {
        return type;
    }

    /**
     * The implementation being replaced.
     *
     * @return the legacy implementation
     */
    public T legacy() {
        return legacy;
    }

    /**
     * The implementation replacing it.
     *
     * @return the modern implementation
     */
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

    /**
     * Where calls get their routing key, what a call with none gets, and how long keys stay pinned.
     *
     * @return the key settings
     */
    public KeySettings keys() {
        return keys;
    }

    /**
     * Modern's circuit breaker.
     *
     * @return the breaker settings
     */
    public CircuitBreakerSettings circuitBreaker() {
        return circuitBreaker;
    }

    /**
     * The retry of modern reads and idempotent writes before they fall back.
     *
     * @return the retry settings
     */
    public RetrySettings retry() {
        return retry;
    }

    /**
     * Which failures of modern legacy answers, and which exceptions are a normal outcome.
     *
     * @return the fallback settings
     */
    public FallbackSettings fallback() {
        return fallback;
    }

    /**
     * How reads are shadowed and compared.
     *
     * @return the shadow settings
     */
    public ShadowSettings shadow() {
        return shadow;
    }

    /**
     * How both sides' data is kept: stateless or not, lossy rollback, verification of dual writes.
     *
     * @return the dual-write settings
     */
    public DualWriteSettings dualWrites() {
        return dualWrites;
    }

 /**
     * The methods of the route's interface declared reads by name ({@link Builder#reads}), whatever their
     * annotations say: for an interface you don't own and can't annotate.
     *
     * @return the method names, sorted
     */
    public Set<String> reads() {
        return reads;
    }

    /**
     * The methods declared writes by name ({@link Builder#writes}), whatever their annotations say.
     *
     * @return the method names, sorted
     */
    public Set<String> writes() {
        return writes;
    }

    /**
     * The methods declared idempotent writes by name ({@link Builder#idempotentWrites}).
     *
     * @return the method names, sorted
     */
    public Set<String> idempotentWrites() {
        return idempotentWrites;
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
        private @Nullable T legacy;
        private @Nullable T modern;
        private UnaryOperator<RouteState.Builder> initialState = UnaryOperator.identity();
        private KeySettings keys = KeySettings.ofDefaults();
        private CircuitBreakerSettings circuitBreaker = CircuitBreakerSettings.ofDefaults();
        private RetrySettings retry = RetrySettings.none();
        private FallbackSettings fallback = FallbackSettings.ofDefaults();
        private ShadowSettings shadow = ShadowSettings.ofDefaults();
        private DualWriteSettings dualWrites = DualWriteSettings.ofDefaults();
        private final Set<String> reads = new LinkedHashSet<>();
        private final Set<String> writes = new LinkedHashSet<>();
        private final Set<String> idempotentWrites = new LinkedHashSet<>();

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
         * Sets where calls get their routing key, what a keyless call gets, and pinning. Default
         * {@link KeySettings#ofDefaults()}.
         *
         * @param keys the settings
         * @return this builder
         * @throws NullPointerException if {@code keys} is null
         */
        public Builder<T> keys(KeySettings keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
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
         * Sets which failures legacy answers and which exceptions are a normal outcome. Default
         * {@link FallbackSettings#ofDefaults()}.
         *
         * @param fallback the settings
         * @return this builder
         * @throws NullPointerException if {@code fallback} is null
         */
        public Builder<T> fallback(FallbackSettings fallback) {
            this.fallback = Objects.requireNonNull(fallback, "fallback");
            return this;
        }

        /**
         * Sets how reads are shadowed and compared. Default {@link ShadowSettings#ofDefaults()}.
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
         * Sets how both sides' data is kept. Default {@link DualWriteSettings#ofDefaults()}.
         *
         * @param dualWrites the settings
         * @return this builder
         * @throws NullPointerException if {@code dualWrites} is null
         */
        public Builder<T> dualWrites(DualWriteSettings dualWrites) {
            this.dualWrites = Objects.requireNonNull(dualWrites, "dualWrites");
            return this;
        }

        /**
         * Declares methods of the route's interface reads by name (every overload of each name), whatever their
         * annotations say: for an interface you don't own, such as a Spring Data repository, whose methods you can't
         * annotate {@code @Read}. An unclassified method is a write, and writes are never shadowed.
         *
         * @param methodNames names of methods of the route's interface
         * @return this builder
         * @throws NullPointerException if a name is null
         */
        public Builder<T> reads(String... methodNames) {
            reads.addAll(List.of(methodNames));
            return this;
        }

        /**
         * Declares methods of the route's interface writes by name, whatever their annotations say.
         *
         * @param methodNames names of methods of the route's interface
         * @return this builder
         * @throws NullPointerException if a name is null
         */
        public Builder<T> writes(String... methodNames) {
            writes.addAll(List.of(methodNames));
            return this;
        }

        /**
         * Declares methods of the route's interface idempotent writes by name (as {@code @Idempotent} would): they
         * may be retried and fall back to legacy.
         *
         * @param methodNames names of methods of the route's interface
         * @return this builder
         * @throws NullPointerException if a name is null
         */
        public Builder<T> idempotentWrites(String... methodNames) {
            idempotentWrites.addAll(List.of(methodNames));
            return this;
        }

        /**
         * Builds the definition.
         *
         * @return the immutable definition
         * @throws IllegalStateException if an implementation is missing or does not implement the route's type, if
         *     the initial state is for another route, if it turns dual writes off on a route that does not allow
         *     lossy rollback, or if the verification reader of dual writes reads another type
         */
        public RouteDefinition<T> build() {
            T legacySide = checkImplementation("legacy", legacy);
            T modernSide = checkImplementation("modern", modern);
            if (legacySide == modernSide) {
                throw new IllegalStateException("route '" + name + "': legacy and modern are the same object");
            }
            RouteState state = initialState.apply(RouteState.builder(name)).build();
            if (!state.route().equals(name)) {
                throw new IllegalStateException("route '" + name + "': initialState is for route '" + state.route()
                        + "'");
            }
            if (state.dualWriteMode() == DualWriteMode.OFF && !dualWrites.allowLossyRollback()
                    && !dualWrites.isStateless()) {
                throw new IllegalStateException("route '" + name + "': initialState has dualWriteMode OFF, which makes "
                        + "rollback lose writes; declare dualWrites allowLossyRollback(true) or stateless(true)");
            }
            checkMethodNames();
            Class<?> read = dualWrites.verificationType();
            if (read != null && !read.isAssignableFrom(type)) {
                throw new IllegalStateException("route '" + name + "': dualWrites.verify reads " + read.getName()
                        + ", but the route's implementations are " + type.getName());
            }
            return new RouteDefinition<>(this, legacySide, modernSide, state);
        }

        private void checkMethodNames() {
            Set<String> both = new TreeSet<>(reads);
            both.retainAll(writes);
            Set<String> readAndIdempotent = new TreeSet<>(reads);
            readAndIdempotent.retainAll(idempotentWrites);
            both.addAll(readAndIdempotent);
            if (!both.isEmpty()) {
                throw new IllegalStateException("route '" + name + "': methods " + both + " are declared both reads "
                        + "and writes");
            }
            Set<String> known = new TreeSet<>();
            for (Method m : type.getMethods()) {
                known.add(m.getName());
            }
            for (Set<String> names : List.of(reads, writes, idempotentWrites)) {
                for (String n : names) {
                    if (!known.contains(n)) {
                        throw new IllegalStateException("route '" + name + "': " + type.getName() + " has no method "
                                + "named '" + n + "' (its methods: " + known + ")");
                    }
                }
            }
        }

        private T checkImplementation(String side, @Nullable T implementation) {
            if (implementation == null) {
                throw new IllegalStateException("route '" + name + "': " + side + " implementation is null");
            }
            if (!type.isInstance(implementation)) {
                throw new IllegalStateException("route '" + name + "': " + side + " implementation "
                        + implementation.getClass().getName() + " does not implement " + type.getName());
            }
            return implementation;
        }
    }
}
