package io.strangler.examples.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a run of the demo did and found, as the summary table prints it and {@code summary.json} holds it. Everything
 * but {@link #wall} follows from the options alone: two runs with the same seed, fault and store give the same
 * summary apart from it.
 *
 * @param seed the seed
 * @param fault the fault the modern recommendation generator developed
 * @param store where the states were
 * @param instances how many instances of the platform ran
 * @param startedAt the virtual time the migration started
 * @param endedAt the virtual time it ended
 * @param ticks the controller ticks, per instance
 * @param journeys the user journeys run, by kind
 * @param faultShippedAt when release 2.1 of the modern generator shipped, or null if it never did
 * @param routes each route's outcome, in the platform's order
 * @param rollbacks every rollback the controllers made, oldest first
 * @param approvals every approval the operator gave, in order
 * @param dualWrites the dual-write check of each stateful route
 * @param reconciliation what the reconciliation job did
 * @param timeline the run's notable events, in order
 * @param invariants the promises checked, each kept or broken
 * @param wall the wall-clock side of the run, which differs from run to run
 */
public record DemoSummary(long seed, FaultKind fault, StoreKind store, int instances, Instant startedAt,
        Instant endedAt, long ticks, Map<String, Long> journeys, @Nullable Instant faultShippedAt,
        List<RouteResult> routes, List<Rollback> rollbacks, List<Approval> approvals, List<DualWrites> dualWrites,
        Reconciliation reconciliation, List<Event> timeline, List<Invariant> invariants, Wall wall) {

    /**
     * Whether every promise held.
     *
     * @return true when no invariant broke
     */
    public boolean ok() {
        return invariants.stream().allMatch(Invariant::ok);
    }

    /**
     * The exit code of the run.
     *
     * @return 0 when every promise held, 1 when one broke
     */
    public int exitCode() {
        return ok() ? 0 : 1;
    }

    /**
     * How long the migration took in virtual time.
     *
     * @return from the start to the end of the run, in virtual time
     */
    public Duration virtualDuration() {
        return Duration.between(startedAt, endedAt);
    }

    /**
     * One route's outcome.
     *
     * @param route the route
     * @param plan its plan's name
     * @param dependsOn the routes it depends on
     * @param cohort the cohort of its bucketing
     * @param stage its stage at the end
     * @param percentage the share of users modern served at the end
     * @param finalPercentage the percentage of its plan's last step
     * @param phase its rollout's phase at the end
     * @param step the step it ended on, from 0; -1 before the first
     * @param steps how many steps its plan has
     * @param expectedToComplete whether the run expects it at the end of its plan: every route but the faulty one
     *     and its dependents, unless the fault is none
     * @param callsLegacy calls legacy served (its own, and the fallbacks it answered)
     * @param callsModern calls routed to modern (those legacy answered for it included)
     * @param fallbacks modern's calls legacy answered
     * @param callerErrors exceptions that reached users
     * @param shadowCompared shadow comparisons
     * @param shadowMismatches comparisons that differed
     * @param rollbacks rollbacks that covered the route
     * @param timeTo100 virtual time from the start until modern served every user, or null if it never did
     * @param reason the controller's latest word on the route
     */
    public record RouteResult(String route, String plan, List<String> dependsOn, String cohort, String stage,
            double percentage, double finalPercentage, String phase, int step, int steps, boolean expectedToComplete,
            long callsLegacy, long callsModern, long fallbacks, long callerErrors, long shadowCompared,
            long shadowMismatches, int rollbacks, @Nullable Duration timeTo100, String reason) {

        /**
         * Whether the route is at the end of its plan.
         *
         * @return whether its rollout completed at its plan's last percentage
         */
        public boolean completed() {
            return phase.equals("COMPLETE") && Math.abs(percentage - finalPercentage) < 1e-9;
        }
    }

    /**
     * A rollback, as it ended.
     *
     * @param route the route whose trigger fired
     * @param routes every route it covered, dependents first
     * @param trigger the trigger that fired, or null for a rollback without one (a dependency's)
     * @param action what it did
     * @param scope which routes it covered
     * @param status where it ended: {@code COMPLETED}, {@code FAILED}, or {@code INITIATED} if still open
     * @param actor who made it
     * @param reason the trigger's judgement in one sentence
     * @param n the observations the judgement rested on
     * @param statistic the measured value
     * @param bound its confidence bound
     * @param threshold what the bound was compared with
     * @param initiatedAt when it started
     * @param finishedAt when it ended, or null
     * @param outcome what the check of legacy found, or null
     * @param afterFault how long after release 2.1 shipped it started, or null
     */
    public record Rollback(String route, List<String> routes, @Nullable String trigger, String action, String scope,
            String status, String actor, String reason, long n, double statistic, double bound, double threshold,
            Instant initiatedAt, @Nullable Instant finishedAt, @Nullable String outcome,
            @Nullable Duration afterFault) {
    }

    /**
     * An approval the operator gave.
     *
     * @param route the route
     * @param request what the controller asked
     * @param requestedAt when
     * @param approvedAt when the operator approved
     * @param by who
     */
    public record Approval(String route, String request, Instant requestedAt, Instant approvedAt, String by) {
    }

    /**
     * The dual-write check of one stateful route, after the reconciliation log was replayed.
     *
     * @param route the route
     * @param keysWritten distinct keys users wrote through it
     * @param legacyKeys keys legacy's store holds
     * @param modernKeys keys modern's store holds
     * @param missingOnLegacy written keys legacy's store lacks
     * @param missingOnModern written keys modern's store lacks
     * @param different written keys the two stores hold different values for
     * @param secondWrites second writes that succeeded
     * @param secondWritesMissed second writes that failed or were skipped, each logged for replay
     * @param verified dual writes read back from both sides and found equal
     * @param integrityFailures dual writes read back and found different
     * @param lost second writes the reconciliation log dropped when full
     * @param waitingInLog entries of the route still in the log after the final replay
     * @param examples up to three keys that differ, for a person to look at
     */
    public record DualWrites(String route, long keysWritten, long legacyKeys, long modernKeys, long missingOnLegacy,
            long missingOnModern, long different, long secondWrites, long secondWritesMissed, long verified,
            long integrityFailures, long lost, long waitingInLog, List<String> examples) {

        /**
         * Whether dual writes lost nothing on this route.
         *
         * @return whether both stores hold every written key alike, and nothing was lost or left unreplayed
         */
        public boolean ok() {
            return keysWritten > 0 && missingOnLegacy == 0 && missingOnModern == 0 && different == 0
                    && integrityFailures == 0 && lost == 0 && waitingInLog == 0;
        }
    }

    /**
     * What the reconciliation job did.
     *
     * @param replayed entries replayed
     * @param failed replays that failed
     * @param overflow entries the logs dropped when full
     */
    public record Reconciliation(long replayed, long failed, long overflow) {
    }

    /**
     * A notable moment of the run.
     *
     * @param at when, in virtual time
     * @param route the route it concerns, or {@code "*"} for the platform
     * @param text what happened
     */
    public record Event(Instant at, String route, String text) {
    }

    /**
     * A promise the demo checks.
     *
     * @param name what is promised
     * @param ok whether it held
     * @param detail the numbers behind the answer
     */
    public record Invariant(String name, boolean ok, String detail) {
    }

    /**
     * The wall-clock side of a run.
     *
     * @param millis how long the run took, start-up included
     * @param summaryFile where the summary was written, or null before it is
     * @param logFile where the libraries' log went, or null when it went elsewhere
     */
    public record Wall(long millis, @Nullable Path summaryFile, @Nullable Path logFile) {
    }

    /**
     * The summary as JSON, indented, fields in a fixed order.
     *
     * @return the JSON text
     */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("fault", fault.option());
        m.put("store", store.option());
        m.put("instances", instances);
        m.put("ok", ok());
        m.put("exitCode", exitCode());
        m.put("virtualStart", startedAt.toString());
        m.put("virtualEnd", endedAt.toString());
        m.put("virtualDuration", virtualDuration().toString());
        m.put("ticksPerInstance", ticks);
        m.put("journeys", journeys);
        m.put("faultShippedAt", faultShippedAt == null ? null : faultShippedAt.toString());
        List<Object> r = new ArrayList<>();
        for (RouteResult x : routes) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("route", x.route);
            o.put("plan", x.plan);
            o.put("dependsOn", x.dependsOn);
            o.put("cohort", x.cohort);
            o.put("stage", x.stage);
            o.put("percentage", x.percentage);
            o.put("finalPercentage", x.finalPercentage);
            o.put("phase", x.phase);
            o.put("step", x.step);
            o.put("steps", x.steps);
            o.put("expectedToComplete", x.expectedToComplete);
            o.put("completed", x.completed());
            o.put("callsLegacy", x.callsLegacy);
            o.put("callsModern", x.callsModern);
            o.put("fallbacks", x.fallbacks);
            o.put("callerErrors", x.callerErrors);
            o.put("shadowCompared", x.shadowCompared);
            o.put("shadowMismatches", x.shadowMismatches);
            o.put("rollbacks", x.rollbacks);
            o.put("timeTo100", x.timeTo100 == null ? null : x.timeTo100.toString());
            o.put("reason", x.reason);
            r.add(o);
        }
        m.put("routes", r);
        List<Object> rb = new ArrayList<>();
        for (Rollback x : rollbacks) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("route", x.route);
            o.put("routes", x.routes);
            o.put("trigger", x.trigger);
            o.put("action", x.action);
            o.put("scope", x.scope);
            o.put("status", x.status);
            o.put("actor", x.actor);
            o.put("reason", x.reason);
            o.put("n", x.n);
            o.put("statistic", x.statistic);
            o.put("bound", x.bound);
            o.put("threshold", x.threshold);
            o.put("initiatedAt", x.initiatedAt.toString());
            o.put("finishedAt", x.finishedAt == null ? null : x.finishedAt.toString());
            o.put("outcome", x.outcome);
            o.put("afterFault", x.afterFault == null ? null : x.afterFault.toString());
            rb.add(o);
        }
        m.put("rollbacks", rb);
        List<Object> ap = new ArrayList<>();
        for (Approval x : approvals) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("route", x.route);
            o.put("request", x.request);
            o.put("requestedAt", x.requestedAt.toString());
            o.put("approvedAt", x.approvedAt.toString());
            o.put("by", x.by);
            ap.add(o);
        }
        m.put("approvals", ap);
        List<Object> dw = new ArrayList<>();
        for (DualWrites x : dualWrites) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("route", x.route);
            o.put("ok", x.ok());
            o.put("keysWritten", x.keysWritten);
            o.put("legacyKeys", x.legacyKeys);
            o.put("modernKeys", x.modernKeys);
            o.put("missingOnLegacy", x.missingOnLegacy);
            o.put("missingOnModern", x.missingOnModern);
            o.put("different", x.different);
            o.put("secondWrites", x.secondWrites);
            o.put("secondWritesMissed", x.secondWritesMissed);
            o.put("verified", x.verified);
            o.put("integrityFailures", x.integrityFailures);
            o.put("lost", x.lost);
            o.put("waitingInLog", x.waitingInLog);
            o.put("examples", x.examples);
            dw.add(o);
        }
        m.put("dualWrites", dw);
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("replayed", reconciliation.replayed);
        rec.put("failed", reconciliation.failed);
        rec.put("overflow", reconciliation.overflow);
        m.put("reconciliation", rec);
        List<Object> inv = new ArrayList<>();
        for (Invariant x : invariants) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", x.name);
            o.put("ok", x.ok);
            o.put("detail", x.detail);
            inv.add(o);
        }
        m.put("invariants", inv);
        List<Object> tl = new ArrayList<>();
        for (Event x : timeline) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("at", x.at.toString());
            o.put("route", x.route);
            o.put("text", x.text);
            tl.add(o);
        }
        m.put("timeline", tl);
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("millis", wall.millis);
        w.put("summaryFile", wall.summaryFile == null ? null : wall.summaryFile.toString());
        w.put("logFile", wall.logFile == null ? null : wall.logFile.toString());
        m.put("wall", w);
        return JsonWriter.write(m);
    }

    /**
     * The same summary with the wall-clock side replaced.
     *
     * @param newWall the wall-clock side
     * @return the summary
     */
    public DemoSummary withWall(Wall newWall) {
        return new DemoSummary(seed, fault, store, instances, startedAt, endedAt, ticks, journeys, faultShippedAt,
                routes, rollbacks, approvals, dualWrites, reconciliation, timeline, invariants, newWall);
    }
}
