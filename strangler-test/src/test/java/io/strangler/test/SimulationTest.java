package io.strangler.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.Stage;
import io.strangler.core.Strangler;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SimulationTest {

    private final VirtualTime time = VirtualTime.startingAt(Instant.parse("2025-01-01T00:00:00Z"));

    @Test
    void virtualTimeMovesOnlyWhenTold() {
        assertThat(time.nanoTime()).isZero();
        time.advance(Duration.ofMillis(1_500));
        time.advanceNanos(7);
        assertThat(time.nanoTime()).isEqualTo(1_500_000_007L);
        assertThat(time.instant()).isEqualTo(Instant.parse("2025-01-01T00:00:01.500000007Z"));
        assertThat(time.millis()).isEqualTo(Instant.parse("2025-01-01T00:00:01.500Z").toEpochMilli());
        time.advanceTo(Instant.parse("2025-01-01T00:00:01Z"));
        assertThat(time.nanoTime()).as("never backwards").isEqualTo(1_500_000_007L);
        time.advanceTo(Instant.parse("2025-01-01T00:00:02Z"));
        assertThat(time.nanoTime()).isEqualTo(2_000_000_000L);
        assertThat(time.withZone(ZoneId.of("UTC").normalized())).isSameAs(time);
    }

    @Test
    void virtualTimeRejectsGoingBackAndOtherZones() {
        assertThatThrownBy(() -> time.advance(Duration.ofSeconds(-1))).hasMessageContaining("duration")
                .hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> time.advanceNanos(-5)).hasMessageContaining("nanoseconds").hasMessageContaining("-5");
        assertThatThrownBy(() -> time.withZone(ZoneId.of("Europe/Paris")))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("Europe/Paris");
    }

    @Test
    void aSimulatedSideTakesItsLatencyInVirtualTimeAndFailsAtItsRate() {
        SimulatedSide side = new SimulatedSide("modern", time, 1).latency(Duration.ofNanos(50_000)).spread(0)
                .errorRate(0.25);
        int failures = 0;
        for (int i = 0; i < 4_000; i++) {
            try {
                assertThat(side.get("k")).isEqualTo("answer for k");
            } catch (IllegalStateException e) {
                assertThat(e).hasMessage("modern failed for k");
                failures++;
            }
        }
        assertThat(time.nanoTime()).isEqualTo(4_000 * 50_000L);
        assertThat(failures).isBetween(900, 1_100);
    }

    @Test
    void stallsAndMismatchesComeAtTheirRates() {
        SimulatedSide side = new SimulatedSide("legacy", time, 2).latency(Duration.ofNanos(1_000)).spread(0)
                .stalls(0.1, 100).mismatchRate(0.5);
        int different = 0;
        for (int i = 0; i < 2_000; i++) {
            if (!side.get("k").equals("answer for k")) {
                different++;
            }
        }
        // 2,000 calls of 1 µs, a tenth of them 100 µs
        assertThat(time.nanoTime()).isBetween(20_000_000L, 24_000_000L);
        assertThat(different).isBetween(900, 1_100);
    }

    @Test
    void aSimulatedSideNamesTheBadSetting() {
        SimulatedSide side = new SimulatedSide("s", time, 0);
        assertThatThrownBy(() -> side.errorRate(1.5)).hasMessage("errorRate must be in [0, 1], was 1.5");
        assertThatThrownBy(() -> side.mismatchRate(-0.1)).hasMessage("mismatchRate must be in [0, 1], was -0.1");
        assertThatThrownBy(() -> side.spread(Double.NaN)).hasMessage("spread must be in [0, 3], was NaN");
        assertThatThrownBy(() -> side.stalls(0.1, 0.5)).hasMessage("stall factor must be in [1, 1000000], was 0.5");
        assertThatThrownBy(() -> side.latency(Duration.ofNanos(-1))).hasMessageContaining("latency");
    }

    @Test
    void theRouterTimesCallsWithTheInjectedTicker() {
        try (MigrationRouter router = Strangler.router().clock(time).ticker(time::nanoTime).build()) {
            Route<SimulatedService> route = router.register(RouteDefinition.builder("r", SimulatedService.class)
                    .legacy(new SimulatedSide("legacy", time, 1).latency(Duration.ofNanos(10_000)).spread(0))
                    .modern(new SimulatedSide("modern", time, 2).latency(Duration.ofNanos(70_000)).spread(0))
                    .initialState(s -> s.stage(Stage.MODERN).percentage(100).shadowSample(0))
                    .build());
            for (int i = 0; i < 10; i++) {
                route.read("k" + i, s -> s.get("k"));
            }
            assertThat(route.stats().modern().p95Nanos()).isBetween(69_000L, 71_000L);
        }
    }

    @Test
    void theRouterRefusesANullTicker() {
        assertThatThrownBy(() -> Strangler.router().ticker(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("ticker");
        assertThatThrownBy(() -> Strangler.router().random(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("random");
    }
}
