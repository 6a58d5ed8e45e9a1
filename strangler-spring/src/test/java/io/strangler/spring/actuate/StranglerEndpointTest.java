package io.strangler.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.Route;
import io.strangler.api.Stage;
import io.strangler.api.event.RollbackEvent;
import io.strangler.core.rollout.RolloutController;
import io.strangler.core.rollout.RolloutStatus.Phase;
import io.strangler.spring.actuate.StranglerEndpoint.ErrorDescriptor;
import io.strangler.spring.actuate.StranglerEndpoint.RouteDescriptor;
import io.strangler.spring.actuate.StranglerEndpoint.RouteDetailsDescriptor;
import io.strangler.test.SimulatedService;
import io.strangler.test.SimulatedSide;
import java.security.Principal;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/** The endpoint's operations called directly, as Actuator calls them, on a router and controller on virtual time. */
class StranglerEndpointTest {

    private final ActuatorFixture f = new ActuatorFixture();
    private final Route<SimulatedService> checkout = f.route("checkout", Stage.DUAL_WRITE);
    private final Route<SimulatedService> search = f.route("search", f.side("legacy"),
            f.side("modern").mismatchRate(1), s -> s.stage(Stage.SHADOW).shadowSample(100));

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void listsEveryRouteWithItsStateCallsAndRollout() {
        RolloutController controller = f.controller("checkout");
        StranglerEndpoint endpoint = new StranglerEndpoint(f.router, controller);
        ActuatorFixture.second(f.clock, controller, checkout, 50);
        ActuatorFixture.reads(search, 7);

        var routes = endpoint.routes().routes();

        assertThat(routes).containsOnlyKeys("checkout", "search");
        assertThat(routes.keySet()).as("registration order").containsExactly("checkout", "search");
        RouteDescriptor c = routes.get("checkout");
        assertThat(c.stage()).isEqualTo("CANARY");
        assertThat(c.percentage()).isEqualTo(10.0);
        assertThat(c.enabled()).isTrue();
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.lastChange()).isNotNull();
        assertThat(c.lastChange().actor()).isEqualTo(RolloutController.DEFAULT_ACTOR);
        assertThat(c.lastChange().time()).startsWith("2026-01-05T09:00:01");
        assertThat(c.breaker()).isEqualTo("CLOSED");
        assertThat(c.legacy().calls() + c.modern().calls()).as("the calls before the first step").isEqualTo(50);
        assertThat(c.rollout()).isNotNull();
        assertThat(c.rollout().phase()).isEqualTo("RUNNING");
        assertThat(c.rollout().step()).isZero();
        assertThat(c.rollout().percentage()).isEqualTo(10.0);
        assertThat(c.rollout().bakeStartedAt()).startsWith("2026-01-05T09:00:01");
        assertThat(c.rollout().reason()).isNotBlank();
        assertThat(c.openRollback()).isNull();

        RouteDescriptor s = routes.get("search");
        assertThat(s.stage()).isEqualTo("SHADOW");
        assertThat(s.version()).isZero();
        assertThat(s.lastChange()).as("no one changed it").isNull();
        assertThat(s.legacy().calls()).isEqualTo(7);
        assertThat(s.legacy().successes()).isEqualTo(7);
        assertThat(s.modern().calls()).isZero();
        assertThat(s.rollout()).as("the controller does not know the route").isNull();
    }

    @Test
    void oneRouteShowsJudgementsExplanationCheckpointsAndRollbacks() {
        RolloutController controller = f.controller("checkout");
        StranglerEndpoint endpoint = new StranglerEndpoint(f.router, controller);
        for (int i = 0; i < 90; i++) {
            ActuatorFixture.second(f.clock, controller, checkout, 20);
        }

        RouteDetailsDescriptor d = details(endpoint.route("checkout"));

        assertThat(d.name()).isEqualTo("checkout");
        assertThat(d.stage()).isEqualTo("CANARY");
        assertThat(d.judgements()).isNotEmpty().anySatisfy(j -> {
            assertThat(j.trigger()).isEqualTo("ERROR_RATE");
            assertThat(j.name()).isEqualTo("ERROR_RATE");
            assertThat(j.verdict()).isIn("PASS", "INCONCLUSIVE");
            assertThat(j.n()).isPositive();
            assertThat(j.statistic()).isNotNull();
            assertThat(j.threshold()).isEqualTo(0.05);
            assertThat(j.explanation()).contains("modern error rate");
        });
        assertThat(d.explanation()).startsWith("route 'checkout': RUNNING on step 0");
        assertThat(d.checkpoints()).isNotEmpty().first().satisfies(cp -> {
            assertThat(cp.id()).isNotBlank();
            assertThat(cp.takenAt()).startsWith("2026-01-05T09:00:01");
            assertThat(cp.transition()).isNotBlank();
            assertThat(cp.stage()).as("the route before its first step").isEqualTo("DUAL_WRITE");
            assertThat(cp.percentage()).isEqualTo(0.0);
        });
        assertThat(d.rollbacks()).isEmpty();
        assertThat(d.mismatches()).isEmpty();
        assertThat(d.reconciliation().pending()).isZero();

        RouteDetailsDescriptor s = details(endpoint.route("search"));
        assertThat(s.judgements()).isEmpty();
        assertThat(s.explanation()).isNull();
        assertThat(s.rollout()).isNull();
    }

    @Test
    void recentMismatchesAreBoundedAndShowTheirDifferencesByPath() {
        StranglerEndpoint endpoint = new StranglerEndpoint(f.router, null);
        ActuatorFixture.reads(search, StranglerEndpoint.MISMATCHES_SHOWN + 5);

        RouteDetailsDescriptor d = details(endpoint.route("search"));

        assertThat(d.mismatches()).hasSize(StranglerEndpoint.MISMATCHES_SHOWN);
        assertThat(d.mismatches().get(d.mismatches().size() - 1).key()).as("the latest last")
                .isEqualTo("user-" + (StranglerEndpoint.MISMATCHES_SHOWN + 4));
        assertThat(d.mismatches().get(0).served()).isEqualTo("LEGACY");
        assertThat(d.mismatches().get(0).differences()).singleElement().satisfies(diff -> {
            assertThat(diff.path()).isEqualTo("$");
            assertThat(diff.legacy()).contains("answer for user-5");
            assertThat(diff.modern()).contains("different answer from modern");
        });
    }

    @Test
    void theReconciliationBacklogCountsTheSecondWritesThatFailed() {
        Route<SimulatedService> orders = f.route("orders", f.side("legacy"), f.side("modern").errorRate(1),
                s -> s.stage(Stage.DUAL_WRITE));
        StranglerEndpoint endpoint = new StranglerEndpoint(f.router, null);
        ActuatorFixture.writes(orders, 12);

        var backlog = details(endpoint.route("orders")).reconciliation();

        assertThat(backlog.pending()).isEqualTo(12);
        assertThat(backlog.morePending()).isFalse();
        assertThat(backlog.lost()).isZero();
        assertThat(backlog.oldestAt()).isNotNull();
        assertThat(backlog.oldest()).hasSize(StranglerEndpoint.RECONCILIATION_ENTRIES_SHOWN).first().satisfies(e -> {
            assertThat(e.key()).isEqualTo("order-0");
            assertThat(e.failedSide()).isEqualTo("MODERN");
            assertThat(e.errorType()).isEqualTo(IllegalStateException.class.getName());
            assertThat(e.errorMessage()).contains("modern failed");
        });
    }

    @Test
    void anUnknownRouteIsNotFoundWithAMessage() {
        StranglerEndpoint endpoint = new StranglerEndpoint(f.router, null);

        assertError(endpoint.route("nope"), 404, "route: no route 'nope'; the routes are [checkout, search]");
        assertError(endpoint.change("nope", "percentage", null, "5", null, "x", SecurityContext.NONE), 404,
                "no route 'nope'");
    }

    @Test
    void setsThePercentageAsThePrincipal() {
        StranglerEndpoint endpoint = new StranglerEndpoint(f.router, null);

        WebEndpointResponse<Object> response = endpoint.change("checkout", "percentage", "canary", "25", null,
                "canary for the EU", as("alice"));

        assertThat(response.getStatus()).isEqualTo(200);
        RouteDescriptor after = (RouteDescriptor) response.getBody();
        assertThat(after.stage()).isEqualTo("CANARY");
        assertThat(after.percentage()).isEqualTo(25.0);
        assertThat(checkout.state().percentage()).isEqualTo(25.0);
        assertThat(checkout.state().stage()).isEqualTo(Stage.CANARY);
        assertThat(checkout.state().revision().changedBy()).isEqualTo("alice");
        assertThat(checkout.state().revision().reason()).isEqualTo("canary for the EU");
        assertThat(checkout.state().version()).as("stage and percentage in one change").isEqualTo(1);
    }

    @Test
    void aRequestWithoutPrincipalActsAsActuator() {
        StranglerEndpoint endpoint = new StranglerEndpoint(f.router, null);

        assertThat(endpoint.change("search", "STAGE", "legacy", null, null, "mismatches", SecurityContext.NONE)
                .getStatus()).isEqualTo(200);

        assertThat(search.state().stage()).isEqualTo(Stage.LEGACY);
        assertThat(search.state().revision().changedBy()).isEqualTo(StranglerEndpoint.DEFAULT_ACTOR);
    }

    @Test
    void badInputIsRefusedWithAMessageNamingTheFieldAndTheValueAndChangesNothing() {
        StranglerEndpoint endpoint = new StranglerEndpoint(f.router, null);
        SecurityContext alice = as("alice");

        assertError(endpoint.change("checkout", "fly", null, null, null, "x", alice), 400,
                "action: unknown action 'fly', expected one of stage, percentage, approve, pause, resume, promote, "
                        + "rollback, restart, restore");
        assertError(endpoint.change("checkout", null, null, null, null, "x", alice), 400, "action: missing");
        assertError(endpoint.change("checkout", "stage", "canery", null, null, "x", alice), 400,
                "stage: unknown stage 'canery'");
        assertError(endpoint.change("checkout", "stage", null, null, null, "x", alice), 400, "stage: missing");
        assertError(endpoint.change("checkout", "percentage", null, "150", null, "x", alice), 400,
                "percentage must be between 0 and 100 %, was 150.0");
        assertError(endpoint.change("checkout", "percentage", null, "-1", null, "x", alice), 400,
                "percentage must be between 0 and 100 %, was -1.0");
        assertError(endpoint.change("checkout", "percentage", null, "lots", null, "x", alice), 400,
                "percentage: 'lots' is not a number");
        assertError(endpoint.change("checkout", "percentage", null, null, null, "x", alice), 400,
                "percentage: missing");
        assertError(endpoint.change("checkout", "percentage", null, "10", null, " ", alice), 400,
                "reason: missing; action 'percentage' records why the route changed");
        assertError(endpoint.change("checkout", "rollback", null, null, null, null, alice), 400, "reason: missing");
        assertError(endpoint.change("checkout", "rollback", null, "10", null, "x", alice), 400,
                "percentage: action 'rollback' takes no percentage");
        assertError(endpoint.change("checkout", "stage", "canary", null, "cp-1", "x", alice), 400,
                "checkpoint: action 'stage' takes no checkpoint");

        assertThat(checkout.state().version()).as("nothing changed").isZero();
    }

    @Test
    void rolloutActionsWithoutAControllerAreRefused() {
        StranglerEndpoint endpoint = new StranglerEndpoint(f.router, null);

        for (String action : new String[] {"approve", "pause", "resume", "promote", "restart"}) {
            assertError(endpoint.change("checkout", action, null, null, null, null, as("alice")), 400,
                    "action: '" + action + "' is a rollout command, and no rollout controller is configured");
        }
        assertError(endpoint.change("checkout", "restore", null, null, "cp-1", null, as("alice")), 400,
                "no rollout controller is configured");
    }

    @Test
    void drivesTheRolloutThroughTheController() {
        RolloutController controller = f.controller("checkout");
        StranglerEndpoint endpoint = new StranglerEndpoint(f.router, controller);
        ActuatorFixture.second(f.clock, controller, checkout, 20);
        assertThat(controller.status("checkout").step()).isZero();

        assertOk(endpoint.change("checkout", "approve", null, null, null, "looks fine", as("alice")));
        assertThat(controller.status("checkout").approved()).isTrue();

        assertOk(endpoint.change("checkout", "pause", null, null, null, null, as("alice")));
        assertThat(controller.status("checkout").phase()).isEqualTo(Phase.PAUSED);

        assertOk(endpoint.change("checkout", "resume", null, null, null, null, as("alice")));
        assertThat(controller.status("checkout").phase()).isNotEqualTo(Phase.PAUSED);

        WebEndpointResponse<Object> promoted = endpoint.change("checkout", "promote", null, null, null, null,
                as("bob"));
        assertOk(promoted);
        assertThat(((RouteDescriptor) promoted.getBody()).rollout().step()).isEqualTo(1);
        assertThat(checkout.state().percentage()).isEqualTo(50.0);
        assertThat(checkout.state().revision().changedBy()).isEqualTo("bob");
    }

    @Test
    void theLibrarysRefusalsAreConflictsOrBadRequestsWithItsMessage() {
        RolloutController controller = f.controller("checkout");
        StranglerEndpoint endpoint = new StranglerEndpoint(f.router, controller);
        ActuatorFixture.second(f.clock, controller, checkout, 20);

        // IllegalStateException: the phase does not allow it
        WebEndpointResponse<Object> resume = endpoint.change("checkout", "resume", null, null, null, null, as("a"));
        assertThat(resume.getStatus()).isEqualTo(409);
        assertThat(((ErrorDescriptor) resume.getBody()).error()).isEqualTo("Conflict");
        assertThat(((ErrorDescriptor) resume.getBody()).message()).contains("checkout");
        // IllegalArgumentException: the controller does not run the route
        WebEndpointResponse<Object> approve = endpoint.change("search", "approve", null, null, null, null, as("a"));
        assertThat(approve.getStatus()).isEqualTo(400);
        assertThat(((ErrorDescriptor) approve.getBody()).message()).contains("search");
        // RollbackRefusedException: legacy is out of date
        Route<SimulatedService> retired = f.route("retired", Stage.RETIRED);
        WebEndpointResponse<Object> rollback = endpoint.change("retired", "rollback", null, null, null, "try",
                as("a"));
        assertThat(rollback.getStatus()).isEqualTo(409);
        assertThat(((ErrorDescriptor) rollback.getBody()).message()).contains("RETIRED");
        assertThat(retired.state().stage()).isEqualTo(Stage.RETIRED);
    }

    @Test
    void aRollbackOfARunningRolloutAbortsItThroughTheController() {
        RolloutController controller = f.controller("checkout");
        StranglerEndpoint endpoint = new StranglerEndpoint(f.router, controller);
        ActuatorFixture.second(f.clock, controller, checkout, 20);
        assertThat(checkout.state().stage()).isEqualTo(Stage.CANARY);

        WebEndpointResponse<Object> response = endpoint.change("checkout", "rollback", null, null, null,
                "p99 doubled", as("alice"));

        assertOk(response);
        assertThat(checkout.state().stage().servesModern()).isFalse();
        assertThat(controller.status("checkout").phase()).isEqualTo(Phase.ABORTED);
        RouteDescriptor after = (RouteDescriptor) response.getBody();
        assertThat(after.openRollback()).isNotNull();
        assertThat(after.openRollback().actor()).isEqualTo("alice");
        assertThat(after.openRollback().reason()).endsWith("p99 doubled");
        assertThat(after.openRollback().trigger()).isNull();
        assertThat(after.openRollback().status()).isEqualTo(RollbackEvent.Status.INITIATED.name());
        assertThat(details(endpoint.route("checkout")).rollbacks()).singleElement()
                .satisfies(r -> assertThat(r.actor()).isEqualTo("alice"));

        // Over, the rollout can't abort again; the route still rolls back when it serves modern again.
        checkout.update("bob", "by hand", b -> b.stage(Stage.CANARY).percentage(5));
        assertOk(endpoint.change("checkout", "rollback", null, null, null, "again", as("alice")));
        assertThat(checkout.state().stage().servesModern()).isFalse();
        assertThat(checkout.state().revision().reason()).isEqualTo("again");
    }

    @Test
    void aRollbackWithoutControllerRollsTheRouteBack() {
        StranglerEndpoint endpoint = new StranglerEndpoint(f.router, null);
        checkout.update("bob", "canary", b -> b.stage(Stage.CANARY).percentage(30));

        assertOk(endpoint.change("checkout", "rollback", null, null, null, "errors", as("alice")));

        assertThat(checkout.state().stage().servesModern()).isFalse();
        assertThat(checkout.state().percentage()).isZero();
        assertThat(checkout.state().revision().changedBy()).isEqualTo("alice");
    }

    @Test
    void restoresOneRouteFromACheckpointAndLeavesTheOthers() {
        RolloutController controller = f.controller("checkout");
        StranglerEndpoint endpoint = new StranglerEndpoint(f.router, controller);
        ActuatorFixture.second(f.clock, controller, checkout, 20);
        String first = controller.checkpoints().get(0).id();
        assertThat(checkout.state().stage()).isEqualTo(Stage.CANARY);
        assertOk(endpoint.change("search", "stage", "legacy", null, null, "after the checkpoint", as("alice")));

        assertOk(endpoint.change("checkout", "restore", null, null, first, null, as("alice")));

        assertThat(checkout.state().stage()).as("as the checkpoint saved it").isEqualTo(Stage.DUAL_WRITE);
        assertThat(checkout.state().revision().changedBy()).isEqualTo("alice");
        assertThat(search.state().stage()).as("the checkpoint's other route is left alone").isEqualTo(Stage.LEGACY);

        assertError(endpoint.change("checkout", "restore", null, null, "no-such-checkpoint", null, as("alice")), 400,
                "checkpoint: no checkpoint 'no-such-checkpoint' in the rollout journal");
        assertError(endpoint.change("checkout", "restore", null, null, null, null, as("alice")), 400,
                "checkpoint: missing");
    }

    @Test
    void restartsARolledBackRollout() {
        RolloutController controller = f.controller("checkout");
        StranglerEndpoint endpoint = new StranglerEndpoint(f.router, controller);
        ActuatorFixture.second(f.clock, controller, checkout, 20);
        assertOk(endpoint.change("checkout", "rollback", null, null, null, "bad", as("alice")));

        assertOk(endpoint.change("checkout", "restart", null, null, null, null, as("alice")));
        f.clock.advance(Duration.ofSeconds(1));
        controller.tick();

        assertThat(controller.status("checkout").phase()).isNotIn(Phase.ABORTED, Phase.ROLLED_BACK);
    }

    @Test
    void theActorIsThePrincipalsName() {
        assertThat(StranglerEndpoint.actor(as("carol"))).isEqualTo("carol");
        assertThat(StranglerEndpoint.actor(SecurityContext.NONE)).isEqualTo("actuator");
        assertThat(StranglerEndpoint.actor(as(" "))).isEqualTo("actuator");
    }

    @Test
    void aNumberThatCouldNotBeComputedIsNull() {
        assertThat(StranglerEndpoint.number(Double.NaN)).isNull();
        assertThat(StranglerEndpoint.number(Double.POSITIVE_INFINITY)).isNull();
        assertThat(StranglerEndpoint.number(0.25)).isEqualTo(0.25);
    }

    @Test
    void aRouteWithAFailingSideStillReads() {
        Route<SimulatedService> broken = f.route("broken", new SimulatedSide("legacy", f.clock, 1).errorRate(1),
                f.side("modern"), s -> s.stage(Stage.LEGACY));
        ActuatorFixture.reads(broken, 3);

        RouteDescriptor d = new StranglerEndpoint(f.router, null).routes().routes().get("broken");

        assertThat(d.legacy().errors()).isEqualTo(3);
        assertThat(d.legacy().successes()).isZero();
    }

    static SecurityContext as(String name) {
        Principal principal = () -> name;
        return new SecurityContext() {
            @Override
            public Principal getPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }
        };
    }

    private static RouteDetailsDescriptor details(WebEndpointResponse<Object> response) {
        assertThat(response.getStatus()).as("%s", response.getBody()).isEqualTo(200);
        return (RouteDetailsDescriptor) response.getBody();
    }

    private static void assertOk(WebEndpointResponse<Object> response) {
        assertThat(response.getStatus()).as("%s", response.getBody()).isEqualTo(200);
    }

    private static void assertError(WebEndpointResponse<Object> response, int status, String message) {
        assertThat(response.getStatus()).as("%s", response.getBody()).isEqualTo(status);
        assertThat(response.getBody()).isInstanceOfSatisfying(ErrorDescriptor.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.message()).contains(message);
        });
    }
}
