package com.example.cv;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.Side;
import io.strangler.api.Stage;
import io.strangler.core.Strangler;
import io.strangler.test.VirtualTime;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The README's 30-second example, compiled and run against Strangler as a user's project resolves it: with
 * strangler-bom imported and no other help to make the dependency tree converge.
 */
class ReadmeExampleTest {

    private static final String CV = "Ten years of JavaScript and SQL";

    @Test
    void theThirtySecondExampleRoutesMovesAndRollsBack() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        MeterRegistry meterRegistry = new SimpleMeterRegistry();
        try (MigrationRouter router = Strangler.router()
                .meterRegistry(meterRegistry)
                .build()) {
            Route<CvAnalyzer> route = router.register(RouteDefinition.builder("cv-analyzer", CvAnalyzer.class)
                    .legacy(new KeywordCvAnalyzer())
                    .modern(new TokenCvAnalyzer())
                    .initialState(s -> s.stage(Stage.CANARY).percentage(10))
                    .build());

            CvAnalyzer analyzer = route.proxy();
            Analysis a = analyzer.analyze("user-42", CV);
            Analysis b = route.read("user-42", impl -> impl.analyze("user-42", CV));

            String expectedEngine = route.decide("user-42") == Side.MODERN ? "token" : "keyword";
            assertThat(a.engine()).isEqualTo(expectedEngine);
            assertThat(b).isEqualTo(a);
            Set<String> modernAtTen = modernUsers(route);
            assertThat(modernAtTen).hasSizeBetween(50, 150);

            RouteState moved = route.setPercentage(25, "alice", "10% healthy for a day");
            assertThat(moved.percentage()).isEqualTo(25.0);
            assertThat(modernUsers(route)).containsAll(modernAtTen).hasSizeBetween(200, 300);

            RouteState rolledBack = route.rollback("bob", "error rate up");
            assertThat(rolledBack.percentage()).isZero();
            assertThat(modernUsers(route)).isEmpty();
            assertThat(analyzer.analyze("user-42", CV).engine()).isEqualTo("keyword");

            assertThat(meterRegistry.find("strangler.calls").meters()).isNotEmpty();
        }
        // What exec:java and application servers wait for: a closed router leaves no thread of its own behind.
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> !before.contains(t) && t.isAlive())
                .as("threads started by the example and alive once the router is closed").isEmpty();
    }

    @Test
    void resilience4jsOwnBreakerMetricsBindOnTheTestKitsVirtualTime() {
        VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
        MeterRegistry meterRegistry = new SimpleMeterRegistry();
        try (MigrationRouter router = Strangler.router()
                .clock(time)
                .ticker(time::nanoTime)
                .meterRegistry(meterRegistry)
                .resilience4jEventMetrics(true)
                .build()) {
            Route<CvAnalyzer> route = router.register(RouteDefinition.builder("cv-analyzer", CvAnalyzer.class)
                    .legacy(new KeywordCvAnalyzer())
                    .modern(new TokenCvAnalyzer())
                    .initialState(s -> s.stage(Stage.MODERN))
                    .build());

            assertThat(route.proxy().analyze("user-42", CV).skills()).containsExactlyInAnyOrder("sql");

            assertThat(meterRegistry.find("resilience4j.circuitbreaker.calls").tag("name", "cv-analyzer").meters())
                    .isNotEmpty();
        }
    }

    private static Set<String> modernUsers(Route<CvAnalyzer> route) {
        return IntStream.range(0, 1_000)
                .mapToObj(i -> "user-" + i)
                .filter(user -> route.decide(user) == Side.MODERN)
                .collect(Collectors.toSet());
    }
}
