package io.strangler.spring.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.console.ConsoleAudit;
import io.strangler.console.ConsoleCommands;
import io.strangler.console.ConsoleHistory;
import io.strangler.console.ConsoleModel;
import io.strangler.core.rollout.RolloutController;
import io.strangler.spring.StranglerConfigurationException;
import io.strangler.spring.StranglerFailureAnalyzer;
import io.strangler.test.VirtualTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** When the console is there, with which beans, and which properties stop start-up. */
class StranglerConsoleAutoConfigurationTest {

    private static final AutoConfigurations CONSOLE = AutoConfigurations.of(StranglerConsoleAutoConfiguration.class);

    private final WebApplicationContextRunner servlet = new WebApplicationContextRunner().withConfiguration(CONSOLE)
            .withUserConfiguration(ConsoleFixture.class);

    @Test
    void offByDefault() {
        servlet.run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(StranglerConsoleController.class)
                .doesNotHaveBean(ConsoleModel.class)
                .doesNotHaveBean(StranglerConsoleSampler.class));
    }

    @Test
    void enabledItServesTheRoutersRoutesReadOnlyUnderTheActuatorBasePath() {
        servlet.withPropertyValues("strangler.console.enabled=true").run(context -> {
            assertThat(context).hasSingleBean(StranglerConsoleController.class).hasSingleBean(ConsoleModel.class)
                    .hasSingleBean(ConsoleHistory.class).hasSingleBean(ConsoleAudit.class)
                    .hasSingleBean(ConsoleCommands.class).hasSingleBean(StranglerConsoleSampler.class);
            StranglerConsoleController controller = context.getBean(StranglerConsoleController.class);
            assertThat(controller.path()).isEqualTo("/actuator/strangler-console/");
            assertThat(controller.writesEnabled()).isFalse();
            ConsoleModel model = context.getBean(ConsoleModel.class);
            assertThat(model.router()).isSameAs(context.getBean(MigrationRouter.class));
            assertThat(model.controller()).containsSame(context.getBean(RolloutController.class));
            assertThat(model.history()).isSameAs(context.getBean(ConsoleHistory.class));
            assertThat(model.audit()).isSameAs(context.getBean(ConsoleAudit.class));
            assertThat(model.snapshot().get("router")).asString().contains("writes=false");
        });
    }

    @Test
    void theDefaultPathFollowsTheActuatorBasePath() {
        servlet.withPropertyValues("strangler.console.enabled=true", "management.endpoints.web.base-path=/manage/")
                .run(context -> assertThat(context.getBean(StranglerConsoleController.class).path())
                        .isEqualTo("/manage/strangler-console/"));
        servlet.withPropertyValues("strangler.console.enabled=true", "management.endpoints.web.base-path=/")
                .run(context -> assertThat(context.getBean(StranglerConsoleController.class).path())
                        .isEqualTo("/strangler-console/"));
    }

    @Test
    void aConfiguredPathGetsItsTrailingSlash() {
        servlet.withPropertyValues("strangler.console.enabled=true", "strangler.console.path=/ops/strangler")
                .run(context -> assertThat(context.getBean(StranglerConsoleController.class).path())
                        .isEqualTo("/ops/strangler/"));
    }

    @Test
    void theAuditAndTheChartsRunOnTheRoutersClock() {
        servlet.withPropertyValues("strangler.console.enabled=true", "strangler.console.sample-interval=0s",
                "strangler.console.history-size=3").run(context -> {
                    VirtualTime clock = context.getBean(VirtualTime.class);
                    ConsoleHistory history = context.getBean(ConsoleHistory.class);
                    for (int i = 0; i < 5; i++) {
                        history.sample();
                        clock.advance(Duration.ofSeconds(1));
                    }
                    assertThat(history.points(ConsoleFixture.CHECKOUT)).as("history-size=3").hasSize(3);
                    assertThat(history.points(ConsoleFixture.CHECKOUT).get(2).at())
                            .isEqualTo(ConsoleFixture.START.plusSeconds(4));
                    ConsoleAudit.Entry entry = context.getBean(ConsoleAudit.class).record("ops", "pause", "search",
                            "test", 200, "paused");
                    assertThat(entry.time()).isEqualTo(clock.instant());
                });
    }

    @Test
    void theSamplerRunsOnItsOwnThreadUnlessTheIntervalIsZero() {
        servlet.withPropertyValues("strangler.console.enabled=true").run(context -> {
            StranglerConsoleSampler sampler = context.getBean(StranglerConsoleSampler.class);
            assertThat(sampler.isRunning()).isTrue();
            assertThat(sampler.isScheduled()).isTrue();
            context.close();
            assertThat(sampler.isRunning()).as("stopped with the context").isFalse();
            assertThat(sampler.isScheduled()).isFalse();
        });
        servlet.withPropertyValues("strangler.console.enabled=true", "strangler.console.sample-interval=0s")
                .run(context -> {
                    StranglerConsoleSampler sampler = context.getBean(StranglerConsoleSampler.class);
                    assertThat(sampler.isRunning()).isTrue();
                    assertThat(sampler.isScheduled()).as("the application samples").isFalse();
                });
    }

    @Test
    void writesEnabledWithSpringSecurityMakeTheModelWritable() {
        servlet.withPropertyValues("strangler.console.enabled=true", "strangler.console.writes-enabled=true")
                .run(context -> {
                    assertThat(context.getBean(StranglerConsoleController.class).writesEnabled()).isTrue();
                    assertThat(context.getBean(ConsoleModel.class).snapshot().get("router")).asString()
                            .contains("writes=true");
                });
    }

    @Test
    void writesEnabledWithoutSpringSecurityStopStartUp() {
        servlet.withClassLoader(new FilteredClassLoader("org.springframework.security."))
                .withPropertyValues("strangler.console.enabled=true", "strangler.console.writes-enabled=true")
                .run(fails("strangler.console.writes-enabled", "strangler.console.writes-enabled = 'true': the "
                        + "console's commands need Spring Security on the class path"));
    }

    @Test
    void readOnlyItNeedsNoSpringSecurity() {
        servlet.withClassLoader(new FilteredClassLoader("org.springframework.security."))
                .withPropertyValues("strangler.console.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(StranglerConsoleController.class));
    }

    @Test
    void enabledWithoutStranglerConsoleOnTheClassPathStopsStartUp() {
        servlet.withClassLoader(new FilteredClassLoader("io.strangler.console."))
                .withPropertyValues("strangler.console.enabled=true")
                .run(fails("strangler.console.enabled", "strangler.console.enabled = 'true': the console needs "
                        + "io.strangler:strangler-console on the class path"));
    }

    @Test
    void badValuesStopStartUpNamingThePropertyAndTheValue() {
        servlet.withPropertyValues("strangler.console.enabled=true", "strangler.console.path=ops/console")
                .run(fails("strangler.console.path", "strangler.console.path = 'ops/console': path must be an "
                        + "absolute path"));
        servlet.withPropertyValues("strangler.console.enabled=true", "strangler.console.path=/")
                .run(fails("strangler.console.path", "strangler.console.path = '/': path must be below the root"));
        servlet.withPropertyValues("strangler.console.enabled=true", "strangler.console.path=/ops/../console")
                .run(fails("strangler.console.path", "strangler.console.path = '/ops/../console': path must not "
                        + "have '.' or '..' segments"));
        servlet.withPropertyValues("strangler.console.enabled=true", "strangler.console.path=/ops console")
                .run(fails("strangler.console.path", "strangler.console.path = '/ops console'"));
        servlet.withPropertyValues("strangler.console.enabled=true", "strangler.console.title= ")
                .run(fails("strangler.console.title", "strangler.console.title"));
        servlet.withPropertyValues("strangler.console.enabled=true", "strangler.console.sample-interval=-1s")
                .run(fails("strangler.console.sample-interval", "strangler.console.sample-interval = 'PT-1S': the "
                        + "interval must be zero or more"));
        servlet.withPropertyValues("strangler.console.enabled=true", "strangler.console.history-size=1")
                .run(fails("strangler.console.history-size", "strangler.console.history-size = '1': the charts "
                        + "need 2 points or more per route"));
    }

    @Test
    void theApplicationsOwnBeansWin() {
        servlet.withPropertyValues("strangler.console.enabled=true")
                .withUserConfiguration(OwnHistory.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(ConsoleHistory.class);
                    assertThat(context.getBean(ConsoleModel.class).history())
                            .isSameAs(context.getBean("myHistory"));
                });
    }

    @Test
    void noConsoleWithoutARouter() {
        new WebApplicationContextRunner().withConfiguration(CONSOLE)
                .withPropertyValues("strangler.console.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(StranglerConsoleController.class));
    }

    @Test
    void noConsoleOutsideAServletApplication() {
        new ApplicationContextRunner().withConfiguration(CONSOLE).withUserConfiguration(ConsoleFixture.class)
                .withPropertyValues("strangler.console.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(StranglerConsoleController.class));
        new ReactiveWebApplicationContextRunner().withConfiguration(CONSOLE)
                .withUserConfiguration(ConsoleFixture.class)
                .withPropertyValues("strangler.console.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(StranglerConsoleController.class));
    }

    /** The context failed with a {@link StranglerConfigurationException} Boot's report shows with its message. */
    private static ContextConsumer<AssertableWebApplicationContext> fails(String property, String message) {
        return context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new StranglerFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).as("a Strangler failure analysis of %s", context.getStartupFailure()).isNotNull();
            assertThat(analysis.getDescription()).startsWith("Strangler can't start: " + message);
            assertThat(analysis.getAction()).contains(property);
        };
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnHistory {

        @Bean
        ConsoleHistory myHistory(MigrationRouter router) {
            return ConsoleHistory.of(router, router.clock(), 10);
        }
    }
}
