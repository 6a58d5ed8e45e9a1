package io.strangler.spring.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteState;
import io.strangler.console.ConsoleAudit;
import io.strangler.console.ConsoleHistory;
import io.strangler.console.ConsolePage;
import io.strangler.spring.console.ConsoleHttp.Response;
import io.strangler.test.VirtualTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * The read-only console over real HTTP, in an application without Spring Security's filter chain, at its default
 * path under the Actuator base path: what {@code StranglerConsole} answers on the JDK's server, with the same
 * headers; and every command refused (403, audited), nothing changed.
 */
@SpringBootTest(classes = StranglerConsoleHttpTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.autoconfigure.exclude=" + ConsoleFixture.NO_DATASOURCE + "," + ConsoleFixture.NO_SECURITY
                + "," + ConsoleFixture.NO_ROUTER_AUTOCONFIGURATION,
                "strangler.console.enabled=true",
                "strangler.console.sample-interval=0s",
                "strangler.console.title=Checkout <service>"})
class StranglerConsoleHttpTest {

    static final String PAGE = "/actuator/strangler-console/";
    static final String CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "frame-ancestors 'none'";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(ConsoleFixture.class)
    static class App {
    }

    @Autowired
    private Environment environment;
    @Autowired
    private MigrationRouter router;
    @Autowired
    private ConsoleHistory history;
    @Autowired
    private ConsoleAudit audit;
    @Autowired
    private VirtualTime clock;

    @Test
    void thePageIsServedWithTheConsolesSecurityHeaders() {
        Response page = http().get(PAGE);

        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html").containsIgnoringCase("charset=utf-8");
        assertThat(page.body()).contains("<title>Checkout &lt;service&gt;</title>")
                .contains("<meta name=\"strangler-mode\" content=\"live\">");
        assertThat(page.meta("strangler-csrf-token")).as("no CSRF token without Spring Security's filter").isNull();
        assertSecurityHeaders(page);
        assertThat(http().get(PAGE + "index.html").body()).isEqualTo(page.body());
    }

    @Test
    void theModelIsTheRoutersRoutesAndChartsAsJson() {
        history.sample();
        clock.advance(Duration.ofSeconds(1));
        history.sample();

        Response model = http().get(PAGE + ConsolePage.MODEL_PATH);

        assertThat(model.status()).as("%s", model).isEqualTo(200);
        assertThat(model.header("Content-Type")).startsWith("application/json");
        assertSecurityHeaders(model);
        Map<String, Object> json = model.json();
        assertThat(json.get("version")).isEqualTo(1L);
        assertThat(Response.map(json.get("router"))).containsEntry("writes", false).containsEntry("controller", true);
        List<Object> routes = Response.list(json.get("routes"));
        assertThat(routes).extracting(r -> Response.map(r).get("name"))
                .containsExactly(ConsoleFixture.CHECKOUT, ConsoleFixture.SEARCH);
        Map<String, Object> checkout = Response.map(routes.get(0));
        assertThat(checkout).containsEntry("stage", "CANARY").containsEntry("percentage", 25.0);
        assertThat(Response.list(Response.map(checkout.get("series")).get("t"))).isNotEmpty();
    }

    @Test
    void theAssetsAreServedWithTheirTypes() {
        for (String name : List.of("console.js", "console.css", "uplot.min.js", "uplot.min.css")) {
            Response asset = http().get(PAGE + name);

            assertThat(asset.status()).as(name).isEqualTo(200);
            assertThat(asset.header("Content-Type")).as(name)
                    .startsWith(ConsolePage.contentType(name).substring(0, ConsolePage.contentType(name).indexOf(';')));
            assertThat(asset.body()).as(name).isEqualTo(ConsolePage.asset(name));
            assertSecurityHeaders(asset);
        }
    }

    @Test
    void thePathWithoutItsSlashRedirectsToThePage() {
        Response redirect = http().get(PAGE.substring(0, PAGE.length() - 1));

        assertThat(redirect.status()).isEqualTo(308);
        assertThat(redirect.header("Location")).isEqualTo("strangler-console/");
    }

    @Test
    void otherFilesAndMethodsAreRefused() {
        assertThat(http().get(PAGE + "secrets.txt").status()).isEqualTo(404);
        Response put = http().send("PUT", PAGE, "text/plain", "x");
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.header("Allow")).isEqualTo("GET, HEAD");
        Response head = http().send("HEAD", PAGE, null, null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void aCommandIsRefusedWhileWritesAreDisabledAndAudited() {
        RouteState before = checkout().state();

        Response response = http().command(PAGE + "routes/checkout/rollback",
                "{\"actor\":\"mallory\",\"reason\":\"try it\"}");

        assertThat(response.status()).as("%s", response).isEqualTo(403);
        assertThat(response.json()).containsEntry("status", 403L).containsEntry("error", "Forbidden");
        assertThat((String) response.json().get("message")).startsWith("writes are disabled");
        assertSecurityHeaders(response);
        assertThat(checkout().state().version()).as("nothing changed").isEqualTo(before.version());
        assertThat(checkout().state().percentage()).isEqualTo(before.percentage());
        ConsoleAudit.Entry entry = audit.entries().get(audit.entries().size() - 1);
        assertThat(entry.actor()).as("the body's actor is no one's proof").isEqualTo("anonymous");
        assertThat(entry.action()).isEqualTo("rollback");
        assertThat(entry.route()).isEqualTo(ConsoleFixture.CHECKOUT);
        assertThat(entry.status()).isEqualTo(403);
        assertThat(entry.made()).isFalse();
    }

    @Test
    void aGetOnACommandChangesNothing() {
        RouteState before = checkout().state();

        Response response = http().get(PAGE + "routes/checkout/rollback");

        assertThat(response.status()).as("%s", response).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("POST");
        assertThat((String) response.json().get("message")).contains("commands are POST requests");
        assertThat(checkout().state().version()).isEqualTo(before.version());
    }

    /** The headers of every answer of {@code StranglerConsole}, once each. */
    static void assertSecurityHeaders(Response response) {
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
        assertThat(response.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(response.headers().allValues("X-Frame-Options")).containsExactly("DENY");
        assertThat(response.headers().allValues("Referrer-Policy")).containsExactly("no-referrer");
        assertThat(response.headers().allValues("Content-Security-Policy")).containsExactly(CSP);
    }

    private Route<?> checkout() {
        return router.route(ConsoleFixture.CHECKOUT);
    }

    private ConsoleHttp http() {
        return new ConsoleHttp(environment);
    }
}
