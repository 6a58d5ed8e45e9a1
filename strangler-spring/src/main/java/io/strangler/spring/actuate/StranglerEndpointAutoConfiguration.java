package io.strangler.spring.actuate;

import io.strangler.api.MigrationRouter;
import io.strangler.core.rollout.RolloutController;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code strangler} Actuator endpoint ({@link StranglerEndpoint}), when Actuator is on the classpath, the
 * application has a {@link MigrationRouter}, and the endpoint is available: its access is not {@code none} and it is
 * exposed, e.g. {@code management.endpoints.web.exposure.include=health,strangler}. The rollout controller is used
 * when there is one. One source for Spring Boot 4 and 3.5: the endpoint types did not move between them.
 */
@AutoConfiguration(afterName = "io.strangler.spring.StranglerAutoConfiguration")
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(MigrationRouter.class)
@ConditionalOnAvailableEndpoint(StranglerEndpoint.class)
public class StranglerEndpointAutoConfiguration {

    /** Creates the auto-configuration; Spring Boot does. */
    public StranglerEndpointAutoConfiguration() {
    }

    /**
     * The endpoint.
     *
     * @param router the application's router
     * @param controller the rollout controller, if rollouts are configured
     * @return the endpoint over the router's routes
     */
    @Bean
    @ConditionalOnMissingBean
    public StranglerEndpoint stranglerEndpoint(MigrationRouter router, ObjectProvider<RolloutController> controller) {
        return new StranglerEndpoint(router, controller.getIfAvailable());
    }
}
