package io.strangler.core.routing;

import io.strangler.core.breaker.BreakerFeed;
import io.strangler.core.breaker.Breakers;
import io.strangler.api.resilience.CircuitBreakerState;
import io.strangler.api.resilience.FallbackSettings;
import io.strangler.core.dualwrite.DualWrites;
import io.strangler.core.metrics.RouteRecorder;
import io.strangler.core.metrics.SideRecorder;
import io.strangler.core.shadow.RouteShadow;
import io.strangler.core.state.InstalledState;
import io.strangler.core.metrics.RouterMetrics;
import io.strangler.core.state.RouteStateKeeper;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.strangler.api.AsyncRouteCall;
import io.strangler.api.shadow.ComparisonResult;
import io.strangler.api.dualwrite.DualWriteMode;
import io.strangler.api.shadow.Mismatch;
import io.strangler.api.shadow.ReadPreference;
import io.strangler.api.shadow.ShadowSampling;
import io.strangler.api.compare.ResultComparator;
import io.strangler.api.spi.ArgumentCopier;
import io.strangler.core.shadow.compare.StructuralComparator;
import java.util.Map;
import io.strangler.api.resilience.CircuitBreakerSettings;
import io.strangler.api.ModernUnavailableException;
import io.strangler.api.Operation;
import io.strangler.api.Route;
import io.strangler.api.RouteCall;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.RouteStats;
import io.strangler.api.RoutingContext;
import io.strangler.api.RoutingDecision;
import io.strangler.api.Stage;
import io.strangler.api.Side;
import io.strangler.api.event.CallOutcome;
import io.strangler.api.event.FallbackEvent;
import io.strangler.api.event.RoutedEvent;
import io.strangler.api.spi.RoutingKeyResolver;
import io.strangler.core.Bucketing;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The route: decision, call path, state changes and refresh. See {@link Route} for the contract.
 *
 * <p>The call path reads one volatile snapshot, decides without locking or allocating, and calls the chosen
 * side. Modern calls go through the resilience4j breaker by acquiring permission and reporting the outcome with
 * the duration the route measured anyway, so no decorator is allocated per call.
 *
 * @param <T> the route's interface
 */
public final class DefaultRoute<T> implements Route<T> {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultRoute.class);

    private final String name;
    private final Class<T> type;
    private final T legacy;
    private final T modern;
    private final RouteDefinition<T> definition;
    private final RouterSettings settings;
    private final LongSupplier ticker;
    private final Draws draws;
    private final Listeners listeners;
    private final CircuitBreaker breaker;
    private final BreakerFeed breakerFeed;
    private final Retry retry;
    private final FallbackSettings fallback;
    private final Side nullKeyPolicy;
    private final RoutingKeyResolver resolver;
    private final Cache<String, Side> pins;
    private final RouteRecorder recorder;
    private final RouteShadow shadow;
    private final DualWrites dualWrites;
    private final RouteStateKeeper keeper;
    final LongAdder[] fastestWins = {new LongAdder(), new LongAdder()};
    final LongAdder fastestCancelled = new LongAdder();

    private volatile RouteSnapshot snapshot;
    private volatile T proxy;


    DefaultRoute(RouteDefinition<T> definition, RouteState initial, RouterSettings settings, Listeners listeners) {
        this.name = definition.name();
        this.type = definition.type();
        this.legacy = definition.legacy();
        this.modern = definition.modern();
        this.definition = definition;
        this.settings = settings;
        this.ticker = settings.ticker();
        this.listeners = listeners;
        this.fallback = definition.fallback();
        this.nullKeyPolicy = definition.keys().nullKeyPolicy();
        this.resolver = definition.keys().resolver();
        this.breaker = settings.circuitBreakers().circuitBreaker(name,
                Breakers.config(definition.circuitBreaker(), fallback::isIgnored, settings.clock()));
        this.breakerFeed = new BreakerFeed(breaker);
        this.retry = definition.retry().enabled()
                ? settings.retries().retry(name, RetryConfig.custom()
                        .maxAttempts(definition.retry().maxAttempts())
                        .waitDuration(definition.retry().waitDuration())
                        .retryOnException(t -> Failures.recoverable(t) && !isIgnored(t))
                        .build())
                : null;
        this.pins = definition.keys().pinTtl().isZero() ? null
                : Caffeine.newBuilder()
                        .expireAfterAccess(definition.keys().pinTtl())
                        .maximumSize(settings.pinMaximumSize())
                        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(settings.clock().millis()))
                        .build();
        this.draws = new Draws(settings.random());
        this.recorder = new RouteRecorder(name, settings.legacyTimingOneIn(), draws);
        ResultComparator comparator = definition.shadow().comparator() != null ? definition.shadow().comparator()
                : StructuralComparator.ofDefaults();
        this.shadow = new RouteShadow(name, definition.shadow(), comparator, definition.shadow().exceptionEquivalence(),
                settings.shadowExecutor(), listeners::mismatch, settings.clock(), draws);
        this.dualWrites = new DualWrites(name, settings.reconciliationLog(), settings.writeSynchronization(),
                settings.shadowExecutor(), settings.clock(), settings.ticker(), listeners::dataIntegrity, comparator,
                legacy, modern, definition.dualWrites().verificationSampleBasisPoints(), definition.dualWrites().verificationReader(),
                breakerFeed, draws);
        this.snapshot = new RouteSnapshot(initial, false, pins != null, definition.dualWrites().isStateless());
        this.keeper = new RouteStateKeeper(definition, settings.store(), settings.clock(), settings.maxStaleness(),
                listeners::stageChange, breaker, pins == null ? () -> { } : pins::invalidateAll, new Installed());
    }

    // ---------------------------------------------------------------- decisions

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
        return RouteSnapshot.target(s.decide(key != null ? key : resolveKey(null, null), pins, nullKeyPolicy, true));
    }

    @Override
    public RoutingDecision explain(String key) {
        RouteSnapshot s = snapshot;
        String k = key != null ? key : resolveKey(null, null);
        int code = s.decide(k, pins, nullKeyPolicy, true);
        int bucket = k == null ? -1 : Bucketing.bucket(s.state.cohort(), k);
        return new RoutingDecision(name, k, RouteSnapshot.target(code), RouteSnapshot.reason(code), bucket,
                s.state.version());
    }

    private String resolveKey(Method method, Object[] args) {
        String key = RoutingContext.current().routingKey();
        if (key != null || resolver == null) {
            return key;
        }
        try {
            return resolver.resolve(name, method, args);
        } catch (RuntimeException e) {
            LOG.warn("routing key resolver of route '{}' failed; the call is treated as keyless", name, e);
            return null;
        }
    }

    // ---------------------------------------------------------------- synchronous call path

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

    <R, X extends Throwable> R invoke(Operation op, String key, Method method, Object[] args,
            RouteCall<? super T, ? extends R, X> call) throws X {
        Objects.requireNonNull(call, "call");
        RouteSnapshot s = snapshot;
        // The common case of a route not yet migrating, kept small so that the JIT inlines it into the caller.
        if (s.fixedTarget == Side.LEGACY && !s.extra && (key != null || !listeners.active())) {
            return callLegacy(op, key, call);
        }
        return route(s, op, key, method, args, call);
    }

    private <R, X extends Throwable> R route(RouteSnapshot s, Operation op, String key, Method method, Object[] args,
            RouteCall<? super T, ? extends R, X> call) throws X {
        String k = key(s, key, method, args);
        Side target = target(s, k);
        if (s.extra) {
            if (op.isRead() ? s.dualReads || (s.readsBoth && op.preference() != null) : s.dualWrites) {
                return op.isRead() ? dualRead(s, op, k, method, args, call, target)
                        : dualWrite(s, op, k, args, call, target);
            }
            if (s.writesSuspended && !op.isRead()) {
                R result = callLegacy(op, k, call);
                dualWrites.missed(op, k, args, Side.MODERN, suspension(s));
                return result;
            }
        }
        return target == Side.LEGACY ? callLegacy(op, k, call) : callModern(s.state, op, k, call, null);
    }

    /**
     * The call's key: the one given, else the context's, else the resolver's. Looked up only when something uses
     * it: the decision, the shadow and dual-write paths, or a listener's events.
     */
    private String key(RouteSnapshot s, String key, Method method, Object[] args) {
        if (key != null || (s.fixedTarget != null && !s.extra && !listeners.active())) {
            return key;
        }
        return resolveKey(method, args);
    }

    /** The side that serves {@code key}; a decision made from the bucket is pinned when pinning is on. */
    private Side target(RouteSnapshot s, String key) {
        if (s.fixedTarget != null) {
            return s.fixedTarget;
        }
        int code = s.decide(key, pins, nullKeyPolicy, false);
        Side target = RouteSnapshot.target(code);
        if (pins != null && key != null && RouteSnapshot.pinnable(code)) {
            pins.put(key, target);
        }
        return target;
    }

    // ---------------------------------------------------------------- reads of both sides

    private <R, X extends Throwable> R dualRead(RouteSnapshot s, Operation op, String key, Method method,
            Object[] args, RouteCall<? super T, ? extends R, X> call, Side decided) throws X {
        ReadPreference preference = op.preference() != null ? op.preference() : s.state.readPreference();
        if (preference == ReadPreference.FASTEST) {
            return fastest(s.state, op, key, call, decided);
        }
        Side target = preference == ReadPreference.LEGACY ? Side.LEGACY
                : preference == ReadPreference.MODERN ? Side.MODERN : decided;
        RouteCall<? super T, ?, ?> shadowCall = op.isShadowed()
                && s.shadowSampled(key, definition.shadow().sampling() == ShadowSampling.PER_KEY, draws)
                ? shadowCall(method, args, call) : null;
        if (shadowCall == null) {
            return target == Side.LEGACY ? callLegacy(op, key, call) : callModern(s.state, op, key, call, null);
        }
        Served served = new Served();
        R result;
        try {
            result = target == Side.LEGACY ? callLegacy(op, key, call)
                    : callModern(s.state, op, key, call, served);
        } catch (Throwable t) {
            if (!served.fellBack) {
                shadow.offer(key, op, target, null, t, implementation(target.other()), legacy, shadowCall);
            }
            throw t;
        }
        if (!served.fellBack) {
            shadow.offer(key, op, target, result, null, implementation(target.other()), legacy, shadowCall);
        }
        return result;
    }

    /**
     * The call the shadow side makes: the caller's own, or, for a proxied read with an argument copier, the same
     * method on copies taken before the serving side could change them. Null when copying failed: no shadow then.
     */
    private RouteCall<? super T, ?, ?> shadowCall(Method method, Object[] args, RouteCall<? super T, ?, ?> call) {
        ArgumentCopier copier = definition.shadow().argumentCopier();
        if (copier == null || method == null || args == null) {
            return call;
        }
        try {
            Object[] copy = copier.copy(method, args);
            return impl -> RouteProxy.invokeOn(impl, method, copy);
        } catch (RuntimeException e) {
            LOG.warn("route '{}': the argument copier failed for {}; this read is not shadowed", name, method, e);
            return null;
        }
    }

    private <R, X extends Throwable> R fastest(RouteState st, Operation op, String key,
            RouteCall<? super T, ? extends R, X> call, Side decided) throws X {
        FastestRead<T, R> race = new FastestRead<>(this, op, key, call, decided);
        Object outcome = race.run(settings.shadowExecutor(), breaker);
        if (outcome != FastestRead.NOT_STARTED) {
            outcome = race.await(definition.shadow().timeout().toNanos());
        }
        if (outcome == FastestRead.NOT_STARTED) {
            return decided == Side.LEGACY ? callLegacy(op, key, call) : callModern(st, op, key, call, null);
        }
        @SuppressWarnings("unchecked")
        R result = (R) outcome;
        return result;
    }

    private ModernUnavailableException suspension(RouteSnapshot s) {
        return new ModernUnavailableException(name, s.stale ? "the route's state is stale, legacy took the write alone"
                : "the route is disabled (kill switch), legacy took the write alone");
    }

    T implementation(Side target) {
        return target == Side.LEGACY ? legacy : modern;
    }

    SideRecorder sideRecorder(Side target, Operation op) {
        return recorder.side(target, op.kind());
    }

    // ---------------------------------------------------------------- writes to both sides

    private <R, X extends Throwable> R dualWrite(RouteSnapshot s, Operation op, String key, Object[] args,
            RouteCall<? super T, ? extends R, X> call, Side authoritative) throws X {
        Served served = new Served();
        R result = authoritative == Side.LEGACY ? callLegacy(op, key, call)
                : callModern(s.state, op, key, call, served);
        if (served.fellBack) {
            // Modern was authoritative but did not take the write (its breaker was open, or it failed and legacy
            // took it over): modern has missed it.
            dualWrites.missed(op, key, args, Side.MODERN, served.modernFailure != null ? served.modernFailure
                    : new ModernUnavailableException(name, "its circuit breaker was open"));
        } else {
            dualWrites.secondary(s.state.dualWriteMode(), op, key, args, call, authoritative.other(),
                    implementation(authoritative.other()), authoritative.other() == Side.MODERN ? breaker : null);
        }
        return result;
    }

    /** @return a reading of the router's ticker, in nanoseconds */
    long nanoTime() {
        return ticker.getAsLong();
    }

    private <R, X extends Throwable> R callLegacy(Operation op, String key, RouteCall<? super T, ? extends R, X> call)
            throws X {
        SideRecorder rec = recorder.legacy(op.kind());
        boolean timed = rec.shouldTime();
        long start = timed ? ticker.getAsLong() : 0;
        R result;
        try {
            result = call.call(legacy);
        } catch (Throwable t) {
            long nanos = timed ? ticker.getAsLong() - start : -1;
            CallOutcome outcome = isIgnored(t) ? CallOutcome.SUCCESS : CallOutcome.ERROR;
            rec.record(outcome, nanos);
            routed(key, op, Side.LEGACY, outcome, nanos);
            throw t;
        }
        long nanos = timed ? ticker.getAsLong() - start : -1;
        rec.record(CallOutcome.SUCCESS, nanos);
        routed(key, op, Side.LEGACY, CallOutcome.SUCCESS, nanos);
        return result;
    }

    private <R, X extends Throwable> R callModern(RouteState st, Operation op, String key,
            RouteCall<? super T, ? extends R, X> call, Served served) throws X {
        if (!breaker.tryAcquirePermission()) {
            return breakerRejected(st, op, key, call, served);
        }
        int attempts = retry != null && op.isIdempotent() ? definition.retry().maxAttempts() : 1;
        Retry.Context<?> retryContext = null;
        long start = ticker.getAsLong();
        long attemptStart = start;
        for (int attempt = 1; ; attempt++) {
            R result;
            try {
                result = call.call(modern);
            } catch (Throwable t) {
                long now = ticker.getAsLong();
                if (t instanceof InterruptedException) {
                    // The caller gave up; that says nothing about modern's health.
                    breaker.releasePermission();
                } else {
                    breakerFeed.error(now - attemptStart, t);
                }
                if (attempt < attempts && t instanceof Exception && Failures.recoverable(t) && !isIgnored(t)) {
                    if (retryContext == null) {
                        retryContext = retry.context();
                    }
                    if (retryContext(retryContext, (Exception) t)) {
                        if (!breaker.tryAcquirePermission()) {
                            // Modern saw this call and failed it; the breaker opened before the retry. That is a
                            // modern failure, not a call modern never saw: a write must not go to legacy on the
                            // breaker's account.
                            return modernFailed(st, op, key, call, t, ticker.getAsLong() - start, served);
                        }
                        attemptStart = ticker.getAsLong();
                        continue;
                    }
                }
                return modernFailed(st, op, key, call, t, now - start, served);
            }
            long end = ticker.getAsLong();
            breakerFeed.success(end - attemptStart);
            if (retryContext != null) {
                retryContext.onComplete();
            }
            recorder.modern(op.kind()).record(CallOutcome.SUCCESS, end - start);
            routed(key, op, Side.MODERN, CallOutcome.SUCCESS, end - start);
            return result;
        }
    }

    /** Lets resilience4j count the failed attempt and wait; false when it says not to try again. */
    private static boolean retryContext(Retry.Context<?> context, Exception failure) {
        try {
            context.onError(failure);
            return true;
        } catch (Exception exhausted) {
            return false;
        }
    }

    private <R, X extends Throwable> R modernFailed(RouteState st, Operation op, String key,
            RouteCall<? super T, ? extends R, X> call, Throwable failure, long nanos, Served served) throws X {
        SideRecorder rec = recorder.modern(op.kind());
        if (isIgnored(failure)) {
            rec.record(CallOutcome.SUCCESS, nanos);
            routed(key, op, Side.MODERN, CallOutcome.SUCCESS, nanos);
            throw Failures.<RuntimeException>sneakyThrow(failure);
        }
        if (mayFallBackAfterFailure(st, op, failure)) {
            rec.record(CallOutcome.FALLBACK, nanos);
            routed(key, op, Side.MODERN, CallOutcome.FALLBACK, nanos);
            fellBack(key, op, FallbackEvent.Reason.MODERN_FAILED, failure);
            if (served != null) {
                served.fellBack = true;
                served.modernFailure = failure;
            }
            return callLegacy(op, key, call);
        }
        rec.record(CallOutcome.ERROR, nanos);
        routed(key, op, Side.MODERN, CallOutcome.ERROR, nanos);
        throw Failures.<RuntimeException>sneakyThrow(failure);
    }

    private <R, X extends Throwable> R breakerRejected(RouteState st, Operation op, String key,
            RouteCall<? super T, ? extends R, X> call, Served served) throws X {
        if (mayFallBackWhenOpen(st)) {
            recorder.modern(op.kind()).recordShortCircuit();
            routed(key, op, Side.MODERN, CallOutcome.FALLBACK, -1);
            fellBack(key, op, FallbackEvent.Reason.BREAKER_OPEN, null);
            if (served != null) {
                served.fellBack = true;
            }
            return callLegacy(op, key, call);
        }
        recorder.modern(op.kind()).record(CallOutcome.ERROR, -1);
        routed(key, op, Side.MODERN, CallOutcome.ERROR, -1);
        throw rejection(st);
    }

    private ModernUnavailableException rejection(RouteState st) {
        return new ModernUnavailableException(name, "its circuit breaker is " + breaker.getState()
                + (st.stage() == Stage.RETIRED ? " and the route is RETIRED" : " and fallback to legacy is off"));
    }

    /** Legacy may serve a call modern failed: reads, and idempotent writes where the route allows it. */
    private boolean mayFallBackAfterFailure(RouteState st, Operation op, Throwable failure) {
        if (!st.fallbackToLegacy() || st.stage() == Stage.RETIRED || !Failures.recoverable(failure)) {
            return false;
        }
        return op.isRead() || (op.isIdempotent() && definition.fallback().idempotentWrites());
    }

    /** With the breaker open modern never saw the call, so even a non-idempotent write may go to legacy. */
    private static boolean mayFallBackWhenOpen(RouteState st) {
        return st.fallbackToLegacy() && st.stage() != Stage.RETIRED;
    }

    private boolean isIgnored(Throwable t) {
        return fallback.isIgnored(t);
    }

    private void routed(String key, Operation op, Side target, CallOutcome outcome, long nanos) {
        if (listeners.active()) {
            listeners.routed(new RoutedEvent(name, key, op, target, outcome, nanos));
        }
    }

    private void fellBack(String key, Operation op, FallbackEvent.Reason reason, Throwable cause) {
        if (LOG.isDebugEnabled()) {
            try (MDC.MDCCloseable ignoredMdc = MDC.putCloseable("strangler.route", name)) {
                LOG.debug("route '{}': {} for key {} fell back to legacy ({})", name, op, key, reason, cause);
            }
        }
        if (listeners.active()) {
            listeners.fallback(new FallbackEvent(name, key, op, reason, cause));
        }
    }

    // ---------------------------------------------------------------- asynchronous call path

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

    <R> CompletionStage<R> invokeAsync(Operation op, String key, Method method, Object[] args,
            AsyncRouteCall<? super T, R> call) {
        Objects.requireNonNull(call, "call");
        RouteSnapshot s = snapshot;
        String k = key(s, key, method, args);
        Side target = target(s, k);
        if (s.extra) {
            if (op.isRead() ? s.dualReads || (s.readsBoth && op.preference() != null) : s.dualWrites) {
                return op.isRead() ? dualReadAsync(s, op, k, call, target)
                        : dualWriteAsync(s, op, k, args, call, target);
            }
            if (s.writesSuspended && !op.isRead()) {
                CompletionStage<R> stage = legacyAsync(op, k, call);
                stage.whenComplete((value, failure) -> {
                    if (failure == null) {
                        dualWrites.missed(op, k, args, Side.MODERN, suspension(s));
                    }
                });
                return stage;
            }
        }
        return target == Side.LEGACY ? legacyAsync(op, k, call) : modernAsync(s.state, op, k, call, null);
    }

    /**
     * An asynchronous read where both sides are live: the read preference picks the side (FASTEST is served by the
     * routing decision's side: the asynchronous path does not race), and a sampled read is shadowed once the
     * serving side's stage completes.
     */
    private <R> CompletionStage<R> dualReadAsync(RouteSnapshot s, Operation op, String key,
            AsyncRouteCall<? super T, R> call, Side decided) {
        ReadPreference preference = op.preference() != null ? op.preference() : s.state.readPreference();
        Side target = preference == ReadPreference.LEGACY ? Side.LEGACY
                : preference == ReadPreference.MODERN ? Side.MODERN : decided;
        boolean shadowed = op.isShadowed()
                && s.shadowSampled(key, definition.shadow().sampling() == ShadowSampling.PER_KEY, draws);
        if (!shadowed) {
            return target == Side.LEGACY ? legacyAsync(op, key, call) : modernAsync(s.state, op, key, call, null);
        }
        Served served = new Served();
        // The stage may complete on any thread: the shadow call takes the caller's context from here.
        RoutingContext callerContext = RoutingContext.current();
        CompletionStage<R> stage = target == Side.LEGACY ? legacyAsync(op, key, call)
                : modernAsync(s.state, op, key, call, served);
        stage.whenComplete((value, failure) -> {
            if (!served.fellBack) {
                shadow.offer(key, op, target, value, failure == null ? null : Failures.unwrap(failure),
                        implementation(target.other()), legacy, blocking(call), callerContext);
            }
        });
        return stage;
    }

    /**
     * An asynchronous write where both sides take writes. The second write always runs on the executor, never on
     * the thread that completed the first write's stage, which may belong to the implementation.
     */
    private <R> CompletionStage<R> dualWriteAsync(RouteSnapshot s, Operation op, String key, Object[] args,
            AsyncRouteCall<? super T, R> call, Side authoritative) {
        Served served = new Served();
        CompletionStage<R> stage = authoritative == Side.LEGACY ? legacyAsync(op, key, call)
                : modernAsync(s.state, op, key, call, served);
        stage.whenComplete((value, failure) -> {
            if (failure != null) {
                return;
            }
            if (served.fellBack) {
                dualWrites.missed(op, key, args, Side.MODERN, served.modernFailure != null
                        ? served.modernFailure : new ModernUnavailableException(name, "its circuit breaker was open"));
            } else {
                Side other = authoritative.other();
                dualWrites.secondary(DualWriteMode.ASYNC, op, key, args, blocking(call), other,
                        implementation(other), other == Side.MODERN ? breaker : null);
            }
        });
        return stage;
    }

    /** An asynchronous call, waited for: for work that already runs off the caller's thread. */
    private static <T, R> RouteCall<T, R, Throwable> blocking(AsyncRouteCall<T, R> call) {
        return impl -> {
            CompletionStage<R> stage = call.call(impl);
            if (stage == null) {
                throw new NullPointerException("the implementation returned a null CompletionStage");
            }
            try {
                return stage.toCompletableFuture().get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw Failures.unwrap(e);
            }
        };
    }

    private <R> CompletionStage<R> legacyAsync(Operation op, String key, AsyncRouteCall<? super T, R> call) {
        SideRecorder rec = recorder.legacy(op.kind());
        boolean timed = rec.shouldTime();
        long start = timed ? ticker.getAsLong() : 0;
        CompletionStage<R> stage = start(Side.LEGACY, call, legacy);
        stage.whenComplete((result, failure) -> {
            long nanos = timed ? ticker.getAsLong() - start : -1;
            CallOutcome outcome = failure == null || isIgnored(Failures.unwrap(failure))
                    ? CallOutcome.SUCCESS : CallOutcome.ERROR;
            rec.record(outcome, nanos);
            routed(key, op, Side.LEGACY, outcome, nanos);
        });
        return stage;
    }

    private <R> CompletionStage<R> modernAsync(RouteState st, Operation op, String key,
            AsyncRouteCall<? super T, R> call, Served served) {
        SideRecorder rec = recorder.modern(op.kind());
        if (!breaker.tryAcquirePermission()) {
            if (mayFallBackWhenOpen(st)) {
                rec.recordShortCircuit();
                routed(key, op, Side.MODERN, CallOutcome.FALLBACK, -1);
                fellBack(key, op, FallbackEvent.Reason.BREAKER_OPEN, null);
                if (served != null) {
                    served.fellBack = true;
                }
                return legacyAsync(op, key, call);
            }
            rec.record(CallOutcome.ERROR, -1);
            routed(key, op, Side.MODERN, CallOutcome.ERROR, -1);
            return CompletableFuture.failedFuture(rejection(st));
        }
        long start = ticker.getAsLong();
        CompletionStage<R> stage = start(Side.MODERN, call, modern);
        CompletableFuture<R> result = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            long nanos = ticker.getAsLong() - start;
            if (failure == null) {
                breakerFeed.success(nanos);
                rec.record(CallOutcome.SUCCESS, nanos);
                routed(key, op, Side.MODERN, CallOutcome.SUCCESS, nanos);
                result.complete(value);
                return;
            }
            Throwable cause = Failures.unwrap(failure);
            breakerFeed.error(nanos, cause);
            if (isIgnored(cause)) {
                rec.record(CallOutcome.SUCCESS, nanos);
                routed(key, op, Side.MODERN, CallOutcome.SUCCESS, nanos);
                result.completeExceptionally(failure);
            } else if (mayFallBackAfterFailure(st, op, cause)) {
                rec.record(CallOutcome.FALLBACK, nanos);
                routed(key, op, Side.MODERN, CallOutcome.FALLBACK, nanos);
                fellBack(key, op, FallbackEvent.Reason.MODERN_FAILED, cause);
                if (served != null) {
                    served.fellBack = true;
                    served.modernFailure = cause;
                }
                legacyAsync(op, key, call).whenComplete((legacyValue, legacyFailure) -> {
                    if (legacyFailure == null) {
                        result.complete(legacyValue);
                    } else {
                        result.completeExceptionally(legacyFailure);
                    }
                });
            } else {
                rec.record(CallOutcome.ERROR, nanos);
                routed(key, op, Side.MODERN, CallOutcome.ERROR, nanos);
                result.completeExceptionally(failure);
            }
        });
        return result;
    }

    private <R> CompletionStage<R> start(Side target, AsyncRouteCall<? super T, R> call, T implementation) {
        try {
            CompletionStage<R> stage = call.call(implementation);
            if (stage == null) {
                return CompletableFuture.failedFuture(new NullPointerException("the " + target.name().toLowerCase()
                        + " implementation of route '" + name + "' returned a null CompletionStage"));
            }
            return stage;
        } catch (Throwable t) {
            if (!Failures.recoverable(t)) {
                throw t;
            }
            return CompletableFuture.failedFuture(t);
        }
    }

    // ---------------------------------------------------------------- proxy

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

    RouteStateKeeper stateKeeper() {
        return keeper;
    }

    // ---------------------------------------------------------------- introspection

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
    public Map<String, Long> noisyPaths() {
        return shadow.noisyPaths();
    }

    RouteShadow shadow() {
        return shadow;
    }

    /** The share of keys modern serves right now, in basis points: 0 while a stale state sends all to legacy. */
    int servedBasisPoints() {
        RouteSnapshot s = snapshot;
        return s.stale && s.state.stage() != Stage.RETIRED ? 0 : s.state.effectivePercentageBasisPoints();
    }

    DualWrites dualWrites() {
        return dualWrites;
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
            snapshot = new RouteSnapshot(state, snapshot.stale, pins != null, definition.dualWrites().isStateless());
        }

        @Override
        public void markStale(boolean stale) {
            snapshot = snapshot.withStale(stale);
        }
    }

    /** @return what the route's meters read */
    RouterMetrics.RouteSources meterSources() {
        return new RouterMetrics.RouteSources(name, recorder, this::servedBasisPoints, keeper::storeUnavailable,
                keeper::corruptRecords, shadow::stats, dualWrites::stats, dualWrites::verificationErrors,
                dualWrites::reconciliationErrors,
                new java.util.function.LongSupplier[] {fastestWins[0]::sum, fastestWins[1]::sum},
                fastestCancelled::sum, breaker);
    }

    /** What happened to a call whose modern side matters afterwards (shadow and dual-write paths only). */
    static final class Served {
        boolean fellBack;
        Throwable modernFailure;
    }

    /** @return the feed every outcome of modern goes to its breaker through */
    BreakerFeed breakerFeed() {
        return breakerFeed;
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    RouteRecorder recorder() {
        return recorder;
    }

    @Override
    public String toString() {
        return "Route{" + name + ": " + type.getSimpleName() + ", " + snapshot.state + "}";
    }
}
