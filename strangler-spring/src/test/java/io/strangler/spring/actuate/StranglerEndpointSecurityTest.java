package io.strangler.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.spring.actuate.ActuatorHttp.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * The endpoint behind Spring Security ({@link ActuatorTestApplication}'s chain): reads are open, writes need the
 * admin role, and the admin's name is what the route records as the author of the change.
 */
@SpringBootTest(classes = ActuatorTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.endpoints.web.exposure.include=health,strangler",
                "management.endpoint.health.show-details=always"})
class StranglerEndpointSecurityTest {

    private static final String WRITE = "{\"action\":\"percentage\",\"percentage\":5,\"reason\":\"try a few keys\"}";

    @Autowired
    private Environment environment;
    @Autowired
    private MigrationRouter router;

    @Test
    void readsNeedNoCredentials() {
        assertThat(http().get("/actuator/strangler").status()).isEqualTo(200);
        assertThat(http().get("/actuator/strangler/pricing").status()).isEqualTo(200);
    }

    @Test
    void aWriteWithoutCredentialsIsRefused() {
        long before = pricing().state().version();

        Response response = http().post("/actuator/strangler/pricing", WRITE);

        assertThat(response.status()).as("%s", response).isEqualTo(401);
        assertThat(pricing().state().version()).isEqualTo(before);
    }

    @Test
    void aWriteByAUserWithoutTheRoleIsForbidden() {
        long before = pricing().state().version();

        Response response = http().post("/actuator/strangler/pricing", WRITE, ActuatorTestApplication.VIEWER,
                ActuatorTestApplication.PASSWORD);

        assertThat(response.status()).as("%s", response).isEqualTo(403);
        assertThat(pricing().state().version()).isEqualTo(before);
    }

    @Test
    void aWriteByTheAdminIsAppliedInTheAdminsName() {
        Response response = http().post("/actuator/strangler/pricing", WRITE, ActuatorTestApplication.ADMIN,
                ActuatorTestApplication.PASSWORD);

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(pricing().state().percentage()).isEqualTo(5.0);
        assertThat(pricing().state().revision().changedBy()).isEqualTo(ActuatorTestApplication.ADMIN);
        assertThat(pricing().state().revision().reason()).isEqualTo("try a few keys");
    }

    @Test
    void wrongCredentialsAreRefused() {
        Response response = http().post("/actuator/strangler/pricing", WRITE, ActuatorTestApplication.ADMIN, "guess");

        assertThat(response.status()).as("%s", response).isEqualTo(401);
    }

    private Route<?> pricing() {
        return router.route("pricing");
    }

    private ActuatorHttp http() {
        return new ActuatorHttp(environment);
    }
}
