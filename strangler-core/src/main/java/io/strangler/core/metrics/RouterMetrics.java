package io.strangler.core.metrics;

import io.strangler.api.reconcile.ReconciliationLog;
import io.strangler.api.RouteStats;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.strangler.api.shadow.ComparisonResult;
import io.strangler.api.event.CallOutcome;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a route's meters. Every meter reads the route's own wait-free recorders when Micrometer polls it, so
 * the call path never touches Micrometer.
 *
 * <ul>
 *   <li>{@code strangler.calls}: function timer, tags {@code route}, {@code target}, {@code kind},
 *       {@code outcome}</li>
 *   <li>{@code strangler.route.percentage}: gauge, the share of keys modern serves, in percent</li>
 *   <li>{@code strangler.store.errors}: function counter, tags {@code route}, {@code kind=unavailable|corrupt}</li>
 *   <li>{@code strangler.shadow.comparisons}, {@code strangler.dualwrite.secondary},
 *       {@code strangler.dualwrite.verifications}, {@code strangler.reads.fastest}: function counters</li>
 *   <li>{@code resilience4j.circuitbreaker.*}: the breaker's state, failure and slow-call rates, buffered and
 *       not-permitted calls, under resilience4j's own names and {@code name} tag</li>
 * </ul>
 */
public final class RouterMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(RouterMetrics.class);

    private RouterMetrics() {
    }

    /**
     * What a route's meters read.
     *
     * @param name the route's name
     * @param recorder its call recorders
     * @param servedBasisPoints the share of keys modern serves now, in basis points
     * @param storeUnavailable failed reads and writes of the state store
     * @param corruptRecords corrupt state records ignored
     * @param shadow its shadow comparisons so far
     * @param secondaryWrites its second writes and verifications so far
     * @param verificationErrors verifications of dual writes that could not be made
     * @param reconciliationErrors missed second writes the reconciliation log failed to record
     * @param fastestWins reads with preference FASTEST won by legacy ([0]) and modern ([1])
     * @param fastestCancelled losing calls of FASTEST reads that were cancelled
     * @param breaker modern's circuit breaker
     */
    public record RouteSources(String name, RouteRecorder recorder, IntSupplier servedBasisPoints,
            LongSupplier storeUnavailable, LongSupplier corruptRecords, Supplier<RouteStats.ShadowStats> shadow,
            Supplier<RouteStats.SecondaryWrites> secondaryWrites, LongSupplier verificationErrors,
            LongSupplier reconciliationErrors,
            LongSupplier[] fastestWins, LongSupplier fastestCancelled, CircuitBreaker breaker) {
    }

    /**
     * Runs a binding of meters so that a registry that fails costs the meters, never the routing: an exception or
     * an {@link Error} (a {@link NoClassDefFoundError} from a Micrometer version the registry was not built for,
     * say) is logged, and the router goes on without (some of) the meters. Only the JVM's own failures other than
     * a stack overflow ({@link VirtualMachineError}) go on up.
     *
     * @param binding registers meters
     * @param what whose meters, for the log
     * @return whether the binding completed
     */
    public static boolean bindSafely(Runnable binding, String what) {
        return bindSafely(() -> {
            binding.run();
            return true;
        }, () -> false, what);
    }

    /**
     * As {@link #bindSafely(Runnable, String)}, for a binding that makes something the router needs whether or
     * not its meters could be registered.
     *
     * @param binding makes the thing and registers its meters
     * @param without makes the thing without meters, when {@code binding} failed
     * @param what whose meters, for the log
     * @param <V> the thing
     * @return what {@code binding} made, else what {@code without} made
     */
    public static <V> V bindSafely(Supplier<V> binding, Supplier<V> without, String what) {
        try {
            return binding.get();
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
                throw (VirtualMachineError) t;
            }
            LOG.warn("registering the meters of {} failed; it routes without (some of) them", what, t);
            return without.get();
        }
    }

    /**
     * Registers a route's meters. The registry holds what the meters read only weakly: the caller keeps
     * {@code route} for as long as the meters should read it.
     *
     * @param registry the registry
     * @param route what the meters read
     */
    public static void bind(MeterRegistry registry, RouteSources route) {
        String name = route.name();
        for (SideRecorder side : route.recorder().all()) {
            for (CallOutcome outcome : CallOutcome.values()) {
                FunctionTimer.builder("strangler.calls", side,
                                s -> s.count(outcome), s -> s.totalNanos(outcome), TimeUnit.NANOSECONDS)
                        .tags(Tags.of("route", name, "target", lower(side.target.name()),
                                "kind", lower(side.kind.name()), "outcome", lower(outcome.name())))
                        .description("Calls routed to one side of a route, by outcome; legacy durations are "
                                + "extrapolated from a timed sample")
                        .register(registry);
            }
        }
        Gauge.builder("strangler.route.percentage", route, r -> r.servedBasisPoints().getAsInt() / 100.0)
                .tag("route", name)
                .description("Share of routing keys the modern side serves")
                .baseUnit("percent")
                .register(registry);
        FunctionCounter.builder("strangler.store.errors", route, r -> r.storeUnavailable().getAsLong())
                .tags("route", name, "kind", "unavailable")
                .description("Failed reads and writes of the route's state store")
                .register(registry);
        FunctionCounter.builder("strangler.store.errors", route, r -> r.corruptRecords().getAsLong())
                .tags("route", name, "kind", "corrupt")
                .description("Corrupt state records found in the store and ignored")
                .register(registry);
        for (ComparisonResult result : ComparisonResult.values()) {
            ToLongFunction<RouteStats.ShadowStats> count = shadowCount(result);
            FunctionCounter.builder("strangler.shadow.comparisons", route.shadow(),
                            s -> count.applyAsLong(s.get()))
                    .tags("route", name, "result", lower(result.name()))
                    .description("Shadow comparisons of the two sides' answers to sampled reads, by result")
                    .register(registry);
        }
        Supplier<RouteStats.SecondaryWrites> writes = route.secondaryWrites();
        String secondary = "Second writes of dual-written calls, by result; failed and skipped ones are in the "
                + "reconciliation log";
        counter(registry, "strangler.dualwrite.secondary", writes, w -> w.get().succeeded(), name, "success",
                secondary);
        counter(registry, "strangler.dualwrite.secondary", writes, w -> w.get().failed(), name, "failure", secondary);
        counter(registry, "strangler.dualwrite.secondary", writes, w -> w.get().skipped(), name, "skipped", secondary);
        FunctionCounter.builder("strangler.reconciliation.errors", route.reconciliationErrors(),
                        LongSupplier::getAsLong)
                .tags("route", name)
                .description("Missed second writes the reconciliation log failed to record: lost except for the "
                        + "error log line that describes each")
                .register(registry);
        String verifications = "Dual writes read back from both sides, by result";
        counter(registry, "strangler.dualwrite.verifications", writes, w -> w.get().verified(), name, "match",
                verifications);
        counter(registry, "strangler.dualwrite.verifications", writes, w -> w.get().integrityFailures(), name,
                "mismatch", verifications);
        counter(registry, "strangler.dualwrite.verifications", route.verificationErrors(), LongSupplier::getAsLong,
                name, "error", verifications);
        for (io.strangler.api.Side target : io.strangler.api.Side.values()) {
            FunctionCounter.builder("strangler.reads.fastest", route, r -> r.fastestWins()[target.ordinal()].getAsLong())
                    .tags("route", name, "winner", lower(target.name()))
                    .description("FASTEST reads raced on both sides, by the side that answered first")
                    .register(registry);
        }
        FunctionCounter.builder("strangler.reads.fastest.cancelled", route, r -> r.fastestCancelled().getAsLong())
                .tag("route", name)
                .description("Losing calls of FASTEST reads that were cancelled (interrupted, or never started)")
                .register(registry);
        bindBreaker(registry, route.breaker());
    }

    /**
     * Registers the meters a router has once. The registry holds what they read only weakly: the caller keeps
     * {@code shadowQueued} and {@code listenerErrors} for as long as the meters should read them.
     *
     * @param registry the registry
     * @param shadowQueued the tasks waiting in the router's own shadow pool, -1 for an executor of the application
     * @param reconciliationLog the router's reconciliation log
     * @param listenerErrors exceptions thrown by listeners so far
     */
    public static void bindRouter(MeterRegistry registry, IntSupplier shadowQueued, ReconciliationLog reconciliationLog,
            LongSupplier listenerErrors) {
        Gauge.builder("strangler.shadow.queued", shadowQueued, IntSupplier::getAsInt)
                .description("Tasks waiting in the router's own shadow pool (-1 with an executor given by the "
                        + "application)")
                .register(registry);
        Gauge.builder("strangler.reconciliation.entries", reconciliationLog, log -> log.size())
                .description("Failed or skipped second writes waiting in the reconciliation log")
                .register(registry);
        FunctionCounter.builder("strangler.listener.errors", listenerErrors, LongSupplier::getAsLong)
                .description("Exceptions thrown by router listeners; none reached a caller")
                .register(registry);
    }

    private static void bindBreaker(MeterRegistry registry, CircuitBreaker breaker) {
        Tags tags = Tags.of("name", breaker.getName());
        for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
            Gauge.builder("resilience4j.circuitbreaker.state", breaker, b -> b.getState() == state ? 1 : 0)
                    .tags(tags.and("state", lower(state.name())))
                    .description("The states of the circuit breaker")
                    .register(registry);
        }
        Gauge.builder("resilience4j.circuitbreaker.failure.rate", breaker, b -> b.getMetrics().getFailureRate())
                .tags(tags).baseUnit("percent").description("The failure rate of the circuit breaker")
                .register(registry);
        Gauge.builder("resilience4j.circuitbreaker.slow.call.rate", breaker,
                        b -> b.getMetrics().getSlowCallRate())
                .tags(tags).baseUnit("percent").description("The slow call rate of the circuit breaker")
                .register(registry);
        Gauge.builder("resilience4j.circuitbreaker.buffered.calls", breaker,
                        b -> b.getMetrics().getNumberOfSuccessfulCalls() + b.getMetrics().getNumberOfFailedCalls())
                .tags(tags).description("The number of buffered calls in the sliding window")
                .register(registry);
        FunctionCounter.builder("resilience4j.circuitbreaker.not.permitted.calls", breaker,
                        b -> b.getMetrics().getNumberOfNotPermittedCalls())
                .tags(tags).description("The number of calls not permitted by the open circuit breaker")
                .register(registry);
    }

    private static ToLongFunction<RouteStats.ShadowStats> shadowCount(ComparisonResult result) {
        return switch (result) {
            case MATCH -> RouteStats.ShadowStats::matches;
            case MISMATCH -> RouteStats.ShadowStats::mismatches;
            case IGNORED -> RouteStats.ShadowStats::ignored;
            case EXPECTED -> RouteStats.ShadowStats::expected;
            case ERROR -> RouteStats.ShadowStats::errors;
            case TIMEOUT -> RouteStats.ShadowStats::timeouts;
            case DROPPED -> RouteStats.ShadowStats::dropped;
        };
    }

    private static <S> void counter(MeterRegistry registry, String meter, S source,
            java.util.function.ToDoubleFunction<S> count, String route, String result, String description) {
        FunctionCounter.builder(meter, source, count)
                .tags("route", route, "result", result)
                .description(description)
                .register(registry);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
