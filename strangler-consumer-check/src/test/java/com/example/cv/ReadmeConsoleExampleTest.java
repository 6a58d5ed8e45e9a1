package com.example.cv;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.api.RouteDefinition;
import io.strangler.api.Stage;
import io.strangler.api.rollout.RolloutPlan;
import io.strangler.console.StranglerConsole;
import io.strangler.core.Strangler;
import io.strangler.core.rollout.RolloutController;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The README's console example, as a user's project resolves it: a console with a write token, then a read-only one. */
class ReadmeConsoleExampleTest {

    @Test
    void theConsoleExampleServesThePageAndTheModelOnLoopback() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (MigrationRouter router = Strangler.router().build()) {
            router.register(RouteDefinition.builder("cv-analyzer", CvAnalyzer.class)
                    .legacy(new KeywordCvAnalyzer())
                    .modern(new TokenCvAnalyzer())
                    .initialState(s -> s.stage(Stage.CANARY).percentage(10))
                    .build());
            try (RolloutController controller = Strangler.controller(router).plan("cv-analyzer", RolloutPlan.low())
                    .build()) {
                try (StranglerConsole console = StranglerConsole.builder(router)
                        .controller(controller)
                        .port(0)
                        .writeToken("a-token-of-sixteen-or-more")
                        .start()) {
                    assertThat(console.uri().toString()).startsWith("http://127.0.0.1:");
                    HttpResponse<String> model = http.send(HttpRequest.newBuilder(console.uri().resolve("model"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(model.body()).contains("\"name\":\"cv-analyzer\"", "\"writes\":true");
                }
                try (StranglerConsole readOnly = StranglerConsole.start(router, controller, 0)) {
                    HttpResponse<String> page = http.send(HttpRequest.newBuilder(readOnly.uri()).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(page.statusCode()).isEqualTo(200);
                    assertThat(page.body()).contains("console.js");
                }
            }
        }
    }
}
