package io.strangler.spring.console;

import com.google.common.util.concurrent.MoreExecutors;
import io.strangler.api.MigrationRouter;
import io.strangler.api.RouteDefinition;
import io.strangler.api.Stage;
import io.strangler.api.rollout.RolloutPlan;
import io.strangler.core.Strangler;
import io.strangler.core.rollout.RolloutController;
import io.strangler.test.SimulatedService;
import io.strangler.test.SimulatedSide;
import io.strangler.test.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The console tests' routes, as plain beans (the adapter's {@code StranglerAutoConfiguration} is excluded, so that
 * these tests depend on nothing but the console's classes): a router on virtual time with nothing in the background,
 * {@value #CHECKOUT} at 25 % canary, {@value #SEARCH} shadowing with a rollout plan, and a rollout controller that
 * only the tests tick.
 *
 * <p>Also the properties every console test application shares: no DataSource (the test class path has a JDBC
 * driver but these tests no database), under both Boot lines' names; Boot ignores an exclusion that is not on the
 * class path.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleFixture {

    static final String CHECKOUT = "checkout";
    static final String SEARCH = "search";
    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    /** The DataSource's auto-configuration, on both lines. */
    static final String NO_DATASOURCE = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
            + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";

    /** Spring Security's auto-configurations, on both lines: an application without a security filter chain. */
    static final String NO_SECURITY = "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.actuate.web.servlet."
            + "ManagementWebSecurityAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration,"
            + "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration";

    /** The adapter's router auto-configuration: these tests make their router themselves. */
    static final String NO_ROUTER_AUTOCONFIGURATION = "io.strangler.spring.StranglerAutoConfiguration";

    /** 10, 50, 100 %, five-minute bakes. */
    static final RolloutPlan PLAN = RolloutPlan.custom()
            .step(10, Duration.ofMinutes(5))
            .step(50, Duration.ofMinutes(5))
            .step(100, Duration.ofMinutes(5))
            .minimumSamples(10)
            .build();

    @Bean
    VirtualTime stranglerTestClock() {
        return VirtualTime.startingAt(START);
    }

    @Bean(destroyMethod = "close")
    MigrationRouter migrationRouter(VirtualTime clock) {
        MigrationRouter router = Strangler.router().clock(clock).ticker(clock::nanoTime)
                .refreshInterval(Duration.ZERO).shadowExecutor(MoreExecutors.newDirectExecutorService()).build();
        register(router, CHECKOUT, clock, Stage.CANARY, 25);
        register(router, SEARCH, clock, Stage.SHADOW, 0);
        return router;
    }

    @Bean(destroyMethod = "close")
    RolloutController rolloutController(MigrationRouter router, VirtualTime clock) {
        return Strangler.controller(router).clock(clock).baselineGate(Duration.ZERO, 0).plan(SEARCH, PLAN).build();
    }

    private static void register(MigrationRouter router, String name, VirtualTime clock, Stage stage,
            double percentage) {
        router.register(RouteDefinition.builder(name, SimulatedService.class)
                .legacy(side("legacy", clock)).modern(side("modern", clock))
                .initialState(s -> s.stage(stage).percentage(percentage).shadowSample(0)).build());
    }

    private static SimulatedSide side(String name, VirtualTime clock) {
        return new SimulatedSide(name, clock, name.hashCode()).latency(Duration.ofMillis(1));
    }
}
