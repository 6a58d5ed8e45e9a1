package io.strangler.api.resilience;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Which failures of modern are answered by legacy. Reads that fail on modern fall back when the route's state
 * allows it ({@code RouteState.fallbackToLegacy}); writes fall back only when modern never saw them (its breaker
 * was open), or, for idempotent writes, when {@link #idempotentWrites()} is on. Exceptions declared
 * {@linkplain #ignoredExceptions() ignored} are a normal outcome of a call: they reach the caller as they are,
 * count as successes, are never retried, never open the breaker and never fall back. Immutable.
 *
 * <pre>{@code
 * FallbackSettings fallback = FallbackSettings.custom()
 *         .ignoreExceptions(NotFoundException.class, ValidationException.class)
 *         .idempotentWrites(true)
 *         .build();
 * }</pre>
 */
public final class FallbackSettings {

    private static final FallbackSettings DEFAULTS = custom().build();

    private final List<Class<? extends Throwable>> ignoredExceptions;
    private final boolean idempotentWrites;

    private FallbackSettings(Builder b) {
        this.ignoredExceptions = List.copyOf(b.ignoredExceptions);
        this.idempotentWrites = b.idempotentWrites;
    }

    /**
     * The defaults: no ignored exception, idempotent writes that fail on modern are not repeated on legacy.
     *
     * @return the default settings
     */
    public static FallbackSettings ofDefaults() {
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
     * The exceptions that are a normal outcome of a call (a "not found", a validation error), subclasses included.
     *
     * @return the exception types, in the order declared
     */
    public List<Class<? extends Throwable>> ignoredExceptions() {
        return ignoredExceptions;
    }

    /**
     * Whether an idempotent write that fails on modern is repeated on legacy.
     *
     * @return whether idempotent writes fall back
     */
    public boolean idempotentWrites() {
        return idempotentWrites;
    }

    /**
     * Whether {@code failure} is one of the {@linkplain #ignoredExceptions() ignored exceptions}.
     *
     * @param failure an exception a side threw
     * @return whether it is a normal outcome of the call
     */
    public boolean isIgnored(Throwable failure) {
        for (int i = 0; i < ignoredExceptions.size(); i++) {
            if (ignoredExceptions.get(i).isInstance(failure)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "FallbackSettings{ignoredExceptions=" + ignoredExceptions + ", idempotentWrites=" + idempotentWrites
                + "}";
    }

    /** Builds {@link FallbackSettings}; every setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private final List<Class<? extends Throwable>> ignoredExceptions = new ArrayList<>();
        private boolean idempotentWrites;

        private Builder() {
        }

        /**
         * Declares exceptions that are a normal outcome of a call: they reach the caller, count as successes, and
         * are never retried, never open the breaker and never cause a fallback. Adds to those declared before.
         *
         * @param exceptions exception types, subclasses included
         * @return this builder
         * @throws NullPointerException if a type is null
         */
        @SafeVarargs
        public final Builder ignoreExceptions(Class<? extends Throwable>... exceptions) {
            for (Class<? extends Throwable> exception : Arrays.asList(exceptions)) {
                ignoredExceptions.add(Objects.requireNonNull(exception, "fallback.ignoredExceptions"));
            }
            return this;
        }

        /**
         * Sets whether an idempotent write that fails on modern is repeated on legacy. Default {@code false}:
         * modern's exception reaches the caller.
         *
         * @param idempotentWrites whether idempotent writes fall back
         * @return this builder
         */
        public Builder idempotentWrites(boolean idempotentWrites) {
            this.idempotentWrites = idempotentWrites;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the immutable settings
         */
        public FallbackSettings build() {
            return new FallbackSettings(this);
        }
    }
}
