package io.strangler.examples.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Prints a run's summary for people: the table of routes, the automatic rollback with its numbers, the approvals,
 * the dual-write check and the promises, kept or broken.
 */
public final class DemoReports {

    private DemoReports() {
    }

    /**
     * Prints a summary.
     *
     * @param s the summary
     * @param out where to
     */
    public static void print(DemoSummary s, PrintStream out) {
        Instant start = s.startedAt();
        out.println();
        out.printf(Locale.ROOT, "Summary: %s of virtual time (%s to %s), %,d ticks per instance, %,d user journeys, "
                        + "%.1f s of wall time%n", Texts.duration(s.virtualDuration()), start, s.endedAt(), s.ticks(),
                s.journeys().values().stream().mapToLong(Long::longValue).sum(), s.wall().millis() / 1000.0);
        out.println();
        out.printf(Locale.ROOT, "%-28s %-8s %-10s %7s  %-12s %12s %12s %9s %7s %9s  %s%n", "route", "plan",
                "stage", "modern", "phase", "legacy calls", "modern calls", "fallbacks", "errors", "rollbacks",
                "time to 100 %");
        for (DemoSummary.RouteResult r : s.routes()) {
            out.printf(Locale.ROOT, "%-28s %-8s %-10s %6.1f%%  %-12s %,12d %,12d %,9d %,7d %9d  %s%n", r.route(),
                    r.plan(), r.stage(), r.percentage(), r.phase(), r.callsLegacy(), r.callsModern(), r.fallbacks(),
                    r.callerErrors(), r.rollbacks(), r.timeTo100() == null ? "never" : Texts.duration(r.timeTo100()));
        }
        out.println("  'errors': exceptions that reached users; 'fallbacks': modern's calls legacy answered instead.");

        out.println();
        if (s.faultShippedAt() != null) {
            out.println("Release 2.1 of the modern recommendation generator shipped at "
                    + Texts.elapsed(Duration.between(start, s.faultShippedAt())) + ": " + s.fault().description()
                    + ".");
        }
        List<DemoSummary.Rollback> automatic = s.rollbacks().stream().filter(r -> r.trigger() != null).toList();
        if (automatic.isEmpty()) {
            out.println("Automatic rollbacks: none.");
        }
        for (DemoSummary.Rollback r : automatic) {
            out.println("Automatic rollback of " + r.route() + " by the controller's " + r.trigger() + " trigger ("
                    + r.action() + ", scope " + r.scope() + ") at " + Texts.elapsed(Duration.between(start,
                    r.initiatedAt())) + (r.afterFault() == null ? "" : ", " + Texts.duration(r.afterFault())
                    + " after the release shipped") + ":");
            out.println("  routes rolled back, dependents first: " + String.join(", ", r.routes()));
            out.println("  why: " + r.reason());
            out.printf(Locale.ROOT, "  numbers: n = %,d, statistic = %.4f, confidence bound = %.4f, threshold = "
                    + "%.4f%n", r.n(), r.statistic(), r.bound(), r.threshold());
            out.println("  " + r.status() + (r.finishedAt() == null ? "" : " at "
                    + Texts.elapsed(Duration.between(start, r.finishedAt()))) + (r.outcome() == null ? ""
                    : ": " + r.outcome()));
        }
        s.rollbacks().stream().filter(r -> r.trigger() == null).forEach(r -> out.println("Rollback of " + r.route()
                + " by " + r.actor() + ": " + r.reason() + " -> " + r.status()));

        out.println();
        out.println("Approvals (" + s.approvals().size() + "):");
        for (DemoSummary.Approval a : s.approvals()) {
            out.println("  " + a.route() + " at " + Texts.elapsed(Duration.between(start, a.approvedAt())) + " by "
                    + a.by() + ", " + Texts.duration(Duration.between(a.requestedAt(), a.approvedAt()))
                    + " after the request: " + a.request());
        }

        out.println();
        out.println("Dual writes, both sides' stores compared key by key after replaying the reconciliation log ("
                + s.reconciliation().replayed() + " entries replayed, " + s.reconciliation().failed() + " failed, "
                + s.reconciliation().overflow() + " dropped):");
        for (DemoSummary.DualWrites d : s.dualWrites()) {
            out.printf(Locale.ROOT, "  %-20s %s: %,d keys written, legacy holds %,d, modern %,d; %d missing, %d "
                            + "different; %,d second writes, %,d missed and replayed; %,d verified, %d integrity "
                            + "failures, %d lost%n", d.route(), d.ok() ? "ok  " : "LOST", d.keysWritten(),
                    d.legacyKeys(), d.modernKeys(), d.missingOnLegacy() + d.missingOnModern(), d.different(),
                    d.secondWrites(), d.secondWritesMissed(), d.verified(), d.integrityFailures(), d.lost());
            d.examples().forEach(e -> out.println("      e.g. " + e));
        }
        boolean lostNothing = s.dualWrites().stream().allMatch(DemoSummary.DualWrites::ok)
                && s.reconciliation().overflow() == 0;
        out.println(lostNothing ? "  => dual writes lost nothing." : "  => DUAL WRITES LOST DATA.");

        out.println();
        out.println("Promises:");
        for (DemoSummary.Invariant i : s.invariants()) {
            out.println("  [" + (i.ok() ? " ok " : "FAIL") + "] " + i.name() + " (" + i.detail() + ")");
        }
        out.println(s.ok() ? "Every promise held." : "A PROMISE BROKE: exit code 1.");
    }
}
