package io.strangler.core.rollout;

import io.micrometer.core.instrument.MeterRegistry;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.Stage;
import io.strangler.api.StateConflictException;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.health.RollbackAction;
import io.strangler.api.health.TriggerSettings;
import io.strangler.api.rollout.RolloutPlan;
import io.strangler.core.fleet.ControllerLease;
import io.strangler.core.fleet.FleetStore;
import io.strangler.core.health.HealthJudge;
import io.strangler.core.health.HealthMonitor;
import io.strangler.core.health.HealthWindow;
import io.strangler.core.health.PerformanceBaseline;
import io.strangler.core.state.Ff4jRouteStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.ff4j.FF4j;
import org.jspecify.annotations.Nullable;
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
 * <p>A rollout's {@linkplain RolloutStatus.Phase phase} changes only along a fixed table of transitions: a rollout
 * on its plan may be paused, frozen, ramped down, rolled back or aborted; a complete one never goes back onto its
 * plan; an ended one moves again only when a person {@link #restart restarts} it. A change outside the table is
 * refused with an {@link IllegalStateException} naming the route and both phases (a tick logs it and goes on with the
 * other routes). Every decision is logged under this class's logger name.
 *
 * <p>Every rollback is a {@link RollbackEvent} with a lifecycle, delivered to the router's listeners
 * ({@link io.strangler.api.event.RouterListener#onRollback}), logged, counted in {@code strangler.rollbacks}
 * (tags {@code route}, {@code trigger}, {@code action}) when a meter registry is set, and kept in
 * {@link #rollbacks()}, and told to the {@link Builder#notifier notifiers}. It is {@code COMPLETED} once a full
 * window has passed after the rollback and legacy's error rate passes (while too few calls tell, it stays open),
 * {@code FAILED} if legacy's error rate fails or the rollback could not be made (the rollout then stays where it
 * was, guarded, and the rollback is tried again a minute later).
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
 * <p>In a fleet ({@link Builder#fleet}), every instance runs a controller on one {@link FleetStore}: each publishes
 * its router's counters at every tick and judges the sum of every instance's; the one that holds the lease acts,
 * the others stand by ({@link #leads()} is false, commands throw, {@link #status} reads the journal) and the first
 * to find the lease run out takes it and carries on from the journal, as a controller built after a restart does.
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
    /** Default time a controller lease lasts unless renewed. */
    public static final Duration DEFAULT_LEASE_TIME = Duration.ofSeconds(15);
    /** Default name of the controller lease. */
    public static final String DEFAULT_LEASE_NAME = "strangler-controller";
    /** Default window within which trigger failures on several routes escalate. */
    public static final Duration DEFAULT_ESCALATION_WINDOW = Duration.ofMinutes(10);
    /** Default number of rollbacks kept in the history. */
    public static final int DEFAULT_HISTORY_SIZE = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(RolloutController.class);

    private final Builder settings;
    private final Clock clock;
    private final RouteGraph graph;
    private final Map<String, HealthMonitor> monitors;
    private final RolloutJournal journal;
    private final TickScheduler scheduler = new TickScheduler(this::tick);
    /** The fleet's lease and counters; null for a controller of one instance. */
    private final @Nullable FleetControl fleet;
    // What the controller knows of its rollouts, built from the journal when it is made, and again when it takes the
    // lease (or, on standby, when it is asked), so that it carries on from what the last holder journalled.
    private Rollouts rollouts;
    private RollbackHistory history;
    private RollbackVerification verification;
    private RollbackExecution rollbacks;
    private Checkpoints checkpoints;
    private JournalSync journalSync;
    private RouteTick routeTick;
    private OperatorCommands commands;
    private Baselines baselines;
    /** The notifiers, told of rollbacks, approvals requested, pauses and dry-run failures. */
    private final Notifications notifications;
    /** On standby: whether a tick passed since the view was last read from the journal. */
    private boolean viewStale;
    /** The longest {@link #close()} waits for the tick thread. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private RolloutController(Builder b) {
        this.settings = b;
        this.clock = b.clock;
        this.fleet = b.fleet == null ? null : new FleetControl(b.fleet, b.leaseName, b.instance, b.leaseTime);
        Map<String, Set<String>> dependsOn = new LinkedHashMap<>();
        Map<String, HealthMonitor> monitorsByName = new LinkedHashMap<>();
        for (Route<?> route : b.router.routes()) {
            dependsOn.put(route.name(), b.dependencies.getOrDefault(route.name(), Set.of()));
            monitorsByName.put(route.name(), fleet == null ? new HealthMonitor(route, b.clock, b.window)
                    : new HealthMonitor(route, () -> fleet.total(route.name()), b.clock, b.window));
        }
        this.graph = RouteGraph.of(dependsOn, b.phases);
        this.monitors = Collections.unmodifiableMap(monitorsByName);
        this.journal = b.journal != null ? b.journal
                : b.fleet != null ? new FleetRolloutJournal(b.fleet) : defaultJournal(b.router, b.clock);
        this.notifications = new Notifications(b.notifiers);
        load();
    }

    /** Builds what the controller knows of its rollouts from the journal, as a controller built now would. */
    private void load() {
        Builder b = settings;
        this.rollouts = rollouts(b, graph, monitors);
        // a standby only reads the journal: what it loads was told when it happened, on the holder
        this.history = new RollbackHistory(b.router, journal, b.meterRegistry, b.historySize,
                fleet == null || fleet.leads() ? notifications : new Notifications(List.of()));
        this.verification = new RollbackVerification(history, rollouts, monitors, b.clock, b.window);
        GracefulRamps ramps = new GracefulRamps(b.router, rollouts, verification, b.actor);
        this.checkpoints = new Checkpoints(b.router, journal, rollouts, ramps, verification, b.clock);
        this.rollbacks = new RollbackExecution(b.router, graph, rollouts, ramps, verification, checkpoints::take,
                b.clock, b.actor, b.escalation);
        this.journalSync = new JournalSync(journal, rollouts, ramps, verification, b.clock);
        this.routeTick = new RouteTick(b.router, graph, rollbacks, checkpoints::take, b.actor, notifications, b.checks,
                b.baselineGate.window().isZero() && b.baselineGate.timedCalls() == 0 ? null : b.baselineGate);
        this.commands = new OperatorCommands(rollouts, routeTick, rollbacks, checkpoints::take, b.clock,
                notifications);
        journalSync.carryOn();
        this.baselines = new Baselines(journal, monitors);
        baselines.restore();
        this.viewStale = false;
    }

    /** A state machine per route with a plan or triggers, dependencies before dependents. */
    private static Rollouts rollouts(Builder b, RouteGraph graph, Map<String, HealthMonitor> monitors) {
        List<String> dependenciesFirst = new ArrayList<>(graph.rollbackOrder(graph.routes()));
        Collections.reverse(dependenciesFirst);
        Map<String, RolloutStateMachine> byName = new LinkedHashMap<>();
        for (String name : dependenciesFirst) {
            if (b.plans.containsKey(name) || b.triggers.containsKey(name)) {
                byName.put(name, new RolloutStateMachine(b.router.route(name), b.plans.get(name),
                        b.triggers.getOrDefault(name, TriggerSettings.ofDefaults()), monitors.get(name)));
            }
        }
        return new Rollouts(byName);
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
        if (fleet != null) {
            fleet.shareCounters(now, settings.router);
        }
        for (HealthMonitor monitor : monitors.values()) {
            monitor.sample();
        }
        if (fleet != null) {
            switch (fleet.lead(now)) {
                case STANDBY -> {
                    viewStale = true;
                    return;
                }
                case TOOK_OVER -> load();
                case LEADS -> {
                }
            }
        }
        verification.checkCompletions(now);
        for (RolloutStateMachine r : rollouts.all()) {
            try {
                routeTick.tick(r, now);
            } catch (RuntimeException e) {
                r.note("the last tick failed: " + e);
                LOG.error("route '{}': rollout tick failed; it is tried again at the next tick", r.name(), e);
            }
        }
        rollbacks.stepRamps(now);
        journalSync.save();
        baselines.save();
    }

    // ---------------------------------------------------------------- commands

    /**
     * Approves the next step of {@code route}'s plan that needs approval. The move itself happens at a tick, once
     * the current step has baked and its gates pass. An approval given early is kept until it is used.
     *
     * @param route a route with a plan
     * @param person who approves, recorded as the actor of the move
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the route has no plan here, or {@code person} is blank
     * @throws IllegalStateException if the rollout is over (rolled back, aborted or complete), or this controller
     *         stands by in a fleet
     */
    public synchronized void approve(String route, String person) {
        acting("approve");
        commands.approve(route, person);
        journalSync.save();
    }

    /**
     * Pauses {@code route}'s rollout: no step is taken until {@link #resume}. Triggers still roll the route back.
     *
     * @param route a route with a plan
     * @param person who pauses
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the route has no plan here, or {@code person} is blank
     * @throws IllegalStateException if the rollout is over, or frozen or ramping down, or this controller stands by
     *         in a fleet
     */
    public synchronized void pause(String route, String person) {
        acting("pause");
        commands.pause(route, person);
        journalSync.save();
    }

    /**
     * Resumes a rollout that is {@linkplain RolloutStatus.Phase#PAUSED paused} or that a manual trigger
     * {@linkplain RolloutStatus.Phase#FROZEN froze} (whose rollback event is then closed as completed with nothing
     * rolled back). From now on the route's triggers judge only what happens after the resume, so the evidence a
     * person has just weighed does not freeze the route again. If the route was changed by hand meanwhile, the
     * rollout continues from the highest step its percentage has reached, and that step bakes from now.
     *
     * @param route a route run or guarded here
     * @param person who resumes
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the controller does not run or guard the route, or {@code person} is blank
     * @throws IllegalStateException if the rollout is neither paused nor frozen, or this controller stands by in a
     *         fleet
     */
    public synchronized void resume(String route, String person) {
        acting("resume");
        commands.resume(route, person);
        journalSync.save();
    }

    /**
     * Aborts {@code route}'s rollout: the route and every route that depends on it go back to legacy now, recorded
     * as a rollback with no trigger. A graceful ramp or a manual freeze in progress is carried out now instead.
     *
     * @param route a route run or guarded here
     * @param person who aborts
     * @param reason why
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the controller does not run or guard the route, or the person or reason
     *         is blank
     * @throws IllegalStateException if the rollout is rolled back or aborted already, or this controller stands by in
     *         a fleet
     */
    public synchronized void abort(String route, String person, String reason) {
        acting("abort");
        commands.abort(route, person, reason);
        journalSync.save();
    }

    /**
     * Rolls {@code route} back as a person asks, whatever its rollout's phase, so that a person's rollback is never
     * refused while the route can take it: through the rollout, as {@link #abort} does (recorded in the rollback
     * history, the route's dependents taken along), while a rollout of the route that is neither rolled back nor
     * aborted runs here and this controller acts; otherwise on the route alone ({@link Route#rollback}, recorded in
     * the route's revision): a rollout already over, a route the controller neither runs nor guards, or a controller
     * standing by in a fleet.
     *
     * @param route a route of the router
     * @param person who rolls back
     * @param reason why
     * @return true if the rollout was aborted with the route's dependents, false if the route alone was rolled back
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the router has no such route, or the person or reason is blank
     * @throws io.strangler.api.RollbackRefusedException if the route is {@code RETIRED}
     */
    public synchronized boolean rollback(String route, String person, String reason) {
        Objects.requireNonNull(route, "route");
        RolloutStateMachine r = rollouts.find(route);
        if (r != null && leads() && r.phase() != RolloutStatus.Phase.ROLLED_BACK
                && r.phase() != RolloutStatus.Phase.ABORTED) {
            abort(route, person, reason);
            return true;
        }
        Route<?> target = settings.router.findRoute(route).orElseThrow(() -> new IllegalArgumentException(
                "route: the router has no route '" + route + "'"));
        target.rollback(person, reason);
        return false;
    }

    /**
     * Starts {@code route}'s rollout again from before the plan's first step, after it was rolled back or aborted
     * (a fixed modern implementation, say). Until a person does this, a rolled-back rollout stays over, also across
     * restarts of the controller, so a bad implementation is never rolled out again by itself. The triggers judge
     * only what happens from now on. Modern's circuit breaker, if open, is closed: a rolled-back route sends modern
     * nothing, so the breaker would otherwise never try it again, and the start would wait for it forever.
     *
     * @param route a route with a plan
     * @param person who restarts the rollout
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the route has no plan here, or {@code person} is blank
     * @throws IllegalStateException if the rollout is neither rolled back nor aborted, or this controller stands by
     *         in a fleet
     */
    public synchronized void restart(String route, String person) {
        acting("restart");
        commands.restart(route, person);
        journalSync.save();
    }

    /**
     * Moves {@code route} into the next step of its plan now, without waiting for the current step's bake, its
     * minimum samples or the next step's approval. It still refuses while a trigger fails or a dependency is below
     * 100 %, and it uses the same compare-and-set as a tick. A paused rollout moves one step and stays paused: a
     * pause holds until {@link #resume}.
     *
     * @param route a route with a plan
     * @param person who promotes, recorded as the actor of the change
     * @return the rollout's status after the move
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the route has no plan here, or {@code person} is blank
     * @throws IllegalStateException if this controller stands by in a fleet, or the rollout is over, frozen, ramping
     *         down or on its last step, a trigger failed at the latest tick, or a dependency is below 100 %
     * @throws StateConflictException if the route changed while the promotion was made
     */
    public synchronized RolloutStatus promoteNow(String route, String person) {
        acting("promoteNow");
        RolloutStatus status = commands.promoteNow(route, person);
        journalSync.save();
        return status;
    }

    // ---------------------------------------------------------------- queries

    /**
     * Where a route's rollout is.
     *
     * @param route a route run or guarded here
     * @return where its rollout is, as of the latest tick
     * @throws NullPointerException if {@code route} is null
     * @throws IllegalArgumentException if the controller does not run or guard the route
     */
    public synchronized RolloutStatus status(String route) {
        view();
        return rollouts.known("status", route).status();
    }

    /**
     * The plan a route follows here.
     *
     * @param route a route run or guarded here
     * @return its plan; empty for a route the controller only guards with triggers
     * @throws NullPointerException if {@code route} is null
     * @throws IllegalArgumentException if the controller does not run or guard the route
     */
    public synchronized Optional<RolloutPlan> plan(String route) {
        RolloutStateMachine r = rollouts.known("plan", route);
        return r.planned() ? Optional.of(r.plan()) : Optional.empty();
    }

    /**
     * Where every rollout is.
     *
     * @return the status of every route run or guarded here, dependencies first
     */
    public synchronized List<RolloutStatus> statuses() {
        view();
        return rollouts.all().stream().map(RolloutStateMachine::status).collect(Collectors.toUnmodifiableList());
    }

    /**
     * What a route did over the latest window.
     *
     * @param route a route of the router when the controller was built
     * @return its health window as of the latest tick; empty before the second tick
     * @throws NullPointerException if {@code route} is null
     * @throws IllegalArgumentException if the route is unknown here
     */
    public synchronized HealthWindow window(String route) {
        return monitor("window", route).window();
    }

    /**
     * Legacy's performance before modern first served a route.
     *
     * @param route a route of the router when the controller was built
     * @return the legacy baseline captured before it first served modern traffic, if this controller or an earlier
     *     one over the same journal saw that
     * @throws NullPointerException if {@code route} is null
     * @throws IllegalArgumentException if the route is unknown here
     */
    public synchronized Optional<PerformanceBaseline> baseline(String route) {
        return monitor("baseline", route).baseline();
    }

    /**
     * The rollback history.
     *
     * @return every rollback kept (the latest {@link Builder#historySize}), oldest first, each in its latest state
     */
    public synchronized List<RollbackEvent> rollbacks() {
        view();
        return history.all();
    }

    /**
     * The rollbacks of one route.
     *
     * @param route a route's name
     * @return the rollbacks that covered {@code route}, oldest first, each in its latest state
     */
    public synchronized List<RollbackEvent> rollbacks(String route) {
        view();
        return history.all().stream().filter(e -> e.route().equals(route) || e.routes().contains(route))
                .collect(Collectors.toUnmodifiableList());
    }

    /**
     * The checkpoints kept.
     *
     * @return the checkpoints the journal keeps, oldest first; each was taken before a transition
     * @throws RuntimeException whatever the journal throws when it can't be read
     */
    public synchronized List<Checkpoint> checkpoints() {
        return journal.checkpoints();
    }

    /**
     * One checkpoint.
     *
     * @param id a checkpoint's id
     * @return that checkpoint, or empty if the journal does not keep it
     * @throws NullPointerException if {@code id} is null
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
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the journal keeps no such checkpoint, or {@code person} is blank
     * @throws IllegalStateException if this controller stands by in a fleet
     */
    public synchronized List<RolloutStatus> restore(String checkpointId, String person) {
        acting("restore");
        OperatorCommands.requireText("restore", "checkpointId", checkpointId);
        return restore(checkpoints.find(checkpointId), person);
    }

    /**
     * Puts a checkpoint back, one taken here or imported with {@link Checkpoint#fromJson(String)}: first a checkpoint
     * of the present, then every route of the checkpoint gets its saved state (stage, percentage, kill switch,
     * shadow sample, dual-write mode, segments, ...) as a change by {@code person}, and its modern circuit breaker
     * its saved state; every rollout gets its saved step, phase and approval, its step baking again from now. A
     * rollout saved frozen or ramping down comes back paused, for a person to resume or abort, and a rollback still
     * open over these routes ends {@code FAILED}, as it did not finish. Routes the checkpoint does not hold are
     * left as they are, and so is the progress of a rollout the checkpoint saw with another plan (a step its plan
     * does not have, or guarded then and planned now).
     *
     * @param checkpoint the checkpoint
     * @param person who restores, recorded as the actor of every change
     * @return the status of every route run or guarded here, after the restore
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the checkpoint holds a route the router does not have (nothing is
     *         changed then), or {@code person} is blank
     * @throws IllegalStateException if this controller stands by in a fleet
     */
    public synchronized List<RolloutStatus> restore(Checkpoint checkpoint, String person) {
        acting("restore");
        Objects.requireNonNull(checkpoint, "checkpoint");
        OperatorCommands.requireText("restore", "person", person);
        checkpoints.restore(checkpoint, person);
        journalSync.save();
        return statuses();
    }

    /**
     * Why {@code route} is where it is, in a few lines a person reads: its phase and step, the bake left, the
     * controller's latest decision, the route's state and who changed it last, what the next step waits for, each
     * trigger's judgement with its numbers (and whether it is in dry run), modern's breaker, the latest rollback, and
     * in a fleet how many instances' counters were judged and who holds the lease.
     *
     * <pre>{@code
     * route 'checkout': RUNNING on step 1 of 3 (50.0% of keys), baking since 2026-11-26T10:05:00Z, 2m10s left
     * decision: step 1 of 3 bakes until 2026-11-26T10:10:00Z
     * state: CANARY 50.0%, version 12, by strangler-controller at 2026-11-26T10:05:00Z: bake of step 0 done
     * next: step 2 (100.0%) needs approval; not given yet
     * trigger ERROR_RATE PASS: modern error rate 0.4% over 1,204 calls, 95% upper bound 0.9% < threshold 5.0%
     * ...
     * breaker: CLOSED
     * }</pre>
     *
     * @param route a route run or guarded here
     * @return the explanation, one fact per line
     * @throws NullPointerException if {@code route} is null
     * @throws IllegalArgumentException if the controller neither runs nor guards {@code route}
     */
    public synchronized String explain(String route) {
        view();
        RolloutStateMachine r = rollouts.known("explain", route);
        Instant now = clock.instant();
        return Explanation.of(r, now, history.all(), fleet == null ? null : fleet.describe(route, now));
    }

    /**
     * Whether this controller acts: always for a controller of one instance; in a fleet, while it holds the lease
     * (as of its last tick).
     *
     * @return true if it acts, false if it stands by
     */
    public synchronized boolean leads() {
        return fleet == null || fleet.leads();
    }

    /**
     * The controller lease as this controller last saw it in the fleet store.
     *
     * @return the lease; empty for a controller of one instance, or before its first tick
     */
    public synchronized Optional<ControllerLease> lease() {
        return fleet == null ? Optional.empty() : fleet.lease();
    }

    /**
     * Where the controller keeps what must outlive it.
     *
     * @return where the controller keeps progress, rollback history and checkpoints
     */
    public RolloutJournal journal() {
        return journal;
    }

    /**
     * The routes as the controller sees them.
     *
     * @return the routes, their dependencies and phases, as the controller uses them
     */
    public RouteGraph graph() {
        return graph;
    }

    // ---------------------------------------------------------------- scheduling

    /**
     * Ticks every {@code interval} on a daemon thread of its own until {@link #close()}. A tick that throws is
     * logged and the next one runs.
     *
     * @param interval time between ticks, at least 1 ms
     * @throws NullPointerException if {@code interval} is null
     * @throws IllegalArgumentException if {@code interval} is below 1 ms
     * @throws IllegalStateException if the controller was started already
     */
    public synchronized void start(Duration interval) {
        scheduler.start(interval);
    }

    /**
     * Stops the ticks started by {@link #start(Duration)} and waits (at most 10 s) for the tick thread to end, so
     * that a controller used in try-with-resources leaves no thread behind; the routes stay as they are.
     */
    @Override
    public void close() {
        synchronized (this) {
            scheduler.close();
            if (fleet != null) {
                fleet.release();
            }
        }
        // Without the lock: a tick waiting for it must be able to finish.
        scheduler.awaitStopped(CLOSE_TIMEOUT);
    }

    /** Refuses a command on an instance whose controller stands by: the lease holder's would not know of it. */
    private void acting(String operation) {
        if (fleet != null && !fleet.leads()) {
            throw new IllegalStateException(operation + ": this controller (instance '" + fleet.instance()
                    + "') stands by; " + fleet.holderText() + ". Give the command to the controller that holds the "
                    + "lease");
        }
    }

    /** On standby, reads the rollouts again from the journal if a tick passed since they were last read. */
    private void view() {
        if (fleet != null && !fleet.leads() && viewStale) {
            load();
        }
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

    /**
     * When trigger failures on several routes escalate (see {@link Builder#escalation}).
     *
     * @param routesInPhase failures on this many routes of one phase roll the phase back
     * @param phases failures in this many phases roll every route back
     * @param window within how long the failures count together
     */
    public record Escalation(int routesInPhase, int phases, Duration window) {
    }

    /**
     * What a rollout waits for before its first step (see {@link Builder#baselineGate}).
     *
     * @param window how long legacy must be seen serving alone
     * @param timedCalls how many timed legacy calls that stretch must hold
     */
    public record BaselineGate(Duration window, long timedCalls) {
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
        private FleetStore fleet;
        private String instance = defaultInstance();
        private Duration leaseTime = DEFAULT_LEASE_TIME;
        private String leaseName = DEFAULT_LEASE_NAME;
        private final List<RolloutNotifier> notifiers = new ArrayList<>();
        private @Nullable Escalation escalation = new Escalation(2, 2, DEFAULT_ESCALATION_WINDOW);
        private final Map<String, Map<String, PreMigrationCheck>> checks = new LinkedHashMap<>();
        private BaselineGate baselineGate = new BaselineGate(DEFAULT_WINDOW,
                TriggerSettings.DEFAULT_LATENCY_MINIMUM_SAMPLE);

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
            OperatorCommands.requireText("actor", "actor", actor);
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
            putOnce(plans, "plan", route, Objects.requireNonNull(plan, "plan"), "a plan");
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
            putOnce(triggers, "triggers", route, Objects.requireNonNull(settings, "settings"), "triggers");
            return this;
        }

        /**
         * Declares that {@code route} calls {@code dependencies}: it serves modern traffic only once each is at
         * 100 %, and rolls back whenever one of them does, before it, whoever rolled the dependency back (a trigger,
         * a person, another instance). A dependent that had not started is not rolled back with its dependency: it
         * waits, and starts once the dependency is at 100 % again. Cycles are refused by {@link #build()}.
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
            OperatorCommands.requireText("phase", "phase", phase);
            phases.put(route, phase);
            return this;
        }

        /**
         * Builds the controller and takes back what its journal kept.
         *
         * @return the controller, not started: call {@link RolloutController#tick()} or
         *         {@link RolloutController#start(Duration)}
         * @throws IllegalArgumentException if the dependencies form a cycle (the message names it), or a route of
         *         the router was not built by Strangler
         */
        public RolloutController build() {
            if (baselineGate.window().compareTo(window) > 0) {
                throw new IllegalArgumentException("baselineGate: minimumWindow " + baselineGate.window()
                        + " is longer than the controller's window " + window + ", which is all the history a "
                        + "health monitor keeps; shorten it or lengthen window(...)");
            }
            return new RolloutController(copy());
        }

        /** A copy, so that the controller keeps its settings whatever is done to this builder later. */
        private Builder copy() {
            Builder c = new Builder(router);
            c.clock = clock;
            c.journal = journal;
            c.window = window;
            c.actor = actor;
            c.meterRegistry = meterRegistry;
            c.historySize = historySize;
            c.plans.putAll(plans);
            c.triggers.putAll(triggers);
            dependencies.forEach((route, on) -> c.dependencies.put(route, Set.copyOf(on)));
            c.phases.putAll(phases);
            c.fleet = fleet;
            c.instance = instance;
            c.leaseTime = leaseTime;
            c.leaseName = leaseName;
            c.baselineGate = baselineGate;
            c.notifiers.addAll(notifiers);
            c.escalation = escalation;
            checks.forEach((route, byName) -> c.checks.put(route, new LinkedHashMap<>(byName)));
            return c;
        }

        /**
         * When trigger failures spread, as the migration plans put it: "multiple service failures → phase
         * rollback", "system-wide instability → complete rollback". Failures of triggers on
         * {@code routesInPhase} routes of one {@link #phase phase} within {@code window} roll the whole phase back;
         * failures in {@code phases} phases within it roll every route back. Each escalation is a rollback event of
         * its own (scope {@code PHASE} or {@code ALL}, by the controller), logged at error level and told to the
         * notifiers; a phase escalates at most once per window. Only routes given a phase count. Default: 2 routes,
         * 2 phases, 10 minutes.
         *
         * @param routesInPhase at least 2
         * @param phases at least 2
         * @param window positive
         * @return this builder
         * @throws NullPointerException if {@code window} is null
         * @throws IllegalArgumentException if a number is below 2 or {@code window} is not positive
         */
        public Builder escalation(int routesInPhase, int phases, Duration window) {
            Objects.requireNonNull(window, "window");
            if (routesInPhase < 2) {
                throw new IllegalArgumentException("escalation: routesInPhase must be at least 2, was "
                        + routesInPhase);
            }
            if (phases < 2) {
                throw new IllegalArgumentException("escalation: phases must be at least 2, was " + phases);
            }
            if (window.isZero() || window.isNegative()) {
                throw new IllegalArgumentException("escalation: window must be positive, was " + window);
            }
            this.escalation = new Escalation(routesInPhase, phases, window);
            return this;
        }

        /**
         * Turns escalation off: a trigger's rollback covers its own scope only.
         *
         * @return this builder
         */
        public Builder noEscalation() {
            this.escalation = null;
            return this;
        }

        /**
         * Adds a check {@code route}'s rollout must pass before its first step (see {@link PreMigrationCheck}).
         *
         * @param route a route registered in the router
         * @param name the check's name, shown in the status while it fails
         * @param check the check
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if the route is unknown, {@code name} is blank, or the route has a check
         *     of that name already
         */
        public Builder preMigrationCheck(String route, String name, PreMigrationCheck check) {
            registered("preMigrationCheck", route);
            OperatorCommands.requireText("preMigrationCheck", "name", name);
            Objects.requireNonNull(check, "check");
            Map<String, PreMigrationCheck> byName = checks.computeIfAbsent(route, k -> new LinkedHashMap<>());
            if (byName.putIfAbsent(name, check) != null) {
                throw new IllegalArgumentException("preMigrationCheck: route '" + route + "' has a check named '"
                        + name + "' already");
            }
            return this;
        }

        /**
         * Adds a notifier, told of every stage of every rollback, every request for approval, every pause and every
         * trigger in dry run that starts failing; see {@link RolloutNotifier} and {@link WebhookNotifier}. Several
         * may be added; each is told in the order added. In a fleet only the controller that holds the lease tells
         * them.
         *
         * @param notifier the notifier
         * @return this builder
         * @throws NullPointerException if {@code notifier} is null
         */
        public Builder notifier(RolloutNotifier notifier) {
            notifiers.add(Objects.requireNonNull(notifier, "notifier"));
            return this;
        }

        /**
         * What a rollout waits for before its first step: a pre-migration baseline of legacy (its latency
         * percentiles, error rate and throughput), taken while legacy serves alone for at least
         * {@code minimumWindow} with at least {@code minimumTimedCalls} timed legacy calls (legacy calls are timed
         * one in {@code legacyTimingOneIn}, 16 by default). Until then the route's status says what is missing. A
         * baseline a controller captured before (kept in the journal) is enough. Default: the controller's window
         * (60 s) and {@value TriggerSettings#DEFAULT_LATENCY_MINIMUM_SAMPLE} timed calls; {@code (Duration.ZERO, 0)}
         * takes the first step without one.
         *
         * @param minimumWindow how long legacy must be seen alone; at most the controller's {@link #window}
         * @param minimumTimedCalls how many timed legacy calls that window must hold, 0 or more
         * @return this builder
         * @throws NullPointerException if {@code minimumWindow} is null
         * @throws IllegalArgumentException if {@code minimumWindow} is negative or longer than the window, or
         *     {@code minimumTimedCalls} is negative
         */
        public Builder baselineGate(Duration minimumWindow, long minimumTimedCalls) {
            Objects.requireNonNull(minimumWindow, "minimumWindow");
            if (minimumWindow.isNegative()) {
                throw new IllegalArgumentException("baselineGate: minimumWindow must not be negative, was "
                        + minimumWindow);
            }
            if (minimumTimedCalls < 0) {
                throw new IllegalArgumentException("baselineGate: minimumTimedCalls must not be negative, was "
                        + minimumTimedCalls);
            }
            this.baselineGate = new BaselineGate(minimumWindow, minimumTimedCalls);
            return this;
        }

        /**
         * Makes the controller one of a fleet's: every instance of the service runs one on the same fleet store;
         * each publishes its router's counters there at every tick, and the triggers judge the whole fleet's traffic
         * (a 1 % canary spread over many instances reaches its minimum samples on the sum, never on one); the one
         * that holds the lease acts, the others stand by and read the rollouts from the journal. When the holder
         * stops renewing (it died, or lost the store), another takes the lease once it has run out and carries on
         * from the journal: the same step, bake start and approvals. The journal is in the fleet store too
         * ({@link FleetRolloutJournal}) unless {@link #journal(RolloutJournal)} sets another the fleet shares.
         *
         * @param store the fleet store, e.g. {@code PostgresFleetStore} or {@code RedisFleetStore}
         * @return this builder
         * @throws NullPointerException if {@code store} is null
         */
        public Builder fleet(FleetStore store) {
            this.fleet = Objects.requireNonNull(store, "fleet");
            return this;
        }

        /**
         * This instance's id in the fleet: the holder named in the lease, and the key of its published counters.
         * Default: the host name, the process id and a random suffix, new for every controller built.
         *
         * @param id an id unique in the fleet, at most 200 characters
         * @return this builder
         * @throws NullPointerException if {@code id} is null
         * @throws IllegalArgumentException if {@code id} is blank or longer than 200 characters
         */
        public Builder instance(String id) {
            OperatorCommands.requireText("instance", "id", id);
            if (id.length() > 200) {
                throw new IllegalArgumentException("instance: id must be at most 200 characters, was " + id.length()
                        + " ('" + id.substring(0, 40) + "...')");
            }
            this.instance = id;
            return this;
        }

        /**
         * How long the controller lease lasts unless renewed; the holder renews it at every tick. A dead holder is
         * replaced within this time (and one tick). Default 15 s; keep it several ticks long, and well above the
         * difference between the instances' clocks.
         *
         * @param leaseTime at least 1 s
         * @return this builder
         * @throws NullPointerException if {@code leaseTime} is null
         * @throws IllegalArgumentException if it is below 1 s
         */
        public Builder leaseTime(Duration leaseTime) {
            Objects.requireNonNull(leaseTime, "leaseTime");
            if (leaseTime.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("leaseTime must be at least 1 s, was " + leaseTime);
            }
            this.leaseTime = leaseTime;
            return this;
        }

        /**
         * The lease's name: controllers with the same name take turns. Default {@value #DEFAULT_LEASE_NAME}; give
         * another name to each group of routes whose controllers run apart (two services sharing one store, say).
         *
         * @param name the lease's name
         * @return this builder
         * @throws NullPointerException if {@code name} is null
         * @throws IllegalArgumentException if {@code name} is blank
         */
        public Builder leaseName(String name) {
            OperatorCommands.requireText("leaseName", "name", name);
            this.leaseName = name;
            return this;
        }

        private static String defaultInstance() {
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException | RuntimeException e) {
                host = "host";
            }
            int random = java.util.concurrent.ThreadLocalRandom.current().nextInt(0x1000000);
            return host + "-" + ProcessHandle.current().pid() + "-" + Integer.toHexString(random | 0x1000000)
                    .substring(1);
        }

        /** A route gets one plan and one set of triggers: a second is a mistake, not an override. */
        private static <V> void putOnce(Map<String, V> settings, String field, String route, V value, String what) {
            if (settings.containsKey(route)) {
                throw new IllegalStateException(field + ": route '" + route + "' has " + what + " already");
            }
            settings.put(route, value);
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
