package io.strangler.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Stage;
import io.strangler.core.Strangler;
import io.strangler.core.rollout.RolloutController;
import io.strangler.test.SimulatedSide;
import io.strangler.test.VirtualTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When the endpoint and the health indicator are there. {@link StranglerHealthAutoConfiguration} and
 * {@link StranglerHealthIndicator} are each line's own class of that name: this one test runs against both.
 */
class StranglerActuatorAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(StranglerEndpointAutoConfiguration.class, StranglerHealthAutoConfiguration.class));

    @Test
    void theEndpointIsThereWithARouterWhenExposed() {
        runner.withUserConfiguration(RouterConfiguration.class)
                .withPropertyValues("management.endpoints.web.exposure.include=strangler")
                .run(context -> {
                    assertThat(context).hasSingleBean(StranglerEndpoint.class);
                    assertThat(context.getBean(StranglerEndpoint.class).routes().routes()).containsOnlyKeys("checkout");
                    assertThat(context.getBean(StranglerEndpoint.class).routes().routes().get("checkout").rollout())
                            .as("no controller").isNull();
                });
    }

    @Test
    void theEndpointUsesTheControllerWhenThereIsOne() {
        runner.withUserConfiguration(RouterConfiguration.class, ControllerConfiguration.class)
                .withPropertyValues("management.endpoints.web.exposure.include=strangler")
                .run(context -> assertThat(context.getBean(StranglerEndpoint.class).routes().routes().get("checkout")
                        .rollout().phase()).isEqualTo("NOT_STARTED"));
    }

    @Test
    void noEndpointWithoutARouter() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=strangler")
                .run(context -> assertThat(context).doesNotHaveBean(StranglerEndpoint.class));
    }

    @Test
    void noEndpointWhenItIsNotExposed() {
        runner.withUserConfiguration(RouterConfiguration.class)
                .run(context -> assertThat(context).doesNotHaveBean(StranglerEndpoint.class));
    }

    @Test
    void noEndpointWhenItsAccessIsNone() {
        runner.withUserConfiguration(RouterConfiguration.class)
                .withPropertyValues("management.endpoints.web.exposure.include=strangler",
                        "management.endpoint.strangler.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(StranglerEndpoint.class));
    }

    @Test
    void anEndpointOfTheApplicationsOwnWins() {
        runner.withUserConfiguration(RouterConfiguration.class, OwnEndpointConfiguration.class)
                .withPropertyValues("management.endpoints.web.exposure.include=strangler")
                .run(context -> assertThat(context).getBean(StranglerEndpoint.class)
                        .isSameAs(context.getBean("myEndpoint")));
    }

    @Test
    void theHealthIndicatorIsThereWithARouterAndReportsTheRoutes() {
        runner.withUserConfiguration(RouterConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(StranglerHealthIndicator.class).hasBean("stranglerHealthIndicator");
            var health = context.getBean(StranglerHealthIndicator.class).health();
            assertThat(health.getStatus().getCode()).isEqualTo("UP");
            assertThat(health.getDetails()).containsKeys("routes", "openBreakers", "rolledBack", "unserved");
            @SuppressWarnings("unchecked")
            Map<String, Object> routes = (Map<String, Object>) health.getDetails().get("routes");
            assertThat(routes).containsOnlyKeys("checkout");
        });
    }

    @Test
    void aDegradedRouteIsACustomStatusWithADescription() {
        runner.withUserConfiguration(RouterConfiguration.class).run(context -> {
            var route = context.getBean(MigrationRouter.class).route("checkout");
            route.setStage(Stage.RETIRED, "alice", "done");
            route.transitionCircuitBreaker(io.strangler.api.resilience.CircuitBreakerState.FORCED_OPEN);

            var health = context.getBean(StranglerHealthIndicator.class).health();

            assertThat(health.getStatus().getCode()).isEqualTo(RouteHealth.DEGRADED);
            assertThat(health.getStatus().getDescription()).startsWith("route 'checkout': modern's circuit breaker");
        });
    }

    @Test
    void noHealthIndicatorWhenDisabled() {
        runner.withUserConfiguration(RouterConfiguration.class)
                .withPropertyValues("management.health.strangler.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(StranglerHealthIndicator.class));
    }

    @Test
    void noHealthIndicatorWhenHealthIndicatorsAreOffByDefault() {
        runner.withUserConfiguration(RouterConfiguration.class)
                .withPropertyValues("management.health.defaults.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(StranglerHealthIndicator.class));
    }

    @Test
    void noHealthIndicatorWithoutARouter() {
        runner.run(context -> assertThat(context).doesNotHaveBean(StranglerHealthIndicator.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class RouterConfiguration {

        @Bean
        VirtualTime stranglerTestClock() {
            return VirtualTime.startingAt(Instant.parse("2026-01-05T09:00:00Z"));
        }

        @Bean(destroyMethod = "close")
        MigrationRouter migrationRouter(VirtualTime clock) {
            MigrationRouter router = ActuatorFixture.router(clock);
            ActuatorFixture.register(router, "checkout", new SimulatedSide("legacy", clock, 1),
                    new SimulatedSide("modern", clock, 2), s -> s.stage(Stage.DUAL_WRITE));
            return router;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ControllerConfiguration {

        @Bean(destroyMethod = "close")
        RolloutController rolloutController(MigrationRouter router, VirtualTime clock) {
            return Strangler.controller(router).clock(clock).plan("checkout", ActuatorFixture.PLAN).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnEndpointConfiguration {

        @Bean
        StranglerEndpoint myEndpoint(MigrationRouter router) {
            return new StranglerEndpoint(router, null);
        }
    }
}
