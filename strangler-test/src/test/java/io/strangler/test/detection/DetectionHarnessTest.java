package io.strangler.test.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.health.TriggerKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness's settings and the arithmetic of a result; what the harness measures is DetectionSimulationTest's. */
class DetectionHarnessTest {

    @Test
    void theHarnessNamesTheBadSetting() {
        assertThatThrownBy(() -> DetectionHarness.builder().callsPerSecond(0))
                .hasMessage("callsPerSecond must be in [1, 100000], was 0");
        assertThatThrownBy(() -> DetectionHarness.builder().aaCallsPerSecond(200_000))
                .hasMessage("aaCallsPerSecond must be in [1, 100000], was 200000");
        assertThatThrownBy(() -> DetectionHarness.builder().latency(Duration.ZERO))
                .hasMessage("latency must be positive, was PT0S");
        assertThatThrownBy(() -> DetectionHarness.builder().limit(Duration.ofMillis(10)))
                .hasMessage("limit must be at least 1 s, was PT0.01S");
        assertThatThrownBy(() -> DetectionHarness.builder().build().errorRate(0, 0.2, 0))
                .hasMessage("runs must be at least 1, was 0");
        assertThatThrownBy(() -> DetectionHarness.builder().build().latency(-1, 1))
                .hasMessage("factor must be in (0, 1000], was -1.0");
        assertThatThrownBy(() -> DetectionHarness.builder().spread(Double.NaN))
                .hasMessage("spread must be in [0, 3], was NaN");
        assertThatThrownBy(() -> DetectionHarness.builder().stalls(0.1, 0.5))
                .hasMessage("stall factor must be in [1, 1000000], was 0.5");
        assertThatThrownBy(() -> DetectionHarness.builder().stalls(1.5, 10))
                .hasMessage("stall share must be in [0, 1], was 1.5");
        assertThatThrownBy(() -> DetectionHarness.builder().legacyTimingOneIn(0))
                .hasMessage("legacyTimingOneIn must be at least 1, was 0");
    }

    @Test
    void aResultSummarisesItsRuns() {
        DetectionResult result = new DetectionResult("s", "m", List.of(
                new DetectionResult.Run(0, DetectionResult.Ending.ROLLED_BACK, TriggerKind.LATENCY, 30, 5, "slow"),
                new DetectionResult.Run(1, DetectionResult.Ending.COMPLETED, null, 10, 9, "done"),
                new DetectionResult.Run(2, DetectionResult.Ending.ROLLED_BACK,
                        TriggerKind.LATENCY, 20, 5, "slow")));
        assertThat(result.min()).isEqualTo(10);
        assertThat(result.median()).isEqualTo(20);
        assertThat(result.max()).isEqualTo(30);
        assertThat(result.percentile(50)).isEqualTo(20);
        assertThat(result.shareAtMost(20)).isEqualTo(2.0 / 3);
        assertThat(result.rollbackShare()).isEqualTo(2.0 / 3);
        assertThat(result.rollbacksByTrigger()).containsExactly(
                Map.entry(TriggerKind.LATENCY, 2L));
        assertThat(result.summary()).contains("min 10, median 20, p95 30, max 30").contains("1 completed");
    }
}
