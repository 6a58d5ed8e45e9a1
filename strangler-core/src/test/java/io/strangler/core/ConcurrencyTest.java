package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.resilience.CircuitBreakerSettings;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteStats;
import io.strangler.api.Stage;
import io.strangler.api.Side;
import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import io.strangler.core.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Routing threads and a thread changing the state at the same time; bounded loops joined with latches. */
class ConcurrencyTest {

    interface Profiles {
        @Read
        String profile(@RoutingKey String user);
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MigrationRouter router = Strangler.router()
            .clock(MutableClock.startingAt("2030-01-01T00:00:00Z"))
            .refreshInterval(Duration.ZERO)
            .meterRegistry(registry)
            .build();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        router.close();
    }

    private Route<Profiles> route(Profiles modern) {
        return router.register(RouteDefinition.builder("profiles", Profiles.class)
                .legacy(user -> "legacy " + user)
                .modern(modern)
                .initialState(s -> s.shadowSample(0).stage(Stage.CANARY).percentage(0))
                .build());
    }

    private static <T> List<T> joinAll(List<Future<T>> futures) throws Exception {
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS)); // rethrows any failure of a worker
        }
        return results;
    }

    @Test
    void routingWhileTheStateChangesNeverFailsAndEndsOnLegacyAfterRollback() throws Exception {
        // Modern fails for one key in ten, so fallbacks happen under contention too.
        Route<Profiles> route = route(user -> {
            if (user.endsWith("7")) {
                throw new IllegalStateException("modern can't read " + user);
            }
            return "modern " + user;
        });
        int minimumCallsPerThread = 20_000;
        int changes = 400;
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean changesDone = new AtomicBoolean();

        Callable<long[]> reader = () -> {
            start.await();
            long legacyAnswers = 0;
            long modernAnswers = 0;
            for (int i = 0; i < minimumCallsPerThread || !changesDone.get(); i++) {
                String user = "user-" + (i % 1000);
                String answer = route.read(user, p -> p.profile(user));
                if (answer.equals("legacy " + user)) {
                    legacyAnswers++;
                } else if (answer.equals("modern " + user)) {
                    modernAnswers++;
                } else {
                    throw new AssertionError("unexpected answer '" + answer + "' for " + user);
                }
            }
            return new long[] {legacyAnswers, modernAnswers};
        };
        Callable<long[]> changer = () -> {
            start.await();
            try {
                for (int step = 0; step < changes; step++) {
                    int j = step;
                    switch (j % 5) {
                        case 0 -> route.setPercentage((j * 7) % 101, "chaos", "percentage");
                        case 1 -> route.setStage(Stage.MODERN, "chaos", "all in");
                        case 2 -> route.update("chaos", "canary", s -> s.stage(Stage.CANARY).percentage(j % 100));
                        case 3 -> route.setEnabled(j % 2 == 0, "chaos", "kill switch");
                        default -> route.rollback("chaos", "roll back mid-way");
                    }
                }
                route.update("chaos", "end on modern", s -> s.stage(Stage.MODERN).enabled(true));
                route.rollback("chaos", "final rollback");
            } finally {
                changesDone.set(true);
            }
            return new long[0];
        };

        List<Future<long[]>> readers = List.of(pool.submit(reader), pool.submit(reader));
        Future<long[]> stateChanges = pool.submit(changer);
        start.countDown();
        joinAll(List.of(stateChanges));
        List<long[]> counts = joinAll(readers);

        long reads = counts.stream().mapToLong(c -> c[0] + c[1]).sum();
        assertThat(reads).isGreaterThanOrEqualTo(2L * minimumCallsPerThread);
        // Rolled back: LEGACY, or DUAL_WRITE when the route was dual-writing; legacy serves everything either way.
        assertThat(route.state().stage()).isIn(Stage.LEGACY, Stage.DUAL_WRITE);
        assertThat(route.state().percentageBasisPoints()).isZero();
        assertThat(IntStream.range(0, 5000).mapToObj(i -> route.decide("user-" + i)))
                .containsOnly(Side.LEGACY);
        String after = route.read("user-1", p -> p.profile("user-1"));
        assertThat(after).isEqualTo("legacy user-1");
        // Every read is counted exactly once as served: by legacy (directly or after a fallback) or by modern.
        RouteStats stats = route.stats();
        assertThat(stats.legacy().successes() + stats.modern().successes()).isEqualTo(reads + 1);
        assertThat(stats.legacy().errors() + stats.modern().errors()).isZero();
    }

    @Test
    void callsUnderContentionAreAllCounted() throws Exception {
        Route<Profiles> route = route(user -> "modern " + user);
        route.setStage(Stage.MODERN, "test", "all in");
        int threads = 4;
        int callsPerThread = 10_000;
        CountDownLatch start = new CountDownLatch(1);

        List<Future<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < callsPerThread; i++) {
                    String user = "u" + i;
                    route.read(user, p -> p.profile(user));
                }
                return callsPerThread;
            }));
        }
        start.countDown();
        joinAll(workers);

        assertThat(route.stats().modern().successes()).isEqualTo((long) threads * callsPerThread);
        assertThat(registry.get("strangler.calls").tags("route", "profiles", "target", "modern", "kind", "read",
                "outcome", "success").functionTimer().count()).isEqualTo(threads * callsPerThread);
    }

    @Test
    void failingModernUnderContentionNeverReachesTheCallers() throws Exception {
        Route<Profiles> route = router.register(RouteDefinition.builder("profiles", Profiles.class)
                .legacy(user -> "legacy " + user)
                .modern(user -> {
                    throw new IllegalStateException("modern down");
                })
                .circuitBreaker(CircuitBreakerSettings.custom().slidingWindowSize(20).minimumNumberOfCalls(10)
                        .build())
                .initialState(s -> s.shadowSample(0).stage(Stage.MODERN))
                .build());
        CountDownLatch start = new CountDownLatch(1);

        List<Future<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            workers.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 5_000; i++) {
                    String user = "u" + i;
                    String answer = route.read(user, p -> p.profile(user));
                    if (!answer.equals("legacy " + user)) {
                        throw new AssertionError(answer);
                    }
                }
                return 0;
            }));
        }
        start.countDown();
        joinAll(workers);

        assertThat(route.stats().modern().fallbacks()).isEqualTo(20_000);
        assertThat(route.stats().legacy().successes()).isEqualTo(20_000);
    }

    @Test
    void proxyRequestedFromManyThreadsAtOnceIsOneInstance() throws Exception {
        Route<Profiles> route = route(user -> "modern " + user);
        CountDownLatch start = new CountDownLatch(1);

        List<Future<Profiles>> requests = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            requests.add(pool.submit(() -> {
                start.await();
                return route.proxy();
            }));
        }
        start.countDown();
        List<Profiles> proxies = joinAll(requests);

        assertThat(proxies).allSatisfy(p -> assertThat(p).isSameAs(proxies.get(0)));
    }
}
