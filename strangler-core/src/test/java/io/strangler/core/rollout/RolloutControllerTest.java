package io.strangler.core.rollout;

import io.strangler.core.testing.ControllerFixture;
import io.strangler.core.testing.LogCapture;
import io.strangler.core.testing.Traffic;

import io.strangler.core.health.PerformanceBaseline;

import io.strangler.test.SimulatedService;
import io.strangler.test.SimulatedSide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.Route;
import io.strangler.api.Stage;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.health.RollbackAction;
import io.strangler.api.health.RollbackScope;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings;
import io.strangler.api.rollout.RolloutPlan;
import io.strangler.core.Strangler;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RolloutControllerTest {

    private static final RolloutPlan PLAN = ControllerFixture.PLAN;

    @RegisterExtension
    final LogCapture log = new LogCapture();
    private final ControllerFixture f = new ControllerFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void closeWaitsForTheTickThreadSoThatNoneIsLeftRunning() {
        f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        long before = rolloutThreads();
        RolloutController controller = Strangler.controller(f.router).plan("search", PLAN).build();
        controller.start(Duration.ofMillis(1));
        assertThat(rolloutThreads()).isEqualTo(before + 1);

        controller.close();

        assertThat(rolloutThreads()).as("alive strangler-rollout threads").isEqualTo(before);
    }

    private static long rolloutThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("strangler-rollout"))
                .count();
    }

    @Test
    void tellsThePlanOfARouteItRunsAndNoneForARouteItOnlyGuards() {
        f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        f.healthyRoute("checkout", Stage.DUAL_WRITE, 0);
        RolloutController controller = f.controller().plan("search", PLAN)
                .triggers("checkout", io.strangler.api.health.TriggerSettings.ofDefaults()).build();

        assertThat(controller.plan("search")).contains(PLAN);
        assertThat(controller.plan("checkout")).isEmpty();
        assertThatThrownBy(() -> controller.plan("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void aPersonsRollbackGoesThroughTheRolloutWhileItRunsAndOnTheRouteAloneOnceItIsOver() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        RolloutController controller = f.controller().plan("search", PLAN).build();
        Traffic traffic = new Traffic(f.clock, controller, 1, 20);
        traffic.second(route);
        assertThat(route.state().stage()).isEqualTo(Stage.CANARY);

        assertThat(controller.rollback("search", "ann", "p95 doubled")).as("aborted through the rollout").isTrue();
        assertThat(controller.status("search").phase()).isEqualTo(RolloutStatus.Phase.ABORTED);
        assertThat(controller.rollbacks("search")).singleElement().satisfies(e -> assertThat(e.actor())
                .isEqualTo("ann"));
        route.setPercentage(5, "bob", "trying again by hand");

        assertThat(controller.rollback("search", "ann", "still bad")).as("the rollout is over: the route alone")
                .isFalse();
        assertThat(route.state().percentage()).isZero();
        assertThat(route.state().revision().changedBy()).isEqualTo("ann");
        assertThatThrownBy(() -> controller.rollback("nope", "ann", "r")).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("'nope'");
    }

    @Test
    void aCheckpointNarrowedToOneRouteHoldsThatRouteAlone() {
        f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        f.healthyRoute("checkout", Stage.DUAL_WRITE, 0);
        RolloutController controller = f.controller().plan("search", PLAN).plan("checkout", PLAN).build();
        controller.pause("search", "ann");
        Checkpoint checkpoint = controller.checkpoints().get(controller.checkpoints().size() - 1);

        Checkpoint search = checkpoint.only("search");

        assertThat(search.id()).isEqualTo(checkpoint.id());
        assertThat(search.states()).extracting(io.strangler.api.RouteState::route).containsExactly("search");
        assertThat(search.progress()).allSatisfy(p -> assertThat(p.route()).isEqualTo("search"));
        assertThatThrownBy(() -> checkpoint.only("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope'").hasMessageContaining(checkpoint.id());
    }

    @Test
    void advancesEachStepOnlyAfterItsBakeAndCompletesAtTheLastStep() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        RolloutController controller = f.controller().plan("search", PLAN).build();
        Traffic traffic = new Traffic(f.clock, controller, 1, 20);

        traffic.second(route);
        assertThat(route.state().stage()).isEqualTo(Stage.CANARY);
        assertThat(route.state().percentage()).isEqualTo(10.0);
        assertThat(route.state().revision().changedBy()).isEqualTo(RolloutController.DEFAULT_ACTOR);

        traffic.seconds(298, route);
        assertThat(route.state().percentage()).as("still baking").isEqualTo(10.0);
        traffic.seconds(2, route);
        assertThat(route.state().percentage()).isEqualTo(50.0);
        traffic.seconds(301, route);
        assertThat(route.state().percentage()).isEqualTo(100.0);
        traffic.seconds(301, route);
        assertThat(controller.status("search").phase()).isEqualTo(RolloutStatus.Phase.COMPLETE);
        assertThat(f.events).isEmpty();
    }

    @Test
    void waitsForMinimumSamplesAfterTheBake() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        RolloutPlan plan = RolloutPlan.from(PLAN).minimumSamples(100_000).build();
        RolloutController controller = f.controller().plan("search", plan).build();
        new Traffic(f.clock, controller, 1, 20).seconds(400, route);

        assertThat(route.state().percentage()).isEqualTo(10.0);
        assertThat(controller.status("search").reason()).contains("of the 100000 modern calls");
    }

    @Test
    void waitsForApprovalWhereThePlanSaysSo() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        RolloutPlan plan = RolloutPlan.from(PLAN).approvalAt(50).build();
        RolloutController controller = f.controller().plan("search", plan).build();
        Traffic traffic = new Traffic(f.clock, controller, 1, 20);
        traffic.seconds(400, route);
        assertThat(controller.status("search").phase()).isEqualTo(RolloutStatus.Phase.AWAITING_APPROVAL);
        assertThat(route.state().percentage()).isEqualTo(10.0);

        controller.approve("search", "alice");
        traffic.second(route);

        assertThat(route.state().percentage()).isEqualTo(50.0);
        assertThat(route.state().revision().changedBy()).as("the approver is the actor of the step").isEqualTo(
                "alice");
        assertThat(route.state().revision().reason()).endsWith("(approved by alice)");
        assertThat(controller.status("search").approved()).isFalse();
    }

    @Test
    void explainSaysWhereARolloutIsAndWhyWithItsNumbers() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        RolloutPlan plan = RolloutPlan.from(PLAN).approvalAt(50).build();
        RolloutController controller = f.controller().plan("search", plan).build();
        new Traffic(f.clock, controller, 1, 20).seconds(120, route);
        controller.approve("search", "alice");

        String text = controller.explain("search");

        assertThat(text.lines()).first().asString()
                .startsWith("route 'search': RUNNING on step 0 of 3 (10.0% of keys), baking since ").endsWith("left");
        assertThat(text).contains("\nstate: CANARY 10.0%, version ")
                .contains("\nnext: step 1 (50.0%) needs approval; approved by alice; at least 50 modern calls in the "
                        + "step (")
                .contains("\ntrigger ERROR_RATE PASS: modern error rate")
                .contains("\nbreaker: CLOSED");
        assertThatThrownBy(() -> controller.explain("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void anApprovalGivenBeforeARestartIsStillTheApproversMove() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        RolloutPlan plan = RolloutPlan.from(PLAN).approvalAt(50).build();
        RolloutController first = f.controller().plan("search", plan).build();
        new Traffic(f.clock, first, 1, 20).seconds(100, route);
        first.approve("search", "alice");
        first.close();

        RolloutController again = f.controller().plan("search", plan).build();
        new Traffic(f.clock, again, 2, 20).seconds(300, route);

        assertThat(route.state().percentage()).isEqualTo(50.0);
        assertThat(route.state().revision().changedBy()).isEqualTo("alice");
    }

    @Test
    void promotingAPausedRolloutMovesOneStepAndTheRolloutStaysPaused() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        RolloutController controller = f.controller().plan("search", PLAN).build();
        Traffic traffic = new Traffic(f.clock, controller, 1, 20);
        traffic.seconds(10, route);
        assertThat(route.state().percentage()).isEqualTo(10.0);
        controller.pause("search", "alice");

        RolloutStatus promoted = controller.promoteNow("search", "bob");

        assertThat(route.state().percentage()).isEqualTo(50.0);
        assertThat(promoted.phase()).isEqualTo(RolloutStatus.Phase.PAUSED);
        assertThat(promoted.reason()).contains("promoted by bob to 50.0% while paused; still paused");
        traffic.seconds(700, route);
        assertThat(route.state().percentage()).as("no step after the bake: still paused").isEqualTo(50.0);
        assertThat(controller.status("search").phase()).isEqualTo(RolloutStatus.Phase.PAUSED);

        controller.resume("search", "alice");
        traffic.seconds(301, route);
        assertThat(route.state().percentage()).isEqualTo(100.0);
    }

    @Test
    void pausedRolloutDoesNotMoveUntilResumed() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        RolloutController controller = f.controller().plan("search", PLAN).build();
        Traffic traffic = new Traffic(f.clock, controller, 1, 20);
        traffic.second(route);
        controller.pause("search", "bob");
        traffic.seconds(400, route);
        assertThat(route.state().percentage()).isEqualTo(10.0);
        assertThat(controller.status("search").phase()).isEqualTo(RolloutStatus.Phase.PAUSED);

        controller.resume("search", "bob");
        traffic.second(route);

        assertThat(route.state().percentage()).isEqualTo(50.0);
    }

    @Test
    void promoteNowSkipsTheBakeButNotAFailingTrigger() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        RolloutController controller = f.controller().plan("search", PLAN).build();
        new Traffic(f.clock, controller, 1, 20).seconds(2, route);

        RolloutStatus status = controller.promoteNow("search", "carol");

        assertThat(route.state().percentage()).isEqualTo(50.0);
        assertThat(route.state().revision().changedBy()).isEqualTo("carol");
        assertThat(status.step()).isEqualTo(1);
        controller.promoteNow("search", "carol");
        assertThatThrownBy(() -> controller.promoteNow("search", "carol"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("last step");
    }

    @Test
    void abortRollsBackNowAndRecordsWhoAndWhy() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        RolloutController controller = f.controller().plan("search", PLAN).build();
        Traffic traffic = new Traffic(f.clock, controller, 1, 20);
        traffic.seconds(2, route);

        controller.abort("search", "dave", "customer complaint");

        assertThat(route.state().effectivePercentageBasisPoints()).isZero();
        assertThat(route.state().stage()).isEqualTo(Stage.DUAL_WRITE);
        assertThat(controller.status("search").phase()).isEqualTo(RolloutStatus.Phase.ABORTED);
        RollbackEvent event = controller.rollbacks("search").get(0);
        assertThat(event.trigger()).isNull();
        assertThat(event.actor()).isEqualTo("dave");
        assertThat(event.reason()).contains("customer complaint");
        traffic.seconds(400, route);
        assertThat(route.state().effectivePercentageBasisPoints()).as("stays rolled back").isZero();
    }

    @Test
    void modernErrorsRollBackImmediatelyAndTheRollbackCompletesWhenLegacyIsHealthy() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Route<SimulatedService> route = f.route("search", f.side("legacy", 0),
                f.side("modern", 0.3), Stage.CANARY, 50);
        RolloutController controller = f.controller().plan("search", PLAN)
                .meterRegistry(registry).build();
        Traffic traffic = new Traffic(f.clock, controller, 1, 50);

        int seconds = 0;
        while (f.events.isEmpty() && seconds < 10) {
            traffic.second(route);
            seconds++;
        }

        assertThat(route.state().effectivePercentageBasisPoints()).isZero();
        assertThat(controller.status("search").phase()).isEqualTo(RolloutStatus.Phase.ROLLED_BACK);
        RollbackEvent initiated = f.events.get(0);
        assertThat(initiated.status()).isEqualTo(RollbackEvent.Status.INITIATED);
        assertThat(initiated.trigger()).isEqualTo(TriggerKind.ERROR_RATE);
        assertThat(initiated.action()).isEqualTo(RollbackAction.IMMEDIATE);
        assertThat(initiated.scope()).isEqualTo(RollbackScope.ROUTE);
        assertThat(initiated.bound()).isGreaterThan(initiated.threshold());
        assertThat(initiated.n()).isGreaterThanOrEqualTo(30);
        assertThat(registry.get("strangler.rollbacks").tags("route", "search", "trigger", "error_rate",
                "action", "immediate").counter().count()).isEqualTo(1);

        traffic.seconds(59, route);
        assertThat(controller.rollbacks().get(0).status()).as("not before a full window")
                .isEqualTo(RollbackEvent.Status.INITIATED);
        traffic.seconds(2, route);

        RollbackEvent done = controller.rollbacks().get(0);
        assertThat(done.status()).isEqualTo(RollbackEvent.Status.COMPLETED);
        assertThat(done.id()).isEqualTo(initiated.id());
        assertThat(done.outcome()).contains("legacy error rate 0.0%");
        assertThat(f.events).extracting(RollbackEvent::status)
                .containsExactly(RollbackEvent.Status.INITIATED, RollbackEvent.Status.COMPLETED);
    }

    @Test
    void rollbackFailsWhenLegacyIsNotHealthyAfterwards() {
        Route<SimulatedService> route = f.route("search", f.side("legacy", 0.2),
                f.side("modern", 1.0), Stage.CANARY, 50);
        route.update("test", "no fallback", b -> b.fallbackToLegacy(false));
        RolloutController controller = f.controller().plan("search", PLAN).build();

        new Traffic(f.clock, controller, 1, 50).seconds(30, route);

        RollbackEvent event = controller.rollbacks().get(0);
        assertThat(event.status()).isEqualTo(RollbackEvent.Status.FAILED);
        assertThat(event.outcome()).contains("legacy is not healthy");
    }

    @Test
    void aRollbackIsNotCompletedWhileTooFewLegacyCallsTellWhetherLegacyIsHealthy() {
        SimulatedSide legacy = f.side("legacy", 0);
        Route<SimulatedService> route = f.route("search", legacy, f.side("modern", 1.0), Stage.CANARY, 50);
        RolloutController controller = f.controller().plan("search", PLAN).build();
        Traffic busy = new Traffic(f.clock, controller, 1, 50);
        while (controller.rollbacks().isEmpty()) {
            busy.second(route);
        }
        legacy.errorRate(1.0);   // legacy now fails every call, and hardly any come: 20 in the next 70 s
        Traffic quiet = new Traffic(f.clock, controller, 2, 1).tickEvery(1);
        for (int s = 0; s < 70; s++) {
            if (s % 7 < 2) {
                quiet.second(route);
            } else {
                f.clock.advance(java.time.Duration.ofSeconds(1));
                controller.tick();
            }
        }

        RollbackEvent open = controller.rollbacks().get(0);
        assertThat(open.status()).as("20 failed calls are too few to call legacy healthy")
                .isEqualTo(RollbackEvent.Status.INITIATED);
        assertThat(controller.status("search").reason()).contains("stays open: legacy's health after it is still "
                + "inconclusive");

        busy.seconds(30, route);
        assertThat(controller.rollbacks().get(0).status()).isEqualTo(RollbackEvent.Status.FAILED);
    }

    @Test
    void aRollbackThatCantBeMadeIsNotReportedAsMadeAndIsTriedAgainAWindowLater() {
        Route<SimulatedService> route = f.route("search", f.side("legacy", 0), f.side("modern", 0.5), Stage.RETIRED,
                100);
        RolloutController controller = f.controller().plan("search", PLAN).build();
        Traffic traffic = new Traffic(f.clock, controller, 1, 50);
        while (controller.rollbacks().isEmpty()) {
            traffic.second(route);
        }

        RollbackEvent failed = controller.rollbacks().get(0);
        assertThat(failed.status()).isEqualTo(RollbackEvent.Status.FAILED);
        assertThat(failed.outcome()).contains("RETIRED");
        RolloutStatus status = controller.status("search");
        assertThat(status.phase()).as("the state did not change").isNotEqualTo(RolloutStatus.Phase.ROLLED_BACK);
        assertThat(status.reason()).contains("the rollback could not be made").contains("modern still serves");
        assertThat(route.state().stage()).isEqualTo(Stage.RETIRED);

        traffic.seconds(125, route);
        assertThat(controller.rollbacks()).as("tried again once a minute, not at every tick").hasSize(3)
                .allSatisfy(e -> assertThat(e.status()).isEqualTo(RollbackEvent.Status.FAILED));
    }

    @Test
    void slowModernRampsDownGracefullyThenRollsBack() {
        SimulatedSide modern = f.side("modern", 0).latency(Duration.ofNanos(3 * ControllerFixture.LATENCY_NANOS));
        Route<SimulatedService> route = f.route("search", f.side("legacy", 0), modern,
                Stage.CANARY, 50);
        RolloutController controller = f.controller().plan("search", PLAN).build();
        Traffic traffic = new Traffic(f.clock, controller, 1, 50);

        int seconds = 0;
        while (controller.status("search").phase() != RolloutStatus.Phase.RAMPING_DOWN && seconds < 60) {
            traffic.second(route);
            seconds++;
        }
        assertThat(seconds).as("seconds until the ramp starts").isLessThan(60);
        traffic.seconds(150, route);
        assertThat(route.state().percentage()).isStrictlyBetween(20.0, 30.0);
        traffic.seconds(151, route);

        assertThat(route.state().effectivePercentageBasisPoints()).isZero();
        assertThat(controller.status("search").phase()).isEqualTo(RolloutStatus.Phase.ROLLED_BACK);
        assertThat(controller.rollbacks().get(0).action()).isEqualTo(RollbackAction.GRACEFUL);
        assertThat(controller.rollbacks().get(0).trigger()).isEqualTo(TriggerKind.LATENCY);
    }

    @Test
    void manualTriggerFreezesTheRolloutUntilAPersonResumes() {
        SimulatedSide modern = f.side("modern", 0).latency(Duration.ofNanos(3 * ControllerFixture.LATENCY_NANOS));
        Route<SimulatedService> route = f.route("search", f.side("legacy", 0), modern,
                Stage.DUAL_WRITE, 0);
        RolloutController controller = f.controller().plan("search", PLAN)
                .triggers("search", TriggerSettings.custom().action(TriggerKind.LATENCY, RollbackAction.MANUAL).build())
                .build();
        Traffic traffic = new Traffic(f.clock, controller, 1, 50);

        traffic.seconds(400, route);

        assertThat(controller.status("search").phase()).isEqualTo(RolloutStatus.Phase.FROZEN);
        assertThat(route.state().percentage()).as("frozen where it was").isEqualTo(10.0);
        assertThat(controller.rollbacks()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(RollbackAction.MANUAL);
            assertThat(e.status()).isEqualTo(RollbackEvent.Status.INITIATED);
        });
        assertThat(log.lines("ERROR")).as("a frozen rollout waits for a person: it is shouted").singleElement()
                .asString().startsWith("ALERT route 'search': ")
                .endsWith("; rollout frozen, a person must resume or abort it");

        modern.latency(Duration.ofNanos(ControllerFixture.LATENCY_NANOS));
        controller.resume("search", "erin");
        assertThat(controller.rollbacks().get(0).status()).isEqualTo(RollbackEvent.Status.COMPLETED);
        traffic.seconds(400, route);
        assertThat(route.state().percentage()).isGreaterThan(10.0);
    }

    @Test
    void aRollbackMadeElsewhereIsNeverUndone() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        RolloutController controller = f.controller().plan("search", PLAN).build();
        Traffic traffic = new Traffic(f.clock, controller, 1, 20);
        traffic.seconds(2, route);

        route.rollback("oncall", "pager went off");
        traffic.seconds(700, route);

        assertThat(route.state().effectivePercentageBasisPoints()).isZero();
        assertThat(controller.status("search").phase()).isEqualTo(RolloutStatus.Phase.ROLLED_BACK);
        assertThat(controller.status("search").reason()).contains("oncall", "pager went off");
    }

    @Test
    void aPercentageSetByHandPausesTheRollout() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        RolloutController controller = f.controller().plan("search", PLAN).build();
        Traffic traffic = new Traffic(f.clock, controller, 1, 20);
        traffic.seconds(2, route);

        route.setPercentage(30, "frank", "holding at 30");
        traffic.seconds(700, route);

        assertThat(route.state().percentage()).isEqualTo(30.0);
        assertThat(controller.status("search").phase()).isEqualTo(RolloutStatus.Phase.PAUSED);
        controller.resume("search", "frank");
        assertThat(controller.status("search").step()).as("adopted on the 10% step").isZero();
    }

    @Test
    void aDependentStartsOnlyOnceItsDependencyIsAtFullAndRollsBackFirst() {
        Route<SimulatedService> pricing = f.healthyRoute("pricing", Stage.DUAL_WRITE, 0);
        SimulatedSide checkoutLegacy = f.side("legacy", 0);
        SimulatedSide checkoutModern = f.side("modern", 0);
        Route<SimulatedService> checkout = f.route("checkout", checkoutLegacy, checkoutModern,
                Stage.DUAL_WRITE, 0);
        RolloutController controller = f.controller()
                .plan("pricing", PLAN).plan("checkout", PLAN).dependsOn("checkout", "pricing").build();
        Traffic traffic = new Traffic(f.clock, controller, 1, 20);

        traffic.seconds(600, pricing, checkout);
        assertThat(pricing.state().percentage()).isEqualTo(50.0);
        assertThat(checkout.state().effectivePercentageBasisPoints()).as("waits for pricing at 100%").isZero();
        assertThat(controller.status("checkout").reason()).contains("pricing");
        traffic.seconds(2, pricing, checkout);
        assertThat(pricing.state().percentage()).isEqualTo(100.0);
        assertThat(checkout.state().percentage()).isEqualTo(10.0);

        controller.abort("pricing", "gina", "pricing drifted");

        RollbackEvent event = controller.rollbacks("pricing").get(0);
        assertThat(event.routes()).containsExactly("checkout", "pricing");
        assertThat(checkout.state().effectivePercentageBasisPoints()).isZero();
        assertThat(pricing.state().effectivePercentageBasisPoints()).isZero();
    }

    @Test
    void scopeAllRollsBackEveryRouteServingModern() {
        Route<SimulatedService> bad = f.route("bad", f.side("legacy", 0),
                f.side("modern", 0.3), Stage.CANARY, 50);
        Route<SimulatedService> other = f.healthyRoute("other", Stage.CANARY, 20);
        Route<SimulatedService> idle = f.healthyRoute("idle", Stage.LEGACY, 0);
        RolloutController controller = f.controller()
                .triggers("bad", TriggerSettings.custom().scope(TriggerKind.ERROR_RATE, RollbackScope.ALL).build())
                .build();

        new Traffic(f.clock, controller, 1, 50).seconds(5, bad, other, idle);

        assertThat(bad.state().effectivePercentageBasisPoints()).isZero();
        assertThat(other.state().effectivePercentageBasisPoints()).isZero();
        assertThat(idle.state().version()).as("nothing to roll back").isZero();
        assertThat(controller.status("bad").phase()).as("only guarded").isEqualTo(RolloutStatus.Phase.GUARDED);
        assertThat(controller.rollbacks().get(0).scope()).isEqualTo(RollbackScope.ALL);
    }

    @Test
    void scopePhaseRollsBackTheRoutesOfThePhaseOnly() {
        Route<SimulatedService> bad = f.route("bad", f.side("legacy", 0),
                f.side("modern", 0.3), Stage.CANARY, 50);
        Route<SimulatedService> sibling = f.healthyRoute("sibling", Stage.CANARY, 20);
        Route<SimulatedService> elsewhere = f.healthyRoute("elsewhere", Stage.CANARY, 20);
        RolloutController controller = f.controller()
                .triggers("bad", TriggerSettings.custom().scope(TriggerKind.ERROR_RATE, RollbackScope.PHASE).build())
                .phase("bad", "phase-1").phase("sibling", "phase-1").phase("elsewhere", "phase-2")
                .build();

        new Traffic(f.clock, controller, 1, 50).seconds(5, bad, sibling, elsewhere);

        assertThat(bad.state().effectivePercentageBasisPoints()).isZero();
        assertThat(sibling.state().effectivePercentageBasisPoints()).isZero();
        assertThat(elsewhere.state().percentage()).isEqualTo(20.0);
    }

    @Test
    void capturesTheLegacyBaselineBeforeModernFirstServes() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        RolloutPlan plan = RolloutPlan.from(PLAN).approvalAt(10).build();
        RolloutController controller = f.controller().plan("search", plan).build();
        Traffic traffic = new Traffic(f.clock, controller, 1, 100);
        traffic.seconds(61, route);
        assertThat(controller.baseline("search")).isEmpty();

        controller.approve("search", "alice");
        traffic.seconds(2, route);

        PerformanceBaseline baseline = controller.baseline("search").orElseThrow();
        assertThat(baseline.calls()).isBetween(5_900L, 6_000L);
        assertThat(baseline.p95Nanos()).isGreaterThanOrEqualTo(ControllerFixture.LATENCY_NANOS);
        assertThat(baseline.errorRate()).isZero();
        assertThat(baseline.callsPerSecond()).isCloseTo(100, org.assertj.core.data.Offset.offset(2.0));
    }
}
