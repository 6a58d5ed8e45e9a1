package io.strangler.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteStats;
import io.strangler.api.Side;
import io.strangler.core.Strangler;
import io.strangler.test.SimulatedService;
import io.strangler.test.SimulatedSide;
import io.strangler.test.VirtualTime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Application measures recorded on a route: per side, in its stats, checked like input, bounded. */
class MeasuresTest {

    private static Route<SimulatedService> route(io.strangler.api.MigrationRouter router) {
        VirtualTime clock = VirtualTime.startingAt(java.time.Instant.EPOCH);
        return router.register(RouteDefinition.builder("checkout", SimulatedService.class)
                .legacy(new SimulatedSide("legacy", clock, 1)).modern(new SimulatedSide("modern", clock, 2))
                .build());
    }

    @Test
    void valuesArriveInTheStatsPerSideAndSubtractIntoAnInterval() {
        try (var router = Strangler.router().build()) {
            Route<SimulatedService> route = route(router);
            route.record("cost", Side.LEGACY, 2);
            RouteStats before = route.stats();
            route.record("cost", Side.MODERN, 3);
            route.record("cost", Side.MODERN, 5);
            route.recordOutcome("paid", Side.MODERN, true);
            route.recordOutcome("paid", Side.MODERN, false);

            RouteStats interval = route.stats().minus(before);

            assertThat(before.measure("cost").legacy()).isEqualTo(new RouteStats.Moments(1, 2, 4));
            assertThat(interval.measure("cost").modern()).isEqualTo(new RouteStats.Moments(2, 8, 34));
            assertThat(interval.measure("cost").modern().mean()).isEqualTo(4);
            assertThat(interval.measure("cost").modern().variance()).isEqualTo(2);
            assertThat(interval.measure("cost").legacy().count()).isZero();
            assertThat(interval.measure("paid").modern().mean()).isEqualTo(0.5);
            assertThat(interval.measures().keySet()).containsExactly("cost", "paid");
        }
    }

    @Test
    void badValuesAndNamesAreRefusedNamingThem() {
        try (var router = Strangler.router().build()) {
            Route<SimulatedService> route = route(router);
            assertThatThrownBy(() -> route.record("cost", Side.MODERN, Double.NaN))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("measure 'cost' of route 'checkout': value must be finite, was NaN");
            assertThatThrownBy(() -> route.record("cost per call", Side.MODERN, 1))
                    .hasMessage("measure must be 1 to 64 letters, digits, '.', '_' or '-', was 'cost per call'");
            assertThatThrownBy(() -> route.record("cost", null, 1)).isInstanceOf(NullPointerException.class)
                    .hasMessage("side");
            for (int i = 0; i < Measures.LIMIT; i++) {
                route.record("m" + i, Side.LEGACY, 1);
            }
            assertThatThrownBy(() -> route.record("one-more", Side.LEGACY, 1))
                    .hasMessageContaining("route 'checkout' holds 64 measures already")
                    .hasMessageContaining("measure 'one-more' is one too many");
            route.record("m0", Side.LEGACY, 1);
            assertThat(route.stats().measure("m0").legacy().count()).isEqualTo(2);
        }
    }

    @Test
    void concurrentRecordsAreAllCountedWithTheirSums() throws InterruptedException {
        try (var router = Strangler.router().build()) {
            Route<SimulatedService> route = route(router);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch start = new CountDownLatch(1);
            for (int t = 0; t < 4; t++) {
                pool.execute(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    for (int i = 0; i < 25_000; i++) {
                        route.recordOutcome("paid", Side.MODERN, true);
                    }
                });
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(route.stats().measure("paid").modern()).isEqualTo(new RouteStats.Moments(100_000, 100_000,
                    100_000));
        }
    }
}
