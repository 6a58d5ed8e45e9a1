package io.strangler.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The demo end to end, in process, on the memory store, unpaced ({@code --speed max}) but otherwise as a person runs
 * it: the controller catches each fault of the modern recommendation generator on its own and rolls it back with its
 * dependent, every other route completes its plan, dual writes lose nothing, and a seed gives the same run twice.
 * Each run takes some ten seconds; a run is shared by the tests that look at it.
 */
class MigrationDemoTest {

    /**
     * The tag of the tests that run the demo with another fault: the same code on other numbers, which CI's second
     * pass, on JDK 25, leaves out ({@code -DexcludedGroups=demo-variants}) after the first ran them on JDK 17.
     */
    static final String VARIANTS = "demo-variants";

    /** Runs by their arguments, so that the tests looking at one run share it. */
    private static final Map<String, DemoRuns.Run> RUNS = new ConcurrentHashMap<>();

    @TempDir
    static Path dir;

    static DemoRuns.Run run(String... args) {
        return RUNS.computeIfAbsent(String.join(" ", args), k -> runFresh(args));
    }

    static DemoRuns.Run runFresh(String... args) {
        return DemoRuns.run(dir.resolve("run-" + System.nanoTime()), args);
    }

    @Test
    @Timeout(120)
    void defaultRunRollsTheFaultyRouteBackWithItsDependentAndCompletesTheOthers() {
        DemoRuns.Run run = run();

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.summary()).containsEntry("ok", true).containsEntry("seed", 42L)
                .containsEntry("fault", "errors").containsEntry("store", "memory").containsEntry("instances", 1L);
        for (String route : List.of("recommendation-generator", "recommendation-orchestrator")) {
            assertThat(run.route(route)).as(route).containsEntry("phase", "ROLLED_BACK")
                    .containsEntry("percentage", 0.0).containsEntry("expectedToComplete", false);
        }
        for (String route : List.of("cv-analyzer", "improvement-orchestrator", "cache-manager",
                "circuit-breaker-core", "action-orchestrator")) {
            assertThat(run.route(route)).as(route).containsEntry("phase", "COMPLETE")
                    .containsEntry("percentage", 100.0).containsEntry("completed", true)
                    .containsEntry("rollbacks", 0L).containsEntry("callerErrors", 0L);
        }
        assertThat(run.route("improvement-orchestrator")).containsEntry("cohort", "cv-analyzer");
        assertThat(run.route("action-orchestrator")).containsEntry("plan", "CRITICAL");
        assertThat(run.list("approvals")).hasSize(3)
                .allSatisfy(a -> assertThat(a).containsEntry("route", "action-orchestrator")
                        .containsEntry("by", "oncall-dana"));

        assertThat(run.list("dualWrites")).extracting(d -> d.get("route"))
                .containsExactly("cv-analyzer", "cache-manager", "action-orchestrator");
        assertThat(run.list("dualWrites")).allSatisfy(d -> assertThat(d).containsEntry("ok", true)
                .containsEntry("missingOnLegacy", 0L).containsEntry("missingOnModern", 0L)
                .containsEntry("different", 0L).containsEntry("lost", 0L).containsEntry("integrityFailures", 0L)
                .containsEntry("waitingInLog", 0L));
        Map<String, Object> cache = run.list("dualWrites").get(1);
        assertThat((Long) cache.get("secondWritesMissed")).as("the flaky modern cache refused some writes")
                .isPositive();
        assertThat((Long) cache.get("verified")).isPositive();
        @SuppressWarnings("unchecked")
        Map<String, Object> reconciliation = (Map<String, Object>) run.summary().get("reconciliation");
        assertThat(reconciliation).containsEntry("failed", 0L).containsEntry("overflow", 0L);
        assertThat((Long) reconciliation.get("replayed")).isEqualTo(cache.get("secondWritesMissed"));

        assertThat(run.out()).contains("Automatic rollback of recommendation-generator by the controller's "
                + "ERROR_RATE trigger", "numbers: n = ", "=> dual writes lost nothing.", "Every promise held.",
                "Summary JSON: ");
        String reportLine = run.out().lines().filter(l -> l.startsWith("Report (the console's page, offline): "))
                .findFirst().orElseThrow(() -> new AssertionError("no report line in " + run.out()));
        Path report = Path.of(java.net.URI.create(reportLine.substring(reportLine.indexOf("file:"))));
        assertThat(report).exists();
        assertThat(report).content().contains("<title>Strangler demo: the CV platform, seed 42, fault errors</title>",
                "id=\"strangler-timeline\"", "content=\"report\"").doesNotContain("src=\"http");
    }

    @ParameterizedTest(name = "--fault {0}: {1} {2}")
    @Tag(VARIANTS)
    @CsvSource({"errors, ERROR_RATE, IMMEDIATE", "latency, LATENCY, GRACEFUL", "mismatch, MISMATCH_RATE, IMMEDIATE"})
    @Timeout(120)
    void theControllerCatchesEachFaultOnItsOwn(String fault, String trigger, String action) {
        DemoRuns.Run run = fault.equals("errors") ? run() : run("--fault", fault);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        List<Map<String, Object>> rollbacks = run.list("rollbacks");
        assertThat(rollbacks).hasSize(1);
        Map<String, Object> rollback = rollbacks.get(0);
        assertThat(rollback).containsEntry("route", "recommendation-generator").containsEntry("trigger", trigger)
                .containsEntry("action", action).containsEntry("actor", "strangler-controller")
                .containsEntry("status", "COMPLETED")
                .containsEntry("routes", List.of("recommendation-orchestrator", "recommendation-generator"));
        assertThat((Long) rollback.get("n")).isPositive();
        assertThat((Double) rollback.get("bound")).isGreaterThan((Double) rollback.get("threshold"));
        assertThat((String) rollback.get("afterFault")).as("caught within minutes of the release")
                .matches("PT[0-9]+[MS].*").doesNotContain("H");
        assertThat(run.route("recommendation-orchestrator")).containsEntry("phase", "ROLLED_BACK");
        assertThat(run.list("routes")).filteredOn(r -> (Boolean) r.get("expectedToComplete")).hasSize(5)
                .allSatisfy(r -> assertThat(r).containsEntry("completed", true));
        assertThat(run.list("dualWrites")).allSatisfy(d -> assertThat(d).containsEntry("ok", true));
    }

    @Test
    @Tag(VARIANTS)
    @Timeout(120)
    void withoutAFaultEveryRouteReachesTheEndOfItsPlan() {
        DemoRuns.Run run = run("--fault", "none");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.list("rollbacks")).isEmpty();
        assertThat(run.list("routes")).hasSize(7).allSatisfy(r -> assertThat(r).containsEntry("phase", "COMPLETE")
                .containsEntry("percentage", 100.0).containsEntry("expectedToComplete", true));
        assertThat(run.route("recommendation-orchestrator").get("timeTo100")).isNotNull();
    }

    @Test
    @Timeout(120)
    void aSeedGivesTheSameRunEveryTime() {
        Map<String, Object> first = new java.util.LinkedHashMap<>(run().summary());
        Map<String, Object> second = new java.util.LinkedHashMap<>(runFresh().summary());
        assertThat(first).containsKey("wall");
        first.remove("wall");
        second.remove("wall");

        assertThat(second).isEqualTo(first);
    }
}
