package io.strangler.examples.demo;

import io.strangler.api.RouteState;
import io.strangler.api.RouteStats;
import io.strangler.api.event.RollbackEvent;
import io.strangler.core.rollout.RolloutController;
import io.strangler.core.rollout.RolloutStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a run came to: each route's outcome, the rollbacks, the approvals, the dual-write check, and the promises the
 * demo makes, each kept or broken:
 * <ul>
 * <li>dual writes lost nothing: both stores of every stateful route hold every written key alike, after the
 *     reconciliation log was replayed, and no log dropped an entry;</li>
 * <li>with a fault, the controller rolled the faulty route back on its own (a trigger fired, no person did), with
 *     the routes that depend on it;</li>
 * <li>every rollback completed: legacy was seen healthy after it;</li>
 * <li>every other route reached the end of its plan.</li>
 * </ul>
 */
final class Outcome {

    private static final String FAULTY = PlatformRoute.RECOMMENDATION_GENERATOR.route();

    private final DemoOptions options;
    private final SharedData data;
    private final List<PlatformInstance> instances;
    private final RolloutController acting;
    private final RolloutTracker tracker;
    private final SimulatedOperator operator;
    private final Reconciler reconciler;
    private final Journeys journeys;

    /** What to look at: the run's pieces as they were when it ended. */
    Outcome(DemoOptions options, SharedData data, List<PlatformInstance> instances, RolloutController acting,
            RolloutTracker tracker, SimulatedOperator operator, Reconciler reconciler, Journeys journeys) {
        this.options = options;
        this.data = data;
        this.instances = instances;
        this.acting = acting;
        this.tracker = tracker;
        this.operator = operator;
        this.reconciler = reconciler;
        this.journeys = journeys;
    }

    /** The summary of the run, with the promises checked. */
    DemoSummary summary(Instant start, Instant end, long ticks, int instanceCount, DemoSummary.Wall wall) {
        Set<String> faulty = faultyRoutes();
        Instant shipped = data.release.shippedAt().orElse(null);
        List<DemoSummary.RouteResult> routes = new ArrayList<>();
        Map<String, Long> callerErrors = journeys.callerErrors();
        for (PlatformRoute r : PlatformRoute.values()) {
            RouteState state = instances.get(0).state(r.route());
            RolloutStatus status = acting.status(r.route());
            RouteStats stats = stats(r.route());
            routes.add(new DemoSummary.RouteResult(r.route(), r.planName(), r.dependsOn(), r.cohort(),
                    state.enabled() ? state.stage().name() : "OFF", state.effectivePercentageBasisPoints() / 100.0,
                    r.plan().finalPercentage(), status.phase().name(), status.step(), r.plan().size(),
                    !faulty.contains(r.route()), stats.legacy().calls(), stats.modern().calls(),
                    stats.modern().fallbacks(), callerErrors.getOrDefault(r.route(), 0L), stats.shadow().compared(),
                    stats.shadow().mismatches(), acting.rollbacks(r.route()).size(), tracker.timeTo100(r.route()),
                    status.reason()));
        }
        List<DemoSummary.Rollback> rollbacks = new ArrayList<>();
        for (RollbackEvent e : acting.rollbacks()) {
            Duration afterFault = shipped == null || e.initiatedAt().isBefore(shipped) ? null
                    : Duration.between(shipped, e.initiatedAt());
            rollbacks.add(new DemoSummary.Rollback(e.route(), e.routes(),
                    e.trigger() == null ? null : e.trigger().name(), e.action().name(), e.scope().name(),
                    e.status().name(), e.actor(), e.reason(), e.n(), e.statistic(), e.bound(), e.threshold(),
                    e.initiatedAt(), e.finishedAt(), e.outcome(), afterFault));
        }
        List<DemoSummary.Approval> approvals = operator.approvals().stream()
                .map(a -> new DemoSummary.Approval(a.route(), a.request(), a.requestedAt(), a.approvedAt(), a.by()))
                .toList();
        List<DemoSummary.DualWrites> dualWrites = new ArrayList<>();
        for (String route : SharedData.statefulRoutes()) {
            dualWrites.add(DualWriteCheck.check(route, data, stats(route), reconciler.waiting(route)));
        }
        DemoSummary.Reconciliation reconciliation = new DemoSummary.Reconciliation(reconciler.replayed(),
                reconciler.failed(), reconciler.overflow());
        Map<String, Long> journeyCounts = new LinkedHashMap<>();
        journeys.journeys().forEach((kind, n) -> journeyCounts.put(kind.name().toLowerCase(java.util.Locale.ROOT), n));
        List<DemoSummary.Invariant> invariants = invariants(routes, rollbacks, dualWrites, reconciliation, faulty);
        return new DemoSummary(options.seed(), options.fault(), options.store(), instanceCount, start, end, ticks,
                journeyCounts, shipped, routes, rollbacks, approvals, dualWrites, reconciliation, tracker.timeline(),
                invariants, wall);
    }

    /** The route that goes wrong and the routes that depend on it, directly or not; none without a fault. */
    private Set<String> faultyRoutes() {
        Set<String> routes = new TreeSet<>();
        if (options.fault() == FaultKind.NONE) {
            return routes;
        }
        routes.add(FAULTY);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (PlatformRoute r : PlatformRoute.values()) {
                if (!routes.contains(r.route()) && r.dependsOn().stream().anyMatch(routes::contains)) {
                    grew = routes.add(r.route());
                }
            }
        }
        return routes;
    }

    /** The route's counters summed over the fleet's instances. */
    private RouteStats stats(String route) {
        RouteStats sum = null;
        for (PlatformInstance i : instances) {
            RouteStats s = i.router().route(route).stats();
            sum = sum == null ? s : sum.plus(s);
        }
        return sum;
    }

    private List<DemoSummary.Invariant> invariants(List<DemoSummary.RouteResult> routes,
            List<DemoSummary.Rollback> rollbacks, List<DemoSummary.DualWrites> dualWrites,
            DemoSummary.Reconciliation reconciliation, Set<String> faulty) {
        List<DemoSummary.Invariant> invariants = new ArrayList<>();

        boolean writesOk = dualWrites.stream().allMatch(DemoSummary.DualWrites::ok) && reconciliation.overflow() == 0;
        invariants.add(new DemoSummary.Invariant("dual writes lost nothing", writesOk, dualWrites.stream()
                .map(d -> d.route() + ": " + d.keysWritten() + " keys written, " + d.missingOnLegacy()
                        + " missing on legacy, " + d.missingOnModern() + " missing on modern, " + d.different()
                        + " different, " + d.lost() + " lost, " + d.integrityFailures() + " integrity failures, "
                        + d.waitingInLog() + " left in the log")
                .collect(Collectors.joining("; ")) + "; log overflow " + reconciliation.overflow()));

        if (options.fault() != FaultKind.NONE) {
            Set<String> dependents = new TreeSet<>(faulty);
            dependents.remove(FAULTY);
            DemoSummary.Rollback automatic = rollbacks.stream()
                    .filter(r -> r.route().equals(FAULTY) && r.trigger() != null
                            && r.actor().equals(RolloutController.DEFAULT_ACTOR))
                    .findFirst().orElse(null);
            Map<String, String> phases = routes.stream().collect(Collectors.toMap(DemoSummary.RouteResult::route,
                    DemoSummary.RouteResult::phase));
            boolean rolledBack = automatic != null && faulty.stream()
                    .allMatch(r -> automatic.routes().contains(r) && phases.get(r).equals("ROLLED_BACK"));
            invariants.add(new DemoSummary.Invariant("the controller rolled " + FAULTY + " back on its own, with "
                    + dependents, rolledBack, automatic == null ? "no rollback of " + FAULTY + " by a trigger; "
                            + "phases " + faulty.stream().map(r -> r + " " + phases.get(r)).toList()
                    : "trigger " + automatic.trigger() + " over " + automatic.routes() + "; phases "
                            + faulty.stream().map(r -> r + " " + phases.get(r)).toList()));
        }

        List<String> open = rollbacks.stream().filter(r -> !r.status().equals("COMPLETED"))
                .map(r -> r.route() + " " + r.status() + (r.outcome() == null ? "" : ": " + r.outcome())).toList();
        invariants.add(new DemoSummary.Invariant("every rollback completed (legacy seen healthy after it)",
                open.isEmpty(), rollbacks.size() + " rollbacks" + (open.isEmpty() ? "" : "; not completed: " + open)));

        List<String> unfinished = routes.stream().filter(r -> r.expectedToComplete() && !r.completed())
                .map(r -> r.route() + " " + r.phase() + " at " + r.percentage() + " %").toList();
        long healthy = routes.stream().filter(DemoSummary.RouteResult::expectedToComplete).count();
        invariants.add(new DemoSummary.Invariant("every healthy route reached the end of its plan", unfinished.isEmpty(),
                healthy + " healthy routes" + (unfinished.isEmpty() ? ", all complete" : "; short of it: " + unfinished)));
        return invariants;
    }
}
