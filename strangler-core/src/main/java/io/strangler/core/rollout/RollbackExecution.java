package io.strangler.core.rollout;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteState;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.health.Judgement;
import io.strangler.api.health.RollbackAction;
import io.strangler.api.health.RollbackScope;
import io.strangler.api.health.TriggerSettings;
import io.strangler.core.rollout.RolloutStatus.Phase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries rollbacks out: which routes a scope covers and in which order (dependents first), an immediate rollback,
 * the start and the end of a graceful ramp, a manual freeze, a person's abort, and a person's resume of a frozen
 * route. The ramps themselves are {@link GracefulRamps}'; the check of legacy afterwards and the end of a rollback
 * are {@link RollbackVerification}'s. Guarded by the controller's lock.
 */
final class RollbackExecution {

    /** The controller's logger, so that one logger name covers every rollout decision. */
    private static final Logger LOG = LoggerFactory.getLogger(RolloutController.class);
    /** How long after a rollback that could not be made the next one is tried. */
    static final Duration RETRY_FAILED_ROLLBACK = Duration.ofSeconds(60);

    private final MigrationRouter router;
    private final RouteGraph graph;
    private final Rollouts rollouts;
    private final GracefulRamps ramps;
    private final RollbackVerification verification;
    private final Checkpoints.Taker checkpoint;
    private final Clock clock;
    private final String actor;

    private final RolloutController.@Nullable Escalation escalation;
    private final List<Failure> failures = new ArrayList<>();
    private final java.util.Map<String, Instant> escalatedPhases = new java.util.HashMap<>();
    private @Nullable Instant escalatedAll;

    RollbackExecution(MigrationRouter router, RouteGraph graph, Rollouts rollouts, GracefulRamps ramps,
            RollbackVerification verification, Checkpoints.Taker checkpoint, Clock clock, String actor,
            RolloutController.@Nullable Escalation escalation) {
        this.escalation = escalation;
        this.router = router;
        this.graph = graph;
        this.rollouts = rollouts;
        this.ramps = ramps;
        this.verification = verification;
        this.checkpoint = checkpoint;
        this.clock = clock;
        this.actor = actor;
    }

    // ---------------------------------------------------------------- starting

    /** A trigger of {@code r} failed: act as its settings say, then escalate if failures spread. */
    void fire(RolloutStateMachine r, Judgement judgement, Instant now) {
        fireOnly(r, judgement, now);
        escalate(r.name(), now);
    }

    /**
     * Escalation: trigger failures on {@code escalation.routesInPhase()} routes of one phase within the window roll
     * back the whole phase; failures in {@code escalation.phases()} phases within the window roll back every route.
     * Each escalation is a rollback event of its own, by the controller, whose reason names the routes that failed.
     */
    private void escalate(String route, Instant now) {
        if (escalation == null) {
            return;
        }
        Optional<String> phase = graph.routes().contains(route) ? graph.phase(route) : Optional.empty();
        if (phase.isEmpty()) {
            return;
        }
        failures.add(new Failure(route, phase.get(), now));
        failures.removeIf(f -> f.at().isBefore(now.minus(escalation.window())));
        if (escalatedAll != null && !now.isAfter(escalatedAll.plus(escalation.window()))) {
            return;
        }
        Set<String> phasesFailing = new java.util.TreeSet<>();
        failures.forEach(f -> phasesFailing.add(f.phase()));
        if (phasesFailing.size() >= escalation.phases()) {
            escalatedAll = now;
            escalateTo(RollbackScope.ALL, route, "system-wide instability: trigger failures in phases " + phasesFailing
                    + " within " + escalation.window() + " (" + failed(null) + ")", now);
            return;
        }
        Instant last = escalatedPhases.get(phase.get());
        if (last != null && !now.isAfter(last.plus(escalation.window()))) {
            return;
        }
        Set<String> routes = new java.util.TreeSet<>();
        failures.stream().filter(f -> f.phase().equals(phase.get())).forEach(f -> routes.add(f.route()));
        if (routes.size() >= escalation.routesInPhase()) {
            escalatedPhases.put(phase.get(), now);
            escalateTo(RollbackScope.PHASE, route, "multiple service failures in phase '" + phase.get() + "': "
                    + routes + " within " + escalation.window() + " (" + failed(phase.get()) + ")", now);
        }
    }

    private String failed(@Nullable String phase) {
        StringBuilder out = new StringBuilder();
        for (Failure f : failures) {
            if (phase == null || f.phase().equals(phase)) {
                out.append(out.length() == 0 ? "" : ", ").append(f.route()).append(" at ").append(f.at());
            }
        }
        return out.toString();
    }

    private void escalateTo(RollbackScope scope, String route, String why, Instant now) {
        List<String> order = order(route, scope);
        LOG.error("ESCALATION route '{}': {}; rolling back {}", route, why, order);
        checkpoint.take(actor, "escalated " + scope + " rollback of " + order + ": " + why);
        RolloutStateMachine r = rollouts.find(route);
        RollbackEvent event = new RollbackEvent(UUID.randomUUID().toString(), route, order, scope, null,
                RollbackAction.IMMEDIATE, RollbackEvent.Status.INITIATED, actor, "escalation: " + why, 0, Double.NaN,
                Double.NaN, Double.NaN, now, null, null);
        OpenRollback o = verification.open(event, r != null ? r.triggers() : TriggerSettings.ofDefaults());
        ramps.stopAll(order);
        rollBack(event, o, order, Phase.ROLLED_BACK, actor, "escalation: " + why);
    }

    /** A trigger failure counted for escalation. */
    private record Failure(String route, String phase, Instant at) {
    }

    /** A trigger of {@code r} failed: act as its settings say. */
    private void fireOnly(RolloutStateMachine r, Judgement judgement, Instant now) {
        TriggerSettings.Trigger trigger = r.triggers().trigger(judgement);
        List<String> order = order(r.name(), trigger.scope());
        checkpoint.take(actor, trigger.action() + " rollback of " + order + ": " + judgement.explanation());
        RollbackEvent event = RollbackEvent.initiated(UUID.randomUUID().toString(), r.name(), order, trigger.scope(),
                trigger.action(), actor, judgement, now);
        OpenRollback o = verification.open(event, r.triggers());
        switch (trigger.action()) {
            case IMMEDIATE -> rollBack(event, o, order, Phase.ROLLED_BACK, actor, judgement.explanation());
            case GRACEFUL -> rampDown(event, o, order, r.triggers().gracefulRampDuration(), now);
            case MANUAL -> freeze(event, order);
        }
    }

    /** A person aborts {@code r}'s rollout: an open rollback of it is carried out now, else a new one starts. */
    void abort(RolloutStateMachine r, String person, String reason, Instant now) {
        checkpoint.take(person, "abort of " + r.name() + ": " + reason);
        RollbackEvent event = r.openRollback();
        OpenRollback o = event == null ? null : verification.get(event.id());
        if (o == null) {
            List<String> order = order(r.name(), RollbackScope.ROUTE);
            event = new RollbackEvent(UUID.randomUUID().toString(), r.name(), order, RollbackScope.ROUTE, null,
                    RollbackAction.IMMEDIATE, RollbackEvent.Status.INITIATED, person, "aborted by " + person + ": "
                    + reason, 0, Double.NaN, Double.NaN, Double.NaN, now, null, null);
            o = verification.open(event, r.triggers());
        }
        ramps.stopAll(event.routes());
        o.rampsLeft.clear();
        rollBack(event, o, event.routes(), Phase.ABORTED, person, "aborted by " + person + ": " + reason);
    }

    /** A person resumes a route a manual trigger froze: its open rollback ends, as nothing was rolled back. */
    void resumeFrozen(RolloutStateMachine r, String person) {
        RollbackEvent event = r.openRollback();
        if (event == null) {
            return;
        }
        if (verification.get(event.id()) != null) {
            verification.finish(event, RollbackEvent.Status.COMPLETED, clock.instant(), "resumed by " + person
                    + " without rolling back");
        }
        for (String name : event.routes()) {
            RolloutStateMachine other = rollouts.find(name);
            if (other != null) {
                other.release(event);
            }
        }
    }

    /**
     * The routes a rollback of {@code route} covers in {@code scope}, dependents first; for {@code ALL}, routes
     * registered after the controller was built come last.
     */
    List<String> order(String route, RollbackScope scope) {
        Set<String> roots = new LinkedHashSet<>();
        switch (scope) {
            case ROUTE -> roots.add(route);
            case PHASE -> {
                roots.add(route);
                graph.phase(route).ifPresent(p -> roots.addAll(graph.routesInPhase(p)));
            }
            case ALL -> roots.addAll(graph.routes());
        }
        List<String> order = new ArrayList<>(graph.rollbackOrder(roots));
        if (scope == RollbackScope.ALL) {
            for (Route<?> other : router.routes()) {
                if (!order.contains(other.name())) {
                    order.add(other.name());
                }
            }
        }
        return order;
    }

    // ---------------------------------------------------------------- carrying out

    private void rollBack(RollbackEvent event, OpenRollback o, List<String> order, Phase end, String who,
            String why) {
        for (String name : order) {
            rollBackOne(name, event.route(), o, end, who, why);
        }
        verification.startCheck(event, o, clock.instant());
    }

    /**
     * Sends one route back to legacy if it serves modern or ramps; its rollout ends in {@code end}, except for a
     * dependent of {@code origin} that had not started: it keeps waiting for its dependency to reach 100 % again
     * (and starts once a restarted dependency does).
     */
    private void rollBackOne(String name, String origin, OpenRollback o, Phase end, String who, String why) {
        Route<?> route = router.findRoute(name).orElse(null);
        if (route == null) {
            o.failures.add(name + ": no longer registered");
            return;
        }
        RouteState st = route.state();
        boolean served = RouteStates.servesModern(st) || ramps.ramping(name);
        ramps.stop(name);
        o.rampsLeft.remove(name);
        RolloutStateMachine r = rollouts.find(name);
        if (served) {
            try {
                st = route.rollback(who, why);
                o.rolledBack.add(name);
            } catch (RuntimeException e) {
                o.failures.add(name + ": " + e.getMessage());
                Instant retryAt = clock.instant().plus(RETRY_FAILED_ROLLBACK);
                LOG.error("route '{}': rollback failed, modern still serves; tried again from {}: {}", name, retryAt,
                        e.getMessage(), e);
                if (r != null) {
                    // not ROLLED_BACK: the state did not change, and the route stays guarded
                    r.rollbackFailed(retryAt, e.getMessage());
                }
                return;
            }
        }
        if (r == null) {
            return;
        }
        if (!served && r.phase() == Phase.NOT_STARTED && !name.equals(origin) && graph.routes().contains(origin)
                && graph.rollbackOrder(origin).contains(name)) {
            r.note("not started; its dependency '" + origin + "' was rolled back (" + why + "): it waits for it to "
                    + "reach 100% again");
            return;
        }
        r.rolledBack(end, why, st.version());
    }

    /**
     * A dependency of {@code r} serves no modern traffic any more while {@code r} does: rolled back by a person, on
     * another instance, or by its own kill switch. {@code r} and its own dependents go back too, since a dependent
     * serves modern only while its dependencies are at 100 %.
     */
    void followDependency(RolloutStateMachine r, String dependency, RouteState dependencyState, Instant now) {
        List<String> order = order(r.name(), RollbackScope.ROUTE);
        String why = "its dependency '" + dependency + "' serves no modern traffic any more ("
                + dependencyState.revision() + ")";
        checkpoint.take(actor, "rollback of " + order + ": " + why);
        RollbackEvent event = new RollbackEvent(UUID.randomUUID().toString(), r.name(), order, RollbackScope.ROUTE,
                null, RollbackAction.IMMEDIATE, RollbackEvent.Status.INITIATED, actor, why, 0, Double.NaN,
                Double.NaN, Double.NaN, now, null, null);
        OpenRollback o = verification.open(event, r.triggers());
        ramps.stopAll(order);
        rollBack(event, o, order, Phase.ROLLED_BACK, actor, why);
    }

    /** Dependents of a route in the ramp go back at once: they can't serve modern once it is below 100 %. */
    private void rampDown(RollbackEvent event, OpenRollback o, List<String> order, Duration duration, Instant now) {
        Set<String> covered = new LinkedHashSet<>(order);
        for (String name : order) {
            boolean dependent = graph.routes().contains(name)
                    && graph.dependencies(name).stream().anyMatch(covered::contains);
            Route<?> route = router.findRoute(name).orElse(null);
            if (route == null || !RouteStates.servesModern(route.state())) {
                continue;
            }
            if (dependent) {
                rollBackOne(name, event.route(), o, Phase.ROLLED_BACK, actor, event.reason());
                continue;
            }
            ramps.start(name, event.id(), o, route.state().effectivePercentageBasisPoints(), now, duration);
            RolloutStateMachine r = rollouts.find(name);
            if (r != null) {
                r.rampDown(event, "ramping down to 0 over " + duration + ": " + event.reason());
            }
        }
        if (o.rampsLeft.isEmpty()) {
            verification.startCheck(event, o, now);
        }
    }

    private void freeze(RollbackEvent event, List<String> order) {
        LOG.error("ALERT route '{}': {}; rollout frozen, a person must resume or abort it", event.route(),
                event.reason());
        for (String name : order) {
            RolloutStateMachine r = rollouts.find(name);
            if (r != null) {
                r.freeze(event, "frozen for a person to decide: " + event.reason());
            }
        }
    }

    // ---------------------------------------------------------------- ramps ending

    /** Cuts a ramp short: the route goes back now, and its rollback carries on as one. */
    void finishRampNow(String route, String why) {
        GracefulRamps.Ramp ramp = ramps.get(route);
        OpenRollback o = ramp == null ? null : verification.get(ramp.eventId());
        if (o != null) {
            rollBackOne(route, route, o, Phase.ROLLED_BACK, actor, why);
            verification.startCheckIfReady(ramp.eventId(), o);
        }
    }

    /** Moves every ramp one tick on; a route whose ramp reached 0 is rolled back. */
    void stepRamps(Instant now) {
        ramps.step(now, (name, ramp, o) -> {
            rollBackOne(name, name, o, Phase.ROLLED_BACK, actor, verification.event(ramp.eventId()).reason());
            verification.startCheckIfReady(ramp.eventId(), o);
        });
    }
}
