package io.strangler.core.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.strangler.api.ComparisonResult;
import io.strangler.api.event.CallOutcome;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

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
final class RouterMetrics {

    private RouterMetrics() {
    }

    static void bind(MeterRegistry registry, DefaultRoute<?> route) {
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
        Gauge.builder("strangler.route.percentage", route, r -> r.servedBasisPoints() / 100.0)
                .tag("route", name)
                .description("Share of routing keys the modern side serves")
                .baseUnit("percent")
                .register(registry);
        FunctionCounter.builder("strangler.store.errors", route, r -> r.stateKeeper().storeUnavailable.sum())
                .tags("route", name, "kind", "unavailable")
                .description("Failed reads and writes of the route's state store")
                .register(registry);
        FunctionCounter.builder("strangler.store.errors", route, r -> r.stateKeeper().corruptRecords.sum())
                .tags("route", name, "kind", "corrupt")
                .description("Corrupt state records found in the store and ignored")
                .register(registry);
        for (ComparisonResult result : ComparisonResult.values()) {
            FunctionCounter.builder("strangler.shadow.comparisons", route.shadow(), s -> s.count(result))
                    .tags("route", name, "result", lower(result.name()))
                    .description("Shadow comparisons of the two sides' answers to sampled reads, by result")
                    .register(registry);
        }
        DualWrites writes = route.dualWrites();
        counter(registry, "strangler.dualwrite.secondary", writes, DualWrites::succeeded, name, "success",
                "Second writes of dual-written calls, by result; failed and skipped ones are in the reconciliation log");
        counter(registry, "strangler.dualwrite.secondary", writes, DualWrites::failed, name, "failure",
                "Second writes of dual-written calls, by result; failed and skipped ones are in the reconciliation log");
        counter(registry, "strangler.dualwrite.secondary", writes, DualWrites::skipped, name, "skipped",
                "Second writes of dual-written calls, by result; failed and skipped ones are in the reconciliation log");
        FunctionCounter.builder("strangler.reconciliation.errors", writes, w -> w.reconciliationErrors.sum())
                .tags("route", name)
                .description("Missed second writes the reconciliation log failed to record: lost except for the "
                        + "error log line that describes each")
                .register(registry);
        counter(registry, "strangler.dualwrite.verifications", writes, DualWrites::verified, name, "match",
                "Dual writes read back from both sides, by result");
        counter(registry, "strangler.dualwrite.verifications", writes, DualWrites::integrityFailures, name,
                "mismatch", "Dual writes read back from both sides, by result");
        counter(registry, "strangler.dualwrite.verifications", writes, w -> w.verificationErrors.sum(), name, "error",
                "Dual writes read back from both sides, by result");
        for (io.strangler.api.Target target : io.strangler.api.Target.values()) {
            FunctionCounter.builder("strangler.reads.fastest", route, r -> r.fastestWins[target.ordinal()].sum())
                    .tags("route", name, "winner", lower(target.name()))
                    .description("Reads with preference FASTEST, by the side that answered first")
                    .register(registry);
        }
        FunctionCounter.builder("strangler.reads.fastest.cancelled", route, r -> r.fastestCancelled.sum())
                .tag("route", name)
                .description("Losing calls of FASTEST reads that were cancelled (interrupted, or never started)")
                .register(registry);
        bindBreaker(registry, route.breaker());
    }

    static void bindRouter(MeterRegistry registry, Listeners listeners, RouterSettings settings) {
        Gauge.builder("strangler.shadow.queued", settings.shadowExecutor(), ShadowExecutor::queued)
                .description("Tasks waiting in the router's own shadow pool (-1 with an executor given by the "
                        + "application)")
                .register(registry);
        Gauge.builder("strangler.reconciliation.entries", settings.reconciliationLog(), log -> log.size())
                .description("Failed or skipped second writes waiting in the reconciliation log")
                .register(registry);
        FunctionCounter.builder("strangler.listener.errors", listeners, l -> l.errors.sum())
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
