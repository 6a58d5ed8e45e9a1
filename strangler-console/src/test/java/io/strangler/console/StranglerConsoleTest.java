package io.strangler.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.Stage;
import io.strangler.core.json.Json;
import io.strangler.core.rollout.RolloutStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StranglerConsoleTest {

    private static final String TOKEN = "s3cret-token-for-tests";

    private final ConsoleFixture f = new ConsoleFixture();
    private final HttpClient http = HttpClient.newHttpClient();
    private StranglerConsole console;

    @AfterEach
    void close() {
        if (console != null) {
            console.close();
        }
        f.close();
    }

    private StranglerConsole start(boolean writes) {
        StranglerConsole.Builder b = StranglerConsole.builder(f.router).controller(f.controller).clock(f.clock)
                .history(f.history);
        if (writes) {
            b.writeToken(TOKEN);
        }
        console = b.start();
        return console;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(console.uri().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(console.uri().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<?, ?> json(HttpResponse<String> response) {
        return (Map<?, ?>) Json.parse(response.body());
    }

    @Test
    void bindsToLoopbackAndServesThePageTheModelAndTheAssets() throws Exception {
        start(false);
        assertThat(console.uri().getHost()).isEqualTo("127.0.0.1");

        HttpResponse<String> page = get("");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'self'"));
        assertThat(page.body()).contains("<title>Strangler console</title>", "src=\"console.js\"",
                "content=\"live\"");

        HttpResponse<String> model = get("model");
        assertThat(model.statusCode()).isEqualTo(200);
        Map<?, ?> body = json(model);
        assertThat(body.get("version")).isEqualTo(1L);
        assertThat(((List<?>) body.get("routes")).stream().map(r -> (Object) ((Map<?, ?>) r).get("name")).toList())
                .containsExactly("search", "checkout");

        for (String asset : List.of("console.js", "console.css", "uplot.min.js", "uplot.min.css")) {
            assertThat(get(asset).statusCode()).as(asset).isEqualTo(200);
        }
        assertThat(get("uplot.min.js").body()).contains("uPlot");
        assertThat(get("nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void servesUnderAPathAndRedirectsThePathWithoutItsSlash() throws Exception {
        console = StranglerConsole.builder(f.router).controller(f.controller).clock(f.clock).history(f.history)
                .path("/ops/strangler").start();
        assertThat(console.uri().getPath()).isEqualTo("/ops/strangler/");
        assertThat(get("model").statusCode()).isEqualTo(200);

        HttpResponse<String> bare = http.send(HttpRequest.newBuilder(console.uri().resolve("/ops/strangler")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bare.statusCode()).isEqualTo(308);
        assertThat(bare.headers().firstValue("Location")).hasValue("/ops/strangler/");
        HttpResponse<String> longer = http.send(HttpRequest.newBuilder(console.uri().resolve("/ops/strangler-old"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(longer.statusCode()).as("a longer path is not the console's").isEqualTo(404);
    }

    @Test
    void isReadOnlyWithoutAToken() throws Exception {
        start(false);
        long version = f.checkout.state().version();

        HttpResponse<String> refused = post("routes/checkout/rollback", "{\"reason\":\"r\",\"actor\":\"ann\"}",
                "Content-Type", "application/json", "Authorization", "Bearer " + TOKEN);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).get("message").toString()).contains("writes are disabled");
        assertThat(f.checkout.state().version()).isEqualTo(version);
        assertThat(f.audit.entries()).isEmpty(); // the fixture's audit is not the console's
        assertThat(console.model().audit().entries()).singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(403));
        assertThat(json(get("model")).get("router")).asString().contains("writes=false");
    }

    @Test
    void refusesACommandWithoutTheTokenOrWithAWrongOneAndChangesNothing() throws Exception {
        start(true);
        long version = f.checkout.state().version();

        HttpResponse<String> none = post("routes/checkout/rollback", "{\"reason\":\"r\"}",
                "Content-Type", "application/json");
        HttpResponse<String> wrong = post("routes/checkout/rollback", "{\"reason\":\"r\"}",
                "Content-Type", "application/json", "Authorization", "Bearer " + TOKEN + "x");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(none).get("message").toString()).contains("Authorization");
        assertThat(f.checkout.state().version()).isEqualTo(version);
        assertThat(f.checkout.state().stage()).isEqualTo(Stage.CANARY);
        assertThat(console.model().audit().entries()).hasSize(2).allSatisfy(e -> {
            assertThat(e.made()).isFalse();
            assertThat(e.action()).isEqualTo("rollback");
            assertThat(e.route()).isEqualTo("checkout");
        });
    }

    @Test
    void refusesAForeignOriginAFormPostAndAGetOnACommand() throws Exception {
        start(true);
        long version = f.checkout.state().version();

        HttpResponse<String> foreign = post("routes/checkout/rollback", "{\"reason\":\"r\"}",
                "Content-Type", "application/json", "Authorization", "Bearer " + TOKEN,
                "Origin", "https://evil.example");
        HttpResponse<String> form = post("routes/checkout/rollback", "reason=r",
                "Content-Type", "application/x-www-form-urlencoded", "Authorization", "Bearer " + TOKEN);
        HttpResponse<String> viaGet = get("routes/checkout/rollback");

        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(viaGet.statusCode()).isEqualTo(405);
        assertThat(viaGet.headers().firstValue("Allow")).hasValue("POST");
        assertThat(f.checkout.state().version()).isEqualTo(version);
    }

    @Test
    void rollsBackWithTheTokenAndRecordsTheActorAndTheReason() throws Exception {
        start(true);
        String origin = "http://" + console.uri().getAuthority();

        HttpResponse<String> made = post("routes/checkout/rollback",
                "{\"reason\":\"p95 doubled after the deploy\",\"actor\":\"ann\"}",
                "Content-Type", "application/json", "Authorization", "Bearer " + TOKEN, "Origin", origin);

        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        // from CANARY a rollback keeps dual writes, so that nothing written meanwhile is lost
        assertThat(f.checkout.state().stage()).isEqualTo(Stage.DUAL_WRITE);
        assertThat(f.checkout.state().percentage()).isZero();
        assertThat(f.checkout.state().revision().changedBy()).isEqualTo("ann");
        assertThat(f.checkout.state().revision().reason()).endsWith("p95 doubled after the deploy");
        assertThat(console.model().audit().entries()).singleElement().satisfies(e -> {
            assertThat(e.made()).isTrue();
            assertThat(e.actor()).isEqualTo("ann");
            assertThat(e.reason()).isEqualTo("p95 doubled after the deploy");
        });
    }

    @Test
    void approvesTheStepThatWaitsForAPerson() throws Exception {
        start(true);
        f.seconds(5 * 60 + 2, 20);
        assertThat(f.controller.status("search").phase()).as(f.controller.status("search").toString())
                .isEqualTo(RolloutStatus.Phase.AWAITING_APPROVAL);

        HttpResponse<String> made = post("routes/search/approve", "{\"reason\":\"dashboards look fine\","
                + "\"actor\":\"bob\"}", "Content-Type", "application/json", "Authorization", "Bearer " + TOKEN);
        f.second(20);

        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        assertThat(f.search.state().percentage()).isEqualTo(50.0);
    }

    @Test
    void answersABadCommandWithTheFieldAndTheValue() throws Exception {
        start(true);
        String[] headers = {"Content-Type", "application/json", "Authorization", "Bearer " + TOKEN};

        HttpResponse<String> unknownRoute = post("routes/nope/rollback", "{\"reason\":\"r\"}", headers);
        HttpResponse<String> unknownAction = post("routes/search/explode", "{\"reason\":\"r\"}", headers);
        HttpResponse<String> noReason = post("routes/search/pause", "{\"actor\":\"ann\"}", headers);
        HttpResponse<String> notJson = post("routes/search/pause", "reason", headers);
        HttpResponse<String> noCheckpoint = post("routes/search/restore", "{\"reason\":\"r\",\"checkpoint\":"
                + "\"cp-missing\"}", headers);

        assertThat(unknownRoute.statusCode()).isEqualTo(404);
        assertThat(json(unknownRoute).get("message")).asString().contains("'nope'", "search", "checkout");
        assertThat(unknownAction.statusCode()).isEqualTo(400);
        assertThat(json(unknownAction).get("message")).asString().contains("'explode'", "approve");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(json(noReason).get("message")).asString().startsWith("reason:");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(noCheckpoint.statusCode()).isEqualTo(400);
        assertThat(json(noCheckpoint).get("message")).asString().contains("cp-missing");
    }

    @Test
    void checksItsSettings() {
        StranglerConsole.Builder b = StranglerConsole.builder(f.router);
        assertThatThrownBy(() -> b.port(70_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port").hasMessageContaining("70000");
        assertThatThrownBy(() -> b.writeToken("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token").hasMessageContaining("16");
        assertThatThrownBy(() -> b.path("ops")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ops'");
        assertThatThrownBy(() -> b.title(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("title");
        assertThatThrownBy(() -> StranglerConsole.builder(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("router");
    }

    @Test
    void samplesItsOwnHistoryWhenNoneIsGiven() throws Exception {
        console = StranglerConsole.start(f.router, f.controller, 0);
        assertThat(console.model().history()).isNotSameAs(f.history);
        assertThat(get("model").statusCode()).isEqualTo(200);
    }
}
