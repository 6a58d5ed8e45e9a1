package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.api.Side;
import io.strangler.core.RouteStateTestSupport.Service;
import io.strangler.core.RouteStateTestSupport.FakeSide;
import io.strangler.core.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bucketing as routes use it: a percentage that moves up and down moves only the keys at the cut, and routes
 * sharing a cohort move the same users together (an orchestrator and the analyzer it calls), while routes with
 * their own cohorts pick users independently.
 */
class BucketingCohortRouteTest {

    private static final List<String> KEYS = IntStream.range(0, 20_000).mapToObj(i -> "candidate-" + i).toList();

    private final MigrationRouter router = Strangler.router().clock(MutableClock.startingAt("2026-11-21T10:00:00Z"))
            .refreshInterval(Duration.ZERO).build();

    @AfterEach
    void close() {
        router.close();
    }

    private Route<Service> route(String name, UnaryOperator<RouteState.Builder> initial) {
        return router.register(RouteDefinition.builder(name, Service.class).legacy(new FakeSide("legacy"))
                .modern(new FakeSide("modern")).initialState(initial).build());
    }

    private static Set<String> modernKeys(Route<Service> route) {
        return KEYS.stream().filter(k -> route.read(k, s -> s.serve(k)).equals("modern")).collect(Collectors.toSet());
    }

    @Test
    void raisingThePercentageOnlyAddsKeysAndLoweringItBringsTheSameKeysBack() {
        Route<Service> route = route("cv-analyzer", s -> s.stage(Stage.CANARY).percentage(10));
        Set<String> at10 = modernKeys(route);
        route.setPercentage(25, "alice", "step 2");
        Set<String> at25 = modernKeys(route);
        route.setPercentage(5, "alice", "too fast");
        Set<String> at5 = modernKeys(route);
        route.setPercentage(10, "alice", "again");
        Set<String> at10Again = modernKeys(route);
        route.setPercentage(25, "alice", "again");
        Set<String> at25Again = modernKeys(route);

        assertThat(at25).containsAll(at10).hasSizeGreaterThan(at10.size());
        assertThat(at10).containsAll(at5).hasSizeGreaterThan(at5.size());
        assertThat(at10Again).isEqualTo(at10);
        assertThat(at25Again).isEqualTo(at25);
        assertThat(at10.size()).isBetween(1_800, 2_200);
    }

    @Test
    void aDependentRouteSharingTheCohortServesModernOnlyToTheDependencysModernUsers() {
        Route<Service> orchestrator = route("orchestrator", s -> s.stage(Stage.CANARY).percentage(50)
                .cohort("hiring"));
        Route<Service> analyzer = route("cv-analyzer", s -> s.stage(Stage.CANARY).percentage(20).cohort("hiring"));
        Set<String> dependency = modernKeys(orchestrator);
        Set<String> dependent = modernKeys(analyzer);
        assertThat(dependency).containsAll(dependent);
        assertThat(dependent.size()).isBetween(3_600, 4_400);

        // At equal percentage they serve exactly the same users.
        analyzer.setPercentage(50, "alice", "catch up");
        assertThat(modernKeys(analyzer)).isEqualTo(dependency);
        for (String k : KEYS.subList(0, 500)) {
            assertThat(analyzer.decide(k)).isEqualTo(orchestrator.decide(k));
        }
    }

    @Test
    void routesWithTheirOwnCohortsAreNotNested() {
        // Without a shared cohort the routes pick independent users: the analyzer's modern users are not a subset
        // of the orchestrator's, and the overlap is about the product of the shares (0.5 * 0.2 = 10 %).
        Route<Service> orchestrator = route("orchestrator", s -> s.stage(Stage.CANARY).percentage(50));
        Route<Service> analyzer = route("cv-analyzer", s -> s.stage(Stage.CANARY).percentage(20));
        Set<String> dependency = modernKeys(orchestrator);
        Set<String> dependent = modernKeys(analyzer);
        long both = dependent.stream().filter(dependency::contains).count();
        double expected = (double) dependency.size() * dependent.size() / KEYS.size();
        double p = expected / KEYS.size();
        double sd = Math.sqrt(KEYS.size() * p * (1 - p));
        assertThat((double) both).isCloseTo(expected, org.assertj.core.data.Offset.offset(5 * sd));
        assertThat(dependent).isNotEqualTo(dependency);
        assertThat(KEYS.stream().filter(k -> analyzer.decide(k) == Side.MODERN
                && orchestrator.decide(k) == Side.LEGACY).count()).isGreaterThan(1_000);
    }
}
