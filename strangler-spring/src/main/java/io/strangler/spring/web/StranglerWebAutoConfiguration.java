package io.strangler.spring.web;

import io.strangler.api.spi.RoutingKeyResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * The routing key of web requests and its way across {@code @Async}: a {@link RoutingKeyFilter} in a servlet
 * application, a {@link ReactiveRoutingKeyFilter} in a WebFlux one, and a {@link RoutingContextTaskDecorator} for
 * Boot's task executor.
 *
 * <p>The filters stand down when the application defines a {@link RoutingKeyResolver} bean: Strangler hands that
 * bean to every route, and a context attached by a filter would be read before it, so the resolver would never be
 * asked. They are also off with {@code strangler.web.enabled=false}. The task decorator stands down when the
 * application has a {@link TaskDecorator} of its own; {@link RoutingContextTaskDecorator} says how to compose them.
 */
@AutoConfiguration(afterName = "io.strangler.spring.StranglerAutoConfiguration")
@EnableConfigurationProperties(StranglerWebProperties.class)
public class StranglerWebAutoConfiguration {

    /** Created by Spring Boot. */
    public StranglerWebAutoConfiguration() {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    @ConditionalOnClass(OncePerRequestFilter.class)
    @ConditionalOnProperty(prefix = "strangler.web", name = "enabled", havingValue = "true", matchIfMissing = true)
    @ConditionalOnMissingBean(RoutingKeyResolver.class)
    static class ServletConfiguration {

        // A plain Filter bean: Boot registers it with its getOrder(), and FilterRegistrationBean's package is not the
        // same on Boot 3 and Boot 4.
        @Bean
        @ConditionalOnMissingBean
        RoutingKeyFilter stranglerRoutingKeyFilter(StranglerWebProperties properties) {
            return new RoutingKeyFilter(properties);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.REACTIVE)
    @ConditionalOnClass({WebFilter.class, Mono.class})
    @ConditionalOnProperty(prefix = "strangler.web", name = "enabled", havingValue = "true", matchIfMissing = true)
    @ConditionalOnMissingBean(RoutingKeyResolver.class)
    static class ReactiveConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ReactiveRoutingKeyFilter stranglerReactiveRoutingKeyFilter(StranglerWebProperties properties) {
            return new ReactiveRoutingKeyFilter(properties);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(TaskDecorator.class)
    static class TaskDecoratorConfiguration {

        // Backs off for any TaskDecorator: Boot 3.5 applies a decorator only when it is the only one, so a second
        // bean would silently drop the application's.
        @Bean
        @ConditionalOnMissingBean(TaskDecorator.class)
        RoutingContextTaskDecorator stranglerRoutingContextTaskDecorator() {
            return new RoutingContextTaskDecorator();
        }
    }
}
