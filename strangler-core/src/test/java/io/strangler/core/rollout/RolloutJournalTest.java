package io.strangler.core.rollout;

import io.strangler.core.testing.ControllerFixture;
import io.strangler.core.testing.Traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.Stage;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.health.RollbackAction;
import io.strangler.api.health.RollbackScope;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings;
import io.strangler.api.rollout.RolloutPlan;
import io.strangler.core.Strangler;
import io.strangler.api.resilience.CircuitBreakerState;
import io.strangler.test.SimulatedService;
import io.strangler.test.SimulatedSide;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ff4j.FF4j;
import org.ff4j.property.PropertyString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What outlives a controller: progress, rollback history and checkpoints in the journal, and a controller built again
 * over the same store carrying on.
 */
class RolloutJournalTest {

    private static final RolloutPlan PLAN = ControllerFixture.PLAN;

    private final ControllerFixture f = new ControllerFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private RolloutController controller(RolloutPlan plan) {
        return f.controller().plan("search", plan).build();
    }

    @Test
    void aControllerBuiltAgainCarriesOnOnTheSameStepWithTheSameBakeAndApproval() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        RolloutPlan plan = RolloutPlan.from(PLAN).approvalAt(100).build();
        RolloutController first = controller(plan);
        Traffic traffic = new Traffic(f.clock, first, 1, 20);
        traffic.seconds(320, route);
        assertThat(route.state().percentage()).isEqualTo(50.0);
        Instant stepStarted = first.status("search").stepStartedAt();
        first.approve("search", "alice");
        traffic.seconds(100, route);
        first.close();

        RolloutController second = controller(plan);
        RolloutStatus carried = second.status("search");
        assertThat(carried.step()).isEqualTo(1);
        assertThat(carried.stepStartedAt()).as("the bake goes on, it does not start over").isEqualTo(stepStarted);
        assertThat(carried.approved()).isTrue();
        assertThat(carried.reason()).contains("carried on from the journal");

        Traffic again = new Traffic(f.clock, second, 2, 20);
        long left = Duration.between(f.clock.instant(), stepStarted.plus(Duration.ofMinutes(5))).toSeconds();
        assertThat(left).isBetween(100L, 200L);
        again.seconds(left - 1, route);
        assertThat(route.state().percentage()).as("bake of 5 min from " + stepStarted).isEqualTo(50.0);
        again.seconds(2, route);
        assertThat(route.state().percentage()).isEqualTo(100.0);
    }

    @Test
    void aRolledBackRolloutStaysOverAcrossRestartsUntilAPersonRestartsIt() {
        SimulatedSide modern = f.side("modern", 0.4);
        Route<SimulatedService> route = f.route("search", f.side("legacy", 0), modern, Stage.CANARY, 10);
        RolloutController first = controller(PLAN);
        Traffic traffic = new Traffic(f.clock, first, 1, 50);
        traffic.seconds(10, route);
        assertThat(first.status("search").phase()).isEqualTo(RolloutStatus.Phase.ROLLED_BACK);
        String id = first.rollbacks().get(0).id();
        traffic.seconds(61, route);
        assertThat(first.rollbacks().get(0).status()).isEqualTo(RollbackEvent.Status.COMPLETED);
        first.close();

        RolloutController second = controller(PLAN);
        assertThat(second.status("search").phase()).isEqualTo(RolloutStatus.Phase.ROLLED_BACK);
        assertThat(second.rollbacks()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(id);
            assertThat(e.status()).isEqualTo(RollbackEvent.Status.COMPLETED);
            assertThat(e.trigger()).isEqualTo(TriggerKind.ERROR_RATE);
            assertThat(e.n()).isPositive();
            assertThat(e.bound()).isGreaterThan(e.threshold());
        });
        Traffic again = new Traffic(f.clock, second, 2, 50);
        again.seconds(400, route);
        assertThat(route.state().effectivePercentageBasisPoints()).as("not rolled out again by itself").isZero();

        modern.errorRate(0);
        second.restart("search", "frank");
        again.seconds(2, route);
        assertThat(second.status("search").phase()).isEqualTo(RolloutStatus.Phase.RUNNING);
        assertThat(route.state().percentage()).isEqualTo(10.0);
    }

    @Test
    void aGracefulRampGoesOnAfterARestart() {
        SimulatedSide modern = f.side("modern", 0).latency(Duration.ofNanos(3 * ControllerFixture.LATENCY_NANOS));
        Route<SimulatedService> route = f.route("search", f.side("legacy", 0), modern, Stage.CANARY, 50);
        RolloutController first = controller(PLAN);
        Traffic traffic = new Traffic(f.clock, first, 1, 50);
        int seconds = 0;
        while (first.status("search").phase() != RolloutStatus.Phase.RAMPING_DOWN && seconds++ < 60) {
            traffic.second(route);
        }
        traffic.seconds(150, route);
        assertThat(route.state().percentage()).isStrictlyBetween(20.0, 30.0);
        first.close();

        RolloutController second = controller(PLAN);
        assertThat(second.status("search").phase()).isEqualTo(RolloutStatus.Phase.RAMPING_DOWN);
        Traffic again = new Traffic(f.clock, second, 2, 50);
        again.seconds(151, route);
        assertThat(route.state().effectivePercentageBasisPoints()).isZero();
        assertThat(second.status("search").phase()).isEqualTo(RolloutStatus.Phase.ROLLED_BACK);
        again.seconds(61, route);
        assertThat(second.rollbacks()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(RollbackAction.GRACEFUL);
            assertThat(e.status()).isEqualTo(RollbackEvent.Status.COMPLETED);
        });
    }

    @Test
    void aFrozenRolloutStaysFrozenAcrossARestartAndResumeClosesItsRollback() {
        SimulatedSide modern = f.side("modern", 0).latency(Duration.ofNanos(3 * ControllerFixture.LATENCY_NANOS));
        Route<SimulatedService> route = f.route("search", f.side("legacy", 0), modern, Stage.DUAL_WRITE, 0);
        TriggerSettings manual = TriggerSettings.custom().action(TriggerKind.LATENCY, RollbackAction.MANUAL).build();
        RolloutController first = f.controller().plan("search", PLAN)
                .triggers("search", manual).build();
        new Traffic(f.clock, first, 1, 50).seconds(400, route);
        assertThat(first.status("search").phase()).isEqualTo(RolloutStatus.Phase.FROZEN);
        first.close();

        RolloutController second = f.controller().plan("search", PLAN)
                .triggers("search", manual).build();
        assertThat(second.status("search").phase()).isEqualTo(RolloutStatus.Phase.FROZEN);
        modern.latency(Duration.ofNanos(ControllerFixture.LATENCY_NANOS));
        second.resume("search", "erin");
        assertThat(second.rollbacks()).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(RollbackEvent.Status.COMPLETED);
            assertThat(e.outcome()).contains("resumed by erin");
        });
        new Traffic(f.clock, second, 2, 50).seconds(400, route);
        assertThat(route.state().percentage()).isGreaterThan(10.0);
    }

    @Test
    void aRouteChangedWhileNoControllerRanIsPausedNotOverwritten() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        RolloutController first = controller(PLAN);
        new Traffic(f.clock, first, 1, 20).seconds(2, route);
        first.close();
        route.setPercentage(30, "gina", "holding at 30");

        RolloutController second = controller(PLAN);
        new Traffic(f.clock, second, 2, 20).seconds(400, route);

        assertThat(route.state().percentage()).isEqualTo(30.0);
        assertThat(second.status("search").phase()).isEqualTo(RolloutStatus.Phase.PAUSED);
    }

    @Test
    void aCheckpointIsTakenBeforeEveryTransitionAndExportsAsJson() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        RolloutController controller = controller(PLAN);
        Traffic traffic = new Traffic(f.clock, controller, 1, 20);
        traffic.seconds(305, route);
        controller.pause("search", "bob");

        List<Checkpoint> checkpoints = controller.checkpoints();
        assertThat(checkpoints).extracting(Checkpoint::transition).satisfiesExactly(
                t -> assertThat(t).startsWith("step 0 of 'search' to 10.0%"),
                t -> assertThat(t).startsWith("step 1 of 'search' to 50.0%"),
                t -> assertThat(t).isEqualTo("pause of 'search'"));
        Checkpoint beforeSecondStep = checkpoints.get(1);
        assertThat(beforeSecondStep.states()).singleElement().satisfies(st -> {
            assertThat(st.route()).isEqualTo("search");
            assertThat(st.percentage()).isEqualTo(10.0);
        });
        assertThat(beforeSecondStep.breakers()).containsEntry("search", CircuitBreakerState.CLOSED);
        assertThat(beforeSecondStep.progress()).singleElement().satisfies(p -> assertThat(p.step()).isZero());

        String json = beforeSecondStep.toJson();
        assertThat(json).contains("\"transition\":\"step 1 of 'search'").contains("\"percentageBasisPoints\":1000");
        assertThat(Checkpoint.fromJson(json)).isEqualTo(beforeSecondStep);
        assertThat(controller.checkpoint(beforeSecondStep.id())).contains(beforeSecondStep);
    }

    @Test
    void restoringACheckpointPutsStatesBreakersAndProgressBack() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        RolloutController controller = controller(PLAN);
        Traffic traffic = new Traffic(f.clock, controller, 1, 20);
        traffic.seconds(305, route);
        assertThat(route.state().percentage()).isEqualTo(50.0);
        Checkpoint atTenPercent = controller.checkpoints().get(1);
        controller.abort("search", "dave", "drill");
        route.transitionCircuitBreaker(CircuitBreakerState.FORCED_OPEN);

        List<RolloutStatus> after = controller.restore(atTenPercent.id(), "dave");

        assertThat(route.state().stage()).isEqualTo(Stage.CANARY);
        assertThat(route.state().percentage()).isEqualTo(10.0);
        assertThat(route.state().revision().changedBy()).isEqualTo("dave");
        assertThat(route.state().revision().reason()).contains("checkpoint " + atTenPercent.id());
        assertThat(route.circuitBreakerState()).isEqualTo(CircuitBreakerState.CLOSED);
        assertThat(after).singleElement().satisfies(s -> {
            assertThat(s.phase()).isEqualTo(RolloutStatus.Phase.RUNNING);
            assertThat(s.step()).isZero();
            assertThat(s.stepStartedAt()).isEqualTo(f.clock.instant());
        });
        assertThat(controller.checkpoints().get(controller.checkpoints().size() - 1).transition())
                .isEqualTo("restore of checkpoint " + atTenPercent.id());
        traffic.seconds(301, route);
        assertThat(route.state().percentage()).as("the plan goes on from the restored step").isEqualTo(50.0);
    }

    @Test
    void restoreNamesAnUnknownCheckpointOrRoute() {
        f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        RolloutController controller = controller(PLAN);
        assertThatThrownBy(() -> controller.restore("nope", "dave")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no checkpoint 'nope'");
        Checkpoint foreign = new Checkpoint("x", f.clock.instant(), "dave", "t",
                List.of(io.strangler.api.RouteState.builder("billing").stage(Stage.LEGACY).build()), java.util.Map.of(),
                List.of());
        assertThatThrownBy(() -> controller.restore(foreign, "dave")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[billing]");
        assertThatThrownBy(() -> controller.restore(foreign, " ")).hasMessageContaining("person");
        assertThatThrownBy(() -> controller.restart("search", "dave")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not ROLLED_BACK or ABORTED");
    }

    @Test
    void aBadCheckpointDocumentNamesTheField() {
        assertThatThrownBy(() -> Checkpoint.fromJson("[]")).hasMessageContaining("not a JSON object");
        String badTime = "{\"format\":1,\"id\":\"a\",\"takenAt\":\"yesterday\",\"states\":[]}";
        assertThatThrownBy(() -> Checkpoint.fromJson(badTime))
                .hasMessageContaining("takenAt").hasMessageContaining("yesterday");
        assertThatThrownBy(() -> Checkpoint.fromJson("{\"format\":9}")).hasMessageContaining("format");
    }

    @Test
    void theFf4jJournalKeepsTheLatestStageOfEachRollbackAndTheNewestCheckpoints() {
        FF4j ff4j = new FF4j();
        Ff4jRolloutJournal journal = new Ff4jRolloutJournal(ff4j.getPropertiesStore(), ff4j.getEventRepository(),
                f.clock, 2);
        RollbackEvent started = new RollbackEvent("r1", "search", List.of("search"), RollbackScope.ROUTE,
                TriggerKind.ERROR_RATE, RollbackAction.IMMEDIATE, RollbackEvent.Status.INITIATED, "ctl", "errors", 40,
                0.2, 0.1, 0.05, f.clock.instant(), null, null);
        journal.recordRollback(started);
        f.clock.advance(Duration.ofMinutes(1));
        journal.recordRollback(started.finish(RollbackEvent.Status.COMPLETED, f.clock.instant(), "legacy healthy"));
        assertThat(journal.rollbacks()).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(RollbackEvent.Status.COMPLETED);
            assertThat(e.statistic()).isEqualTo(0.2);
            assertThat(e.outcome()).isEqualTo("legacy healthy");
        });

        for (int i = 0; i < 3; i++) {
            f.clock.advance(Duration.ofSeconds(1));
            journal.saveCheckpoint(new Checkpoint(Ff4jRolloutJournal.newCheckpointId(f.clock), f.clock.instant(),
                    "ctl", "t" + i, List.of(), java.util.Map.of(), List.of()));
        }
        assertThat(journal.checkpoints()).extracting(Checkpoint::transition).containsExactly("t1", "t2");

        ff4j.getPropertiesStore().createProperty(new PropertyString(Ff4jRolloutJournal.CHECKPOINT_PREFIX + "zz",
                "not json"));
        assertThat(journal.checkpoints()).as("an unreadable one is skipped").hasSize(2);
        assertThat(journal.progress("search")).isEmpty();

        // read again from the store each time: a document another process rewrote is read as it is now
        Checkpoint second = journal.checkpoints().get(1);
        String name = Ff4jRolloutJournal.CHECKPOINT_PREFIX + second.id();
        ff4j.getPropertiesStore().updateProperty(new PropertyString(name,
                new Checkpoint(second.id(), second.takenAt(), "ctl", "rewritten", List.of(), java.util.Map.of(),
                        List.of()).toJson()));
        assertThat(journal.checkpoints()).extracting(Checkpoint::transition).containsExactly("t1", "rewritten");
        ff4j.getPropertiesStore().deleteProperty(name);
        assertThat(journal.checkpoints()).extracting(Checkpoint::transition).containsExactly("t1");
    }

    @Test
    void aJournalThatFailsNeverStopsARollback() {
        Route<SimulatedService> route = f.route("search", f.side("legacy", 0), f.side("modern", 0.4), Stage.CANARY,
                10);
        RolloutJournal broken = new RolloutJournal() {
            @Override public void saveProgress(RolloutProgress progress) { throw new IllegalStateException("down"); }
            @Override public Optional<RolloutProgress> progress(String r) { throw new IllegalStateException("down"); }
            @Override public void saveBaseline(LegacyBaseline baseline) { throw new IllegalStateException("down"); }
            @Override public Optional<LegacyBaseline> baseline(String r) { throw new IllegalStateException("down"); }
            @Override public void recordRollback(RollbackEvent event) { throw new IllegalStateException("down"); }
            @Override public List<RollbackEvent> rollbacks() { throw new IllegalStateException("down"); }
            @Override public void saveCheckpoint(Checkpoint checkpoint) { throw new IllegalStateException("down"); }
            @Override public List<Checkpoint> checkpoints() { throw new IllegalStateException("down"); }
            @Override public Optional<Checkpoint> checkpoint(String id) { throw new IllegalStateException("down"); }
        };
        RolloutController controller = f.controller().plan("search", PLAN)
                .journal(broken).build();

        new Traffic(f.clock, controller, 1, 50).seconds(10, route);

        assertThat(controller.status("search").phase()).isEqualTo(RolloutStatus.Phase.ROLLED_BACK);
        assertThat(route.state().effectivePercentageBasisPoints()).isZero();
        assertThat(controller.rollbacks()).hasSize(1);
    }

    @Test
    void aNewProcessOnTheSameStoresCarriesOn() {
        FF4j shared = new FF4j();
        Route<SimulatedService> route;
        Instant stepStarted;
        try (MigrationRouter router = routerOn(shared)) {
            route = router.route("search", SimulatedService.class);
            RolloutController controller = Strangler.controller(router).clock(f.clock).baselineGate(Duration.ZERO, 0)
                    .plan("search", PLAN).build();
            new Traffic(f.clock, controller, 1, 20).seconds(305, route);
            stepStarted = controller.status("search").stepStartedAt();
            controller.close();
        }
        FF4j restarted = new FF4j();
        restarted.setFeatureStore(shared.getFeatureStore());
        restarted.setPropertiesStore(shared.getPropertiesStore());
        restarted.setEventRepository(shared.getEventRepository());
        try (MigrationRouter router = routerOn(restarted)) {
            RolloutController controller = Strangler.controller(router).clock(f.clock).plan("search", PLAN).build();
            assertThat(router.route("search").state().percentage()).isEqualTo(50.0);
            assertThat(controller.status("search").step()).isEqualTo(1);
            assertThat(controller.status("search").stepStartedAt()).isEqualTo(stepStarted);
            assertThat(controller.checkpoints()).hasSize(2);
        }
    }

    @Test
    void aProgressRecordWhoseStepIsBeyondAnIntIsRefusedNotWrappedAround() {
        RolloutProgress progress = new RolloutProgress("search", RolloutStatus.Phase.RUNNING, 1, f.clock.instant(),
                true, "alice", 3, null, null, 0, null, null, "on step 1", f.clock.instant());
        String json = RolloutRecords.progressToJson(progress);
        assertThat(RolloutRecords.progressFromJson(json)).isEqualTo(progress);

        String wrapped = json.replace("\"step\":1,", "\"step\":4294967297,");
        assertThat(wrapped).isNotEqualTo(json);
        assertThatThrownBy(() -> RolloutRecords.progressFromJson(wrapped)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("step").hasMessageContaining("4294967297");
    }

    private MigrationRouter routerOn(FF4j ff4j) {
        MigrationRouter router = Strangler.router().ff4j(ff4j).clock(f.clock).ticker(f.clock::nanoTime)
                .refreshInterval(Duration.ZERO).build();
        router.register(RouteDefinition.builder("search", SimulatedService.class)
                .legacy(f.side("legacy", 0)).modern(f.side("modern", 0))
                .initialState(s -> s.stage(Stage.DUAL_WRITE).percentage(0).shadowSample(0))
                .build());
        return router;
    }
}
