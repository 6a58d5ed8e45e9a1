package io.strangler.spring.actuate;

import static io.strangler.spring.actuate.ActuatorHttp.Response.list;
import static io.strangler.spring.actuate.ActuatorHttp.Response.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.spring.actuate.ActuatorHttp.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * The endpoint and the health contributor over real HTTP, on a random port, as an operator's tools call them. Writes
 * are made by the admin of {@link ActuatorTestApplication}'s security; each test changes its own route, so that the
 * tests share one application in any order.
 */
@SpringBootTest(classes = ActuatorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.endpoints.web.exposure.include=health,strangler",
                "management.endpoint.health.show-details=always"})
class StranglerEndpointHttpTest {

    @Autowired
    private Environment environment;
    @Autowired
    private MigrationRouter router;

    @Test
    void readsEveryRoute() {
        Response response = http().get("/actuator/strangler");

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        Map<String, Object> routes = map(response.json().get("routes"));
        assertThat(routes).containsKeys("checkout", "search", "pricing");
        Map<String, Object> checkout = map(routes.get("checkout"));
        assertThat(checkout).containsEntry("stage", "DUAL_WRITE").containsEntry("enabled", true)
                .containsEntry("breaker", "CLOSED");
        assertThat(map(checkout.get("legacy"))).containsKeys("calls", "successes", "errors", "fallbacks");
        assertThat(map(checkout.get("rollout"))).containsEntry("phase", "NOT_STARTED").containsKey("reason");
        assertThat(map(routes.get("search"))).containsEntry("rollout", null);
    }

    @Test
    void readsOneRoute() {
        Response response = http().get("/actuator/strangler/checkout");

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        Map<String, Object> checkout = response.json();
        assertThat(checkout).containsEntry("name", "checkout").containsEntry("stage", "DUAL_WRITE")
                .containsKeys("judgements", "mismatches", "rollbacks", "checkpoints");
        assertThat((String) checkout.get("explanation")).startsWith("route 'checkout': NOT_STARTED");
        assertThat(map(checkout.get("reconciliation"))).containsEntry("pending", 0L)
                .containsEntry("morePending", false);
        assertThat(list(checkout.get("mismatches"))).isEmpty();
    }

    @Test
    void setsThePercentageAndTheStateChanges() {
        Response response = http().post("/actuator/strangler/search",
                "{\"action\":\"percentage\",\"percentage\":25,\"reason\":\"canary\"}", ActuatorTestApplication.ADMIN,
                ActuatorTestApplication.PASSWORD);

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(((Number) response.json().get("percentage")).doubleValue()).isEqualTo(25.0);
        assertThat(router.route("search").state().percentage()).isEqualTo(25.0);
        Map<String, Object> after = http().get("/actuator/strangler/search").json();
        assertThat(((Number) after.get("percentage")).doubleValue()).isEqualTo(25.0);
        assertThat(map(after.get("lastChange"))).containsEntry("actor", ActuatorTestApplication.ADMIN)
                .containsEntry("reason", "canary");
    }

    @Test
    void badRequestsGetAClientErrorWithAMessage() {
        assertError(http().get("/actuator/strangler/nope"), 404, "no route 'nope'");
        assertError(admin("/actuator/strangler/nope", "{\"action\":\"percentage\",\"percentage\":5,\"reason\":\"x\"}"),
                404, "no route 'nope'");
        assertError(admin("/actuator/strangler/checkout",
                "{\"action\":\"percentage\",\"percentage\":150,\"reason\":\"x\"}"), 400,
                "percentage must be between 0 and 100 %, was 150.0");
        assertError(admin("/actuator/strangler/checkout", "{\"action\":\"fly\",\"reason\":\"x\"}"), 400,
                "action: unknown action 'fly'");
        assertError(admin("/actuator/strangler/checkout", "{\"action\":\"restore\",\"checkpoint\":\"nope\"}"), 400,
                "checkpoint: no checkpoint 'nope'");
        assertError(admin("/actuator/strangler/checkout", "{\"action\":\"percentage\",\"percentage\":5}"), 400,
                "reason: missing");
        assertThat(router.route("checkout").state().version()).as("nothing changed").isZero();
    }

    @Test
    void reportsHealth() {
        Response response = http().get("/actuator/health/strangler");

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.json()).containsEntry("status", "UP");
        Map<String, Object> details = map(response.json().get("details"));
        assertThat(map(details.get("routes"))).containsKeys("checkout", "search", "pricing");
        assertThat(map(map(details.get("routes")).get("checkout"))).containsEntry("stage", "DUAL_WRITE")
                .containsEntry("rollout", "NOT_STARTED").containsEntry("breaker", "CLOSED");
        assertThat(list(details.get("openBreakers"))).isEmpty();
    }

    private Response admin(String path, String json) {
        return http().post(path, json, ActuatorTestApplication.ADMIN, ActuatorTestApplication.PASSWORD);
    }

    private static void assertError(Response response, int status, String message) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        assertThat(response.json()).containsEntry("status", (long) status);
        assertThat((String) response.json().get("message")).as("%s", response).contains(message);
    }

    private ActuatorHttp http() {
        return new ActuatorHttp(environment);
    }
}
