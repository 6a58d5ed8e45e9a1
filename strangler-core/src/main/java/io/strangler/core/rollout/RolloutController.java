package io.strangler.core.rollout;

import io.strangler.core.health.HealthMonitor;
import io.strangler.core.health.PerformanceBaseline;

import io.micrometer.core.instrument.MeterRegistry;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.api.StateConflictException;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.health.Judgement;
import io.strangler.api.health.RollbackAction;
import io.strangler.api.health.TriggerSettings;
import io.strangler.api.rollout.RolloutPlan;
import io.strangler.core.health.HealthJudge;
import io.strangler.core.health.HealthWindow;
import io.strangler.core.state.Ff4jRouteStateStore;
import io.strangler.api.resilience.CircuitBreakerState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.ff4j.FF4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs progressive rollouts: advances routes step by step along their {@link RolloutPlan} behind health gates, and
 * rolls them back when a health trigger fails. Everything happens in {@link #tick()}: tests call it after moving a
 * fake clock, production calls it on a schedule ({@link #start(Duration)}). Thread-safe: ticks and commands are
 * serialised.
 *
 * <p>On each tick the controller first takes a health sample of every route (counters and latencies, read off the
 * call path) and builds each route's window of the last {@link Builder#window(Duration) window} of the clock. Then,
 * dependencies before dependents, for each route it runs or guards:
 * <ol>
 * <li>The triggers are judged over the window ({@link HealthJudge}). If one fails while the route serves modern
 *     traffic, its action runs: {@link RollbackAction#IMMEDIATE IMMEDIATE} rolls the routes of its scope back now;
 *     {@link RollbackAction#GRACEFUL GRACEFUL} lowers their percentage linearly to 0 over the ramp of the trigger
 *     settings on the following ticks, then rolls them back; {@link RollbackAction#MANUAL MANUAL} freezes the rollout
 *     and alerts (an error log and a {@link RollbackEvent}) for a person to {@link #resume resume} or
 *     {@link #abort abort}. Rolling back a route first rolls back every route that depends on it. When several
 *     triggers fail, the most drastic action wins.</li>
 * <li>Otherwise the route follows its plan ({@link RolloutSchedule}): it waits for the step's bake and minimum
 *     samples, for every trigger to stop failing, for its dependencies to be at 100 % and, where the plan says so,
 *     for {@link #approve approval}; then it moves into the next step with a compare-and-set on the version read at
 *     the start of the tick, so a rollback made meanwhile (here, on another instance, by a person) is never undone.
 *     A step sets the stage to {@link Stage#CANARY} and the step's percentage.</li>
 * </ol>
 * A route changed outside the controller is respected: rolled back, it stays rolled back; moved to another
 * percentage, its rollout is paused until a person resumes it from there.
 *
 * <p>Every rollback is a {@link RollbackEvent} with a lifecycle, delivered to the router's listeners
 * ({@link io.strangler.api.event.RouterListener#onRollback}), logged, counted in {@code strangler.rollbacks}
 * (tags {@code route}, {@code trigger}, {@code action}) when a meter registry is set, and kept in
 * {@link #rollbacks()}. It is {@code COMPLETED} once legacy's error rate has not failed for a full window after the
 * rollback, {@code FAILED} if it fails or the rollback could not be made.
 *
 * <p>What must outlive the controller is kept in its {@link RolloutJournal}, by default in the router's FF4J instance
 * next to the route states ({@link Ff4jRolloutJournal}): each rollout's progress (saved whenever it changes), every
 * stage of every rollback, and a {@link Checkpoint} taken before every transition (a step, a rollback, an approval,
 * a pause, a resume, an abort, a promotion, a restore). A controller built again over the same store carries on where
 * the last one was: on the same step with the same bake start and approval, still paused, frozen or ramping down, its
 * rollback history intact; only the step's minimum samples count again from the restart, since call counters live
 * in the process. A route changed while no controller ran is treated as changed outside the controller. Checkpoints
 * are listed by {@link #checkpoints()}, exported by {@link Checkpoint#toJson()} and put back by
 * {@link #restore(String, String)}.
 *
 * <pre>{@code
 * RolloutController controller = Strangler.controller(router)
 *         .clock(clock)
 *         .plan("pricing", RolloutPlan.low())
 *         .plan("checkout", RolloutPlan.medium())
 *         .triggers("checkout", TriggerSettings.custom().action(TriggerKind.LATENCY, RollbackAction.MANUAL).build())
 *         .dependsOn("checkout", "pricing")          // checkout serves modern only once pricing is at 100 %
 *         .build();
 * controller.start(Duration.ofSeconds(1));           // or call controller.tick() yourself
 * controller.approve("checkout", "alice");
 * controller.status("checkout").phase();             // RUNNING, AWAITING_APPROVAL, ROLLED_BACK, ...
 * }</pre>
 */
public final class RolloutController implements AutoCloseable {

    /** Default length of the health window the triggers judge. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);
    /** Default name the controller records as the actor of the changes it makes. */
    public static final String DEFAULT_ACTOR = "strangler-controller";
    /** Default number of rollbacks kept in the history. */
    public static final int DEFAULT_HISTORY_SIZE = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(RolloutController.class);

    private final MigrationRouter router;
    private final Clock clock;
    private final String actor;
    private final RouteGraph graph;
    private final Map<String, HealthMonitor> monitors;
    /** The routes run or guarded, dependencies before dependents. */
    private final Map<String, RouteRollout> rollouts;
    private final Rollbacks rollbacks;
    private final HealthJudge judge = new HealthJudge();
    private final RolloutJournal journal;
    /** The progress last saved per route, to save again only on a change. */
    private final Map<String, RolloutProgress> saved = new LinkedHashMap<>();
    /** Whether the latest journal write failed: the next failure is not logged again, the next success is. */
    private boolean journalFailing;
    private ScheduledExecutorService scheduler;

    private RolloutController(Builder b) {
        this.router = b.router;
        this.clock = b.clock;
        this.actor = b.actor;
        Map<String, Set<String>> dependsOn = new LinkedHashMap<>();
        for (Route<?> route : b.router.routes()) {
            dependsOn.put(route.name(), b.dependencies.getOrDefault(route.name(), Set.of()));
        }
        this.graph = RouteGraph.of(dependsOn, b.phases);
        Map<String, HealthMonitor> monitorsByName = new LinkedHashMap<>();
        for (Route<?> route : b.router.routes()) {
            monitorsByName.put(route.name(), new HealthMonitor(route, b.clock, b.window));
        }
        this.monitors = Collections.unmodifiableMap(monitorsByName);
        List<String> dependenciesFirst = new ArrayList<>(graph.rollbackOrder(graph.routes()));
        Collections.reverse(dependenciesFirst);
        Map<String, RouteRollout> byName = new LinkedHashMap<>();
        for (String name : dependenciesFirst) {
            if (b.plans.containsKey(name) || b.triggers.containsKey(name)) {
                byName.put(name, new RouteRollout(b.router.route(name), b.plans.get(name),
                        b.triggers.getOrDefault(name, TriggerSettings.ofDefaults()), monitorsByName.get(name)));
            }
        }
        this.rollouts = Collections.unmodifiableMap(byName);
        this.journal = b.journal != null ? b.journal : defaultJournal(b.router, b.clock);
        this.rollbacks = new Rollbacks(b.router, graph, rollouts, monitors, b.clock, b.actor, b.window,
                b.meterRegistry, b.historySize, journal, this::checkpoint);
        carryOn();
    }

    private static RolloutJournal defaultJournal(MigrationRouter router, Clock clock) {
        FF4j ff4j = router.stateStore() instanceof Ff4jRouteStateStore s ? s.ff4j().orElse(null) : null;
        if (ff4j == null) {
            LOG.warn("the router's states are not in FF4J: the rollout journal (progress, rollback history, "
                    + "checkpoints) is in memory and does not outlive this process; set one with journal(...)");
            ff4j = new FF4j();
        }
        return new Ff4jRolloutJournal(ff4j, clock);
    }

    // ---------------------------------------------------------------- the journal

    /** Takes back what the journal kept: the rollback history, then each route's progress. */
    private void carryOn() {
        Instant now = clock.instant();
        List<RollbackEvent> history = List.of();
        try {
            history = journal.rollbacks();
        } catch (RuntimeException e) {
            LOG.error("reading the rollback history from the journal ({}) failed; starting without it", journal, e);
        }
        Map<String, TriggerSettings> triggers = new LinkedHashMap<>();
        rollouts.forEach((name, r) -> triggers.put(name, r.triggers));
        rollbacks.restore(history, triggers, now);
        for (RouteRollout r : rollouts.values()) {
            try {
                journal.progress(r.name()).ifPresent(p -> carryOn(r, p, now));
            } catch (RuntimeException e) {
                LOG.error("route '{}': reading its progress from the journal failed; it is adopted where its state "
                        + "is", r.name(), e);
            }
        }
        rollbacks.finishRestore(now);
    }

    private void carryOn(RouteRollout r, RolloutProgress p, Instant now) {
        if (!fits(r, p)) {
            LOG.warn("route '{}': the journal has it {} on step {}, which does not fit its {} here; it is adopted "
                    + "where its state is", r.name(), p.phase(), p.step(), r.plan == null ? "triggers without a plan"
                    : "plan of " + r.plan.size() + " steps");
            return;
        }
        r.phase = p.phase();
        r.step = p.step();
        r.stepStartedAt = p.stepStartedAt();
        r.approved = p.approved();
        r.knownVersion = p.knownVersion();
        r.judgeSince = p.judgeSince();
        r.modernAtStepStart = r.monitor.modernServed();
        r.openRollback = rollbacks.openEvent(p.openRollbackId());
        r.reason = "carried on from the journal (saved " + p.savedAt() + "): " + p.reason();
        if (r.phase == RolloutStatus.Phase.RAMPING_DOWN && (r.openRollback == null || !rollbacks.resumeRamp(
                r.name(), p.openRollbackId(), p.rampFromBasisPoints(), p.rampStartedAt(), p.rampDuration()))) {
            r.phase = RolloutStatus.Phase.PAUSED;
            r.reason = "was ramping down when the last controller stopped, but its rollback is not open any more: "
                    + "paused, resume or abort it";
        }
        saved.put(r.name(), p);
        LOG.info("route '{}': {}", r.name(), r.reason);
    }

    /** Whether saved progress belongs to a rollout like this one: a plan's step within it, or a guarded route. */
    private static boolean fits(RouteRollout r, RolloutProgress p) {
        if (r.plan == null) {
            return p.step() < 0 && (p.phase() == RolloutStatus.Phase.GUARDED
                    || p.phase() == RolloutStatus.Phase.ABORTED || p.phase() == RolloutStatus.Phase.ROLLED_BACK);
        }
        return p.step() < r.plan.size() && p.phase() != RolloutStatus.Phase.GUARDED;
    }

    /** Saves the progress of every route whose progress changed since it was last saved. */
    private void saveProgress() {
        Instant now = clock.instant();
        for (RouteRollout r : rollouts.values()) {
            RolloutProgress p = r.progress(rollbacks.ramp(r.name()), now);
            RolloutProgress last = saved.get(r.name());
            if (last != null && sameProgress(last, p)) {
                continue;
            }
            try {
                journal.saveProgress(p);
                saved.put(r.name(), p);
                if (journalFailing) {
                    journalFailing = false;
                    LOG.info("the rollout journal ({}) accepts writes again", journal);
                }
            } catch (RuntimeException e) {
                if (!journalFailing) {
                    journalFailing = true;
                    LOG.error("route '{}': saving its progress in the journal ({}) failed; retried at every tick, "
                            + "logged again once it works", r.name(), journal, e);
                }
            }
        }
    }

    private static boolean sameProgress(RolloutProgress a, RolloutProgress b) {
        return a.phase() == b.phase() && a.step() == b.step() && Objects.equals(a.stepStartedAt(), b.stepStartedAt())
                && a.approved() == b.approved() && a.knownVersion() == b.knownVersion()
                && Objects.equals(a.judgeSince(), b.judgeSince())
                && Objects.equals(a.openRollbackId(), b.openRollbackId())
                && a.rampFromBasisPoints() == b.rampFromBasisPoints()
                && Objects.equals(a.rampStartedAt(), b.rampStartedAt());
    }

    /** Takes a checkpoint before a transition; a failure is logged and never stops the transition. */
    private void checkpoint(String who, String transition) {
        Instant now = clock.instant();
        try {
            List<RouteState> states = new ArrayList<>();
            Map<String, CircuitBreakerState> breakers = new LinkedHashMap<>();
            for (Route<?> route : router.routes()) {
                states.add(route.state());
                breakers.put(route.name(), route.circuitBreakerState());
            }
            List<RolloutProgress> progress = new ArrayList<>();
            for (RouteRollout r : rollouts.values()) {
                progress.add(r.progress(rollbacks.ramp(r.name()), now));
            }
            journal.saveCheckpoint(new Checkpoint(Ff4jRolloutJournal.newCheckpointId(clock), now, who, transition,
                    states, breakers, progress));
        } catch (RuntimeException e) {
            LOG.error("checkpoint before '{}' failed; the transition goes ahead without it", transition, e);
        }
    }

    /**
     * A builder of a controller of {@code router}'s routes; {@code Strangler.controller(router)} does the same.
     *
     * @param router a router built by Strangler, with the routes to roll out already registered
     * @return the builder
     * @throws NullPointerException if {@code router} is null
     */
    public static Builder builder(MigrationRouter router) {
        return new Builder(router);
    }

    // ---------------------------------------------------------------- the tick

    /**
     * Samples every route's health, finishes the rollbacks whose check is due, then judges, rolls back or advances
     * each route run or guarded, dependencies first, and moves graceful ramps on. A failure on one route is logged
     * and does not stop the others.
     */
    public synchronized void tick() {
        Instant now = clock.instant();
        for (HealthMonitor monitor : monitors.values()) {
            monitor.sample();
        }
        rollbacks.checkCompletions(now);
        for (RouteRollout r : rollouts.values()) {
            try {
                tick(r, now);
            } catch (RuntimeException e) {
                r.reason = "the last tick failed: " + e;
                LOG.error("route '{}': rollout tick failed; it is tried again at the next tick", r.name(), e);
            }
        }
        rollbacks.stepRamps(now);
        saveProgress();
    }

    private void tick(RouteRollout r, Instant now) {
        RouteState st = r.route.state();
        HealthWindow window = r.judgeSince == null ? r.monitor.window() : r.monitor.windowSince(r.judgeSince);
        r.judgements = judge.judge(window, r.triggers);
        if (!r.active()) {
            return;
        }
        if (st.version() != r.knownVersion && !adoptChange(r, st, now)) {
            return;
        }
        List<Judgement> failing = r.judgements.stream().filter(Judgement::failed).collect(Collectors.toList());
        if (r.phase == RolloutStatus.Phase.RAMPING_DOWN) {
            failing.stream().filter(j -> action(r, j) == RollbackAction.IMMEDIATE).findFirst()
                    .ifPresent(j -> rollbacks.finishRampNow(r.name(), j.explanation()));
            return;
        }
        if (!failing.isEmpty() && Rollbacks.servesModern(st)) {
            Judgement worst = Collections.min(failing, severity(r));
            if (!(r.phase == RolloutStatus.Phase.FROZEN && action(r, worst) == RollbackAction.MANUAL)) {
                rollbacks.fire(r, worst, now);
                return;
            }
        }
        if (r.plan == null || r.phase == RolloutStatus.Phase.PAUSED || r.phase == RolloutStatus.Phase.FROZEN
                || r.phase == RolloutStatus.Phase.COMPLETE) {
            return;
        }
        advance(r, st, failing, now);
    }

    private static RollbackAction action(RouteRollout r, Judgement j) {
        return r.triggers.trigger(j.trigger()).action();
    }

    /** The most drastic first: IMMEDIATE before GRACEFUL before MANUAL, then the widest scope. */
    private static Comparator<Judgement> severity(RouteRollout r) {
        return Comparator.<Judgement>comparingInt(j -> action(r, j).ordinal())
                .thenComparing(j -> -r.triggers.trigger(j.trigger()).scope().ordinal());
    }

    /** The route was changed by someone else; false if the controller should leave it alone this tick. */
    private boolean adoptChange(RouteRollout r, RouteState st, Instant now) {
        boolean first = r.knownVersion < 0;
        r.knownVersion = st.version();
        if (first) {
            adoptPosition(r, st, now);
            return true;
        }
        if (r.plan == null || r.phase == RolloutStatus.Phase.RAMPING_DOWN) {
            return true;
        }
        int expected = r.step < 0 ? 0 : r.plan.step(r.step).basisPoints();
        if (st.effectivePercentageBasisPoints() == expected) {
            return true;
        }
        String by = st.revision().toString();
        if (!Rollbacks.servesModern(st) && r.step >= 0) {
            r.phase = RolloutStatus.Phase.ROLLED_BACK;
            r.reason = "rolled back outside the controller (" + by + ")";
            LOG.warn("route '{}': {}; its rollout is over", r.name(), r.reason);
            return false;
        }
        if (r.phase == RolloutStatus.Phase.NOT_STARTED) {
            adoptPosition(r, st, now);
            return true;
        }
        r.phase = RolloutStatus.Phase.PAUSED;
        r.reason = "changed outside the controller to " + st.percentage() + "% (" + by
                + "); paused: resume to continue from there";
        LOG.warn("route '{}': {}", r.name(), r.reason);
        return true;
    }

    /** Places the route on the highest step its state has reached; its bake starts now. */
    private void adoptPosition(RouteRollout r, RouteState st, Instant now) {
        if (r.plan == null) {
            return;
        }
        if (st.stage() == Stage.MODERN || st.stage() == Stage.RETIRED) {
            r.step = r.plan.size() - 1;
            r.phase = RolloutStatus.Phase.COMPLETE;
            r.reason = "the route is " + st.stage() + " already: nothing to roll out";
            return;
        }
        int served = st.effectivePercentageBasisPoints();
        int step = -1;
        for (int i = 0; i < r.plan.size() && r.plan.step(i).basisPoints() <= served; i++) {
            step = i;
        }
        r.step = step;
        r.stepStartedAt = step < 0 ? null : now;
        r.modernAtStepStart = r.monitor.modernServed();
        r.phase = step < 0 ? RolloutStatus.Phase.NOT_STARTED : RolloutStatus.Phase.RUNNING;
        r.reason = "adopted at " + st.percentage() + "%" + (step < 0 ? ", before the plan's first step"
                : ", on step " + step + " (" + r.plan.step(step).percentage() + "%), baking from " + now);
    }

    private void advance(RouteRollout r, RouteState st, List<Judgement> failing, Instant now) {
        List<String> waitingFor = dependenciesBelowFull(r.name());
        boolean healthy = failing.isEmpty();
        RolloutDecision d;
        if (r.step < 0) {
            if (!waitingFor.isEmpty()) {
                r.reason = "waiting for its dependencies to reach 100%: " + waitingFor;
                return;
            }
            if (!healthy) {
                r.reason = "not starting while a trigger fails: " + failing.get(0).explanation();
                return;
            }
            d = r.schedule.start(r.approved);
        } else {
            long samples = Math.max(0, r.monitor.modernServed() - r.modernAtStepStart);
            d = r.schedule.next(r.step, r.stepStartedAt, samples, healthy && waitingFor.isEmpty(), r.approved, now);
        }
        switch (d.action()) {
            case WAIT -> {
                r.phase = r.step < 0 ? RolloutStatus.Phase.NOT_STARTED : RolloutStatus.Phase.RUNNING;
                r.reason = d.reason() + (waitingFor.isEmpty() ? "" : "; dependencies below 100%: " + waitingFor)
                        + (healthy ? "" : "; failing: " + failing.get(0).explanation());
            }
            case AWAIT_APPROVAL -> {
                r.phase = RolloutStatus.Phase.AWAITING_APPROVAL;
                r.reason = d.reason();
            }
            case ADVANCE -> {
                try {
                    moveTo(r, st, d.step(), actor, d.reason(), now);
                } catch (StateConflictException conflict) {
                    r.reason = "the route changed during the tick (" + conflict.getMessage()
                            + "); deciding again at the next tick";
                    LOG.info("route '{}': {}", r.name(), r.reason);
                }
            }
            case COMPLETE -> {
                r.phase = RolloutStatus.Phase.COMPLETE;
                r.reason = d.reason();
                LOG.info("route '{}': {}", r.name(), d.reason());
            }
        }
    }

    private List<String> dependenciesBelowFull(String route) {
        List<String> below = new ArrayList<>();
        for (String dependency : graph.dependencies(route)) {
            int served = router.findRoute(dependency).map(d -> d.state().effectivePercentageBasisPoints()).orElse(0);
            if (served < RouteState.MAX_BASIS_POINTS) {
                below.add(dependency);
            }
        }
        return below;
    }

    /** Moves into {@code step} if nobody changed the route since {@code st} was read. */
    private void moveTo(RouteRollout r, RouteState st, int step, String who, String why, Instant now) {
        int bp = r.plan.step(step).basisPoints();
        checkpoint(who, "step " + step + " of '" + r.name() + "' to " + r.plan.step(step).percentage() + "%: " + why);
        RouteState next = r.route.compareAndUpdate(st.version(), who, why,
                b -> b.stage(Stage.CANARY).percentageBasisPoints(bp));
        r.knownVersion = next.version();
        if (r.plan.step(step).approvalRequired()) {
            r.approved = false;
        }
        r.step = step;
        r.stepStartedAt = now;
        r.modernAtStepStart = r.monitor.modernServed();
        r.phase = RolloutStatus.Phase.RUNNING;
        r.reason = why;
        LOG.info("route '{}': step {} at {}% ({})", r.name(), step, r.plan.step(step).percentage(), why);
    }

    // ---------------------------------------------------------------- commands

    /**
     * Approves the next step of {@code route}'s plan that needs approval. The move itself happens at a tick, once
     * the current step has baked and its gates pass. An approval given early is kept until it is used.
     *
     * @param route a route with a plan
     * @param person who approves, recorded as the actor of the move
     * @throws IllegalArgumentException if the route has no plan here
     * @throws IllegalStateException if the rollout is over (rolled back, aborted or complete)
     */
    public synchronized void approve(String route, String person) {
        RouteRollout r = planned("approve", route);
        requireText("approve", "person", person);
        requireRunning("approve", r);
        checkpoint(person, "approval of the next step of '" + route + "'");
        r.approved = true;
        r.reason = "approved by " + person;
        LOG.info("route '{}': next step approved by {}", route, person);
        saveProgress();
    }

    /**
     * Pauses {@code route}'s rollout: no step is taken until {@link #resume}. Triggers still roll the route back.
     *
     * @param route a route with a plan
     * @param person who pauses
     * @throws IllegalArgumentException if the route has no plan here
     * @throws IllegalStateException if the rollout is over, or frozen or ramping down
     */
    public synchronized void pause(String route, String person) {
        RouteRollout r = planned("pause", route);
        requireText("pause", "person", person);
        requireRunning("pause", r);
        if (r.phase == RolloutStatus.Phase.FROZEN || r.phase == RolloutStatus.Phase.RAMPING_DOWN) {
            throw new IllegalStateException("pause: route '" + route + "' is " + r.phase + ", not running");
        }
        checkpoint(person, "pause of '" + route + "'");
        r.phase = RolloutStatus.Phase.PAUSED;
        r.reason = "paused by " + person;
        LOG.info("route '{}': rollout paused by {}", route, person);
        saveProgress();
    }

    /**
     * Resumes a rollout that is {@linkplain RolloutStatus.Phase#PAUSED paused} or that a manual trigger
     * {@linkplain RolloutStatus.Phase#FROZEN froze} (whose rollback event is then closed as completed with nothing
     * rolled back). From now on the route's triggers judge only what happens after the resume, so the evidence a
     * person has just weighed does not freeze the route again. If the route was changed by hand meanwhile, the rollout continues from the highest step its
     * percentage has reached, and that step bakes from now.
     *
     * @param route a route run or guarded here
     * @param person who resumes
     * @throws IllegalArgumentException if the controller does not run or guard the route
     * @throws IllegalStateException if the rollout is neither paused nor frozen
     */
    public synchronized void resume(String route, String person) {
        RouteRollout r = known("resume", route);
        requireText("resume", "person", person);
        if (r.phase != RolloutStatus.Phase.PAUSED && r.phase != RolloutStatus.Phase.FROZEN) {
            throw new IllegalStateException("resume: route '" + route + "' is " + r.phase
                    + ", not PAUSED or FROZEN");
        }
        checkpoint(person, "resume of '" + route + "'");
        if (r.phase == RolloutStatus.Phase.FROZEN) {
            rollbacks.resumeFrozen(r, person);
        }
        RouteState st = r.route.state();
        r.knownVersion = st.version();
        r.judgeSince = clock.instant();
        int expected = r.step < 0 ? 0 : r.plan == null ? -1 : r.plan.step(r.step).basisPoints();
        if (r.plan != null && st.effectivePercentageBasisPoints() != expected) {
            adoptPosition(r, st, clock.instant());
        }
        r.phase = r.plan == null ? RolloutStatus.Phase.GUARDED
                : r.step < 0 ? RolloutStatus.Phase.NOT_STARTED : RolloutStatus.Phase.RUNNING;
        r.reason = "resumed by " + person;
        LOG.info("route '{}': rollout resumed by {}", route, person);
        saveProgress();
    }

    /**
     * Aborts {@code route}'s rollout: the route and every route that depends on it go back to legacy now, recorded
     * as a rollback with no trigger. A graceful ramp or a manual freeze in progress is carried out now instead.
     *
     * @param route a route run or guarded here
     * @param person who aborts
     * @param reason why
     * @throws IllegalArgumentException if the controller does not run or guard the route, or the person or reason
     *         is blank
     * @throws IllegalStateException if the rollout is rolled back or aborted already
     */
    public synchronized void abort(String route, String person, String reason) {
        RouteRollout r = known("abort", route);
        requireText("abort", "person", person);
        requireText("abort", "reason", reason);
        if (!r.active()) {
            throw new IllegalStateException("abort: route '" + route + "' is " + r.phase + " already");
        }
        rollbacks.abort(r, person, reason, clock.instant());
        saveProgress();
    }

    /**
     * Starts {@code route}'s rollout again from before the plan's first step, after it was rolled back or aborted
     * (a fixed modern implementation, say). Until a person does this, a rolled-back rollout stays over, also across
     * restarts of the controller, so a bad implementation is never rolled out again by itself. The triggers judge
     * only what happens from now on.
     *
     * @param route a route with a plan
     * @param person who restarts the rollout
     * @throws IllegalArgumentException if the route has no plan here, or {@code person} is blank
     * @throws IllegalStateException if the rollout is neither rolled back nor aborted
     */
    public synchronized void restart(String route, String person) {
        RouteRollout r = planned("restart", route);
        requireText("restart", "person", person);
        if (r.active()) {
            throw new IllegalStateException("restart: route '" + route + "' is " + r.phase
                    + ", not ROLLED_BACK or ABORTED");
        }
        checkpoint(person, "restart of the rollout of '" + route + "'");
        Instant now = clock.instant();
        r.phase = RolloutStatus.Phase.NOT_STARTED;
        r.step = -1;
        r.stepStartedAt = null;
        r.approved = false;
        r.openRollback = null;
        r.judgeSince = now;
        r.knownVersion = r.route.state().version();
        adoptPosition(r, r.route.state(), now);
        r.reason = "rollout restarted by " + person + "; " + r.reason;
        LOG.info("route '{}': rollout restarted by {}", route, person);
        saveProgress();
    }

    /**
     * Moves {@code route} into the next step of its plan now, without waiting for the current step's bake, its
     * minimum samples or the next step's approval. It still refuses while a trigger fails or a dependency is below
     * 100 %, and it uses the same compare-and-set as a tick.
     *
     * @param route a route with a plan
     * @param person who promotes, recorded as the actor of the change
     * @return the rollout's status after the move
     * @throws IllegalArgumentException if the route has no plan here
     * @throws IllegalStateException if the rollout is over, frozen, ramping down or on its last step, a trigger
     *         failed at the latest tick, or a dependency is below 100 %
     * @throws StateConflictException if the route changed while the promotion was made
     */
    public synchronized RolloutStatus promoteNow(String route, String person) {
        RouteRollout r = planned("promoteNow", route);
        requireText("promoteNow", "person", person);
        requireRunning("promoteNow", r);
        if (r.phase == RolloutStatus.Phase.FROZEN || r.phase == RolloutStatus.Phase.RAMPING_DOWN) {
            throw new IllegalStateException("promoteNow: route '" + route + "' is " + r.phase);
        }
        if (r.step + 1 >= r.plan.size()) {
            throw new IllegalStateException("promoteNow: route '" + route + "' is on the last step of its plan");
        }
        Optional<Judgement> failing = r.judgements.stream().filter(Judgement::failed).findFirst();
        if (failing.isPresent()) {
            throw new IllegalStateException("promoteNow: route '" + route + "' has a failing trigger: "
                    + failing.get().explanation());
        }
        List<String> waitingFor = dependenciesBelowFull(route);
        if (!waitingFor.isEmpty()) {
            throw new IllegalStateException("promoteNow: route '" + route + "' depends on routes below 100%: "
                    + waitingFor);
        }
        int next = r.step + 1;
        moveTo(r, r.route.state(), next, person, "promoted by " + person + " to "
                + r.plan.step(next).percentage() + "% without waiting for the bake", clock.instant());
        saveProgress();
        return r.status();
    }

    // ---------------------------------------------------------------- queries

    /**
     * @param route a route run or guarded here
     * @return where its rollout is, as of the latest tick
     * @throws IllegalArgumentException if the controller does not run or guard the route
     */
    public synchronized RolloutStatus status(String route) {
        return known("status", route).status();
    }

    /** @return the status of every route run or guarded here, dependencies first */
    public synchronized List<RolloutStatus> statuses() {
        return rollouts.values().stream().map(RouteRollout::status).collect(Collectors.toUnmodifiableList());
    }

    /**
     * @param route a route of the router when the controller was built
     * @return its health window as of the latest tick; empty before the second tick
     * @throws IllegalArgumentException if the route is unknown here
     */
    public synchronized HealthWindow window(String route) {
        return monitor("window", route).window();
    }

    /**
     * @param route a route of the router when the controller was built
     * @return the legacy baseline captured before it first served modern traffic, if the controller saw that
     * @throws IllegalArgumentException if the route is unknown here
     */
    public synchronized Optional<PerformanceBaseline> baseline(String route) {
        return monitor("baseline", route).baseline();
    }

    /** @return every rollback kept (the latest {@link Builder#historySize} ), oldest first, each in its latest state */
    public synchronized List<RollbackEvent> rollbacks() {
        return rollbacks.history();
    }

    /**
     * @param route a route's name
     * @return the rollbacks that covered {@code route}, oldest first, each in its latest state
     */
    public synchronized List<RollbackEvent> rollbacks(String route) {
        return rollbacks.history().stream().filter(e -> e.route().equals(route) || e.routes().contains(route))
                .collect(Collectors.toUnmodifiableList());
    }

    /**
     * @return the checkpoints the journal keeps, oldest first; each was taken before a transition
     * @throws RuntimeException whatever the journal throws when it can't be read
     */
    public synchronized List<Checkpoint> checkpoints() {
        return journal.checkpoints();
    }

    /**
     * @param id a checkpoint's id
     * @return that checkpoint, or empty if the journal does not keep it
     */
    public synchronized Optional<Checkpoint> checkpoint(String id) {
        Objects.requireNonNull(id, "id");
        return journal.checkpoint(id);
    }

    /**
     * Puts back the checkpoint with this id; see {@link #restore(Checkpoint, String)}.
     *
     * @param checkpointId the id of a checkpoint the journal keeps
     * @param person who restores, recorded as the actor of every change
     * @return the status of every route run or guarded here, after the restore
     * @throws IllegalArgumentException if the journal keeps no such checkpoint, or {@code person} is blank
     */
    public synchronized List<RolloutStatus> restore(String checkpointId, String person) {
        requireText("restore", "checkpointId", checkpointId);
        Checkpoint c = journal.checkpoint(checkpointId).orElseThrow(() -> new IllegalArgumentException(
                "restore: no checkpoint '" + checkpointId + "' in the journal; it keeps " + journal.checkpoints()
                        .stream().map(Checkpoint::id).collect(Collectors.toList())));
        return restore(c, person);
    }

    /**
     * Puts a checkpoint back, one taken here or imported with {@link Checkpoint#fromJson(String)}: first a checkpoint
     * of the present, then every route of the checkpoint gets its saved state (stage, percentage, kill switch,
     * shadow sample, dual-write mode, segments, ...) as a change by {@code person}, and its modern circuit breaker
     * its saved state; every rollout gets its saved step, phase and approval, its step baking again from now. A
     * rollout saved frozen or ramping down comes back paused, for a person to resume or abort, and a rollback still
     * open over these routes ends {@code FAILED}, as it did not finish. Routes the checkpoint does not hold are
     * left as they are.
     *
     * @param checkpoint the checkpoint
     * @param person who restores, recorded as the actor of every change
     * @return the status of every route run or guarded here, after the restore
     * @throws IllegalArgumentException if the checkpoint holds a route the router does not have (nothing is
     *         changed then), or {@code person} is blank
     */
    public synchronized List<RolloutStatus> restore(Checkpoint checkpoint, String person) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        requireText("restore", "person", person);
        List<String> unknown = checkpoint.states().stream().map(RouteState::route)
                .filter(name -> router.findRoute(name).isEmpty()).collect(Collectors.toList());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("restore: checkpoint '" + checkpoint.id() + "' holds routes the "
                    + "router does not have: " + unknown);
        }
        checkpoint(person, "restore of checkpoint " + checkpoint.id());
        Instant now = clock.instant();
        String why = "checkpoint " + checkpoint.id() + " of " + checkpoint.takenAt() + " restored by " + person;
        Set<String> names = checkpoint.states().stream().map(RouteState::route)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        rollbacks.supersede(names, "not finished: " + why);
        for (RouteState st : checkpoint.states()) {
            Route<?> route = router.route(st.route());
            // the whole saved state, every setting: the change starts from it, not from the current one
            RouteState next = route.update(person, why, current -> st.toBuilder());
            RouteRollout r = rollouts.get(st.route());
            if (r != null) {
                r.knownVersion = next.version();
            }
            CircuitBreakerState breaker = checkpoint.breakers().get(st.route());
            if (breaker != null) {
                try {
                    route.transitionCircuitBreaker(breaker);
                } catch (RuntimeException e) {
                    LOG.warn("route '{}': its breaker could not be put back to {}: {}", st.route(), breaker,
                            e.getMessage());
                }
            }
        }
        for (RolloutProgress p : checkpoint.progress()) {
            RouteRollout r = rollouts.get(p.route());
            if (r == null || !names.contains(p.route()) || (r.plan == null ? p.step() >= 0
                    : p.step() >= r.plan.size())) {
                continue;
            }
            boolean wasOpen = p.phase() == RolloutStatus.Phase.FROZEN || p.phase() == RolloutStatus.Phase.RAMPING_DOWN;
            r.phase = wasOpen ? RolloutStatus.Phase.PAUSED : p.phase();
            r.step = p.step();
            r.approved = p.approved();
            r.stepStartedAt = p.step() < 0 ? null : now;
            r.modernAtStepStart = r.monitor.modernServed();
            r.judgeSince = now;
            r.openRollback = null;
            r.reason = why + (wasOpen ? "; it was " + p.phase() + " then: paused, resume or abort it"
                    : p.step() < 0 ? "" : "; step " + p.step() + " bakes again from now");
        }
        LOG.warn("{}: routes {} put back", why, names);
        saveProgress();
        return statuses();
    }

    /** @return where the controller keeps progress, rollback history and checkpoints */
    public RolloutJournal journal() {
        return journal;
    }

    /** @return the routes, their dependencies and phases, as the controller uses them */
    public RouteGraph graph() {
        return graph;
    }

    // ---------------------------------------------------------------- scheduling

    /**
     * Ticks every {@code interval} on a daemon thread of its own until {@link #close()}. A tick that throws is
     * logged and the next one runs.
     *
     * @param interval time between ticks, at least 1 ms
     * @throws IllegalArgumentException if {@code interval} is below 1 ms
     * @throws IllegalStateException if the controller was started already
     */
    public synchronized void start(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("interval must be at least 1 ms, was " + interval);
        }
        if (scheduler != null) {
            throw new IllegalStateException("the controller was started already");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "strangler-rollout");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::tickQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (Throwable t) {
            LOG.error("rollout tick failed; the next one runs as scheduled", t);
        }
    }

    /** Stops the ticks started by {@link #start(Duration)}; the routes stay as they are. */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- helpers

    private RouteRollout known(String operation, String route) {
        Objects.requireNonNull(route, "route");
        RouteRollout r = rollouts.get(route);
        if (r == null) {
            throw new IllegalArgumentException(operation + ": route '" + route + "' has no plan or triggers on "
                    + "this controller; it runs " + rollouts.keySet());
        }
        return r;
    }

    private RouteRollout planned(String operation, String route) {
        RouteRollout r = known(operation, route);
        if (r.plan == null) {
            throw new IllegalArgumentException(operation + ": route '" + route + "' has no rollout plan here, only "
                    + "triggers");
        }
        return r;
    }

    private HealthMonitor monitor(String operation, String route) {
        Objects.requireNonNull(route, "route");
        HealthMonitor m = monitors.get(route);
        if (m == null) {
            throw new IllegalArgumentException(operation + ": unknown route '" + route + "'; the controller knows "
                    + monitors.keySet());
        }
        return m;
    }

    private static void requireRunning(String operation, RouteRollout r) {
        if (!r.active() || r.phase == RolloutStatus.Phase.COMPLETE) {
            throw new IllegalStateException(operation + ": route '" + r.name() + "' is " + r.phase);
        }
    }

    private static void requireText(String operation, String field, String value) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(operation + ": " + field + " must not be blank, was '" + value + "'");
        }
    }

    /**
     * Builds a {@link RolloutController}. Setters check their arguments at once and name the field and the bad
     * value; routes must be registered in the router before they are named here. Not thread-safe.
     */
    public static final class Builder {
        private final MigrationRouter router;
        private Clock clock;
        private RolloutJournal journal;
        private Duration window = DEFAULT_WINDOW;
        private String actor = DEFAULT_ACTOR;
        private MeterRegistry meterRegistry;
        private int historySize = DEFAULT_HISTORY_SIZE;
        private final Map<String, RolloutPlan> plans = new LinkedHashMap<>();
        private final Map<String, TriggerSettings> triggers = new LinkedHashMap<>();
        private final Map<String, Set<String>> dependencies = new LinkedHashMap<>();
        private final Map<String, String> phases = new LinkedHashMap<>();

        private Builder(MigrationRouter router) {
            this.router = Objects.requireNonNull(router, "router");
            this.clock = router.clock();
        }

        /**
         * Sets the time source of windows, bakes, ramps and events. Default: the router's clock
         * ({@link MigrationRouter#clock()}), which is what it should be unless a test drives them apart.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the length of the health window the triggers judge, and of the check of legacy after a rollback.
         * Default 60 s.
         *
         * @param window at least 1 s
         * @return this builder
         * @throws IllegalArgumentException if {@code window} is below 1 s
         */
        public Builder window(Duration window) {
            Objects.requireNonNull(window, "window");
            if (window.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("window must be at least 1 s, was " + window);
            }
            this.window = window;
            return this;
        }

        /**
         * Sets the name recorded as the actor of the changes the controller makes on its own. Default
         * {@code strangler-controller}.
         *
         * @param actor a name, not blank
         * @return this builder
         * @throws IllegalArgumentException if {@code actor} is blank
         */
        public Builder actor(String actor) {
            requireText("actor", "actor", actor);
            this.actor = actor;
            return this;
        }

        /**
         * Counts rollbacks in {@code strangler.rollbacks} in this registry. Default: none.
         *
         * @param meterRegistry the registry
         * @return this builder
         * @throws NullPointerException if {@code meterRegistry} is null
         */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
            return this;
        }

        /**
         * Sets where the controller keeps each rollout's progress, the rollback history and the checkpoints. Default:
         * an {@link Ff4jRolloutJournal} on the router's FF4J instance, so they live in the same store as the route
         * states; in memory (with a warning) when the router was given a state store of another kind.
         *
         * @param journal the journal
         * @return this builder
         * @throws NullPointerException if {@code journal} is null
         */
        public Builder journal(RolloutJournal journal) {
            this.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        /**
         * Sets how many rollbacks {@link RolloutController#rollbacks()} keeps; the oldest go first. Default 1,000.
         *
         * @param size at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code size} is below 1
         */
        public Builder historySize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("historySize must be at least 1, was " + size);
            }
            this.historySize = size;
            return this;
        }

        /**
         * Rolls {@code route} out along {@code plan}, guarded by its {@linkplain #triggers triggers} (default
         * {@link TriggerSettings#ofDefaults()}). At its first tick the controller adopts the route where its state
         * is: on the highest step whose percentage it has reached (baking from then), complete if it is
         * {@link Stage#MODERN} or {@link Stage#RETIRED}, else before the first step.
         *
         * @param route a route registered in the router
         * @param plan the plan
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if the router has no such route
         * @throws IllegalStateException if the route has a plan already
         */
        public Builder plan(String route, RolloutPlan plan) {
            registered("plan", route);
            Objects.requireNonNull(plan, "plan");
            if (plans.containsKey(route)) {
                throw new IllegalStateException("plan: route '" + route + "' has a plan already");
            }
            plans.put(route, plan);
            return this;
        }

        /**
         * Guards {@code route} with {@code settings}; a route with triggers and no plan is only guarded: rolled
         * back when a trigger fails, never advanced.
         *
         * @param route a route registered in the router
         * @param settings its triggers
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if the router has no such route
         * @throws IllegalStateException if the route has triggers already
         */
        public Builder triggers(String route, TriggerSettings settings) {
            registered("triggers", route);
            Objects.requireNonNull(settings, "settings");
            if (triggers.containsKey(route)) {
                throw new IllegalStateException("triggers: route '" + route + "' has triggers already");
            }
            triggers.put(route, settings);
            return this;
        }

        /**
         * Declares that {@code route} calls {@code dependencies}: it serves modern traffic only once each is at
         * 100 %, and rolls back whenever one of them does, before it. Cycles are refused by {@link #build()}.
         *
         * @param route a route registered in the router
         * @param dependencies routes registered in the router
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if a route is unknown, or {@code route} is among its dependencies
         */
        public Builder dependsOn(String route, String... dependencies) {
            registered("dependsOn", route);
            Objects.requireNonNull(dependencies, "dependencies");
            Set<String> set = this.dependencies.computeIfAbsent(route, k -> new LinkedHashSet<>());
            for (String dependency : dependencies) {
                registered("dependsOn", dependency);
                if (dependency.equals(route)) {
                    throw new IllegalArgumentException("dependsOn: route '" + route + "' can't depend on itself");
                }
                set.add(dependency);
            }
            return this;
        }

        /**
         * Puts {@code route} in a migration phase: a trigger whose scope is
         * {@link io.strangler.api.health.RollbackScope#PHASE PHASE} rolls back every route of the phase.
         *
         * @param route a route registered in the router
         * @param phase the phase's name, not blank
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if the route is unknown or {@code phase} is blank
         */
        public Builder phase(String route, String phase) {
            registered("phase", route);
            requireText("phase", "phase", phase);
            phases.put(route, phase);
            return this;
        }

        /**
         * @return the controller, not started: call {@link RolloutController#tick()} or
         *         {@link RolloutController#start(Duration)}
         * @throws IllegalArgumentException if the dependencies form a cycle (the message names it), or a route of
         *         the router was not built by Strangler
         */
        public RolloutController build() {
            return new RolloutController(this);
        }

        private void registered(String field, String route) {
            Objects.requireNonNull(route, field + " route");
            if (router.findRoute(route).isEmpty()) {
                throw new IllegalArgumentException(field + ": unknown route '" + route + "'; the router has "
                        + router.routes().stream().map(Route::name).collect(Collectors.toList()));
            }
        }
    }
}
