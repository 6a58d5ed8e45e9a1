package io.strangler.core.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.strangler.api.AsyncRouteCall;
import io.strangler.api.Operation;
import io.strangler.api.Route;
import io.strangler.api.RouteCall;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.RouteStats;
import io.strangler.api.RoutingDecision;
import io.strangler.api.Side;
import io.strangler.api.Stage;
import io.strangler.api.compare.ResultComparator;
import io.strangler.api.resilience.CircuitBreakerState;
import io.strangler.api.shadow.Mismatch;
import io.strangler.core.breaker.BreakerFeed;
import io.strangler.core.breaker.Breakers;
import io.strangler.core.dualwrite.DualWrites;
import io.strangler.core.metrics.RouteRecorder;
import io.strangler.core.metrics.RouterMetrics;
import io.strangler.core.shadow.RouteShadow;
import io.strangler.core.shadow.compare.StructuralComparator;
import io.strangler.core.state.InstalledState;
import io.strangler.core.state.RouteStateKeeper;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A route: the facade of {@link Route} over the parts that do the work. See {@link Route} for the contract.
 *
 * <p>A call reads one volatile snapshot and, in the common case of a route that sends everything to legacy and
 * does nothing else, calls legacy at once: that path is small enough to inline into the caller, takes no lock and
 * allocates nothing. Any other call finds its key ({@link RouteKeys}), its side ({@link Decider}) and its path
 * ({@link RouteSnapshot#path}), and is made by the synchronous ({@link SyncCalls}) or the asynchronous executor
 * ({@link AsyncCalls}). Both carry out the same decisions: a call's outcome and fallback ({@link CallPolicy}), and
 * what follows a call that involves both sides ({@link DualPlans}: a shadow, a second write), so that the two paths
 * can't drift apart. State changes are kept by the {@link RouteStateKeeper}.
 *
 * @param <T> the route's interface
 */
public final class DefaultRoute<T> implements Route<T> {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultRoute.class);

    private final String name;
    private final Class<T> type;
    private final RouteDefinition<T> definition;
    private final Listeners listeners;
    private final RouteKeys keys;
    private final Decider decider;
    private final SyncCalls<T> sync;
    private final AsyncCalls<T> async;
    private final CircuitBreaker breaker;
    private final RouteRecorder recorder;
    private final RouteShadow shadow;
    private final DualWrites dualWrites;
    private final FastestReads<T> fastest;
    private final RouteStateKeeper keeper;
    /** Held here: the meter registry holds what its meters read only weakly. */
    private final RouterMetrics.RouteSources meterSources;

    private volatile RouteSnapshot snapshot;
    private volatile T proxy;

    DefaultRoute(RouteDefinition<T> definition, RouteState initial, RouterSettings settings, Listeners listeners) {
        this.name = definition.name();
        this.type = definition.type();
        this.definition = definition;
        this.listeners = listeners;
        CircuitBreakerConfig breakerConfig = Breakers.config(definition.circuitBreaker(),
                definition.fallback()::isIgnored, settings.clock());
        // The registry tells its listeners of a new breaker: resilience4j's event metrics, which may fail.
        this.breaker = RouterMetrics.bindSafely(() -> settings.circuitBreakers().circuitBreaker(name, breakerConfig),
                () -> CircuitBreaker.of(name, breakerConfig), "route '" + name + "''s circuit breaker");
        BreakerFeed feed = new BreakerFeed(breaker);
        Draws draws = new Draws(settings.random());
        this.recorder = new RouteRecorder(name, settings.legacyTimingOneIn(), draws);
        CallPolicy policy = new CallPolicy(name, definition.fallback(), feed, recorder, listeners);
        ResultComparator comparator = definition.shadow().comparator() != null ? definition.shadow().comparator()
                : StructuralComparator.ofDefaults();
        this.shadow = new RouteShadow(name, definition.shadow(), comparator, definition.shadow().exceptionEquivalence(),
                settings.shadowExecutor(), listeners::mismatch, settings.clock(), draws);
        this.dualWrites = new DualWrites(name, settings.reconciliationLog(), settings.writeSynchronization(),
                settings.shadowExecutor(), settings.clock(), settings.ticker(), listeners::dataIntegrity, comparator,
                definition.legacy(), definition.modern(), definition.dualWrites().verificationSampleBasisPoints(),
                definition.dualWrites().verificationReader(), feed, draws);
        DualPlans<T> plans = new DualPlans<>(name, definition.legacy(), definition.modern(), definition.shadow(),
                shadow, dualWrites, draws);
        this.fastest = new FastestReads<>(name, definition.legacy(), definition.modern(), policy,
                settings.shadowExecutor(), settings.ticker(), settings.fastestStartTimeout().toNanos());
        this.sync = new SyncCalls<>(plans, policy, recorder, settings.ticker(), retry(definition, settings, policy),
                definition.retry().maxAttempts(), fastest);
        this.async = new AsyncCalls<>(plans, policy, recorder, settings.ticker());
        this.keys = new RouteKeys(name, definition.keys().resolver());
        Cache<String, Side> pins = pins(definition, settings);
        this.decider = new Decider(name, definition.keys().nullKeyPolicy(), pins);
        this.snapshot = new RouteSnapshot(initial, false, pins != null, definition.dualWrites().isStateless());
        this.keeper = new RouteStateKeeper(definition, settings.store(), settings.clock(), settings.maxStaleness(),
                listeners::stageChange, breaker, decider::releasePins, new Installed());
        this.meterSources = new RouterMetrics.RouteSources(name, recorder, this::servedBasisPoints,
                keeper::storeUnavailable, keeper::corruptRecords, shadow::stats, dualWrites::stats,
                dualWrites::verificationErrors, dualWrites::reconciliationErrors, fastest.winCounts(),
                fastest.cancelled::sum, breaker);
    }

    private static Retry retry(RouteDefinition<?> definition, RouterSettings settings, CallPolicy policy) {
        if (!definition.retry().enabled()) {
            return null;
        }
        return settings.retries().retry(definition.name(), RetryConfig.custom()
                .maxAttempts(definition.retry().maxAttempts())
                .waitDuration(definition.retry().waitDuration())
                .retryOnException(policy::retryable)
                .build());
    }

    private static Cache<String, Side> pins(RouteDefinition<?> definition, RouterSettings settings) {
        if (definition.keys().pinTtl().isZero()) {
            return null;
        }
        return Caffeine.newBuilder()
                .expireAfterAccess(definition.keys().pinTtl())
                .maximumSize(settings.pinMaximumSize())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(settings.clock().millis()))
                .build();
    }

    // ---------------------------------------------------------------- the decision

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<T> type() {
        return type;
    }

    @Override
    public RouteState state() {
        return snapshot.state;
    }

    @Override
    public Side decide(String key) {
        RouteSnapshot s = snapshot;
        if (s.fixedTarget != null) {
            return s.fixedTarget;
        }
        return decider.peek(s, key != null ? key : keys.resolve(null, null));
    }

    @Override
    public RoutingDecision explain(String key) {
        return decider.explain(snapshot, key != null ? key : keys.resolve(null, null));
    }

    // ---------------------------------------------------------------- calls

    @Override
    public <R, X extends Throwable> R read(String key, RouteCall<? super T, ? extends R, X> call) throws X {
        return invoke(Operation.READ, key, null, null, call);
    }

    @Override
    public <R, X extends Throwable> R write(String key, RouteCall<? super T, ? extends R, X> call) throws X {
        return invoke(Operation.WRITE, key, null, null, call);
    }

    @Override
    public <R, X extends Throwable> R execute(Operation operation, String key,
            RouteCall<? super T, ? extends R, X> call) throws X {
        return invoke(Objects.requireNonNull(operation, "operation"), key, null, null, call);
    }

    /**
     * Makes a synchronous call.
     *
     * @param method the proxied method, or null for a call made with a lambda
     * @param args the proxied call's arguments (empty for a method without parameters), or null for a lambda
     */
    <R, X extends Throwable> R invoke(Operation op, String key, Method method, Object[] args,
            RouteCall<? super T, ? extends R, X> call) throws X {
        Objects.requireNonNull(call, "call");
        RouteSnapshot s = snapshot;
        // The common case of a route not yet migrating, kept small so that the JIT inlines it into the caller.
        if (s.fixedTarget == Side.LEGACY && !s.extra && (key != null || !listeners.active())) {
            return sync.legacy(op, key, call);
        }
        return route(s, op, key, method, args, call);
    }

    /** Every other call: its key, its side, then its path. */
    private <R, X extends Throwable> R route(RouteSnapshot s, Operation op, String key, Method method, Object[] args,
            RouteCall<? super T, ? extends R, X> call) throws X {
        String k = keys.of(s, key, method, args, listeners.active());
        Side side = decider.target(s, k);
        if (s.path(op) == RouteSnapshot.ONE_SIDE && side == Side.LEGACY) {
            // A call of one side that legacy serves (a read of a route whose shadows are sampled out, a key outside
            // the canary), kept small: inlined whole, the caller's lambda does not escape.
            return sync.legacy(op, k, call);
        }
        return sync.route(s, op, k, side, method, args, call);
    }

    @Override
    public <R> CompletionStage<R> readAsync(String key, AsyncRouteCall<? super T, R> call) {
        return invokeAsync(Operation.READ, key, null, null, call);
    }

    @Override
    public <R> CompletionStage<R> writeAsync(String key, AsyncRouteCall<? super T, R> call) {
        return invokeAsync(Operation.WRITE, key, null, null, call);
    }

    @Override
    public <R> CompletionStage<R> executeAsync(Operation operation, String key, AsyncRouteCall<? super T, R> call) {
        return invokeAsync(Objects.requireNonNull(operation, "operation"), key, null, null, call);
    }

    /**
     * Starts an asynchronous call.
     *
     * @param method the proxied method, or null for a call made with a lambda
     * @param args the proxied call's arguments (empty for a method without parameters), or null for a lambda
     */
    <R> CompletionStage<R> invokeAsync(Operation op, String key, Method method, Object[] args,
            AsyncRouteCall<? super T, R> call) {
        Objects.requireNonNull(call, "call");
        RouteSnapshot s = snapshot;
        String k = keys.of(s, key, method, args, listeners.active());
        return async.route(s, op, k, decider.target(s, k), method, args, call);
    }

    @Override
    public T proxy() {
        T p = proxy;
        if (p == null) {
            synchronized (this) {
                p = proxy;
                if (p == null) {
                    p = RouteProxy.create(this, definition.keys().requireRoutingKey());
                    proxy = p;
                }
            }
        }
        return p;
    }

    // ---------------------------------------------------------------- state changes (kept by RouteStateKeeper)

    @Override
    public RouteState update(String actor, String reason, UnaryOperator<RouteState.Builder> change) {
        return keeper.update(actor, reason, change);
    }

    @Override
    public RouteState compareAndUpdate(long expectedVersion, String actor, String reason,
            UnaryOperator<RouteState.Builder> change) {
        return keeper.compareAndUpdate(expectedVersion, actor, reason, change);
    }

    @Override
    public RouteState rollback(String actor, String reason) {
        return keeper.rollback(actor, reason);
    }

    /** Reads the store and writes what could not be written; called by the router's refresh. */
    void refresh() {
        keeper.refresh();
    }

    // ---------------------------------------------------------------- introspection

    /** The definition the route was registered with. */
    RouteDefinition<T> definition() {
        return definition;
    }

    @Override
    public void record(String measure, Side side, double value) {
        Objects.requireNonNull(side, "side");
        recorder.measures().record(measure, side, value);
    }

    @Override
    public RouteStats stats() {
        return recorder.stats(shadow.stats(), dualWrites.stats(), Breakers.state(breaker));
    }

    @Override
    public CircuitBreakerState circuitBreakerState() {
        return Breakers.state(breaker);
    }

    @Override
    public void transitionCircuitBreaker(CircuitBreakerState state) {
        CircuitBreakerState before = Breakers.state(breaker);
        Breakers.transition(breaker, state);
        if (before != state) {
            LOG.info("route '{}': modern's circuit breaker moved from {} to {} by hand", name, before, state);
        }
    }

    @Override
    public List<Mismatch> mismatches() {
        return shadow.mismatches();
    }

    @Override
    public List<Mismatch> expectedDifferences() {
        return shadow.expectedDifferences();
    }

    @Override
    public Map<String, Long> noisyPaths() {
        return shadow.noisyPaths();
    }

    /** The share of keys modern serves right now, in basis points: 0 while a stale state sends all to legacy. */
    int servedBasisPoints() {
        RouteSnapshot s = snapshot;
        return s.stale && s.state.stage() != Stage.RETIRED ? 0 : s.state.effectivePercentageBasisPoints();
    }

    /**
     * What the route's meters read; held by the route for as long as it lives.
     *
     * @return what the route's meters read; held by the route for as long as it lives
     */
    RouterMetrics.RouteSources meterSources() {
        return meterSources;
    }

    @Override
    public String toString() {
        return "Route{" + name + ": " + type.getSimpleName() + ", " + snapshot.state + "}";
    }

    /** The route's snapshot as the state keeper reads and swaps it. */
    private final class Installed implements InstalledState {
        @Override
        public RouteState current() {
            return snapshot.state;
        }

        @Override
        public boolean stale() {
            return snapshot.stale;
        }

        @Override
        public void install(RouteState state) {
            snapshot = new RouteSnapshot(state, snapshot.stale, decider.pinning(),
                    definition.dualWrites().isStateless());
        }

        @Override
        public void markStale(boolean stale) {
            snapshot = snapshot.withStale(stale);
        }
    }
}
