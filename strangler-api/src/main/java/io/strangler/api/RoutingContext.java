package io.strangler.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * The routing key, segments and attributes of the work the current thread is doing, set by the application
 * (for example by a servlet filter from the authenticated user) and read by every route the work passes through.
 * A route takes its key from, in order: the key passed to the call, the {@code @RoutingKey} parameter of a proxied
 * method, the current context, the route's {@link io.strangler.api.spi.RoutingKeyResolver}.
 *
 * <pre>{@code
 * try (RoutingContext.Scope scope = RoutingContext.builder().routingKey(user.id()).segment("beta").build().attach()) {
 *     analyzer.analyze(cv);   // routed for user.id(), in segment "beta"
 * }
 * }</pre>
 *
 * <p>Instances are immutable. The current context is per thread: work handed to another thread must attach the
 * context there itself ({@link #wrap(Runnable)} helps).
 */
public final class RoutingContext {

    /** The context of a thread that has none attached: no key, no segments, no attributes. */
    public static final RoutingContext EMPTY = new RoutingContext(null, Collections.emptySet(), Collections.emptyMap(),
            false);

    private static final ThreadLocal<RoutingContext> CURRENT = new ThreadLocal<>();

    private final @Nullable String routingKey;
    private final Set<String> segments;
    private final Map<String, String> attributes;
    private final boolean shadow;

    private RoutingContext(@Nullable String routingKey, Set<String> segments, Map<String, String> attributes,
            boolean shadow) {
        this.routingKey = routingKey;
        this.segments = segments;
        this.attributes = attributes;
        this.shadow = shadow;
    }

    /**
     * The context attached to the current thread.
     *
     * @return the current context, {@link #EMPTY} when none is attached
     */
    public static RoutingContext current() {
        RoutingContext context = CURRENT.get();
        return context == null ? EMPTY : context;
    }

    /**
     * A context holding only a routing key.
     *
     * @param routingKey the key
     * @return the context
     * @throws NullPointerException if {@code routingKey} is null
     */
    public static RoutingContext ofKey(String routingKey) {
        return builder().routingKey(Objects.requireNonNull(routingKey, "routingKey")).build();
    }

    /**
     * A new builder.
     *
     * @return a builder of an empty context
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The key the routes this work passes through route by.
     *
     * @return the routing key, or {@code null} when the context has none
     */
    public @Nullable String routingKey() {
        return routingKey;
    }

    /**
     * The segments the key belongs to, e.g. {@code internal} or {@code beta}.
     *
     * @return the segments the key belongs to, e.g. {@code internal} or {@code beta}
     */
    public Set<String> segments() {
        return segments;
    }

    /**
     * Whether the key belongs to {@code segment}.
     *
     * @param segment a segment name
     * @return whether {@link #segments()} holds it
     */
    public boolean inSegment(String segment) {
        return segments.contains(segment);
    }

    /**
     * Free-form attributes for the application's own use (a tenant, a request id).
     *
     * @return free-form attributes for the application's own use (a tenant, a request id)
     */
    public Map<String, String> attributes() {
        return attributes;
    }

    /**
     * Whether the code running now is a shadow call: the side that does not serve the caller, run only to compare
     * its answer. Code with effects outside the call (e-mails, payments, messages) should skip them then.
     *
     * @return whether this is a shadow call
     */
    public boolean isShadow() {
        return shadow;
    }

    /**
     * Makes this the current thread's context until the returned scope is closed, which restores the previous one.
     *
     * @return the scope to close
     */
    public Scope attach() {
        RoutingContext previous = CURRENT.get();
        CURRENT.set(this);
        Thread owner = Thread.currentThread();
        return () -> {
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("a RoutingContext scope must be closed on the thread that opened it");
            }
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /**
     * Runs {@code task} with this context attached.
     *
     * @param task the work
     * @param <V> the result type
     * @return what {@code task} returns
     * @throws Exception what {@code task} throws
     */
    public <V extends @Nullable Object> V call(Callable<V> task) throws Exception {
        try (Scope ignored = attach()) {
            return task.call();
        }
    }

    /**
     * Runs {@code task} with this context attached.
     *
     * @param task the work
     */
    public void run(Runnable task) {
        try (Scope ignored = attach()) {
            task.run();
        }
    }

    /**
     * A runnable that runs {@code task} with this context attached, on whatever thread runs it.
     *
     * @param task the work
     * @return the wrapped task
     */
    public Runnable wrap(Runnable task) {
        Objects.requireNonNull(task, "task");
        return () -> run(task);
    }

    /**
     * A builder that starts from this context.
     *
     * @return a new builder holding this context's values
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.routingKey = routingKey;
        b.segments.addAll(segments);
        b.attributes.putAll(attributes);
        b.shadow = shadow;
        return b;
    }

    @Override
    public String toString() {
        return "RoutingContext{key=" + routingKey + ", segments=" + segments + ", attributes=" + attributes
                + (shadow ? ", shadow" : "") + "}";
    }

    /** Restores the previous context when closed. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        /** Restores the context that was current before this scope was opened. */
        @Override
        void close();
    }

    /** Builds a {@link RoutingContext}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String routingKey;
        private final Set<String> segments = new LinkedHashSet<>();
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private boolean shadow;

        private Builder() {
        }

        /**
         * Marks the context as that of a shadow call. The router sets it on the shadow side's thread.
         *
         * @param shadow whether this is a shadow call
         * @return this builder
         */
        public Builder shadow(boolean shadow) {
            this.shadow = shadow;
            return this;
        }

        /**
         * Sets the routing key.
         *
         * @param routingKey the key, or {@code null} for none
         * @return this builder
         */
        public Builder routingKey(@Nullable String routingKey) {
            this.routingKey = routingKey;
            return this;
        }

        /**
         * Adds a segment.
         *
         * @param segment a segment name
         * @return this builder
         * @throws IllegalArgumentException if {@code segment} is null or blank
         */
        public Builder segment(String segment) {
            if (segment == null || segment.isBlank()) {
                throw new IllegalArgumentException("segment must not be blank, was '" + segment + "'");
            }
            segments.add(segment);
            return this;
        }

        /**
         * Adds segments.
         *
         * @param segments segment names
         * @return this builder
         * @throws IllegalArgumentException if a name is null or blank
         */
        public Builder segments(String... segments) {
            Arrays.stream(segments).forEach(this::segment);
            return this;
        }

        /**
         * Sets an attribute.
         *
         * @param name the attribute's name
         * @param value its value
         * @return this builder
         * @throws NullPointerException if {@code name} or {@code value} is null
         */
        public Builder attribute(String name, String value) {
            attributes.put(Objects.requireNonNull(name, "attribute name"), Objects.requireNonNull(value, name));
            return this;
        }

        /**
         * The immutable context.
         *
         * @return the immutable context
         */
        public RoutingContext build() {
            return new RoutingContext(routingKey,
                    segments.isEmpty() ? Collections.emptySet()
                            : Collections.unmodifiableSet(new LinkedHashSet<>(segments)),
                    attributes.isEmpty() ? Collections.emptyMap()
                            : Collections.unmodifiableMap(new LinkedHashMap<>(attributes)),
                    shadow);
        }
    }
}
