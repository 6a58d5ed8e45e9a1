package io.strangler.spring.actuate;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteState;
import io.strangler.api.RouteStats;
import io.strangler.api.Stage;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.resilience.CircuitBreakerState;
import io.strangler.core.rollout.RolloutController;
import io.strangler.core.rollout.RolloutStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes' health, as the {@code strangler} health contributor reports it: its details and its status, computed
 * here with no Spring Boot type so that the Boot 4 and the Boot 3 health indicator (each called
 * {@code StranglerHealthIndicator}) only translate a {@link Report}.
 *
 * <p><b>The status is {@code UP} while every call has a side that serves it.</b> A rollback, a rolled-back or frozen
 * rollout, an open breaker in front of modern while legacy takes its calls: that is the library doing its job, the
 * application serving its users from legacy. Reporting it as {@code DOWN} (or {@code OUT_OF_SERVICE}) would make
 * Spring Boot answer 503 on {@code /actuator/health}, and a load balancer or a Kubernetes probe pointed there would
 * take healthy instances out, or restart them, which fixes nothing. So they are details: each route's stage,
 * percentage, breaker, open rollbacks and rollout phase, and the lists {@code openBreakers} and {@code rolledBack}.
 *
 * <p><b>The status is {@value #DEGRADED} when a route has calls no side serves</b>, the one state in which the
 * library can no longer protect the application:
 * <ul>
 * <li>modern's circuit breaker is open, modern gets a share of the keys, and the route may not fall back to legacy
 *     (it is {@code RETIRED}, or its fallback is off): every call routed to modern fails; or</li>
 * <li>every side fails: over the latest window (at least {@link #WINDOW} between two checks, both sides' calls
 *     counted as the callers saw them, fallbacks included) the route took at least {@value #MINIMUM_CALLS} calls and
 *     not one succeeded.</li>
 * </ul>
 * {@value #DEGRADED} is a custom status: Spring Boot's default aggregation leaves it out of the application's
 * overall status and its default HTTP mapping answers 200, so it shows in {@code /actuator/health/strangler} and
 * on dashboards without taking an instance out of service. To let it count, name it in
 * {@code management.endpoint.health.status.order} (and {@code ...status.http-mapping}).
 *
 * <p>Thread-safe. A check reads each route's state and counters (in memory) and the rollout controller's statuses
 * and history once; when the controller can't be read (a fleet's journal out of reach), the rollout details say so
 * and the status is computed from the routes alone, since a health check that throws is reported {@code DOWN}.
 */
public final class RouteHealth {

    /** The status of a route that has calls no side serves: modern refused without fallback, or every side fails. */
    public static final String DEGRADED = "DEGRADED";

    /** The status while every call has a side that serves it. */
    public static final String UP = "UP";

    /** The shortest span of calls judged for "every side fails": counters are compared with a check this old. */
    public static final Duration WINDOW = Duration.ofMinutes(1);

    /** The fewest calls without a single success that make a route "served by no side". */
    public static final long MINIMUM_CALLS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(RouteHealth.class);

    private final MigrationRouter router;
    private final @Nullable RolloutController controller;

    // Two snapshots of the counters, so that a check compares with one at least WINDOW old: guarded by this.
    private @Nullable Instant latestAt;
    private Map<String, RouteStats> latest = Map.of();
    private @Nullable Instant previousAt;
    private Map<String, RouteStats> previous = Map.of();

    /**
     * The health of {@code router}'s routes.
     *
     * @param router the router whose routes are checked
     * @param controller the rollout controller of those routes, or {@code null} when rollouts are not configured
     */
    public RouteHealth(MigrationRouter router, @Nullable RolloutController controller) {
        this.router = router;
        this.controller = controller;
    }

    /**
     * Checks every route now.
     *
     * @return the status and the details
     */
    public synchronized Report check() {
        Map<String, Object> details = new LinkedHashMap<>();
        Rollouts rollouts = rollouts(details);
        Instant now = router.clock().instant();
        Map<String, RouteStats> stats = new LinkedHashMap<>();
        for (Route<?> route : router.routes()) {
            stats.put(route.name(), route.stats());
        }
        Instant since = advance(now, stats);

        Map<String, Object> routes = new LinkedHashMap<>();
        List<String> openBreakers = new ArrayList<>();
        List<String> rolledBack = new ArrayList<>();
        Map<String, String> unserved = new LinkedHashMap<>();
        for (Route<?> route : router.routes()) {
            String name = route.name();
            RouteState state = route.state();
            CircuitBreakerState breaker = route.circuitBreakerState();
            RolloutStatus rollout = rollouts.status(name);
            List<String> open = new ArrayList<>();
            for (RollbackEvent event : rollouts.openRollbacks(name)) {
                open.add(event.id());
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("stage", state.stage().name());
            detail.put("percentage", state.percentage());
            detail.put("enabled", state.enabled());
            detail.put("breaker", breaker.name());
            detail.put("openRollbacks", open);
            detail.put("rollout", rollout == null ? null : rollout.phase().name());
            String problem = unserved(state, breaker, window(name, stats.get(name), since));
            if (problem != null) {
                detail.put("unserved", problem);
                unserved.put(name, problem);
            }
            routes.put(name, detail);
            if (breaker.isOpen()) {
                openBreakers.add(name);
            }
            if ((rollout != null && Rollouts.ended(rollout.phase())) || !open.isEmpty()) {
                rolledBack.add(name);
            }
        }
        details.put("routes", routes);
        details.put("openBreakers", openBreakers);
        details.put("rolledBack", rolledBack);
        details.put("unserved", unserved);
        if (unserved.isEmpty()) {
            return new Report(UP, null, details);
        }
        List<String> lines = new ArrayList<>();
        unserved.forEach((name, why) -> lines.add("route '" + name + "': " + why));
        return new Report(DEGRADED, String.join("; ", lines), details);
    }

    private Rollouts rollouts(Map<String, Object> details) {
        try {
            return Rollouts.of(controller);
        } catch (RuntimeException e) {
            LOG.warn("the rollout controller could not be read for the health check: {}", e.toString());
            details.put("rollouts", "unavailable: " + e);
            return Rollouts.of(null);
        }
    }

    /**
     * Moves the snapshots on: the one compared with is the latest at least {@link #WINDOW} older than now, so that a
     * health check every few seconds still judges a minute of calls. Returns when it was taken; null before there is
     * one.
     */
    private @Nullable Instant advance(Instant now, Map<String, RouteStats> stats) {
        if (latestAt == null) {
            latestAt = now;
            latest = stats;
        } else if (!now.isBefore(latestAt.plus(WINDOW))) {
            previousAt = latestAt;
            previous = latest;
            latestAt = now;
            latest = stats;
        }
        return previousAt;
    }

    /** What the route's callers saw since the snapshot compared with; null before there is one. */
    private @Nullable Window window(String name, @Nullable RouteStats now, @Nullable Instant since) {
        RouteStats before = previous.get(name);
        if (now == null || before == null || since == null) {
            return null;
        }
        RouteStats delta = now.minus(before);
        return new Window(delta.legacy(), delta.modern(), since);
    }

    private record Window(RouteStats.SideStats legacy, RouteStats.SideStats modern, Instant since) {
    }

    private static @Nullable String unserved(RouteState state, CircuitBreakerState breaker, @Nullable Window window) {
        boolean noFallback = state.stage() == Stage.RETIRED || !state.fallbackToLegacy();
        if (breaker.isOpen() && noFallback && state.effectivePercentageBasisPoints() > 0) {
            return "modern's circuit breaker is " + breaker + " and the route "
                    + (state.stage() == Stage.RETIRED ? "is RETIRED" : "does not fall back to legacy")
                    + ": the calls routed to modern (" + state.effectivePercentageBasisPoints() / 100.0
                    + "% of keys) fail";
        }
        if (window == null) {
            return null;
        }
        // Legacy's counts include the fallbacks it answered for modern, and modern's errors only what reached the
        // caller: together they are the outcomes the callers saw.
        long succeeded = window.legacy().successes() + window.modern().successes();
        long failed = window.legacy().errors() + window.modern().errors();
        if (succeeded == 0 && failed >= MINIMUM_CALLS) {
            return "every side fails: none of its " + failed + " calls since " + window.since() + " succeeded (legacy "
                    + window.legacy().errors() + " errors, modern " + window.modern().errors() + ")";
        }
        return null;
    }

    /**
     * The outcome of one check.
     *
     * @param status {@value RouteHealth#UP} or {@value RouteHealth#DEGRADED}
     * @param description for {@value RouteHealth#DEGRADED}, which routes serve which calls with no side and why;
     *     null for {@value RouteHealth#UP}
     * @param details {@code routes} (each route's {@code stage}, {@code percentage}, {@code enabled},
     *     {@code breaker}, {@code openRollbacks} and {@code rollout} phase, and {@code unserved} when it is),
     *     {@code openBreakers}, {@code rolledBack} and {@code unserved}; {@code rollouts} when the controller could
     *     not be read
     */
    public record Report(String status, @Nullable String description, Map<String, Object> details) {

        /**
         * Freezes the details.
         *
         * @param status the status code
         * @param description the status's description, or null
         * @param details the details; copied, keeping their order
         */
        public Report {
            details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }

        /**
         * Whether the status is {@value RouteHealth#DEGRADED}.
         *
         * @return whether a route has calls no side serves
         */
        public boolean degraded() {
            return DEGRADED.equals(status);
        }
    }
}
