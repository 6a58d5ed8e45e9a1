package io.strangler.core.rollout;

import io.strangler.core.simulation.SimulatedService;
import io.strangler.core.simulation.SimulatedSide;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.Route;
import io.strangler.api.Stage;
import io.strangler.core.health.HealthWindow;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthMonitorTest {

    private final ControllerFixture f = new ControllerFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private void calls(Route<SimulatedService> route, int n) {
        java.time.Instant begin = f.clock.instant();
        for (int i = 0; i < n; i++) {
            // one call every 10 ms, whatever time the simulated sides took
            f.clock.advanceTo(begin.plusMillis(10L * i));
            String key = "user-" + i;
            try {
                route.read(key, s -> s.get(key));
            } catch (RuntimeException expected) {
                // counted by the route
            }
        }
        f.clock.advanceTo(begin.plusMillis(10L * n));
    }

    @Test
    void theWindowAndRouteStatsBothSeeEveryModernLatency() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.CANARY, 50);
        HealthMonitor monitor = new HealthMonitor(route, f.clock, Duration.ofSeconds(60));
        monitor.sample();
        calls(route, 200);
        long modernCalls = route.stats().modern().calls();
        calls(route, 200);
        monitor.sample();

        HealthWindow window = monitor.window();
        assertThat(window.modern().calls()).isEqualTo(route.stats().modern().calls()).isGreaterThan(modernCalls);
        assertThat(window.modern().timedCalls()).isEqualTo(window.modern().calls());
        assertThat(route.stats().modern().timedCalls()).isEqualTo(window.modern().calls());
        assertThat(window.legacy().calls() + window.modern().calls()).isEqualTo(400);
        assertThat(window.modernRoutedShare()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    void theWindowForgetsCallsOlderThanItsLength() {
        SimulatedSide modern = f.side("modern", 1.0);
        Route<SimulatedService> route = f.route("search", f.side("legacy", 0), modern,
                Stage.CANARY, 50);
        HealthMonitor monitor = new HealthMonitor(route, f.clock, Duration.ofSeconds(60));
        monitor.sample();
        calls(route, 1_000);
        monitor.sample();
        assertThat(monitor.window().modern().errors()).isPositive();

        modern.errorRate(0);
        for (int second = 0; second < 61; second++) {
            calls(route, 100);
            monitor.sample();
        }

        HealthWindow window = monitor.window();
        assertThat(window.modern().errors()).isZero();
        assertThat(window.legacy().calls() + window.modern().calls()).isEqualTo(6_000);
    }

    @Test
    void aModernFailureThatFellBackIsAModernErrorAndNotALegacyCall() {
        Route<SimulatedService> route = f.route("search", f.side("legacy", 0),
                f.side("modern", 1.0), Stage.CANARY, 100);
        HealthMonitor monitor = new HealthMonitor(route, f.clock, Duration.ofSeconds(60));
        monitor.sample();
        calls(route, 10);
        monitor.sample();

        HealthWindow window = monitor.window();
        assertThat(window.modern().calls()).isEqualTo(10);
        assertThat(window.modern().errors()).isEqualTo(10);
        assertThat(window.legacy().calls()).isZero();
    }

    @Test
    void callsTheOpenBreakerKeptFromModernAreLegacyCalls() {
        Route<SimulatedService> route = f.route("search", f.side("legacy", 0),
                f.side("modern", 1.0), Stage.CANARY, 100);
        HealthMonitor monitor = new HealthMonitor(route, f.clock, Duration.ofSeconds(60));
        monitor.sample();
        calls(route, 200);
        monitor.sample();

        HealthWindow window = monitor.window();
        assertThat(window.modernBreakerOpen()).isTrue();
        assertThat(window.legacy().calls()).as("refused by the breaker").isPositive();
        assertThat(window.modern().calls()).isEqualTo(window.modern().errors()).isLessThan(200);
        assertThat(window.modernRoutedShare()).isEqualTo(1.0);
    }
}
