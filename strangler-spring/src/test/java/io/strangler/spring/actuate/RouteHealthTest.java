package io.strangler.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.Route;
import io.strangler.api.Stage;
import io.strangler.api.resilience.CircuitBreakerState;
import io.strangler.core.rollout.RolloutController;
import io.strangler.test.SimulatedService;
import io.strangler.test.SimulatedSide;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The status decision and the details of the {@code strangler} health contributor, on both lines. */
class RouteHealthTest {

    private final ActuatorFixture f = new ActuatorFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void healthyRoutesAreUpWithTheirDetails() {
        f.route("checkout", Stage.CANARY);
        f.route("search", Stage.SHADOW);

        RouteHealth.Report report = new RouteHealth(f.router, null).check();

        assertThat(report.status()).isEqualTo(RouteHealth.UP);
        assertThat(report.degraded()).isFalse();
        assertThat(report.description()).isNull();
        assertThat(routes(report)).containsOnlyKeys("checkout", "search");
        assertThat(route(report, "checkout")).containsEntry("stage", "CANARY").containsEntry("percentage", 0.0)
                .containsEntry("enabled", true).containsEntry("breaker", "CLOSED")
                .containsEntry("openRollbacks", List.of()).containsEntry("rollout", null)
                .doesNotContainKey("unserved");
        assertThat(report.details()).containsEntry("openBreakers", List.of()).containsEntry("rolledBack", List.of())
                .containsEntry("unserved", Map.of());
    }

    @Test
    void aRollbackAndAnOpenBreakerWhileLegacyServesAreDetailsNotDown() {
        Route<SimulatedService> checkout = f.route("checkout", Stage.DUAL_WRITE);
        Route<SimulatedService> search = f.route("search", Stage.CANARY);
        search.setPercentage(50, "bob", "canary");
        RolloutController controller = f.controller("checkout");
        ActuatorFixture.second(f.clock, controller, checkout, 20);
        controller.abort("checkout", "alice", "p99 doubled");
        search.transitionCircuitBreaker(CircuitBreakerState.FORCED_OPEN);
        assertThat(ActuatorFixture.reads(search, 20)).as("legacy serves the keys modern would have").isZero();

        RouteHealth.Report report = new RouteHealth(f.router, controller).check();

        assertThat(report.status()).isEqualTo(RouteHealth.UP);
        assertThat(report.details()).containsEntry("openBreakers", List.of("search"))
                .containsEntry("rolledBack", List.of("checkout"));
        assertThat(route(report, "checkout")).containsEntry("rollout", "ABORTED")
                .containsEntry("openRollbacks", List.of(controller.rollbacks("checkout").get(0).id()));
        assertThat(route(report, "search")).containsEntry("breaker", "FORCED_OPEN").containsEntry("rollout", null);
    }

    @Test
    void aRetiredRouteWhoseBreakerIsOpenServesNothingAndIsDegraded() {
        Route<SimulatedService> retired = f.route("billing", Stage.RETIRED);
        retired.transitionCircuitBreaker(CircuitBreakerState.FORCED_OPEN);

        RouteHealth.Report report = new RouteHealth(f.router, null).check();

        assertThat(report.status()).isEqualTo(RouteHealth.DEGRADED);
        assertThat(report.degraded()).isTrue();
        assertThat(report.description()).isEqualTo("route 'billing': modern's circuit breaker is FORCED_OPEN and the "
                + "route is RETIRED: the calls routed to modern (100.0% of keys) fail");
        assertThat(route(report, "billing")).containsKey("unserved");
        assertThat(report.details().get("unserved")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsOnlyKeys("billing");
    }

    @Test
    void anOpenBreakerWithoutFallbackIsDegradedAndWithFallbackIsNot() {
        Route<SimulatedService> strict = f.route("strict", f.side("legacy"), f.side("modern"),
                s -> s.stage(Stage.CANARY).percentage(20).fallbackToLegacy(false));
        Route<SimulatedService> lenient = f.route("lenient", Stage.MODERN);
        strict.transitionCircuitBreaker(CircuitBreakerState.FORCED_OPEN);
        lenient.transitionCircuitBreaker(CircuitBreakerState.FORCED_OPEN);

        RouteHealth.Report report = new RouteHealth(f.router, null).check();

        assertThat(report.status()).isEqualTo(RouteHealth.DEGRADED);
        assertThat(report.description()).isEqualTo("route 'strict': modern's circuit breaker is FORCED_OPEN and the "
                + "route does not fall back to legacy: the calls routed to modern (20.0% of keys) fail");
        assertThat(route(report, "lenient")).doesNotContainKey("unserved");
    }

    @Test
    void aRouteWhoseEverySideFailsIsDegradedUntilItServesAgain() {
        SimulatedSide legacy = f.side("legacy").errorRate(1);
        Route<SimulatedService> broken = f.route("broken", legacy, f.side("modern"), s -> s.stage(Stage.LEGACY));
        RouteHealth health = new RouteHealth(f.router, null);
        assertThat(health.check().status()).as("nothing to compare with yet").isEqualTo(RouteHealth.UP);

        ActuatorFixture.reads(broken, 20);
        f.clock.advance(RouteHealth.WINDOW);
        RouteHealth.Report failing = health.check();

        assertThat(failing.status()).isEqualTo(RouteHealth.DEGRADED);
        assertThat(failing.description()).startsWith("route 'broken': every side fails: none of its 20 calls since "
                + "2026-01-05T09:00:00Z succeeded (legacy 20 errors, modern 0)");

        legacy.errorRate(0);
        ActuatorFixture.reads(broken, 20);
        f.clock.advance(RouteHealth.WINDOW);

        assertThat(health.check().status()).isEqualTo(RouteHealth.UP);
    }

    @Test
    void aBrokenModernThatLegacyCoversIsUp() {
        Route<SimulatedService> route = f.route("covered", f.side("legacy"), f.side("modern").errorRate(1),
                s -> s.stage(Stage.MODERN));
        RouteHealth health = new RouteHealth(f.router, null);
        health.check();

        assertThat(ActuatorFixture.reads(route, 30)).as("every read fell back to legacy").isZero();
        f.clock.advance(RouteHealth.WINDOW);

        assertThat(health.check().status()).isEqualTo(RouteHealth.UP);
    }

    @Test
    void tooFewFailedCallsSayNothing() {
        Route<SimulatedService> route = f.route("quiet", f.side("legacy").errorRate(1), f.side("modern"),
                s -> s.stage(Stage.LEGACY));
        RouteHealth health = new RouteHealth(f.router, null);
        health.check();

        ActuatorFixture.reads(route, (int) RouteHealth.MINIMUM_CALLS - 1);
        f.clock.advance(RouteHealth.WINDOW);

        assertThat(health.check().status()).isEqualTo(RouteHealth.UP);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> routes(RouteHealth.Report report) {
        return (Map<String, Object>) report.details().get("routes");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> route(RouteHealth.Report report, String name) {
        return (Map<String, Object>) routes(report).get(name);
    }
}
