package io.strangler.spring.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.Stage;
import io.strangler.console.ConsoleAudit;
import io.strangler.spring.console.ConsoleHttp.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A chain more lenient than it should be: anyone reaches the console, and CSRF protection is off for
 * {@code /actuator/**} (as for Actuator's tools). The console still refuses an anonymous command (401) and a command
 * without the CSRF token's header (403), each audited; a logged-in user's command with the page's token is made.
 */
@SpringBootTest(classes = StranglerConsoleOpenPathHttpTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.autoconfigure.exclude=" + ConsoleFixture.NO_DATASOURCE + ","
                + ConsoleFixture.NO_ROUTER_AUTOCONFIGURATION,
                "strangler.console.enabled=true",
                "strangler.console.writes-enabled=true",
                "strangler.console.sample-interval=0s"})
class StranglerConsoleOpenPathHttpTest {

    static final String PAGE = StranglerConsoleHttpTest.PAGE;
    static final String ROLLBACK = PAGE + "routes/checkout/rollback";
    static final String USER = "uma";
    static final String PASSWORD = "s3cret-pa55";
    static final String COMMAND = "{\"reason\":\"drill\"}";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableWebSecurity
    @Import(ConsoleFixture.class)
    static class App {

        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            return http
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .httpBasic(Customizer.withDefaults())
                    .csrf(csrf -> csrf.ignoringRequestMatchers("/actuator/**"))
                    .build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername(USER).password("{noop}" + PASSWORD).roles("USER").build());
        }
    }

    @Autowired
    private Environment environment;
    @Autowired
    private MigrationRouter router;
    @Autowired
    private ConsoleAudit audit;

    @BeforeEach
    void checkoutAtItsCanary() {
        if (checkout().state().stage() != Stage.CANARY || checkout().state().percentage() != 25) {
            checkout().update("test", "back to the canary", s -> s.stage(Stage.CANARY).percentage(25));
        }
    }

    @Test
    void anAnonymousCommandIsRefusedAndAudited() {
        ConsoleHttp http = new ConsoleHttp(environment);
        Response page = http.get(PAGE);
        long version = checkout().state().version();

        Response response = http.command(ROLLBACK, COMMAND, page.meta("strangler-csrf-header"),
                page.meta("strangler-csrf-token"));

        assertThat(response.status()).as("%s", response).isEqualTo(401);
        assertThat((String) response.json().get("message")).contains("authenticated user");
        assertThat(checkout().state().version()).isEqualTo(version);
        assertThat(lastAudit().actor()).isEqualTo("anonymous");
        assertThat(lastAudit().status()).isEqualTo(401);
    }

    @Test
    void withCsrfProtectionOffForThePathACommandStillNeedsTheTokensHeader() {
        ConsoleHttp http = new ConsoleHttp(environment);
        long version = checkout().state().version();

        Response response = http.command(ROLLBACK, COMMAND, "Authorization", basic());

        assertThat(response.status()).as("%s", response).isEqualTo(403);
        assertThat((String) response.json().get("message")).startsWith("X-CSRF-TOKEN: missing");
        assertThat(checkout().state().version()).isEqualTo(version);
        assertThat(lastAudit().actor()).isEqualTo(USER);
    }

    @Test
    void aLoggedInUsersCommandWithThePagesTokenIsMade() {
        ConsoleHttp http = new ConsoleHttp(environment);
        Response page = http.send("GET", PAGE, null, null, "Authorization", basic());

        Response response = http.command(ROLLBACK, COMMAND, "Authorization", basic(),
                page.meta("strangler-csrf-header"), page.meta("strangler-csrf-token"));

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(checkout().state().percentage()).isZero();
        assertThat(checkout().state().revision().changedBy()).isEqualTo(USER);
    }

    private ConsoleAudit.Entry lastAudit() {
        List<ConsoleAudit.Entry> entries = audit.entries();
        assertThat(entries).isNotEmpty();
        return entries.get(entries.size() - 1);
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private Route<?> checkout() {
        return router.route(ConsoleFixture.CHECKOUT);
    }
}
