package io.strangler.spring.console;

import io.strangler.api.MigrationRouter;
import io.strangler.console.ConsoleAudit;
import io.strangler.console.ConsoleCommands;
import io.strangler.console.ConsoleHistory;
import io.strangler.console.ConsoleModel;
import io.strangler.core.rollout.RolloutController;
import io.strangler.spring.StranglerConfigurationException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The operator console in a servlet web application: the live page of the routes, their rollouts, charts and
 * controls, its JSON model and its commands, served by Spring MVC (a {@link StranglerConsoleController}) at
 * {@code /actuator/strangler-console/} (under {@code management.endpoints.web.base-path}; or at
 * {@code strangler.console.path}). Off unless {@code strangler.console.enabled=true}; needs
 * {@code io.strangler:strangler-console} on the class path (start-up fails, naming the property, without it) and a
 * {@link MigrationRouter}. Each bean ({@link ConsoleHistory}, {@link ConsoleAudit}, {@link ConsoleModel},
 * {@link ConsoleCommands}, {@link StranglerConsoleSampler}, {@link StranglerConsoleController}) backs off for one of
 * the application's own; the history, the audit and the model run on the router's clock. The page is served by the
 * application's own {@code DispatcherServlet}, on the application's port, even when Actuator has a port of its own.
 *
 * <p><b>Read-only unless told otherwise.</b> The page and its model show routing keys and summaries of both sides'
 * answers: secure the path before enabling the console. Its controls are refused (403, audited) unless
 * {@code strangler.console.writes-enabled=true}, which needs Spring Security (start-up fails, naming the property,
 * without it). Then a command is made in the authenticated user's name (an anonymous request gets 401), must carry
 * Spring Security's CSRF token, which the page holds in its meta tags, and is refused when it comes from another
 * site's page. Who may reach the console is the application's {@code SecurityFilterChain}'s decision; for instance,
 * operators only, logging in with a form:
 *
 * <pre>{@code
 * http.authorizeHttpRequests(requests -> requests
 *                 .requestMatchers("/actuator/strangler-console/**").hasRole("STRANGLER_OPERATOR")
 *                 .requestMatchers("/actuator/health/**").permitAll()
 *                 .anyRequest().authenticated())
 *         .formLogin(Customizer.withDefaults());
 * }</pre>
 *
 * <p>Keep CSRF protection on for the console's path: its page is a browser holding a session. If CSRF protection is
 * turned off for Actuator's tools, narrow it to the {@code strangler} endpoint
 * ({@code csrf.ignoringRequestMatchers("/actuator/strangler/**")}), not {@code /actuator/**}.
 */
@AutoConfiguration(afterName = "io.strangler.spring.StranglerAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
@ConditionalOnProperty(prefix = "strangler.console", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(StranglerConsoleProperties.class)
public class StranglerConsoleAutoConfiguration {

    /** The console's path under the Actuator base path, unless {@code strangler.console.path} says otherwise. */
    public static final String DEFAULT_PATH_UNDER_ACTUATOR = "strangler-console/";

    private static final Logger LOG = LoggerFactory.getLogger(StranglerConsoleAutoConfiguration.class);

    /** The auto-configuration; Boot makes it. */
    public StranglerConsoleAutoConfiguration() {
    }

    /** The console's beans, when strangler-console is on the class path and the application has a router. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.strangler.console.ConsoleModel")
    @ConditionalOnBean(MigrationRouter.class)
    static class Console {

        @Bean
        @ConditionalOnMissingBean
        ConsoleHistory stranglerConsoleHistory(MigrationRouter router, StranglerConsoleProperties properties) {
            int size = properties.getHistorySize();
            if (size < 2) {
                throw new StranglerConfigurationException("strangler.console.history-size", size, "the charts need "
                        + "2 points or more per route", "Set strangler.console.history-size to 2 or more (default "
                        + StranglerConsoleProperties.DEFAULT_HISTORY_SIZE + ").");
            }
            return ConsoleHistory.of(router, router.clock(), size);
        }

        @Bean
        @ConditionalOnMissingBean
        ConsoleAudit stranglerConsoleAudit(MigrationRouter router) {
            return ConsoleAudit.of(router.clock());
        }

        @Bean
        @ConditionalOnMissingBean
        ConsoleModel stranglerConsoleModel(MigrationRouter router, ObjectProvider<RolloutController> controller,
                ConsoleHistory history, ConsoleAudit audit, StranglerConsoleProperties properties) {
            return ConsoleModel.of(router, controller.getIfUnique(), history, audit, router.clock())
                    .writable(properties.isWritesEnabled());
        }

        @Bean
        @ConditionalOnMissingBean
        ConsoleCommands stranglerConsoleCommands(ConsoleModel model) {
            return ConsoleCommands.of(model);
        }

        @Bean
        @ConditionalOnMissingBean
        StranglerConsoleSampler stranglerConsoleSampler(ConsoleHistory history,
                StranglerConsoleProperties properties) {
            Duration interval = properties.getSampleInterval();
            if (interval == null || interval.isNegative()) {
                throw new StranglerConfigurationException("strangler.console.sample-interval", interval, "the "
                        + "interval must be zero or more", "Set strangler.console.sample-interval to a duration such "
                        + "as 1s, or 0s to sample the ConsoleHistory bean yourself.");
            }
            return new StranglerConsoleSampler(history, interval);
        }

        @Bean
        @ConditionalOnMissingBean
        StranglerConsoleController stranglerConsoleController(ConsoleModel model, ConsoleCommands commands,
                StranglerConsoleProperties properties, Environment environment, ApplicationContext context) {
            String path = path(properties, environment);
            String title = properties.getTitle();
            if (title == null || title.isBlank()) {
                throw new StranglerConfigurationException("strangler.console.title", title, "the page's title must "
                        + "not be blank", "Set strangler.console.title to a title such as the application's name, "
                        + "or remove it for the default.");
            }
            boolean security = ClassUtils.isPresent(ConsoleSecurity.CSRF_TOKEN_CLASS, context.getClassLoader());
            boolean writes = properties.isWritesEnabled();
            if (writes && !security) {
                throw new StranglerConfigurationException("strangler.console.writes-enabled", true, "the console's "
                        + "commands need Spring Security on the class path (" + ConsoleSecurity.CSRF_TOKEN_CLASS
                        + " is missing): each is made in the authenticated user's name and carries a CSRF token",
                        "Add spring-boot-starter-security and a SecurityFilterChain that lets only operators reach "
                        + path + "**, or set strangler.console.writes-enabled=false for a read-only console.");
            }
            StranglerConsoleController controller = new StranglerConsoleController(model, commands, path, title,
                    writes, security);
            LOG.info("Strangler console at {} ({})", controller.path(), writes
                    ? "commands by authenticated users, with the CSRF token" : "read-only");
            return controller;
        }

        /** {@code strangler.console.path}, or {@value StranglerConsoleAutoConfiguration#DEFAULT_PATH_UNDER_ACTUATOR} under Actuator's base path. */
        static String path(StranglerConsoleProperties properties, Environment environment) {
            String configured = properties.getPath();
            String path;
            if (configured == null || configured.isBlank()) {
                String base = environment.getProperty("management.endpoints.web.base-path", "/actuator").strip();
                if (!base.startsWith("/")) {
                    base = "/" + base;
                }
                path = (base.endsWith("/") ? base : base + "/") + DEFAULT_PATH_UNDER_ACTUATOR;
            } else {
                path = configured;
            }
            try {
                return StranglerConsoleController.path(path);
            } catch (IllegalArgumentException e) {
                throw new StranglerConfigurationException("strangler.console.path", path, e.getMessage(),
                        configured == null || configured.isBlank()
                                ? "Set strangler.console.path to an absolute path such as /ops/strangler-console/ "
                                        + "(the default is under management.endpoints.web.base-path)."
                                : "Set strangler.console.path to an absolute path such as /ops/strangler-console/.");
            }
        }
    }

    /** {@code strangler.console.enabled=true} without strangler-console on the class path: start-up fails. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("io.strangler.console.ConsoleModel")
    static class MissingConsole {

        @Bean
        Object stranglerConsoleMissing() {
            throw new StranglerConfigurationException("strangler.console.enabled", true, "the console needs "
                    + "io.strangler:strangler-console on the class path", "Add the dependency "
                    + "io.strangler:strangler-console (its version is the adapter's), or set "
                    + "strangler.console.enabled=false.");
        }
    }
}
