package io.strangler.spring.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.console.ConsolePage;
import io.strangler.spring.console.ConsoleHttp.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/** The console at a path of the application's choosing, and only there. */
@SpringBootTest(classes = StranglerConsoleCustomPathHttpTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.autoconfigure.exclude=" + ConsoleFixture.NO_DATASOURCE + "," + ConsoleFixture.NO_SECURITY
                + "," + ConsoleFixture.NO_ROUTER_AUTOCONFIGURATION,
                "strangler.console.enabled=true",
                "strangler.console.path=/ops/strangler",
                "strangler.console.sample-interval=0s"})
class StranglerConsoleCustomPathHttpTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(ConsoleFixture.class)
    static class App {
    }

    @Autowired
    private Environment environment;

    @Test
    void thePageTheModelAndTheAssetsAreAtTheConfiguredPath() {
        ConsoleHttp http = new ConsoleHttp(environment);

        Response page = http.get("/ops/strangler/");
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.body()).contains("<title>Strangler console</title>");
        StranglerConsoleHttpTest.assertSecurityHeaders(page);
        assertThat(http.get("/ops/strangler/" + ConsolePage.MODEL_PATH).json()).containsKey("routes");
        assertThat(http.get("/ops/strangler/console.js").status()).isEqualTo(200);
        assertThat(http.get("/ops/strangler").header("Location")).isEqualTo("strangler/");
    }

    @Test
    void notUnderTheActuatorBasePath() {
        assertThat(new ConsoleHttp(environment).get("/actuator/strangler-console/").status()).isEqualTo(404);
    }
}
