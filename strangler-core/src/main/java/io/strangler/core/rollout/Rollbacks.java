package io.strangler.core.rollout;

import io.strangler.core.health.HealthMonitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.api.StateConflictException;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.health.Judgement;
import io.strangler.api.health.RollbackAction;
import io.strangler.api.health.RollbackScope;
import io.strangler.api.health.TriggerSettings;
import io.strangler.api.health.Verdict;
import io.strangler.core.health.HealthJudge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Carries out rollbacks for the controller: which routes a scope covers and in which order, immediate rollbacks,
 * graceful ramps, manual freezes, the check of legacy after a rollback, and the events (listeners, log, metric,
 * history). Guarded by the controller's lock.
 */
final class Rollbacks {

    private static final Logger LOG = LoggerFactory.getLogger(RolloutController.class);

    private final MigrationRouter router;
    private final RouteGraph graph;
    private final Map<String, RouteRollout> rollouts;
    private final Map<String, HealthMonitor> monitors;
    private final Clock clock;
    private final String actor;
    private final Duration window;
    private final MeterRegistry registry;
    private final int historySize;
    private final HealthJudge judge = new HealthJudge();
    private final RolloutJournal journal;
    private final Checkpointer checkpointer;
    /** Every rollback by id, in the order they started, in its latest lifecycle state. */
    private final LinkedHashMap<String, RollbackEvent> history = new LinkedHashMap<>();
    /** Rollbacks not finished yet. */
    private final Map<String, Open> open = new LinkedHashMap<>();
    /** Routes ramping down, by name. */
    private final Map<String, Ramp> ramps = new LinkedHashMap<>();

    Rollbacks(MigrationRouter router, RouteGraph graph, Map<String, RouteRollout> rollouts,
            Map<String, HealthMonitor> monitors, Clock clock, String actor, Duration window, MeterRegistry registry,
            int historySize, RolloutJournal journal, Checkpointer checkpointer) {
        this.router = router;
        this.journal = journal;
        this.checkpointer = checkpointer;
        this.graph = graph;
        this.rollouts = rollouts;
        this.monitors = monitors;
        this.clock = clock;
        this.actor = actor;
        this.window = window;
        this.registry = registry;
        this.historySize = historySize;
    }

    /** Takes a checkpoint before a transition; never throws. */
    @FunctionalInterface
    interface Checkpointer {
        void take(String actor, String transition);
    }

    // ---------------------------------------------------------------- starting

    /** A trigger of {@code r} failed: act as its settings say. */
    void fire(RouteRollout r, Judgement judgement, Instant now) {
        TriggerSettings.Trigger trigger = r.triggers.trigger(judgement.trigger());
        List<String> order = order(r.name(), trigger.scope());
        checkpointer.take(actor, trigger.action() + " rollback of " + order + ": " + judgement.explanation());
        RollbackEvent event = RollbackEvent.initiated(UUID.randomUUID().toString(), r.name(), order, trigger.scope(),
                trigger.action(), actor, judgement, now);
        Open o = new Open(r.triggers);
        open.put(event.id(), o);
        publish(event);
        switch (trigger.action()) {
            case IMMEDIATE -> rollBack(event, o, order, RolloutStatus.Phase.ROLLED_BACK, actor, judgement.explanation());
            case GRACEFUL -> rampDown(event, o, order, r.triggers.gracefulRampDuration(), now);
            case MANUAL -> freeze(event, order);
        }
    }

    /** A person aborts {@code route}'s rollout: an open rollback of it is carried out now, else a new one starts. */
    void abort(RouteRollout r, String person, String reason, Instant now) {
        checkpointer.take(person, "abort of " + r.name() + ": " + reason);
        RollbackEvent event = r.openRollback;
        Open o = event == null ? null : open.get(event.id());
        if (o == null) {
            List<String> order = order(r.name(), RollbackScope.ROUTE);
            event = new RollbackEvent(UUID.randomUUID().toString(), r.name(), order, RollbackScope.ROUTE, null,
                    RollbackAction.IMMEDIATE, RollbackEvent.Status.INITIATED, person, "aborted by " + person + ": "
                    + reason, 0, Double.NaN, Double.NaN, Double.NaN, now, null, null);
            o = new Open(r.triggers);
            open.put(event.id(), o);
            publish(event);
        }
        for (String name : event.routes()) {
            ramps.remove(name);
        }
        o.rampsLeft.clear();
        rollBack(event, o, event.routes(), RolloutStatus.Phase.ABORTED, person, "aborted by " + person + ": "
                + reason);
    }

    /** A person resumes a route a manual trigger froze: its open event closes, as nothing was rolled back. */
    void resumeFrozen(RouteRollout r, String person) {
        RollbackEvent event = r.openRollback;
        if (event != null && open.remove(event.id()) != null) {
            finish(event, RollbackEvent.Status.COMPLETED, clock.instant(), "resumed by " + person
                    + " without rolling back");
        }
        for (String name : event == null ? List.<String>of() : event.routes()) {
            RouteRollout other = rollouts.get(name);
            if (other != null && other.openRollback == event) {
                other.openRollback = null;
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

    private void rollBack(RollbackEvent event, Open o, List<String> order, RolloutStatus.Phase phase, String who,
            String why) {
        for (String name : order) {
            rollBackOne(name, o, phase, who, why);
        }
        startCheck(event, o, clock.instant());
    }

    private void rollBackOne(String name, Open o, RolloutStatus.Phase phase, String who, String why) {
        Route<?> route = router.findRoute(name).orElse(null);
        RouteRollout r = rollouts.get(name);
        if (route == null) {
            o.failures.add(name + ": no longer registered");
            return;
        }
        RouteState st = route.state();
        if (servesModern(st) || ramps.containsKey(name)) {
            try {
                st = route.rollback(who, why);
                o.rolledBack.add(name);
            } catch (RuntimeException e) {
                o.failures.add(name + ": " + e.getMessage());
                LOG.error("route '{}': rollback failed: {}", name, e.getMessage(), e);
            }
        }
        ramps.remove(name);
        o.rampsLeft.remove(name);
        if (r != null) {
            r.knownVersion = st.version();
            if (r.phase != RolloutStatus.Phase.GUARDED || phase == RolloutStatus.Phase.ABORTED) {
                r.phase = phase;
            }
            r.reason = (phase == RolloutStatus.Phase.ABORTED ? "aborted: " : "rolled back: ") + why;
            r.openRollback = null;
        }
    }

    /** Dependents of a route in the ramp go back at once: they can't serve modern once it is below 100 %. */
    private void rampDown(RollbackEvent event, Open o, List<String> order, Duration duration, Instant now) {
        Set<String> covered = new LinkedHashSet<>(order);
        for (String name : order) {
            boolean dependent = graph.routes().contains(name)
                    && graph.dependencies(name).stream().anyMatch(covered::contains);
            Route<?> route = router.findRoute(name).orElse(null);
            if (route == null || !servesModern(route.state())) {
                continue;
            }
            if (dependent) {
                rollBackOne(name, o, RolloutStatus.Phase.ROLLED_BACK, actor, event.reason());
                continue;
            }
            ramps.put(name, new Ramp(event.id(), route.state().effectivePercentageBasisPoints(), now, duration));
            o.rampsLeft.add(name);
            RouteRollout r = rollouts.get(name);
            if (r != null) {
                r.phase = RolloutStatus.Phase.RAMPING_DOWN;
                r.openRollback = event;
                r.reason = "ramping down to 0 over " + duration + ": " + event.reason();
            }
        }
        if (o.rampsLeft.isEmpty()) {
            startCheck(event, o, now);
        }
    }

    private void freeze(RollbackEvent event, List<String> order) {
        LOG.error("ALERT route '{}': {}; rollout frozen, a person must resume or abort it", event.route(),
                event.reason());
        for (String name : order) {
            RouteRollout r = rollouts.get(name);
            if (r != null && r.active()) {
                r.phase = RolloutStatus.Phase.FROZEN;
                r.openRollback = event;
                r.reason = "frozen for a person to decide: " + event.reason();
            }
        }
    }

    static boolean servesModern(RouteState st) {
        return st.effectivePercentageBasisPoints() > 0
                || (st.stage().servesModern() && st.enabled() && !st.forcedModernSegments().isEmpty());
    }

    // ---------------------------------------------------------------- on every tick

    /** Whether {@code route} is ramping down. */
    boolean ramping(String route) {
        return ramps.containsKey(route);
    }

    /** Cuts a ramp short: the route goes back now, and its rollback carries on as one. */
    void finishRampNow(String route, String why) {
        Ramp ramp = ramps.get(route);
        Open o = ramp == null ? null : open.get(ramp.eventId);
        if (o != null) {
            rollBackOne(route, o, RolloutStatus.Phase.ROLLED_BACK, actor, why);
            maybeStartCheck(ramp.eventId, o);
        }
    }

    /** Moves every ramp one tick on, with compare-and-set: a change made elsewhere meanwhile wins. */
    void stepRamps(Instant now) {
        for (Map.Entry<String, Ramp> e : new ArrayList<>(ramps.entrySet())) {
            String name = e.getKey();
            Ramp ramp = e.getValue();
            Open o = open.get(ramp.eventId);
            Route<?> route = router.findRoute(name).orElse(null);
            if (o == null || route == null) {
                ramps.remove(name);
                continue;
            }
            RouteState st = route.state();
            double left = 1 - (double) Duration.between(ramp.startedAt, now).toMillis() / ramp.duration.toMillis();
            int target = (int) Math.floor(ramp.fromBasisPoints * Math.max(0, left));
            if (!servesModern(st) || target <= 0) {
                rollBackOne(name, o, RolloutStatus.Phase.ROLLED_BACK, actor, history.get(ramp.eventId).reason());
                maybeStartCheck(ramp.eventId, o);
                continue;
            }
            if (target < st.effectivePercentageBasisPoints()) {
                try {
                    RouteState next = route.compareAndUpdate(st.version(), actor, "graceful rollback: ramping "
                            + "down to 0, now " + target / 100.0 + "%",
                            b -> b.stage(Stage.CANARY).percentageBasisPoints(target));
                    RouteRollout r = rollouts.get(name);
                    if (r != null) {
                        r.knownVersion = next.version();
                    }
                } catch (StateConflictException conflict) {
                    LOG.info("route '{}': changed meanwhile; the ramp goes on at the next tick", name);
                }
            }
        }
    }

    private void maybeStartCheck(String id, Open o) {
        if (o.rampsLeft.isEmpty() && o.checkSince == null) {
            startCheck(history.get(id), o, clock.instant());
        }
    }

    private void startCheck(RollbackEvent event, Open o, Instant since) {
        o.checkSince = since;
        if (!o.failures.isEmpty()) {
            finish(event, RollbackEvent.Status.FAILED, since, "rollback failed for " + String.join("; ", o.failures));
        }
    }

    /**
     * Finishes the rollbacks whose check is due: FAILED as soon as legacy's error rate fails on a route rolled
     * back, COMPLETED once a full window has passed without that.
     */
    void checkCompletions(Instant now) {
        for (Map.Entry<String, Open> e : new ArrayList<>(open.entrySet())) {
            Open o = e.getValue();
            RollbackEvent event = history.get(e.getKey());
            if (event.status() != RollbackEvent.Status.INITIATED) {
                open.remove(e.getKey());
                continue;
            }
            if (o.checkSince == null) {
                continue;
            }
            List<String> found = new ArrayList<>();
            boolean failed = false;
            for (String name : o.rolledBack) {
                HealthMonitor monitor = monitors.get(name);
                if (monitor == null) {
                    continue;
                }
                TriggerSettings settings = rollouts.containsKey(name) ? rollouts.get(name).triggers : o.triggers;
                Judgement legacy = judge.judgeLegacyErrorRate(monitor.windowSince(o.checkSince), settings);
                failed |= legacy.verdict() == Verdict.FAIL;
                found.add(name + ": " + legacy.explanation());
            }
            String outcome = found.isEmpty() ? "no route needed rolling back" : String.join("; ", found);
            if (failed) {
                finish(event, RollbackEvent.Status.FAILED, now, "legacy is not healthy after the rollback: " + outcome);
            } else if (!now.isBefore(o.checkSince.plus(window))) {
                finish(event, RollbackEvent.Status.COMPLETED, now, "legacy healthy for " + window
                        + " after the rollback: " + outcome);
            }
        }
    }

    // ---------------------------------------------------------------- events

    private void publish(RollbackEvent event) {
        history.put(event.id(), event);
        try {
            journal.recordRollback(event);
        } catch (RuntimeException e) {
            LOG.error("rollback {}: recording it in the journal ({}) failed; it is kept in memory only: {}",
                    event.id(), journal, e.toString());
        }
        while (history.size() > historySize) {
            String oldest = history.keySet().iterator().next();
            history.remove(oldest);
            open.remove(oldest);
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable("strangler.route", event.route())) {
            if (event.status() == RollbackEvent.Status.INITIATED) {
                LOG.warn("rollback {} of route '{}' INITIATED: {} {} scope {} over {} (by {}): {}", event.id(),
                        event.route(), event.action(), event.trigger() == null ? "by a person" : event.trigger(),
                        event.scope(), event.routes(), event.actor(), event.reason());
            } else if (event.status() == RollbackEvent.Status.COMPLETED) {
                LOG.info("rollback {} of route '{}' COMPLETED: {}", event.id(), event.route(), event.outcome());
            } else {
                LOG.error("rollback {} of route '{}' FAILED: {}", event.id(), event.route(), event.outcome());
            }
        }
        if (event.status() == RollbackEvent.Status.INITIATED && registry != null) {
            count(event);
        }
        router.publish(event);
    }

    private void count(RollbackEvent event) {
        try {
            Counter.builder("strangler.rollbacks")
                    .tags("route", event.route(),
                            "trigger", event.trigger() == null ? "person" : lower(event.trigger().name()),
                            "action", lower(event.action().name()))
                    .description("Rollbacks started by the rollout controller, by the route whose trigger fired")
                    .register(registry)
                    .increment();
        } catch (RuntimeException e) {
            LOG.warn("counting rollback {} in the meter registry failed", event.id(), e);
        }
    }

    private void finish(RollbackEvent event, RollbackEvent.Status status, Instant at, String outcome) {
        open.remove(event.id());
        publish(event.finish(status, at, outcome));
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- restart and restore

    /**
     * Takes back the history a journal kept. Rollbacks still {@code INITIATED} carry on: a manual one stays open
     * for a person to resume or abort; a graceful one waits for {@link #resumeRamp} of its routes (or, with none,
     * is checked from now); any other is checked from now, over the routes it covers.
     */
    void restore(List<RollbackEvent> events, Map<String, TriggerSettings> triggersByRoute, Instant now) {
        for (RollbackEvent event : events) {
            history.put(event.id(), event);
            if (event.status() != RollbackEvent.Status.INITIATED) {
                continue;
            }
            Open o = new Open(triggersByRoute.getOrDefault(event.route(), TriggerSettings.ofDefaults()));
            open.put(event.id(), o);
            if (event.action() == RollbackAction.IMMEDIATE) {
                o.rolledBack.addAll(event.routes());
                o.checkSince = now;
            }
        }
        while (history.size() > historySize) {
            String oldest = history.keySet().iterator().next();
            history.remove(oldest);
            open.remove(oldest);
        }
    }

    /** A route a restarted controller finds ramping down: its ramp goes on where it was. */
    boolean resumeRamp(String route, String eventId, int fromBasisPoints, Instant startedAt, Duration duration) {
        Open o = open.get(eventId);
        if (o == null || startedAt == null || duration == null) {
            return false;
        }
        ramps.put(route, new Ramp(eventId, fromBasisPoints, startedAt, duration));
        o.rampsLeft.add(route);
        return true;
    }

    /** After a restart: graceful rollbacks none of whose routes still ramps are checked from now. */
    void finishRestore(Instant now) {
        for (Map.Entry<String, Open> e : open.entrySet()) {
            RollbackEvent event = history.get(e.getKey());
            Open o = e.getValue();
            if (event.action() == RollbackAction.GRACEFUL && o.rampsLeft.isEmpty() && o.checkSince == null) {
                o.rolledBack.addAll(event.routes());
                o.checkSince = now;
            }
        }
    }

    /** @return the open rollback with this id, in its latest state, or null */
    RollbackEvent openEvent(String id) {
        return id != null && open.containsKey(id) ? history.get(id) : null;
    }

    /** @return the ramp {@code route} is on, or null */
    Ramp ramp(String route) {
        return ramps.get(route);
    }

    /**
     * A checkpoint was restored over {@code routes}: their ramps stop, and the open rollbacks covering them end as
     * FAILED, since they did not finish, with {@code why}.
     */
    void supersede(Set<String> routes, String why) {
        for (String route : routes) {
            ramps.remove(route);
        }
        for (Map.Entry<String, Open> e : new ArrayList<>(open.entrySet())) {
            RollbackEvent event = history.get(e.getKey());
            if (event.routes().stream().anyMatch(routes::contains)) {
                finish(event, RollbackEvent.Status.FAILED, clock.instant(), why);
            }
        }
    }

    List<RollbackEvent> history() {
        return List.copyOf(history.values());
    }

    /** A rollback not finished: routes still ramping, the routes rolled back, failures, when the check began. */
    private static final class Open {
        final TriggerSettings triggers;
        final Set<String> rampsLeft = new LinkedHashSet<>();
        final List<String> rolledBack = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        Instant checkSince;

        Open(TriggerSettings triggers) {
            this.triggers = triggers;
        }
    }

    record Ramp(String eventId, int fromBasisPoints, Instant startedAt, Duration duration) {
    }
}
