package io.strangler.console;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Revision;
import io.strangler.api.Route;
import io.strangler.api.RouteState;
import io.strangler.api.RouteStats;
import io.strangler.api.compare.Difference;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.health.Judgement;
import io.strangler.api.reconcile.ReconciliationEntry;
import io.strangler.api.rollout.RolloutPlan;
import io.strangler.api.rollout.RolloutStep;
import io.strangler.api.shadow.Mismatch;
import io.strangler.core.json.Json;
import io.strangler.core.rollout.Checkpoint;
import io.strangler.core.rollout.RolloutController;
import io.strangler.core.rollout.RolloutStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The console's JSON model: everything the page shows about a router, built afresh on every {@link #snapshot()}
 * from the router, its rollout controller (if any), the chart {@link ConsoleHistory} and the console's
 * {@link ConsoleAudit}. The same model feeds the live page (plain Java and Spring) and the report, so that one
 * renderer draws both.
 *
 * <p>Its shape, version {@value #VERSION}: {@code generatedAt}, {@code router} (whether a controller runs, whether
 * it leads, the lease, whether writes are enabled), {@code routes} (per route: state, counts per side, rollout with
 * its bake countdown and approval, judgements with their numbers, rollback history, checkpoints, reconciliation
 * backlog, recent mismatches with their differences by path, chart series) and {@code audit} (the console's recent
 * commands). Times are ISO-8601 text; figures that could not be computed are null. Thread-safe.
 */
public final class ConsoleModel {

    /** The model's version, written as {@code version}: a page refuses a model it does not know. */
    public static final int VERSION = 1;

    static final int MISMATCHES_SHOWN = 10;
    static final int ROLLBACKS_SHOWN = 10;
    static final int CHECKPOINTS_SHOWN = 10;
    static final int RECONCILIATION_ENTRIES_SHOWN = 5;
    static final int RECONCILIATION_COUNT_LIMIT = 10_000;

    private final MigrationRouter router;
    private final @Nullable RolloutController controller;
    private final ConsoleHistory history;
    private final ConsoleAudit audit;
    private final Clock clock;
    private volatile boolean writable;

    private ConsoleModel(MigrationRouter router, @Nullable RolloutController controller, ConsoleHistory history,
            ConsoleAudit audit, Clock clock) {
        this.router = Objects.requireNonNull(router, "router");
        this.controller = controller;
        this.history = Objects.requireNonNull(history, "history");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A model of {@code router}'s routes.
     *
     * @param router the router
     * @param controller its rollout controller, or null when none runs
     * @param history the chart series, sampled by whoever drives time
     * @param audit where the console's commands are recorded
     * @param clock the time of the snapshots and of the bake countdowns
     * @return the model
     * @throws NullPointerException if an argument other than {@code controller} is null
     */
    public static ConsoleModel of(MigrationRouter router, @Nullable RolloutController controller,
            ConsoleHistory history, ConsoleAudit audit, Clock clock) {
        return new ConsoleModel(router, controller, history, audit, clock);
    }

    /**
     * Tells the page whether its controls can change anything; only what the page shows, the server decides.
     *
     * @param enabled whether writes are enabled
     * @return this model
     */
    public ConsoleModel writable(boolean enabled) {
        this.writable = enabled;
        return this;
    }

    /**
     * The router whose routes the model describes.
     *
     * @return the router
     */
    public MigrationRouter router() {
        return router;
    }

    /**
     * The rollout controller whose rollouts the model describes.
     *
     * @return the controller, if one runs
     */
    public Optional<RolloutController> controller() {
        return Optional.ofNullable(controller);
    }

    /**
     * The chart series.
     *
     * @return the history the model reads
     */
    public ConsoleHistory history() {
        return history;
    }

    /**
     * Where the console's commands are recorded.
     *
     * @return the audit the model reads
     */
    public ConsoleAudit audit() {
        return audit;
    }

    /**
     * The model now, as JSON.
     *
     * @return the snapshot as JSON text
     */
    public String json() {
        return Json.write(snapshot());
    }

    /**
     * The model now, as a tree of maps, lists, text, numbers, booleans and nulls.
     *
     * @return the snapshot, with the chart series
     */
    public Map<String, Object> snapshot() {
        return snapshot(true);
    }

    /**
     * The model now.
     *
     * @param withSeries whether each route carries its chart series (a recorded timeline keeps them once, at its end)
     * @return the snapshot
     */
    Map<String, Object> snapshot(boolean withSeries) {
        Instant now = clock.instant();
        Map<String, RolloutStatus> statuses = new HashMap<>();
        List<RollbackEvent> rollbacks = List.of();
        List<Checkpoint> checkpoints = List.of();
        RolloutController c = controller;
        if (c != null) {
            for (RolloutStatus s : c.statuses()) {
                statuses.put(s.route(), s);
            }
            rollbacks = c.rollbacks();
            checkpoints = c.checkpoints();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", VERSION);
        out.put("generatedAt", now.toString());
        out.put("router", routerPart());
        List<Object> routes = new ArrayList<>();
        for (Route<?> route : router.routes()) {
            routes.add(route(route, statuses.get(route.name()), rollbacks, checkpoints, now, withSeries));
        }
        out.put("routes", routes);
        out.put("audit", audit.entries().stream().map(ConsoleAudit.Entry::toMap).toList());
        return out;
    }

    private Map<String, Object> routerPart() {
        Map<String, Object> out = new LinkedHashMap<>();
        RolloutController c = controller;
        out.put("controller", c != null);
        out.put("leads", c != null && c.leads());
        out.put("lease", c == null ? null : c.lease().map(l -> {
            Map<String, Object> lease = new LinkedHashMap<>();
            lease.put("holder", l.holder());
            lease.put("epoch", l.epoch());
            lease.put("expiresAt", l.expiresAt().toString());
            return lease;
        }).orElse(null));
        out.put("writes", writable);
        return out;
    }

    private Map<String, Object> route(Route<?> route, @Nullable RolloutStatus status, List<RollbackEvent> allRollbacks,
            List<Checkpoint> checkpoints, Instant now, boolean withSeries) {
        String name = route.name();
        RouteState state = route.state();
        RouteStats stats = route.stats();
        Revision revision = state.revision();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("stage", state.stage().name());
        out.put("percentage", state.percentage());
        out.put("enabled", state.enabled());
        out.put("version", state.version());
        out.put("breaker", route.circuitBreakerState().name());
        out.put("lastChange", revision.changedBy() == null ? null : map("actor", revision.changedBy(), "reason",
                revision.reason(), "time", iso(revision.changedAt())));
        RolloutController c = controller;
        out.put("dependsOn", c == null ? List.of() : List.copyOf(c.graph().dependencies(name)));
        out.put("phase", c == null ? null : c.graph().phase(name).orElse(null));
        out.put("legacy", counts(stats.legacy()));
        out.put("modern", counts(stats.modern()));
        out.put("shadow", map("compared", stats.shadow().compared(), "matches", stats.shadow().matches(),
                "mismatches", stats.shadow().mismatches(), "errors", stats.shadow().errors(),
                "timeouts", stats.shadow().timeouts(), "dropped", stats.shadow().dropped()));
        out.put("writes", map("succeeded", stats.secondaryWrites().succeeded(), "verified", stats.secondaryWrites().verified(), "failed", stats.secondaryWrites().failed(),
                "lost", stats.secondaryWrites().lost(), "integrityFailures", stats.secondaryWrites().integrityFailures()));
        out.put("rollout", status == null || c == null ? null : rollout(status, c.plan(name).orElse(null), now));
        out.put("judgements", status == null ? List.of() : status.judgements().stream().map(ConsoleModel::judgement)
                .toList());
        List<RollbackEvent> mine = allRollbacks.stream().filter(e -> e.routes().contains(name)).toList();
        out.put("rollbacks", latest(mine, ROLLBACKS_SHOWN).stream().map(ConsoleModel::rollback).toList());
        out.put("checkpoints", latest(concerning(checkpoints, name, state), CHECKPOINTS_SHOWN).stream()
                .map(cp -> checkpoint(cp, name)).toList());
        out.put("reconciliation", reconciliation(name));
        out.put("mismatches", latest(route.mismatches(), MISMATCHES_SHOWN).stream().map(ConsoleModel::mismatch)
                .toList());
        if (withSeries) {
            out.put("series", history.columns(name));
        }
        return out;
    }

    private static Map<String, Object> counts(RouteStats.SideStats side) {
        return map("calls", side.calls(), "successes", side.successes(), "errors", side.errors(),
                "fallbacks", side.fallbacks(), "shortCircuited", side.shortCircuited(),
                "p95Ms", side.latency().count() == 0 ? null : side.p95Nanos() / 1e6);
    }

    private static Map<String, Object> rollout(RolloutStatus status, @Nullable RolloutPlan plan, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("phase", status.phase().name());
        out.put("step", status.step());
        out.put("steps", plan == null ? 0 : plan.size());
        out.put("percentage", status.percentage());
        out.put("plan", plan == null ? List.of() : plan.steps().stream().map(s -> map("percentage", s.percentage(),
                "bakeSeconds", s.bake().toSeconds(), "approval", s.approvalRequired())).toList());
        RolloutStep current = plan == null || status.step() < 0 || status.step() >= plan.size() ? null
                : plan.step(status.step());
        RolloutStep next = plan == null || status.step() + 1 >= plan.size() ? null : plan.step(status.step() + 1);
        Instant started = status.stepStartedAt();
        out.put("stepStartedAt", iso(started));
        if (current != null && started != null) {
            Duration left = current.bake().minus(Duration.between(started, now));
            out.put("bakeSeconds", current.bake().toSeconds());
            // rounded up, as a countdown is: it shows 0 only when the bake is over
            out.put("bakeRemainingSeconds", Math.max(0, (left.toMillis() + 999) / 1000));
        } else {
            out.put("bakeSeconds", null);
            out.put("bakeRemainingSeconds", null);
        }
        out.put("nextPercentage", next == null ? null : next.percentage());
        out.put("nextNeedsApproval", next != null && next.approvalRequired());
        out.put("approved", status.approved());
        out.put("awaitingApproval", status.phase() == RolloutStatus.Phase.AWAITING_APPROVAL);
        out.put("modernCallsInStep", status.modernCallsInStep());
        out.put("reason", status.reason());
        return out;
    }

    private static Map<String, Object> judgement(Judgement j) {
        return map("trigger", j.trigger().name(), "name", j.name(), "verdict", j.verdict().name(), "n", j.n(),
                "statistic", number(j.statistic()), "bound", number(j.bound()), "threshold", number(j.threshold()),
                "explanation", j.explanation());
    }

    private static Map<String, Object> rollback(RollbackEvent e) {
        return map("id", e.id(), "route", e.route(), "routes", e.routes(), "scope", e.scope().name(),
                "status", e.status().name(), "action", e.action().name(),
                "trigger", e.trigger() == null ? null : e.trigger().name(), "actor", e.actor(), "reason", e.reason(),
                "n", e.n(), "statistic", number(e.statistic()), "bound", number(e.bound()),
                "threshold", number(e.threshold()), "initiatedAt", iso(e.initiatedAt()),
                "finishedAt", iso(e.finishedAt()), "outcome", e.outcome());
    }

    /**
     * The checkpoints taken before a transition of {@code route}: a checkpoint saves every route, and one whose
     * route's state is the same in the next checkpoint (or now), and whose transition does not name the route, was
     * taken for another route's transition.
     */
    private static List<Checkpoint> concerning(List<Checkpoint> oldestFirst, String route, RouteState now) {
        List<Checkpoint> out = new ArrayList<>();
        for (int i = 0; i < oldestFirst.size(); i++) {
            Long version = version(oldestFirst.get(i), route);
            Long next = i + 1 < oldestFirst.size() ? version(oldestFirst.get(i + 1), route) : (Long) now.version();
            // a pause or an approval changes no state, but its transition names the route
            if (version != null && (!version.equals(next)
                    || oldestFirst.get(i).transition().contains("'" + route + "'"))) {
                out.add(oldestFirst.get(i));
            }
        }
        return out;
    }

    private static @Nullable Long version(Checkpoint checkpoint, String route) {
        for (RouteState s : checkpoint.states()) {
            if (s.route().equals(route)) {
                return s.version();
            }
        }
        return null;
    }

    private static Map<String, Object> checkpoint(Checkpoint checkpoint, String route) {
        RouteState state = checkpoint.states().stream().filter(s -> s.route().equals(route)).findFirst().orElse(null);
        return map("id", checkpoint.id(), "takenAt", iso(checkpoint.takenAt()), "actor", checkpoint.actor(),
                "transition", checkpoint.transition(), "stage", state == null ? null : state.stage().name(),
                "percentage", state == null ? null : state.percentage());
    }

    private Map<String, Object> reconciliation(String route) {
        List<ReconciliationEntry> entries = router.reconciliationLog().list(route, RECONCILIATION_COUNT_LIMIT + 1);
        boolean more = entries.size() > RECONCILIATION_COUNT_LIMIT;
        List<ReconciliationEntry> counted = more ? entries.subList(0, RECONCILIATION_COUNT_LIMIT) : entries;
        return map("pending", counted.size(), "morePending", more,
                "lost", router.reconciliationLog().overflowCount(route),
                "oldestAt", counted.isEmpty() ? null : iso(counted.get(0).time()),
                "oldest", counted.stream().limit(RECONCILIATION_ENTRIES_SHOWN).map(e -> map("id", e.id(),
                        "time", iso(e.time()), "key", e.key(), "operation", e.operation(),
                        "failedSide", e.failedSide().name(), "errorType", e.errorType(),
                        "errorMessage", e.errorMessage(), "attempts", e.attempts())).toList());
    }

    private static Map<String, Object> mismatch(Mismatch m) {
        return map("time", iso(m.time()), "key", m.key(), "operation", m.operation(), "served", m.served().name(),
                "differences", m.differences().stream().map(ConsoleModel::difference).toList(),
                "noise", m.noise().size());
    }

    private static Map<String, Object> difference(Difference d) {
        return map("path", d.path(), "kind", d.kind().name(), "legacy", d.legacy(), "modern", d.modern());
    }

    private static <T> List<T> latest(List<T> oldestFirst, int limit) {
        return oldestFirst.size() <= limit ? oldestFirst
                : new ArrayList<>(oldestFirst.subList(oldestFirst.size() - limit, oldestFirst.size()));
    }

    static @Nullable String iso(@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** NaN and infinities are no JSON numbers: a figure that could not be computed is null. */
    static @Nullable Double number(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** An ordered map of alternating keys and values; values may be null. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
