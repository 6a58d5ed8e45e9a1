package io.strangler.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteGraphTest {

    /**
     * checkout → pricing, stock; pricing → catalog; stock → catalog; search → catalog; reports alone.
     * (a → b: a depends on b)
     */
    private final RouteGraph shop = RouteGraph.of(
            Map.of("checkout", Set.of("pricing", "stock"),
                    "pricing", Set.of("catalog"),
                    "stock", Set.of("catalog"),
                    "search", Set.of("catalog"),
                    "catalog", Set.of(),
                    "reports", Set.of()),
            Map.of("catalog", "phase-1", "search", "phase-1", "pricing", "phase-2", "stock", "phase-2",
                    "checkout", "phase-3"));

    @Test
    void knowsDirectDependenciesAndDependents() {
        assertThat(shop.routes()).containsExactly("catalog", "checkout", "pricing", "reports", "search", "stock");
        assertThat(shop.dependencies("checkout")).containsExactly("pricing", "stock");
        assertThat(shop.dependencies("catalog")).isEmpty();
        assertThat(shop.dependents("catalog")).containsExactly("pricing", "search", "stock");
    }

    @Test
    void rollsBackEveryDependentFirst() {
        List<String> order = shop.rollbackOrder("catalog");
        assertThat(order).containsExactly("checkout", "pricing", "search", "stock", "catalog");
    }

    @Test
    void rollingBackALeafRollsBackOnlyItself() {
        assertThat(shop.rollbackOrder("checkout")).containsExactly("checkout");
        assertThat(shop.rollbackOrder("reports")).containsExactly("reports");
    }

    @Test
    void rollbackOrderOfAMiddleRouteLeavesItsOwnDependenciesAlone() {
        assertThat(shop.rollbackOrder("stock")).containsExactly("checkout", "stock");
    }

    @Test
    void rollsBackAWholePhaseWithItsDependents() {
        assertThat(shop.rollbackOrder(shop.routesInPhase("phase-2"))).containsExactly("checkout", "pricing", "stock");
        assertThat(shop.rollbackOrder(shop.routes()))
                .containsExactly("checkout", "pricing", "reports", "search", "stock", "catalog");
    }

    @Test
    void everyRouteComesBeforeItsDependenciesInAnyRollbackOrder() {
        List<String> order = shop.rollbackOrder(shop.routes());
        for (String route : order) {
            for (String dependency : shop.dependencies(route)) {
                assertThat(order.indexOf(route)).as("%s before %s", route, dependency)
                        .isLessThan(order.indexOf(dependency));
            }
        }
    }

    @Test
    void groupsRoutesByPhase() {
        assertThat(shop.routesInPhase("phase-1")).containsExactly("catalog", "search");
        assertThat(shop.routesInPhase("phase-9")).isEmpty();
        assertThat(shop.phase("checkout")).contains("phase-3");
        assertThat(shop.phase("reports")).isEmpty();
    }

    @Test
    void rejectsADependencyOnAnUnknownRouteNamingBoth() {
        assertThatThrownBy(() -> RouteGraph.of(Map.of("checkout", Set.of("payments"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("route 'checkout' depends on unknown route 'payments'");
    }

    @Test
    void rejectsACycleNamingIt() {
        Map<String, Set<String>> dependsOn = new LinkedHashMap<>();
        dependsOn.put("c", Set.of("a"));
        dependsOn.put("a", Set.of("b"));
        dependsOn.put("b", Set.of("c"));
        dependsOn.put("d", Set.of("a"));
        assertThatThrownBy(() -> RouteGraph.of(dependsOn))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("routes depend on each other in a cycle: a -> b -> c -> a");
    }

    @Test
    void rejectsACycleReachedFromOutside() {
        assertThatThrownBy(() -> RouteGraph.of(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("b"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("routes depend on each other in a cycle: b -> c -> b");
    }

    @Test
    void rejectsARouteThatDependsOnItself() {
        assertThatThrownBy(() -> RouteGraph.of(Map.of("a", Set.of("a"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("routes depend on each other in a cycle: a -> a");
    }

    @Test
    void rejectsAPhaseOfAnUnknownRoute() {
        assertThatThrownBy(() -> RouteGraph.of(Map.of("a", Set.of()), Map.of("b", "phase-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("phase 'phase-1' names unknown route 'b'");
    }

    @Test
    void rejectsQuestionsAboutAnUnknownRoute() {
        assertThatThrownBy(() -> shop.rollbackOrder("payments"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown route 'payments'");
        assertThatThrownBy(() -> shop.dependencies("payments"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown route 'payments'");
    }

    @Test
    void anEmptyGraphHasNoRoutes() {
        assertThat(RouteGraph.of(Map.of()).routes()).isEmpty();
        assertThat(RouteGraph.of(Map.of()).rollbackOrder(List.of())).isEmpty();
    }
}
