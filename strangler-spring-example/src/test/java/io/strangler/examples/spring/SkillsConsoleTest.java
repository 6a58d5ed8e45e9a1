package io.strangler.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.Side;
import io.strangler.api.Stage;
import io.strangler.console.ConsoleAudit;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator console of the skills service, as a person uses it in a browser: the console sends them to log in,
 * they log in with the form as the operator, open the page, and roll the canary back with a reason; the command
 * carries the CSRF token the page holds. The route is back on legacy, in the operator's name, and the console's
 * audit and model say so. Against the local PostgreSQL, skipped when it can't be reached (failed under
 * {@code CI=true}), like {@link SkillsApplicationTest}.
 */
@ExtendWith(SkillsApplicationTest.RequiresPostgres.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=${strangler.test.postgresUrl:jdbc:postgresql://127.0.0.1:5432/test}",
    "spring.main.banner-mode=off",
    // only people act on the route here: the controller does not tick, and the charts are not sampled
    "strangler.rollout.tick-interval=0s",
    "strangler.console.sample-interval=0s",
    "skills.console.operator-password=" + SkillsConsoleTest.PASSWORD})
class SkillsConsoleTest {

    static final String PASSWORD = "console-test-password";
    static final String CONSOLE = "/actuator/strangler-console/";
    static final String REASON = "modern answers differ for the canary's users";
    /** What a browser accepts when it opens a page. */
    static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private static final Pattern LOGIN_CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]*)\"");

    /** A browser: cookies kept, redirects shown. */
    private final HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build();

    @Autowired
    MigrationRouter router;
    @Autowired
    ConsoleAudit audit;
    @Autowired
    JsonMapper json;
    @Autowired
    Environment environment;

    @Test
    void theOperatorLogsInAndRollsTheCanaryBackFromTheConsole() throws Exception {
        Route<SkillStore> route = router.route(SkillsApplicationTest.ROUTE, SkillStore.class);
        route.update("release-manager", "the canary starts", s -> s.stage(Stage.CANARY).percentage(25));
        assertThat(SkillsApplicationTest.USERS).as("users on modern at 25 %")
                .anyMatch(u -> route.decide(u) == Side.MODERN);

        // the console is for operators: a visitor's browser is sent to the login form (a client that does not ask
        // for HTML gets 401 and may use HTTP Basic)
        HttpResponse<String> anonymous = send(get(CONSOLE).header("Accept", BROWSER_ACCEPT));
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        logIn(OperatorSecurity.OPERATOR, PASSWORD);

        HttpResponse<String> page = send(get(CONSOLE));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Skills service</title>");
        String csrfHeader = meta(page.body(), "strangler-csrf-header");
        String csrfToken = meta(page.body(), "strangler-csrf-token");
        JsonNode before = json.readTree(send(get(CONSOLE + "model")).body());
        assertThat(before.get("router").get("writes").asBoolean()).as("the model tells the page its controls work")
                .isTrue();
        assertThat(before.get("routes").get(0).get("stage").asString()).isEqualTo("CANARY");

        // the page's Roll back button: a JSON POST with the CSRF token from the page's meta tags
        HttpResponse<String> rollback = send(HttpRequest.newBuilder(uri(CONSOLE + "routes/skills/rollback"))
                .header("Content-Type", "application/json").header(csrfHeader, csrfToken)
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"" + REASON + "\"}")));

        assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(200);
        assertThat(route.state().stage()).as("back on legacy, still dual-writing").isEqualTo(Stage.DUAL_WRITE);
        assertThat(route.state().percentage()).isZero();
        assertThat(SkillsApplicationTest.USERS).allMatch(u -> route.decide(u) == Side.LEGACY);
        assertThat(route.state().revision().changedBy()).isEqualTo(OperatorSecurity.OPERATOR);
        // the route has a rollout plan: the rollback aborts its rollout, and the route's revision says so
        assertThat(route.state().revision().reason()).contains(REASON);
        ConsoleAudit.Entry entry = audit.entries().get(audit.entries().size() - 1);
        assertThat(entry.actor()).isEqualTo(OperatorSecurity.OPERATOR);
        assertThat(entry.action()).isEqualTo("rollback");
        assertThat(entry.made()).isTrue();
        JsonNode after = json.readTree(send(get(CONSOLE + "model")).body());
        assertThat(after.get("routes").get(0).get("stage").asString()).isEqualTo("DUAL_WRITE");
        JsonNode audited = after.get("audit");
        assertThat(audited.get(audited.size() - 1).get("actor").asString()).isEqualTo(OperatorSecurity.OPERATOR);

        // the skills API and Actuator's reads are as open as before the console
        assertThat(send(get("/users/cv-user-000/skills")).statusCode()).isEqualTo(200);
        assertThat(send(get("/actuator/health")).statusCode()).isEqualTo(200);
    }

    @Test
    void aCommandWithoutTheCsrfTokenChangesNothing() throws Exception {
        Route<SkillStore> route = router.route(SkillsApplicationTest.ROUTE, SkillStore.class);
        logIn(OperatorSecurity.OPERATOR, PASSWORD);
        long version = route.state().version();

        HttpResponse<String> rollback = send(HttpRequest.newBuilder(uri(CONSOLE + "routes/skills/rollback"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"" + REASON + "\"}")));

        assertThat(rollback.statusCode()).isEqualTo(403);
        assertThat(route.state().version()).isEqualTo(version);
    }

    /** Logs in with Spring Security's form, as a browser does: the form's page first, for its CSRF token. */
    private void logIn(String user, String password) throws Exception {
        HttpResponse<String> form = send(get("/login"));
        Matcher csrf = LOGIN_CSRF.matcher(form.body());
        assertThat(csrf.find()).as("the login form's CSRF token in %s", form.body()).isTrue();
        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(user) + "&password="
                        + encode(password) + "&_csrf=" + encode(csrf.group(1)))));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l ->
                assertThat(l).doesNotContain("error"));
    }

    private static String meta(String html, String name) {
        Matcher m = Pattern.compile("<meta name=\"" + name + "\" content=\"([^\"]*)\">").matcher(html);
        assertThat(m.find()).as("meta %s in the page", name).isTrue();
        return m.group(1);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return browser.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + environment.getRequiredProperty("local.server.port") + path);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
