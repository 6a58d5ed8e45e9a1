package io.strangler.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.strangler.test.SimulatedService;
import io.strangler.test.SimulatedSide;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.Stage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsoleHistoryTest {

    private final ConsoleFixture f = new ConsoleFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aPointDescribesItsIntervalAloneWithRatesPerSecondAndErrorRatesPerSide() {
        SimulatedSide failing = new SimulatedSide("failing", f.clock, 7).errorRate(1.0)
                .latency(Duration.ofMillis(8)).spread(0);
        Route<SimulatedService> route = f.router.register(RouteDefinition.builder("half", SimulatedService.class)
                .legacy(new SimulatedSide("ok", f.clock, 3).latency(Duration.ofMillis(2)).spread(0)).modern(failing)
                .initialState(s -> s.stage(Stage.CANARY).percentage(100).shadowSample(0))
                .build());
        ConsoleHistory history = ConsoleHistory.of(f.router, f.clock);
        history.sample(); // the baseline
        java.time.Instant baseline = f.clock.instant();
        for (int i = 0; i < 40; i++) {
            String key = "k" + i;
            route.read(key, s -> s.get(key));
        }
        f.clock.advance(Duration.ofSeconds(2));
        history.sample();

        List<ConsoleHistory.Point> points = history.points("half");
        assertThat(points).singleElement().satisfies(p -> {
            assertThat(p.at()).isEqualTo(f.clock.instant());
            assertThat(p.percentage()).isEqualTo(100.0);
            assertThat(p.modernErrorRate()).as("modern failed every call; legacy answered as fallback")
                    .isEqualTo(100.0);
            // the simulated sides spend virtual time too: the interval is 2 s and the calls' own latency
            double seconds = Duration.between(baseline, p.at()).toNanos() / 1e9;
            assertThat(p.modernThroughput()).isCloseTo(40 / seconds, within(1e-6));
            assertThat(p.legacyErrorRate()).as("legacy answered every fallback").isZero();
            assertThat(p.modernP95Ms()).isCloseTo(8.0, within(1.0));
            assertThat(p.mismatchRate()).as("no comparisons").isNull();
        });

        f.clock.advance(Duration.ofSeconds(1));
        history.sample();
        assertThat(history.points("half")).hasSize(2).last().satisfies(p -> {
            assertThat(p.modernThroughput()).as("nothing happened in the second interval").isZero();
            assertThat(p.modernErrorRate()).isNull();
        });
    }

    @Test
    void keepsTheLatestPointsUpToItsCapacityAndIgnoresASampleWithoutTimePassing() {
        ConsoleHistory history = ConsoleHistory.of(f.router, f.clock, 3);
        history.sample();
        for (int i = 0; i < 5; i++) {
            f.clock.advance(Duration.ofSeconds(1));
            history.sample();
            history.sample();
        }
        assertThat(history.points("search")).hasSize(3);
        assertThat(history.points("search").get(2).at()).isEqualTo(f.clock.instant());
        assertThat(history.points("nope")).isEmpty();

        Map<String, Object> columns = history.columns("search");
        assertThat(columns).containsOnlyKeys("t", "percentage", "legacyErrorRate", "modernErrorRate", "legacyP95Ms",
                "modernP95Ms", "legacyThroughput", "modernThroughput", "mismatchRate");
        assertThat(columns.values()).allSatisfy(c -> assertThat((List<?>) c).hasSize(3));
    }

    @Test
    void checksItsCapacity() {
        assertThatThrownBy(() -> ConsoleHistory.of(f.router, f.clock, 1)).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("capacity").hasMessageContaining("1");
    }
}
