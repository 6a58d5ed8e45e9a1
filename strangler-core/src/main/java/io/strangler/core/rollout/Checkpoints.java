package io.strangler.core.rollout;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteState;
import io.strangler.api.resilience.CircuitBreakerState;
import io.strangler.core.rollout.RolloutStatus.Phase;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a {@link Checkpoint} before every transition, and puts one back: the routes' whole states and breakers, and
 * the rollouts' progress. Guarded by the controller's lock.
 */
final class Checkpoints {

    /** The controller's logger, so that one logger name covers every rollout decision. */
    private static final Logger LOG = LoggerFactory.getLogger(RolloutController.class);

    private final MigrationRouter router;
    private final RolloutJournal journal;
    private final Rollouts rollouts;
    private final GracefulRamps ramps;
    private final RollbackVerification verification;
    private final Clock clock;

    Checkpoints(MigrationRouter router, RolloutJournal journal, Rollouts rollouts, GracefulRamps ramps,
            RollbackVerification verification, Clock clock) {
        this.router = router;
        this.journal = journal;
        this.rollouts = rollouts;
        this.ramps = ramps;
        this.verification = verification;
        this.clock = clock;
    }

    /** Takes a checkpoint before a transition; never throws. */
    @FunctionalInterface
    interface Taker {
        void take(String actor, String transition);
    }

    /** Takes a checkpoint before a transition; a failure is logged and never stops the transition. */
    void take(String who, String transition) {
        Instant now = clock.instant();
        try {
            List<RouteState> states = new ArrayList<>();
            Map<String, CircuitBreakerState> breakers = new LinkedHashMap<>();
            for (Route<?> route : router.routes()) {
                states.add(route.state());
                breakers.put(route.name(), route.circuitBreakerState());
            }
            List<RolloutProgress> progress = new ArrayList<>();
            for (RolloutStateMachine r : rollouts.all()) {
                progress.add(r.progress(ramps.get(r.name()), now));
            }
            journal.saveCheckpoint(new Checkpoint(Ff4jRolloutJournal.newCheckpointId(clock), now, who, transition,
                    states, breakers, progress));
        } catch (RuntimeException e) {
            LOG.error("checkpoint before '{}' failed; the transition goes ahead without it", transition, e);
        }
    }

    /**
     * Finds a checkpoint the journal keeps.
     *
     * @throws IllegalArgumentException if it keeps none with this id
     */
    Checkpoint find(String id) {
        return journal.checkpoint(id).orElseThrow(() -> new IllegalArgumentException("restore: no checkpoint '" + id
                + "' in the journal; it keeps " + journal.checkpoints().stream().map(Checkpoint::id)
                .collect(Collectors.toList())));
    }

    /**
     * Puts {@code checkpoint} back, as {@link RolloutController#restore(Checkpoint, String)} describes: a checkpoint
     * of the present first, then the open rollbacks over its routes end, then each route gets its whole saved state
     * and breaker, then each rollout its saved progress.
     *
     * @throws IllegalArgumentException if the checkpoint holds a route the router does not have; nothing changes
     */
    void restore(Checkpoint checkpoint, String person) {
        List<String> unknown = checkpoint.states().stream().map(RouteState::route)
                .filter(name -> router.findRoute(name).isEmpty()).collect(Collectors.toList());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("restore: checkpoint '" + checkpoint.id() + "' holds routes the "
                    + "router does not have: " + unknown);
        }
        take(person, "restore of checkpoint " + checkpoint.id());
        Instant now = clock.instant();
        String why = "checkpoint " + checkpoint.id() + " of " + checkpoint.takenAt() + " restored by " + person;
        Set<String> names = checkpoint.states().stream().map(RouteState::route)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        ramps.stopAll(names);
        verification.failCovering(names, "not finished: " + why);
        for (RouteState st : checkpoint.states()) {
            putBack(st, checkpoint.breakers().get(st.route()), person, why);
        }
        for (RolloutProgress p : checkpoint.progress()) {
            RolloutStateMachine r = rollouts.find(p.route());
            if (r != null && names.contains(p.route()) && fits(r, p)) {
                r.restore(p, now, why);
            }
        }
        LOG.warn("{}: routes {} put back", why, names);
    }

    /** The whole saved state, every setting: the change starts from it, not from the current one. */
    private void putBack(RouteState saved, @Nullable CircuitBreakerState breaker, String person, String why) {
        Route<?> route = router.route(saved.route());
        RouteState next = route.update(person, why, current -> saved.toBuilder());
        RolloutStateMachine r = rollouts.find(saved.route());
        if (r != null) {
            r.wrote(next.version());
        }
        if (breaker != null) {
            try {
                route.transitionCircuitBreaker(breaker);
            } catch (RuntimeException e) {
                LOG.warn("route '{}': its breaker could not be put back to {}: {}", saved.route(), breaker,
                        e.getMessage());
            }
        }
    }

    /**
     * Whether a checkpoint's progress can be put back on {@code r}: a step its plan has (none for a guarded route),
     * and no {@code GUARDED} phase on a rollout with a plan, which no transition could leave.
     */
    private static boolean fits(RolloutStateMachine r, RolloutProgress p) {
        if (!r.planned()) {
            return p.step() < 0;
        }
        return p.step() < r.plan().size() && p.phase() != Phase.GUARDED;
    }
}
