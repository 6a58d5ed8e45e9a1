package io.strangler.spring.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteState;
import io.strangler.api.Side;
import io.strangler.api.Stage;
import io.strangler.console.ConsoleAudit;
import io.strangler.console.ConsolePage;
import io.strangler.spring.console.ConsoleHttp.Response;
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
 * The console with writes enabled behind Spring Security, as its auto-configuration's Javadoc recommends: only
 * operators reach it, logging in with a form, and CSRF protection stays on. A person logs in, reads the CSRF token
 * from the page's meta tags and rolls a route back in their own name; a command without the token, from another
 * site, or by someone without the role changes nothing.
 */
@SpringBootTest(classes = StranglerConsoleSecurityHttpTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.autoconfigure.exclude=" + ConsoleFixture.NO_DATASOURCE + ","
                + ConsoleFixture.NO_ROUTER_AUTOCONFIGURATION,
                "strangler.console.enabled=true",
                "strangler.console.writes-enabled=true",
                "strangler.console.sample-interval=0s"})
class StranglerConsoleSecurityHttpTest {

    static final String PAGE = StranglerConsoleHttpTest.PAGE;
    static final String ROLLBACK = PAGE + "routes/checkout/rollback";
    static final String OPERATOR = "olga";
    static final String VIEWER = "victor";
    static final String PASSWORD = "s3cret-pa55";
    static final String REASON = "modern's p95 doubled";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableWebSecurity
    @Import(ConsoleFixture.class)
    static class App {

        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            return http
                    .authorizeHttpRequests(requests -> requests
                            .requestMatchers("/actuator/strangler-console/**").hasRole("STRANGLER_OPERATOR")
                            .requestMatchers("/error").permitAll()
                            .anyRequest().denyAll())
                    .formLogin(Customizer.withDefaults())
                    .build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername(OPERATOR).password("{noop}" + PASSWORD).roles("STRANGLER_OPERATOR").build(),
                    User.withUsername(VIEWER).password("{noop}" + PASSWORD).roles("VIEWER").build());
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
    void anonymousIsSentToLogIn() {
        Response page = http().get(PAGE);

        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/login");
    }

    @Test
    void theOperatorGetsThePageWithTheCsrfTokenAndAWritableModel() {
        ConsoleHttp http = operator();

        Response page = http.get(PAGE);

        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.meta("strangler-csrf-header")).isEqualTo("X-CSRF-TOKEN");
        assertThat(page.meta("strangler-csrf-token")).isNotBlank();
        StranglerConsoleHttpTest.assertSecurityHeaders(page);
        assertThat(Response.map(http.get(PAGE + ConsolePage.MODEL_PATH).json().get("router")))
                .containsEntry("writes", true);
    }

    @Test
    void theOperatorRollsARouteBackInTheirOwnName() {
        ConsoleHttp http = operator();
        Response page = http.get(PAGE);

        Response response = http.command(ROLLBACK, "{\"actor\":\"mallory\",\"reason\":\"" + REASON + "\"}",
                page.meta("strangler-csrf-header"), page.meta("strangler-csrf-token"), "Origin", http.origin());

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.json()).containsEntry("route", "checkout").containsEntry("action", "rollback")
                .containsEntry("percentage", 0.0);
        RouteState state = checkout().state();
        assertThat(state.percentage()).isZero();
        assertThat(state.stage()).isIn(Stage.LEGACY, Stage.DUAL_WRITE);
        assertThat(checkout().decide("any-user")).isEqualTo(Side.LEGACY);
        assertThat(state.revision().changedBy()).as("the logged-in user, not the body's actor").isEqualTo(OPERATOR);
        assertThat(state.revision().reason()).isEqualTo(REASON);
        ConsoleAudit.Entry entry = lastAudit();
        assertThat(entry.actor()).isEqualTo(OPERATOR);
        assertThat(entry.action()).isEqualTo("rollback");
        assertThat(entry.reason()).isEqualTo(REASON);
        assertThat(entry.made()).isTrue();
    }

    @Test
    void aCommandWithoutTheCsrfTokenChangesNothing() {
        ConsoleHttp http = operator();
        http.get(PAGE);
        long version = checkout().state().version();
        List<ConsoleAudit.Entry> audited = audit.entries();

        Response missing = http.command(ROLLBACK, "{\"reason\":\"" + REASON + "\"}");
        Response wrong = http.command(ROLLBACK, "{\"reason\":\"" + REASON + "\"}", "X-CSRF-TOKEN", "forged");

        assertThat(missing.status()).as("%s", missing).isEqualTo(403);
        assertThat(wrong.status()).as("%s", wrong).isEqualTo(403);
        assertThat(checkout().state().version()).isEqualTo(version);
        assertThat(audit.entries()).as("Spring Security refused them before the console").isEqualTo(audited);
    }

    @Test
    void anUnauthenticatedCommandChangesNothing() {
        long version = checkout().state().version();
        ConsoleHttp http = http();
        http.get(PAGE);

        Response response = http.command(ROLLBACK, "{\"reason\":\"" + REASON + "\"}");

        assertThat(response.status()).as("%s", response).isIn(401, 403);
        assertThat(checkout().state().version()).isEqualTo(version);
    }

    @Test
    void aUserWithoutTheOperatorRoleIsForbidden() {
        ConsoleHttp http = http();
        http.login(VIEWER, PASSWORD);
        long version = checkout().state().version();

        assertThat(http.get(PAGE).status()).isEqualTo(403);
        assertThat(http.get(PAGE + ConsolePage.MODEL_PATH).status()).isEqualTo(403);
        assertThat(http.command(ROLLBACK, "{\"reason\":\"" + REASON + "\"}").status()).isEqualTo(403);
        assertThat(checkout().state().version()).isEqualTo(version);
    }

    @Test
    void aCommandFromAnotherSitesPageIsRefusedAndAudited() {
        ConsoleHttp http = operator();
        Response page = http.get(PAGE);
        long version = checkout().state().version();

        Response response = http.command(ROLLBACK, "{\"reason\":\"" + REASON + "\"}",
                page.meta("strangler-csrf-header"), page.meta("strangler-csrf-token"),
                "Origin", "https://evil.example");

        assertThat(response.status()).as("%s", response).isEqualTo(403);
        assertThat((String) response.json().get("message")).contains("https://evil.example");
        assertThat(checkout().state().version()).isEqualTo(version);
        assertThat(lastAudit().actor()).isEqualTo(OPERATOR);
        assertThat(lastAudit().status()).isEqualTo(403);
    }

    @Test
    void aCommandMustBeJsonWithAReason() {
        ConsoleHttp http = operator();
        Response page = http.get(PAGE);
        String header = page.meta("strangler-csrf-header");
        String token = page.meta("strangler-csrf-token");
        long version = checkout().state().version();

        Response form = http.send("POST", ROLLBACK, "application/x-www-form-urlencoded", "reason=x", header, token);
        Response noReason = http.command(ROLLBACK, "{}", header, token);
        Response unknownRoute = http.command(PAGE + "routes/nope/rollback", "{\"reason\":\"x\"}", header, token);

        assertThat(form.status()).as("%s", form).isEqualTo(415);
        assertThat(noReason.status()).as("%s", noReason).isEqualTo(400);
        assertThat((String) noReason.json().get("message")).startsWith("reason: missing");
        assertThat(unknownRoute.status()).as("%s", unknownRoute).isEqualTo(404);
        assertThat(checkout().state().version()).isEqualTo(version);
    }

    @Test
    void aGetOnACommandPathIsNotAllowed() {
        ConsoleHttp http = operator();
        long version = checkout().state().version();

        Response response = http.get(ROLLBACK);

        assertThat(response.status()).as("%s", response).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("POST");
        assertThat(checkout().state().version()).isEqualTo(version);
    }

    private ConsoleAudit.Entry lastAudit() {
        List<ConsoleAudit.Entry> entries = audit.entries();
        assertThat(entries).isNotEmpty();
        return entries.get(entries.size() - 1);
    }

    private ConsoleHttp operator() {
        ConsoleHttp http = http();
        http.login(OPERATOR, PASSWORD);
        return http;
    }

    private Route<?> checkout() {
        return router.route(ConsoleFixture.CHECKOUT);
    }

    private ConsoleHttp http() {
        return new ConsoleHttp(environment);
    }
}
