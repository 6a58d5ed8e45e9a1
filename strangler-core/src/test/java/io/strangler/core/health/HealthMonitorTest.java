package io.strangler.core.health;

import io.strangler.core.testing.ControllerFixture;

import io.strangler.test.SimulatedService;
import io.strangler.test.SimulatedSide;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.Route;
import io.strangler.api.Stage;
import io.strangler.core.Strangler;
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
        // the breaker that opened lets modern be tried after 30 s; then a full window of healthy calls
        for (int second = 0; second < 120; second++) {
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
    void callsTheOpenBreakerKeptFromModernAreModernFailures() {
        Route<SimulatedService> route = f.route("search", f.side("legacy", 0),
                f.side("modern", 1.0), Stage.CANARY, 100);
        HealthMonitor monitor = new HealthMonitor(route, f.clock, Duration.ofSeconds(60));
        monitor.sample();
        calls(route, 200);
        monitor.sample();

        HealthWindow window = monitor.window();
        assertThat(window.modernBreakerOpen()).isTrue();
        assertThat(route.stats().modern().shortCircuited()).as("refused by the breaker").isPositive();
        assertThat(window.modern().calls()).as("every call routed to modern").isEqualTo(200);
        assertThat(window.modern().errors()).as("legacy answered them all").isEqualTo(200);
        assertThat(window.legacy().calls()).as("legacy served none of its own").isZero();
        assertThat(window.modernRoutedShare()).isEqualTo(1.0);
    }

    @Test
    void errorsOfFallbacksLegacyAnsweredForModernAreNotLegacysOwn() {
        // legacy fails a third of its calls; modern fails all, so every call routed to it falls back to legacy
        io.strangler.test.SimulatedSide legacy = f.side("legacy", 1.0 / 3);
        Route<SimulatedService> route = f.route("search", legacy, f.side("modern", 1.0), Stage.CANARY, 50);
        route.update("test", "no breaker in the way", b -> b.fallbackToLegacy(true));
        HealthMonitor monitor = new HealthMonitor(route, f.clock, Duration.ofSeconds(60));
        monitor.sample();
        calls(route, 300);
        monitor.sample();

        io.strangler.api.RouteStats stats = route.stats();
        assertThat(stats.modern().fallbackFailures()).as("fallbacks legacy failed").isPositive();
        HealthWindow window = monitor.window();
        assertThat(window.legacy().errors()).as("legacy's own errors")
                .isEqualTo(stats.legacy().errors() - stats.modern().fallbackFailures());
        assertThat(window.legacy().calls()).isEqualTo(stats.legacy().calls() - stats.modern().fallbacks());
    }

    @Test
    void anAsynchronousFallbackLegacyFailsCountsTheSame() throws Exception {
        Route<SimulatedService> route = f.route("search", f.side("legacy", 1.0), f.side("modern", 1.0),
                Stage.CANARY, 100);
        for (int i = 0; i < 10; i++) {
            String key = "user-" + i;
            try {
                route.readAsync(key, s -> java.util.concurrent.CompletableFuture.supplyAsync(() -> s.get(key),
                        Runnable::run)).toCompletableFuture().join();
            } catch (java.util.concurrent.CompletionException expected) {
                // legacy failed the fallback: the caller sees legacy's exception
            }
        }

        assertThat(route.stats().modern().fallbackFailures()).isEqualTo(route.stats().modern().fallbacks())
                .isPositive();
    }

    @Test
    void shadowedRequestsGiveThePairedErrorsOfTheWindow() {
        SimulatedService legacy = key -> {
            if (key.startsWith("bad")) {
                throw new IllegalArgumentException("bad request " + key);
            }
            return "answer";
        };
        SimulatedService modern = key -> {
            if (key.startsWith("bad") || key.startsWith("new-bug")) {
                throw new IllegalArgumentException("bad request " + key);
            }
            return "answer";
        };
        try (io.strangler.api.MigrationRouter router = Strangler.router().clock(f.clock).ticker(f.clock::nanoTime)
                .shadowExecutor(new io.strangler.core.testing.InlineExecutor()).refreshInterval(Duration.ZERO)
                .build()) {
            Route<SimulatedService> route = router.register(io.strangler.api.RouteDefinition
                    .builder("pairs", SimulatedService.class).legacy(legacy).modern(modern)
                    .initialState(st -> st.stage(Stage.SHADOW).shadowSample(100)).build());
            HealthMonitor monitor = new HealthMonitor(route, f.clock, Duration.ofSeconds(60));
            monitor.sample();
            for (String key : java.util.List.of("bad-1", "bad-2", "new-bug-1", "ok-1", "ok-2", "new-bug-2")) {
                try {
                    route.read(key, s -> s.get(key));
                } catch (IllegalArgumentException expected) {
                    // legacy's own failure reaches the caller
                }
            }
            f.clock.advance(Duration.ofSeconds(1));
            monitor.sample();

            HealthWindow window = monitor.window();
            assertThat(window.shadowComparisons()).isEqualTo(6);
            assertThat(window.pairedModernOnlyErrors()).as("new-bug-1, new-bug-2").isEqualTo(2);
            assertThat(window.pairedLegacyOnlyErrors()).isZero();
        }
    }

    @Test
    void aRouteThatNeverServedLegacyAloneGetsTheLegacyWindowWithTheMostTimedCallsAsItsBaseline() {
        Route<SimulatedService> route = f.route("search", f.side("legacy", 0), f.side("modern", 0), Stage.CANARY, 10);
        HealthMonitor monitor = new HealthMonitor(route, f.clock, Duration.ofSeconds(60));
        monitor.sample();
        assertThat(monitor.baseline()).isEmpty();
        for (int second = 0; second < 60; second++) {
            calls(route, 100);
            monitor.sample();
        }
        assertThat(monitor.baseline()).hasValueSatisfying(b -> {
            assertThat(b.timedCalls()).isGreaterThanOrEqualTo(30);
            assertThat(b.p95Nanos()).isGreaterThanOrEqualTo(ControllerFixture.LATENCY_NANOS);
        });

        route.setPercentage(100, "alice", "full");
        for (int second = 0; second < 61; second++) {
            calls(route, 100);
            monitor.sample();
        }
        HealthWindow atFull = monitor.window();
        assertThat(atFull.legacy().timedCalls()).isZero();
        assertThat(atFull.legacyBaseline()).as("the latency trigger still has a reference at 100 %").isPresent();
    }
}
