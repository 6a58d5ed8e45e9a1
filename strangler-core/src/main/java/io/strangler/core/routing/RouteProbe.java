package io.strangler.core.routing;

import io.strangler.core.metrics.RouteRecorder;
import io.strangler.core.metrics.SideRecorder;
import io.strangler.core.shadow.RouteShadow;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.strangler.api.ComparisonResult;
import io.strangler.api.OperationKind;
import io.strangler.api.Route;
import io.strangler.api.Target;
import io.strangler.api.event.CallOutcome;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * Reads a route's cumulative counters and takes its latencies for the health monitor, off the call path: the call
 * path keeps writing its wait-free counters and recorders, and this reads them when the controller ticks.
 */
public final class RouteProbe {

    private final DefaultRoute<?> route;

    private RouteProbe(DefaultRoute<?> route) {
        this.route = route;
    }

    /**
     * @param route a route of a router built by Strangler
     * @return its probe
     * @throws IllegalArgumentException if the route is another implementation of {@link Route}
     */
    public static RouteProbe of(Route<?> route) {
        Objects.requireNonNull(route, "route");
        if (!(route instanceof DefaultRoute)) {
            throw new IllegalArgumentException("route '" + route.name() + "' is a " + route.getClass().getName()
                    + ", not a route of a Strangler router");
        }
        return new RouteProbe((DefaultRoute<?>) route);
    }

    /** @return the route's counters since it was registered */
    public RouteCounters counters() {
        RouteRecorder recorder = route.recorder();
        long legacyCalls = 0;
        long legacyErrors = 0;
        long modernCalls = 0;
        long modernErrors = 0;
        long modernFellBack = 0;
        long breakerRefused = 0;
        for (OperationKind kind : OperationKind.values()) {
            SideRecorder legacy = recorder.side(Target.LEGACY, kind);
            SideRecorder modern = recorder.side(Target.MODERN, kind);
            for (CallOutcome outcome : CallOutcome.values()) {
                legacyCalls += legacy.count(outcome);
                modernCalls += modern.count(outcome);
            }
            legacyErrors += legacy.count(CallOutcome.ERROR);
            modernErrors += modern.count(CallOutcome.ERROR);
            long fallbacks = modern.count(CallOutcome.FALLBACK);
            // modern is always timed, so an untimed fallback is one the open breaker kept from modern
            long timed = modern.timedCount(CallOutcome.FALLBACK);
            modernFellBack += timed;
            breakerRefused += fallbacks - timed;
        }
        RouteShadow shadow = route.shadow();
        long compared = shadow.count(ComparisonResult.MATCH) + shadow.count(ComparisonResult.MISMATCH)
                + shadow.count(ComparisonResult.IGNORED);
        CircuitBreaker.State breaker = route.breaker().getState();
        return new RouteCounters(legacyCalls, legacyErrors, modernCalls, modernErrors, modernFellBack,
                breakerRefused, compared, shadow.count(ComparisonResult.MISMATCH),
                route.dualWrites().integrityFailures(), shadow.pairedModernOnlyErrors(),
                shadow.pairedLegacyOnlyErrors(),
                breaker == CircuitBreaker.State.OPEN || breaker == CircuitBreaker.State.FORCED_OPEN);
    }

    /**
     * Moves the latencies recorded since the previous call into the histograms given, in nanoseconds. The route's
     * {@link Route#stats()} still sees every latency. Thread-safe.
     *
     * @param legacyInto receives legacy's latencies (legacy is timed on a sample of calls)
     * @param modernInto receives modern's latencies
     */
    public void takeLatency(Histogram legacyInto, Histogram modernInto) {
        route.recorder().takeIntervalLatency(legacyInto, modernInto);
    }

    /** @return the state of the route's modern circuit breaker, as resilience4j names it ({@code CLOSED}, ...) */
    public String breakerState() {
        return route.breaker().getState().name();
    }

    /**
     * Puts the route's modern circuit breaker into {@code state}, as a checkpoint saved it.
     *
     * @param state a resilience4j state name: {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, {@code FORCED_OPEN},
     *     {@code DISABLED} or {@code METRICS_ONLY}
     * @throws IllegalArgumentException if {@code state} is not one of them
     */
    public void restoreBreaker(String state) {
        CircuitBreaker breaker = route.breaker();
        CircuitBreaker.State target;
        try {
            target = CircuitBreaker.State.valueOf(state);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("breaker state must be one of "
                    + java.util.Arrays.toString(CircuitBreaker.State.values()) + ", was '" + state + "'", e);
        }
        if (breaker.getState() == target) {
            return;
        }
        switch (target) {
            case CLOSED -> breaker.transitionToClosedState();
            case OPEN -> breaker.transitionToOpenState();
            case HALF_OPEN -> {
                breaker.transitionToOpenState();
                breaker.transitionToHalfOpenState();
            }
            case FORCED_OPEN -> breaker.transitionToForcedOpenState();
            case DISABLED -> breaker.transitionToDisabledState();
            case METRICS_ONLY -> breaker.transitionToMetricsOnlyState();
        }
    }
}
