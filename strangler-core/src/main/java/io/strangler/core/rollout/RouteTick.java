package io.strangler.core.rollout;

import io.strangler.api.MigrationRouter;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.api.StateConflictException;
import io.strangler.api.health.Judgement;
import io.strangler.api.health.RollbackAction;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.resilience.CircuitBreakerState;
import io.strangler.core.health.HealthJudge;
import io.strangler.core.rollout.RolloutStatus.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one tick does with one route: judges its triggers, takes in a change made outside the controller, rolls the
 * route back when a trigger fails while it serves modern traffic, and otherwise moves it along its plan as
 * {@link RolloutSchedule} says. Also the move into a step itself, which a person's promotion shares. Guarded by the
 * controller's lock.
 */
final class RouteTick {

    /** The controller's logger, so that one logger name covers every rollout decision. */
    private static final Logger LOG = LoggerFactory.getLogger(RolloutController.class);

    private final MigrationRouter router;
    private final RouteGraph graph;
    private final RollbackExecution rollbacks;
    private final Checkpoints.Taker checkpoint;
    private final String actor;
    private final HealthJudge judge = new HealthJudge();
    private final Notifications notifications;
    /** The checks each route must pass before its first step, by name. */
    private final Map<String, Map<String, PreMigrationCheck>> checks;
    /** What a route waits for before its first step; null for no wait. */
    private final RolloutController.@Nullable BaselineGate baselineGate;

    RouteTick(MigrationRouter router, RouteGraph graph, RollbackExecution rollbacks, Checkpoints.Taker checkpoint,
            String actor, Notifications notifications, Map<String, Map<String, PreMigrationCheck>> checks,
            RolloutController.@Nullable BaselineGate baselineGate) {
        this.notifications = notifications;
        this.checks = checks;
        this.baselineGate = baselineGate;
        this.router = router;
        this.graph = graph;
        this.rollbacks = rollbacks;
        this.checkpoint = checkpoint;
        this.actor = actor;
    }

    /** Judges, guards and advances {@code r} at {@code now}. */
    void tick(RolloutStateMachine r, Instant now) {
        RouteState st = r.route().state();
        r.judge(judge);
        if (!r.active()) {
            return;
        }
        if (st.version() != r.knownVersion() && !adoptChange(r, st, now)) {
            return;
        }
        if (RouteStates.servesModern(st)) {
            for (String dependency : graph.dependencies(r.name())) {
                RouteState d = router.findRoute(dependency).map(x -> x.state()).orElse(null);
                if (d != null && !RouteStates.servesModern(d)) {
                    rollbacks.followDependency(r, dependency, d, now);
                    return;
                }
            }
        }
        for (Judgement dry : r.newlyFailingInDryRun()) {
            String would = "trigger " + dry.name() + " fails, in dry run: it would have "
                    + (action(r, dry) == RollbackAction.MANUAL ? "frozen the rollout" : "rolled back") + " over "
                    + r.triggers().trigger(dry).scope() + " (" + dry.explanation() + "); nothing is done";
            LOG.warn("route '{}': {}", r.name(), would);
            notify(r, RolloutNotification.Kind.DRY_RUN, would, now);
        }
        List<Judgement> failing = r.failing();
        if (r.phase() == Phase.RAMPING_DOWN) {
            failing.stream().filter(j -> action(r, j) == RollbackAction.IMMEDIATE).findFirst()
                    .ifPresent(j -> rollbacks.finishRampNow(r.name(), j.explanation()));
            return;
        }
        boolean serves = RouteStates.servesModern(st);
        // a data-integrity failure rolls back even a route that serves modern nothing (dual-writing, or legacy
        // serving): modern's data is wrong, and its scope (all routes, by default) may serve modern
        Judgement worst = failing.isEmpty() ? null : serves ? Collections.min(failing, severity(r))
                : failing.stream().filter(j -> j.trigger() == TriggerKind.DATA_INTEGRITY).findFirst().orElse(null);
        if (worst != null) {
            if (r.rollbackRetryAt() != null && now.isBefore(r.rollbackRetryAt())) {
                return;   // the last rollback could not be made, or was made for data integrity: not again yet
            }
            if (!(r.phase() == Phase.FROZEN && action(r, worst) == RollbackAction.MANUAL)) {
                rollbacks.fire(r, worst, now);
                if (!serves && r.active()) {
                    r.quietAfterIntegrityRollback(now.plus(RollbackExecution.RETRY_FAILED_ROLLBACK));
                }
                return;
            }
        }
        if (!r.planned() || r.phase() == Phase.PAUSED || r.phase() == Phase.FROZEN || r.phase() == Phase.COMPLETE) {
            return;
        }
        advance(r, st, failing, now);
    }

    /** The first pre-migration check of {@code route} that fails, as a sentence; null when all pass. */
    private @Nullable String failingCheck(String route) {
        for (Map.Entry<String, PreMigrationCheck> c : checks.getOrDefault(route, Map.of()).entrySet()) {
            String problem;
            try {
                problem = c.getValue().problem();
            } catch (Exception e) {
                problem = "it could not tell: " + e;
            }
            if (problem != null) {
                return "waiting for pre-migration check '" + c.getKey() + "': " + problem;
            }
        }
        return null;
    }

    private void notify(RolloutStateMachine r, RolloutNotification.Kind kind, String text, Instant now) {
        notifications.send(new RolloutNotification(kind, r.name(), List.of(r.name()), null, actor, text, now));
    }

    private static RollbackAction action(RolloutStateMachine r, Judgement j) {
        return r.triggers().trigger(j).action();
    }

    /** The most drastic first: IMMEDIATE before GRACEFUL before MANUAL, then the widest scope. */
    private static Comparator<Judgement> severity(RolloutStateMachine r) {
        return Comparator.<Judgement>comparingInt(j -> action(r, j).ordinal())
                .thenComparing(j -> -r.triggers().trigger(j).scope().ordinal());
    }

    /** The route was changed by someone else; false if the controller should leave it alone this tick. */
    private boolean adoptChange(RolloutStateMachine r, RouteState st, Instant now) {
        boolean first = r.knownVersion() < 0;
        r.wrote(st.version());
        if (first) {
            r.adopt(st, now);
            return true;
        }
        if (!r.planned() || r.phase() == Phase.RAMPING_DOWN) {
            return true;
        }
        if (st.effectivePercentageBasisPoints() == r.expectedBasisPoints()) {
            return true;
        }
        String by = st.revision().toString();
        if (!RouteStates.servesModern(st) && r.step() >= 0) {
            r.transition(Phase.ROLLED_BACK, "rolled back outside the controller (" + by + ")");
            LOG.warn("route '{}': {}; its rollout is over", r.name(), r.reason());
            return false;
        }
        if (r.phase() == Phase.NOT_STARTED) {
            r.adopt(st, now);
            return true;
        }
        r.transition(Phase.PAUSED, "changed outside the controller to " + st.percentage() + "% (" + by
                + "); paused: resume to continue from there");
        LOG.warn("route '{}': {}", r.name(), r.reason());
        notify(r, RolloutNotification.Kind.PAUSED, r.reason(), now);
        return true;
    }

    private void advance(RolloutStateMachine r, RouteState st, List<Judgement> failing, Instant now) {
        CircuitBreakerState breaker = r.route().circuitBreakerState();
        if (breaker.isOpen() || breaker == CircuitBreakerState.HALF_OPEN || r.monitor().window().modernBreakerOpen()) {
            // whatever triggers are on: a step while modern's breaker is open would send more keys to legacy's
            // fallback, not to modern
            r.note("not moving while modern's circuit breaker is " + (breaker.isOpen() || breaker
                    == CircuitBreakerState.HALF_OPEN ? breaker : "open on another instance"));
            return;
        }
        List<String> waitingFor = dependenciesBelowFull(r.name());
        boolean healthy = failing.isEmpty();
        RolloutDecision d;
        if (r.step() < 0) {
            String baseline = baselineGate == null ? null
                    : r.monitor().preMigrationBaselineMissing(baselineGate.window(), baselineGate.timedCalls());
            if (baseline != null) {
                r.transition(Phase.NOT_STARTED, "waiting for a pre-migration baseline of legacy: " + baseline);
                return;
            }
            if (!waitingFor.isEmpty()) {
                r.note("waiting for its dependencies to reach 100%: " + waitingFor);
                return;
            }
            if (!healthy) {
                r.note("not starting while a trigger fails: " + failing.get(0).explanation());
                return;
            }
            String check = failingCheck(r.name());
            if (check != null) {
                r.transition(Phase.NOT_STARTED, check);
                return;
            }
            d = r.schedule().start(r.approved());
        } else {
            d = r.schedule().next(r.step(), r.stepStartedAt(), r.modernCallsInStep(), healthy && waitingFor.isEmpty(),
                    r.approved(), now);
        }
        switch (d.action()) {
            case WAIT -> r.transition(r.step() < 0 ? Phase.NOT_STARTED : Phase.RUNNING, d.reason()
                    + (waitingFor.isEmpty() ? "" : "; dependencies below 100%: " + waitingFor)
                    + (healthy ? "" : "; failing: " + failing.get(0).explanation()));
            case AWAIT_APPROVAL -> {
                boolean asked = r.phase() == Phase.AWAITING_APPROVAL;
                r.transition(Phase.AWAITING_APPROVAL, d.reason());
                if (!asked) {
                    notify(r, RolloutNotification.Kind.APPROVAL_REQUESTED, d.reason(), now);
                }
            }
            case ADVANCE -> {
                // a step a person approved is that person's move
                boolean approvedStep = r.plan().step(d.step()).approvalRequired() && r.approvedBy() != null;
                String who = approvedStep ? r.approvedBy() : actor;
                String why = approvedStep ? d.reason() + " (approved by " + who + ")" : d.reason();
                try {
                    moveTo(r, st, d.step(), who, why, now);
                } catch (StateConflictException conflict) {
                    r.note("the route changed during the tick (" + conflict.getMessage()
                            + "); deciding again at the next tick");
                    LOG.info("route '{}': {}", r.name(), r.reason());
                }
            }
            case COMPLETE -> {
                r.transition(Phase.COMPLETE, d.reason());
                LOG.info("route '{}': {}", r.name(), d.reason());
            }
        }
    }

    /**
     * The dependencies of {@code route} that modern does not serve in full, in the graph's order.
     *
     * @return the dependencies of {@code route} that modern does not serve in full, in the graph's order
     */
    List<String> dependenciesBelowFull(String route) {
        List<String> below = new ArrayList<>();
        for (String dependency : graph.dependencies(route)) {
            int served = router.findRoute(dependency).map(d -> d.state().effectivePercentageBasisPoints()).orElse(0);
            if (served < RouteState.MAX_BASIS_POINTS) {
                below.add(dependency);
            }
        }
        return below;
    }

    /**
     * Moves {@code r} into {@code step} if nobody changed the route since {@code st} was read: a checkpoint, then a
     * compare-and-set to the step's stage and share.
     *
     * @throws StateConflictException if the route changed since; nothing moved then (the checkpoint is taken)
     */
    void moveTo(RolloutStateMachine r, RouteState st, int step, String who, String why, Instant now) {
        int bp = r.plan().step(step).basisPoints();
        checkpoint.take(who, "step " + step + " of '" + r.name() + "' to " + r.plan().step(step).percentage()
                + "%: " + why);
        RouteState next = r.route().compareAndUpdate(st.version(), who, why,
                b -> b.stage(Stage.CANARY).percentageBasisPoints(bp));
        r.enterStep(step, now, next.version(), why);
        LOG.info("route '{}': step {} at {}% ({})", r.name(), step, r.plan().step(step).percentage(), why);
    }
}
