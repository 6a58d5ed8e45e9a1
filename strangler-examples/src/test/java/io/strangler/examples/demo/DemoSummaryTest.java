package io.strangler.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary's verdict and its JSON: one broken promise makes the exit code 1; JSON has no NaN. */
class DemoSummaryTest {

    private static final Instant START = Instant.parse("2026-11-23T08:00:00Z");

    @Test
    void oneBrokenPromiseMakesTheExitCodeOne() {
        DemoSummary kept = summary(List.of(new DemoSummary.Invariant("a", true, "fine")), dualWrites(0));
        DemoSummary broken = summary(List.of(new DemoSummary.Invariant("a", true, "fine"),
                new DemoSummary.Invariant("b", false, "not fine")), dualWrites(0));

        assertThat(kept.ok()).isTrue();
        assertThat(kept.exitCode()).isZero();
        assertThat(broken.ok()).isFalse();
        assertThat(broken.exitCode()).isEqualTo(1);
    }

    @Test
    void aKeyMissingOnOneSideIsALostWrite() {
        assertThat(dualWrites(0).ok()).isTrue();
        assertThat(dualWrites(1).ok()).isFalse();
        assertThat(new DemoSummary.DualWrites("r", 10, 10, 10, 0, 0, 0, 5, 0, 0, 0, 1, 0, List.of()).ok())
                .as("a write the log dropped").isFalse();
        assertThat(new DemoSummary.DualWrites("r", 10, 10, 10, 0, 0, 0, 5, 1, 0, 0, 0, 1, List.of()).ok())
                .as("a write left unreplayed in the log").isFalse();
    }

    @Test
    void theJsonReadsBackWithItsWallFieldsApartAndNoNaN() {
        DemoSummary s = summary(List.of(new DemoSummary.Invariant("a", true, "fine")), dualWrites(0))
                .withWall(new DemoSummary.Wall(1234, Path.of("out/summary.json"), null));

        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.parse(s.toJson());

        assertThat(json).containsEntry("ok", true).containsEntry("exitCode", 0L).containsEntry("fault", "errors")
                .containsEntry("virtualDuration", "PT15H");
        @SuppressWarnings("unchecked")
        Map<String, Object> wall = (Map<String, Object>) json.get("wall");
        assertThat(wall).containsEntry("millis", 1234L)
                .containsEntry("summaryFile", Path.of("out/summary.json").toString()).containsEntry("logFile", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> rollback = ((List<Map<String, Object>>) json.get("rollbacks")).get(0);
        assertThat(rollback).containsEntry("statistic", null).containsEntry("trigger", null)
                .containsEntry("afterFault", "PT2M");
    }

    private static DemoSummary.DualWrites dualWrites(long missing) {
        return new DemoSummary.DualWrites("cache-manager", 10, 10, 10 - missing, 0, missing, 0, 5, 1, 2, 0, 0, 0,
                List.of());
    }

    private static DemoSummary summary(List<DemoSummary.Invariant> invariants, DemoSummary.DualWrites writes) {
        DemoSummary.Rollback rollback = new DemoSummary.Rollback("recommendation-orchestrator",
                List.of("recommendation-orchestrator"), null, "IMMEDIATE", "ROUTE", "COMPLETED",
                "strangler-controller", "its dependency was rolled back", 0, Double.NaN, Double.NaN, Double.NaN,
                START.plusSeconds(3600), START.plusSeconds(3700), "legacy healthy", Duration.ofMinutes(2));
        return new DemoSummary(42, FaultKind.ERRORS, StoreKind.MEMORY, 1, START, START.plus(Duration.ofHours(15)),
                1800, Map.of("apply", 3L), START.plusSeconds(3480), List.of(), List.of(rollback), List.of(),
                List.of(writes), new DemoSummary.Reconciliation(1, 0, 0), List.of(), invariants,
                new DemoSummary.Wall(1, null, null));
    }
}
