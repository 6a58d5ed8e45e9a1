package io.strangler.spring.actuate;

import io.strangler.api.MigrationRouter;
import io.strangler.core.rollout.RolloutController;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code strangler} health contributor ({@link StranglerHealthIndicator}) on Spring Boot 4: when its health types
 * are on the classpath, the application has a {@link MigrationRouter}, and {@code management.health.strangler.enabled}
 * is not {@code false}. It uses the rollout controller when there is one. {@code strangler-spring-boot3} has a class of
 * the same name for the other line, so that the one shared {@code AutoConfiguration.imports} serves both.
 */
@AutoConfiguration(afterName = "io.strangler.spring.StranglerAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(MigrationRouter.class)
@ConditionalOnEnabledHealthIndicator("strangler")
public class StranglerHealthAutoConfiguration {

    /** Creates the auto-configuration; Spring Boot does. */
    public StranglerHealthAutoConfiguration() {
    }

    /**
     * The health indicator, contributed as {@code strangler}: its bean name less {@code HealthIndicator}.
     *
     * @param router the application's router
     * @param controller the rollout controller, if rollouts are configured
     * @return the indicator over the router's routes
     */
    @Bean
    @ConditionalOnMissingBean(name = {"stranglerHealthIndicator", "stranglerHealthContributor"})
    public StranglerHealthIndicator stranglerHealthIndicator(MigrationRouter router,
            ObjectProvider<RolloutController> controller) {
        return new StranglerHealthIndicator(new RouteHealth(router, controller.getIfAvailable()));
    }
}
