package io.strangler.examples.demo;

import io.strangler.api.MigrationRouter;
import io.strangler.api.RouteState;
import io.strangler.api.event.RollbackEvent;
import io.strangler.core.rollout.RolloutController;
import io.strangler.core.rollout.RolloutStatus;
import io.strangler.test.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The migration's rounds, from the first tick until every rollout has settled: each round is {@link DemoRun#TICK}
 * of the users' traffic, the reconciliation job when it is due, a tick of every controller, then what people see
 * and do (the tracker's events, the operator's approvals, the scripted release, the live view, the observer).
 */
final class Migration {

    private static final Set<RolloutStatus.Phase> SETTLED = EnumSet.of(RolloutStatus.Phase.COMPLETE,
            RolloutStatus.Phase.ROLLED_BACK, RolloutStatus.Phase.ABORTED);

    private final VirtualTime time;
    private final SharedData data;
    private final List<PlatformInstance> instances;
    private final Traffic traffic;
    private final Reconciler reconciler;
    private final RolloutTracker tracker;
    private final SimulatedOperator operator;
    private final Scenario scenario;
    private final LiveView view;
    private final DemoObserver observer;
    private final Pacer pacer;
    private RolloutController acting;
    private long ticks;

    /** The rounds of a run over {@code instances}, which the caller closes. */
    Migration(VirtualTime time, SharedData data, List<PlatformInstance> instances, Traffic traffic,
            Reconciler reconciler, RolloutTracker tracker, SimulatedOperator operator, LiveView view,
            DemoObserver observer, Pacer pacer) {
        this.time = time;
        this.data = data;
        this.instances = instances;
        this.traffic = traffic;
        this.reconciler = reconciler;
        this.tracker = tracker;
        this.operator = operator;
        this.scenario = new Scenario(data.release);
        this.view = view;
        this.observer = observer;
        this.pacer = pacer;
        this.acting = instances.get(0).controller();
    }

    /**
     * Runs the rounds until every rollout has settled, or {@link DemoRun#LIMIT} of virtual time has passed.
     *
     * @return the virtual time it ended at
     */
    Instant run() {
        Instant start = time.instant();
        observer.started(instances.stream().map(PlatformInstance::router).toArray(MigrationRouter[]::new),
                instances.get(0).controller(), time);
        tickAll();
        Instant nextReconcile = start.plus(DemoRun.RECONCILE_EVERY);
        Instant tickAt = start;
        while (true) {
            Instant from = tickAt;
            tickAt = tickAt.plus(DemoRun.TICK);
            for (Instant second = from; second.isBefore(tickAt); second = second.plusSeconds(1)) {
                traffic.second(second);
            }
            time.advanceTo(tickAt);
            Instant now = time.instant();
            if (!now.isBefore(nextReconcile)) {
                reconciler.replayAll();
                nextReconcile = nextReconcile.plus(DemoRun.RECONCILE_EVERY);
            }
            tickAll();
            Map<String, RouteState> states = states();
            List<DemoSummary.Event> events = watch(now, states);
            RolloutController viewed = acting;
            view.update(now, () -> tracker.rows(viewed, states), events);
            observer.ticked(now);
            pacer.pace(Duration.between(start, now));
            if (settled() || Duration.between(start, now).compareTo(DemoRun.LIMIT) > 0) {
                return now;
            }
        }
    }

    /** The controller that held the lease at the latest tick. */
    RolloutController acting() {
        return acting;
    }

    /** Controller ticks so far, per instance. */
    long ticks() {
        return ticks;
    }

    /** The routes' states, as every instance serves them after a round. */
    Map<String, RouteState> states() {
        Map<String, RouteState> states = new LinkedHashMap<>();
        for (String route : PlatformInstance.routes()) {
            states.put(route, instances.get(0).state(route));
        }
        return states;
    }

    /**
     * Ticks every instance's controller, then brings every router up to the latest states: the holder of the lease
     * changed them in the store, and the others must serve them before the next call, on every run alike (a store's
     * push gets there too, but on a thread of its own and in its own time).
     */
    private void tickAll() {
        for (PlatformInstance i : instances) {
            i.controller().tick();
        }
        ticks++;
        if (instances.size() > 1) {
            for (String route : PlatformInstance.routes()) {
                long newest = instances.stream().mapToLong(i -> i.state(route).version()).max().orElse(0);
                for (PlatformInstance i : instances) {
                    if (i.state(route).version() < newest) {
                        i.router().refresh();
                    }
                }
            }
        }
        acting = instances.stream().map(PlatformInstance::controller).filter(RolloutController::leads).findFirst()
                .orElse(instances.get(0).controller());
    }

    /** What people see and do after a tick: the tracker's events, the operator's approvals, the release. */
    private List<DemoSummary.Event> watch(Instant now, Map<String, RouteState> states) {
        List<DemoSummary.Event> events = new ArrayList<>(tracker.observe(now, acting, states));
        for (SimulatedOperator.Approval a : operator.act(acting, now)) {
            DemoSummary.Event e = new DemoSummary.Event(now, a.route(), "approved by " + a.by() + " after "
                    + Texts.duration(Duration.between(a.requestedAt(), a.approvedAt())));
            tracker.note(e);
            events.add(e);
        }
        scenario.check(now, states).ifPresent(e -> {
            tracker.note(e);
            events.add(e);
        });
        return events;
    }

    /**
     * Whether the migration is over: every rollout complete or rolled back, every rollback finished, and the release
     * shipped (so that a run never ends before its fault had its chance).
     */
    private boolean settled() {
        return data.release.shippedAt().isPresent()
                && acting.statuses().stream().allMatch(s -> SETTLED.contains(s.phase()))
                && acting.rollbacks().stream().noneMatch(e -> e.status() == RollbackEvent.Status.INITIATED);
    }
}
