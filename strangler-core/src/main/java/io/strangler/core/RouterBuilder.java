package io.strangler.core;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.strangler.api.MigrationRouter;
import io.strangler.api.RouteDefinition;
import io.strangler.api.event.RouterListener;
import io.strangler.api.spi.RouteStateStore;
import io.strangler.core.metrics.RouterMetrics;
import io.strangler.core.routing.DefaultMigrationRouter;
import io.strangler.core.routing.RouterSettings;
import io.strangler.core.shadow.ShadowExecutor;
import io.strangler.core.dualwrite.InMemoryReconciliationLog;
import io.strangler.api.reconcile.ReconciliationLog;
import io.strangler.api.spi.WriteSynchronization;
import java.util.concurrent.ExecutorService;
import io.strangler.core.state.Ff4jRouteStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.ff4j.FF4j;

/**
 * Builds a {@link MigrationRouter}. Every setting has a default; {@code Strangler.router().build()} gives a router
 * on an in-memory FF4J store, the system clock, no metrics registry and a 1 s background refresh. Setters check
 * their argument at once and name the field and the bad value. Not thread-safe.
 *
 * <pre>{@code
 * MigrationRouter router = Strangler.router()
 *         .ff4j(ff4j)                               // the application's own FF4J, e.g. on a JDBC store
 *         .meterRegistry(meterRegistry)
 *         .clock(clock)
 *         .refreshInterval(Duration.ofSeconds(1))
 *         .route(definition)                        // or router.register(definition) later
 *         .build();
 * }</pre>
 */
public final class RouterBuilder {

    /** Default interval of the background refresh of states from the store. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(1);
    /** Default sampling of legacy call timing: one call in this many is timed. */
    public static final int DEFAULT_LEGACY_TIMING_ONE_IN = 16;
    /** Default maximum number of keys a route pins. */
    public static final long DEFAULT_PIN_MAXIMUM_SIZE = 100_000;
    /**
     * How long a {@code FASTEST} read waits for the shadow executor to start one of its two calls before the
     * decided side serves it on the caller's thread: an idle executor starts a call within microseconds, and a read
     * must not wait behind the executor's other work (shadow calls that are stuck, say).
     */
    static final Duration FASTEST_START_TIMEOUT = Duration.ofMillis(10);

    private Clock clock = Clock.systemUTC();
    private LongSupplier ticker = System::nanoTime;
    private RandomGenerator random;
    private FF4j ff4j;
    private RouteStateStore stateStore;
    private MeterRegistry meterRegistry;
    private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;
    private Duration maxStaleness;
    private boolean startWithoutStore;
    private int legacyTimingOneIn = DEFAULT_LEGACY_TIMING_ONE_IN;
    private long pinMaximumSize = DEFAULT_PIN_MAXIMUM_SIZE;
    private boolean resilience4jEventMetrics;
    private ExecutorService shadowExecutor;
    private int shadowThreads = ShadowExecutor.DEFAULT_THREADS;
    private int shadowQueueCapacity = ShadowExecutor.DEFAULT_QUEUE_CAPACITY;
    private ReconciliationLog reconciliationLog;
    private WriteSynchronization writeSynchronization;
    private Duration fastestStartTimeout = FASTEST_START_TIMEOUT;
    private final List<RouterListener> listeners = new ArrayList<>();
    private final List<RouteDefinition<?>> routes = new ArrayList<>();

    RouterBuilder() {
    }

    /**
     * Sets the source of nanoseconds that call durations are measured with: the latencies in the health windows,
     * the stats and the {@code strangler.calls} timer, and the durations the circuit breaker's slow-call rule sees.
     * Default {@code System::nanoTime}. Only the difference between two readings is used, as with
     * {@link System#nanoTime()}. A simulation passes virtual time here ({@code VirtualTime::nanoTime} of
     * strangler-test), so that simulated implementations can take a chosen time without busy-waiting, and a run is
     * the same on any machine.
     *
     * @param ticker the source of nanoseconds; it is called on the call path, so it must be cheap and never throw
     * @return this builder
     * @throws NullPointerException if {@code ticker} is null
     */
    public RouterBuilder ticker(LongSupplier ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        return this;
    }

    /**
     * Sets the source of the call path's random draws: the per-call shadow sample, the legacy timing sample (see
     * {@link #legacyTimingOneIn(int)}), the noise-learning and the verification samples. Default: none, which means
     * {@link java.util.concurrent.ThreadLocalRandom}, contention-free on any number of threads. A simulation that
     * drives every call from one thread passes a seeded generator here (with virtual time for the
     * {@linkplain #ticker ticker}), so that a run draws the same every time. A generator given here is called from
     * every thread that makes calls, so it must then be thread-safe (as {@code SplittableRandom} is not).
     *
     * @param random the generator
     * @return this builder
     * @throws NullPointerException if {@code random} is null
     */
    public RouterBuilder random(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
        return this;
    }

    /**
     * Sets the time source of state changes, pins, circuit breakers and staleness. Tests pass a controllable one.
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    public RouterBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Keeps route states in this FF4J instance's feature store (one feature per route, see
     * {@link Ff4jRouteStateStore}). Default: a new in-memory FF4J.
     *
     * @param ff4j the application's FF4J
     * @return this builder
     * @throws NullPointerException if {@code ff4j} is null
     * @throws IllegalStateException if a state store was set too
     */
    public RouterBuilder ff4j(FF4j ff4j) {
        if (stateStore != null) {
            throw new IllegalStateException("set either ff4j or stateStore, not both");
        }
        this.ff4j = Objects.requireNonNull(ff4j, "ff4j");
        return this;
    }

    /**
     * Keeps route states in {@code stateStore} instead of FF4J.
     *
     * @param stateStore the store
     * @return this builder
     * @throws NullPointerException if {@code stateStore} is null
     * @throws IllegalStateException if an FF4J instance was set too
     */
    public RouterBuilder stateStore(RouteStateStore stateStore) {
        if (ff4j != null) {
            throw new IllegalStateException("set either ff4j or stateStore, not both");
        }
        this.stateStore = Objects.requireNonNull(stateStore, "stateStore");
        return this;
    }

    /**
     * Registers the routes' meters ({@code strangler.calls}, {@code strangler.route.percentage},
     * {@code strangler.store.errors}, breaker gauges) in {@code meterRegistry}. Default: none.
     *
     * @param meterRegistry the registry
     * @return this builder
     * @throws NullPointerException if {@code meterRegistry} is null
     */
    public RouterBuilder meterRegistry(MeterRegistry meterRegistry) {
        this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
        return this;
    }

    /**
     * Sets how often states are read from the store, so that changes made elsewhere (another instance, the FF4J
     * console) apply here. Changes made through this router apply here at once. {@link Duration#ZERO} turns the
     * background refresh off; call {@link MigrationRouter#refresh()} yourself then. Default 1 s.
     *
     * @param refreshInterval the interval, zero or at least 1 ms
     * @return this builder
     * @throws IllegalArgumentException if {@code refreshInterval} is negative or between 0 and 1 ms
     */
    public RouterBuilder refreshInterval(Duration refreshInterval) {
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        if (refreshInterval.isNegative() || (!refreshInterval.isZero() && refreshInterval.toMillis() < 1)) {
            throw new IllegalArgumentException("refreshInterval must be zero or at least 1 ms, was "
                    + refreshInterval);
        }
        this.refreshInterval = refreshInterval;
        return this;
    }

    /**
     * Fails safe: a route whose state could not be refreshed from the store for longer than {@code maxStaleness}
     * serves every call from legacy until the store answers again. Default: off, routes serve their last known
     * state for as long as the store is down.
     *
     * @param maxStaleness the longest a state may go unrefreshed, positive
     * @return this builder
     * @throws IllegalArgumentException if {@code maxStaleness} is not positive
     */
    public RouterBuilder maxStaleness(Duration maxStaleness) {
        Objects.requireNonNull(maxStaleness, "maxStaleness");
        if (maxStaleness.isZero() || maxStaleness.isNegative()) {
            throw new IllegalArgumentException("maxStaleness must be positive, was " + maxStaleness);
        }
        this.maxStaleness = maxStaleness;
        return this;
    }

    /**
     * What registering a route does when the state store can't be reached. By default it fails with a
     * {@link io.strangler.api.StranglerException} naming the route and the store's error: the store may hold a
     * rollback or a pulled kill switch, and starting on the definition's initial state would undo it on this
     * instance until the store answers. With {@code true}, the route starts on its initial state with a warning and
     * the store is read in the background (a state stored there wins when it answers); pair it with
     * {@link #maxStaleness} to serve legacy meanwhile.
     *
     * @param startWithoutStore whether a route may start on its initial state while the store is unreachable
     * @return this builder
     */
    public RouterBuilder startWithoutStore(boolean startWithoutStore) {
        this.startWithoutStore = startWithoutStore;
        return this;
    }

    /**
     * Times one legacy call in {@code n} (every call is still counted). Timing needs two clock reads, which cost
     * more than the rest of the legacy routing path; a sample is enough for latency percentiles. Modern calls are
     * always timed. Default 16; 1 times every call.
     *
     * @param n the sampling interval, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code n} is below 1
     */
    public RouterBuilder legacyTimingOneIn(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("legacyTimingOneIn must be at least 1, was " + n);
        }
        this.legacyTimingOneIn = n;
        return this;
    }

    /**
     * Sets the most keys a route with pinning keeps pinned; the least recently used go first. Default 100,000.
     *
     * @param pinMaximumSize the maximum, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code pinMaximumSize} is below 1
     */
    public RouterBuilder pinMaximumSize(long pinMaximumSize) {
        if (pinMaximumSize < 1) {
            throw new IllegalArgumentException("pinMaximumSize must be at least 1, was " + pinMaximumSize);
        }
        this.pinMaximumSize = pinMaximumSize;
        return this;
    }

    /**
     * Also binds resilience4j's own {@code TaggedCircuitBreakerMetrics}, which adds per-call breaker timers. They
     * are fed by events, which costs an allocation and a timer update on every modern call; the default (off)
     * registers the breakers' gauges and counters without that cost.
     *
     * @param enabled whether to bind resilience4j's event-driven breaker metrics
     * @return this builder
     */
    public RouterBuilder resilience4jEventMetrics(boolean enabled) {
        this.resilience4jEventMetrics = enabled;
        return this;
    }

    /**
     * Runs shadow calls, asynchronous second writes and write verifications on {@code executor} instead of the
     * router's own bounded pool. It must be bounded and reject work when full (e.g. a {@code ThreadPoolExecutor}
     * with a bounded queue and the abort policy): rejected shadow calls are dropped and counted, rejected second
     * writes go to the reconciliation log. The router does not shut it down.
     *
     * @param executor the executor
     * @return this builder
     * @throws NullPointerException if {@code executor} is null
     */
    public RouterBuilder shadowExecutor(ExecutorService executor) {
        this.shadowExecutor = Objects.requireNonNull(executor, "shadowExecutor");
        return this;
    }

    /**
     * Sets the number of threads of the router's own shadow pool. Default 4.
     *
     * @param threads at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public RouterBuilder shadowThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("shadowThreads must be at least 1, was " + threads);
        }
        this.shadowThreads = threads;
        return this;
    }

    /**
     * Sets how many tasks the router's own shadow pool queues before it rejects (drops) more. Default 1,000.
     *
     * @param capacity at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code capacity} is below 1
     */
    public RouterBuilder shadowQueueCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("shadowQueueCapacity must be at least 1, was " + capacity);
        }
        this.shadowQueueCapacity = capacity;
        return this;
    }

    /**
     * Keeps failed second writes in {@code log}, e.g. a {@code JdbcReconciliationLog} that survives restarts.
     * Default: a bounded in-memory log of 10,000 entries.
     *
     * @param log the log
     * @return this builder
     * @throws NullPointerException if {@code log} is null
     */
    public RouterBuilder reconciliationLog(ReconciliationLog log) {
        this.reconciliationLog = Objects.requireNonNull(log, "reconciliationLog");
        return this;
    }

    /**
     * Defers second writes until the caller's transaction commits. The Spring adapter sets one; default none.
     *
     * @param writeSynchronization the synchronisation
     * @return this builder
     * @throws NullPointerException if {@code writeSynchronization} is null
     */
    public RouterBuilder writeSynchronization(WriteSynchronization writeSynchronization) {
        this.writeSynchronization = Objects.requireNonNull(writeSynchronization, "writeSynchronization");
        return this;
    }

    /**
     * Sets how long a {@code FASTEST} read waits for the shadow executor to start one of its calls (default
     * {@link #FASTEST_START_TIMEOUT}). Package-private: for tests that race on a machine too busy to start a thread
     * within the default.
     */
    RouterBuilder fastestStartTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "fastestStartTimeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("fastestStartTimeout must not be negative, was " + timeout);
        }
        this.fastestStartTimeout = timeout;
        return this;
    }

    /**
     * Adds a listener of routing and state events. Nothing a listener throws ever reaches a caller.
     *
     * @param listener the listener
     * @return this builder
     * @throws NullPointerException if {@code listener} is null
     */
    public RouterBuilder listener(RouterListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Registers a route when the router is built.
     *
     * @param definition the route
     * @return this builder
     * @throws NullPointerException if {@code definition} is null
     */
    public RouterBuilder route(RouteDefinition<?> definition) {
        routes.add(Objects.requireNonNull(definition, "route definition"));
        return this;
    }

    /**
     * Builds the router and registers the routes given to {@link #route(RouteDefinition)}.
     *
     * @return the router
     * @throws IllegalArgumentException if two routes have the same name
     * @throws io.strangler.api.InvalidStateRecordException if the store holds a state for a route that can't be
     *     read
     */
    public MigrationRouter build() {
        RouteStateStore store = stateStore != null ? stateStore
                : new Ff4jRouteStateStore(ff4j != null ? ff4j : new FF4j());
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
        if (meterRegistry != null && resilience4jEventMetrics) {
            MeterRegistry registry = meterRegistry;
            RouterMetrics.bindSafely(() -> TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers)
                    .bindTo(registry), "resilience4j's breaker events");
        }
        RouterSettings settings = new RouterSettings(clock, store, meterRegistry, legacyTimingOneIn, pinMaximumSize,
                maxStaleness, breakers, RetryRegistry.ofDefaults(),
                new ShadowExecutor(shadowExecutor, shadowThreads, shadowQueueCapacity),
                reconciliationLog != null ? reconciliationLog : InMemoryReconciliationLog.create(),
                writeSynchronization, ticker, random, fastestStartTimeout, startWithoutStore);
        DefaultMigrationRouter router = new DefaultMigrationRouter(settings, refreshInterval, listeners);
        try {
            routes.forEach(router::register);
        } catch (RuntimeException e) {
            router.close();
            throw e;
        }
        return router;
    }
}
