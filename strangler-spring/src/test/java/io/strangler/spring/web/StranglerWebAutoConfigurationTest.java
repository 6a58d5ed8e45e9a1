package io.strangler.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.RoutingContext;
import io.strangler.api.spi.RoutingKeyResolver;
import io.strangler.spring.web.StranglerWebProperties.KeySource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

class StranglerWebAutoConfigurationTest {

    private static final AutoConfigurations WEB = AutoConfigurations.of(StranglerWebAutoConfiguration.class);

    private final WebApplicationContextRunner servlet = new WebApplicationContextRunner().withConfiguration(WEB);
    private final ReactiveWebApplicationContextRunner reactive =
            new ReactiveWebApplicationContextRunner().withConfiguration(WEB);
    private final ApplicationContextRunner plain = new ApplicationContextRunner().withConfiguration(WEB);

    @Test
    void aServletApplicationGetsTheServletFilter() {
        servlet.run(context -> {
            assertThat(context).hasSingleBean(RoutingKeyFilter.class)
                    .doesNotHaveBean(ReactiveRoutingKeyFilter.class)
                    .hasSingleBean(RoutingContextTaskDecorator.class);
            assertThat(context.getBean(RoutingKeyFilter.class).getOrder())
                    .isEqualTo(StranglerWebProperties.DEFAULT_FILTER_ORDER);
        });
    }

    @Test
    void aReactiveApplicationGetsTheWebFilter() {
        reactive.run(context -> assertThat(context).hasSingleBean(ReactiveRoutingKeyFilter.class)
                .doesNotHaveBean(RoutingKeyFilter.class)
                .hasSingleBean(RoutingContextTaskDecorator.class));
    }

    @Test
    void aNonWebApplicationGetsNoFilterButTheTaskDecorator() {
        plain.run(context -> assertThat(context).doesNotHaveBean(RoutingKeyFilter.class)
                .doesNotHaveBean(ReactiveRoutingKeyFilter.class)
                .hasSingleBean(RoutingContextTaskDecorator.class));
    }

    @Test
    void theApplicationsRoutingKeyResolverTurnsTheFiltersOff() {
        RoutingKeyResolver resolver = (route, method, arguments) -> "from-the-application";

        servlet.withBean(RoutingKeyResolver.class, () -> resolver)
                .run(context -> assertThat(context).doesNotHaveBean(RoutingKeyFilter.class)
                        .hasSingleBean(RoutingContextTaskDecorator.class));
        reactive.withBean(RoutingKeyResolver.class, () -> resolver)
                .run(context -> assertThat(context).doesNotHaveBean(ReactiveRoutingKeyFilter.class));
    }

    @Test
    void disabledTurnsTheFiltersOff() {
        servlet.withPropertyValues("strangler.web.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(RoutingKeyFilter.class)
                        .hasSingleBean(RoutingContextTaskDecorator.class));
        reactive.withPropertyValues("strangler.web.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ReactiveRoutingKeyFilter.class));
    }

    @Test
    void theApplicationsOwnFiltersWin() {
        servlet.withBean("myFilter", RoutingKeyFilter.class, () -> new RoutingKeyFilter(new StranglerWebProperties()))
                .run(context -> assertThat(context.getBeansOfType(RoutingKeyFilter.class)).containsOnlyKeys("myFilter"));
        reactive.withBean("myFilter", ReactiveRoutingKeyFilter.class,
                        () -> new ReactiveRoutingKeyFilter(new StranglerWebProperties()))
                .run(context -> assertThat(context.getBeansOfType(ReactiveRoutingKeyFilter.class))
                        .containsOnlyKeys("myFilter"));
    }

    @Test
    void theApplicationsTaskDecoratorWins() {
        TaskDecorator own = runnable -> runnable;

        plain.withBean(TaskDecorator.class, () -> own)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(RoutingContextTaskDecorator.class)
                            .hasSingleBean(TaskDecorator.class);
                    assertThat(context.getBean(TaskDecorator.class)).isSameAs(own);
                });
    }

    @Test
    void bootsTaskExecutorRunsTasksWithTheSubmittersContext() {
        plain.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class)).run(context -> {
            ThreadPoolTaskExecutor executor = context.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class);
            Future<String> seen;
            try (RoutingContext.Scope scope = RoutingContext.ofKey("k-async").attach()) {
                seen = executor.submit(() -> RoutingContext.current().routingKey());
            }
            assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("k-async");
        });
    }

    @Test
    void bindsTheProperties() {
        servlet.withPropertyValues("strangler.web.key-source=principal", "strangler.web.key-header=X-User",
                "strangler.web.segments-header=", "strangler.web.filter-order=5").run(context -> {
                    StranglerWebProperties properties = context.getBean(StranglerWebProperties.class);
                    assertThat(properties.getKeySource()).isEqualTo(KeySource.PRINCIPAL);
                    assertThat(properties.getKeyHeader()).isEqualTo("X-User");
                    assertThat(properties.getSegmentsHeader()).isEmpty();
                    assertThat(context.getBean(RoutingKeyFilter.class).getOrder()).isEqualTo(5);
                });
    }

    @Test
    void anInvalidKeySourceStopsStartUpNamingTheProperty() {
        servlet.withPropertyValues("strangler.web.key-source=cookie")
                .run(context -> assertFailedNaming(context, "strangler.web.key-source"));
    }

    @Test
    void aBlankKeyHeaderStopsStartUpNamingTheProperty() {
        servlet.withPropertyValues("strangler.web.key-header= ")
                .run(context -> assertFailedNaming(context, "strangler.web.key-header"));
        reactive.withPropertyValues("strangler.web.key-header=X Routing Key")
                .run(context -> assertFailedNaming(context, "strangler.web.key-header"));
    }

    @Test
    void anInvalidSegmentsHeaderStopsStartUpNamingTheProperty() {
        servlet.withPropertyValues("strangler.web.segments-header=X-Segments:")
                .run(context -> assertFailedNaming(context, "strangler.web.segments-header"));
    }

    @Test
    void anInvalidFilterOrderStopsStartUpNamingTheProperty() {
        servlet.withPropertyValues("strangler.web.filter-order=last")
                .run(context -> assertFailedNaming(context, "strangler.web.filter-order"));
    }

    private static void assertFailedNaming(ApplicationContextAssertProvider<?> context, String property) {
        assertThat(context).hasFailed();
        List<String> messages = new ArrayList<>();
        for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        assertThat(messages).anyMatch(message -> message.contains(property));
    }
}
