package io.strangler.core.rollout;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.api.StateConflictException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes a graceful rollback is ramping down: modern's share falls linearly from where it was to 0 over the
 * ramp's duration, one compare-and-set a tick, so a change made elsewhere meanwhile wins. What happens when a ramp
 * reaches 0 is the caller's ({@link RollbackExecution}). Guarded by the controller's lock.
 */
final class GracefulRamps {

    /** The controller's logger, so that one logger name covers every rollout decision. */
    private static final Logger LOG = LoggerFactory.getLogger(RolloutController.class);

    private final MigrationRouter router;
    private final Rollouts rollouts;
    private final RollbackVerification verification;
    private final String actor;
    /** Routes ramping down, by name. */
    private final Map<String, Ramp> ramps = new LinkedHashMap<>();

    GracefulRamps(MigrationRouter router, Rollouts rollouts, RollbackVerification verification, String actor) {
        this.router = router;
        this.rollouts = rollouts;
        this.verification = verification;
        this.actor = actor;
    }

    /** A route's ramp, in rollback {@code eventId}: from which share, since when, over how long. */
    record Ramp(String eventId, int fromBasisPoints, Instant startedAt, Duration duration) {
    }

    /** A ramp that reached 0, or whose route stopped serving modern: its route is to be rolled back. */
    @FunctionalInterface
    interface Done {
        void rollBack(String route, Ramp ramp, OpenRollback rollback);
    }

    /** {@code route} starts ramping down from {@code fromBasisPoints} now, as part of {@code rollback}. */
    void start(String route, String eventId, OpenRollback rollback, int fromBasisPoints, Instant now,
            Duration duration) {
        ramps.put(route, new Ramp(eventId, fromBasisPoints, now, duration));
        rollback.rampsLeft.add(route);
    }

    /**
     * A route a controller built again finds ramping down: its ramp goes on where it was.
     *
     * @return false if its rollback is not open any more or the saved ramp is incomplete; nothing ramps then
     */
    boolean resume(String route, String eventId, int fromBasisPoints, @Nullable Instant startedAt,
            @Nullable Duration duration) {
        OpenRollback o = verification.get(eventId);
        if (o == null || startedAt == null || duration == null) {
            return false;
        }
        start(route, eventId, o, fromBasisPoints, startedAt, duration);
        return true;
    }

    /** {@code route} ramps no more (it was rolled back, aborted or restored). */
    void stop(String route) {
        ramps.remove(route);
    }

    /** None of {@code routes} ramps any more. */
    void stopAll(Collection<String> routes) {
        for (String route : routes) {
            ramps.remove(route);
        }
    }

    /** Whether {@code route} is ramping down. */
    boolean ramping(String route) {
        return ramps.containsKey(route);
    }

    /**
     * The ramp {@code route} is on, or null.
     *
     * @return the ramp {@code route} is on, or null
     */
    @Nullable Ramp get(String route) {
        return ramps.get(route);
    }

    /**
     * Moves every ramp one tick on: lowers modern's share to where the ramp is by now, with compare-and-set; hands
     * a ramp that reached 0 (or whose route no longer serves modern) to {@code done}; drops a ramp whose rollback
     * ended or whose route is gone.
     */
    void step(Instant now, Done done) {
        for (Map.Entry<String, Ramp> e : new ArrayList<>(ramps.entrySet())) {
            String name = e.getKey();
            Ramp ramp = e.getValue();
            OpenRollback o = verification.get(ramp.eventId());
            Route<?> route = router.findRoute(name).orElse(null);
            if (o == null || route == null) {
                ramps.remove(name);
                continue;
            }
            RouteState st = route.state();
            int target = target(ramp, now);
            if (!RouteStates.servesModern(st) || target <= 0) {
                done.rollBack(name, ramp, o);
            } else if (target < st.effectivePercentageBasisPoints()) {
                lower(route, st, target);
            }
        }
    }

    /** Where the ramp is by {@code now}: linear from its start share to 0 over its duration. */
    private static int target(Ramp ramp, Instant now) {
        double left = 1 - (double) Duration.between(ramp.startedAt(), now).toMillis() / ramp.duration().toMillis();
        return (int) Math.floor(ramp.fromBasisPoints() * Math.max(0, left));
    }

    private void lower(Route<?> route, RouteState st, int target) {
        try {
            RouteState next = route.compareAndUpdate(st.version(), actor, "graceful rollback: ramping down to 0, now "
                    + target / 100.0 + "%", b -> b.stage(Stage.CANARY).percentageBasisPoints(target));
            RolloutStateMachine r = rollouts.find(route.name());
            if (r != null) {
                r.wrote(next.version());
            }
        } catch (StateConflictException conflict) {
            LOG.info("route '{}': changed meanwhile; the ramp goes on at the next tick", route.name());
        }
    }
}
