package io.strangler.spring.actuate;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Stage;
import io.strangler.core.Strangler;
import io.strangler.core.rollout.RolloutController;
import io.strangler.test.SimulatedSide;
import io.strangler.test.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The application the HTTP tests run: a router with three routes and a rollout controller as plain beans (not the
 * lead's auto-configuration, which is excluded so that these tests depend on nothing but the actuator classes), and
 * Spring Security as an application would set it up for the endpoint.
 *
 * <p>Reads of {@code /actuator/**} are open; a POST to {@code /actuator/strangler/**} needs the role
 * {@code STRANGLER_ADMIN}, over HTTP Basic. CSRF protection is off for {@code /actuator/**}: Actuator's writes are
 * called by tools with credentials, not by a browser holding a session cookie, and with CSRF on every POST without a
 * token is refused with 403 before the role is even checked.
 *
 * <p>The JDBC auto-configuration is excluded (under its Boot 4 and its Boot 3 name; a name not on the classpath is
 * ignored): the test classpath has a JDBC driver but these tests no database.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
        "io.strangler.spring.StranglerAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"})
@EnableWebSecurity
class ActuatorTestApplication {

    static final String ADMIN = "alice";
    static final String VIEWER = "victor";
    static final String PASSWORD = "s3cret";

    @Bean
    VirtualTime stranglerTestClock() {
        return VirtualTime.startingAt(Instant.parse("2026-01-05T09:00:00Z"));
    }

    @Bean(destroyMethod = "close")
    MigrationRouter migrationRouter(VirtualTime clock) {
        MigrationRouter router = ActuatorFixture.router(clock);
        for (String name : new String[] {"checkout", "search", "pricing"}) {
            ActuatorFixture.register(router, name, side("legacy", clock), side("modern", clock),
                    s -> s.stage(name.equals("checkout") ? Stage.DUAL_WRITE : Stage.SHADOW).shadowSample(0));
        }
        return router;
    }

    @Bean(destroyMethod = "close")
    RolloutController rolloutController(MigrationRouter router, VirtualTime clock) {
        return Strangler.controller(router).clock(clock).baselineGate(Duration.ZERO, 0)
                .plan("checkout", ActuatorFixture.PLAN).build();
    }

    private static SimulatedSide side(String name, VirtualTime clock) {
        return new SimulatedSide(name, clock, name.hashCode()).latency(Duration.ofMillis(1));
    }

    @Bean
    SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/actuator/strangler/**").hasRole("STRANGLER_ADMIN")
                        .requestMatchers(HttpMethod.GET, "/actuator/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().denyAll())
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/actuator/**"))
                .build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername(ADMIN).password("{noop}" + PASSWORD).roles("STRANGLER_ADMIN").build(),
                User.withUsername(VIEWER).password("{noop}" + PASSWORD).roles("VIEWER").build());
    }
}
