package io.strangler.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteStats;
import io.strangler.api.Stage;
import io.strangler.api.StranglerException;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings;
import io.strangler.api.rollout.RolloutPlan;
import io.strangler.core.Strangler;
import io.strangler.core.fleet.ControllerLease;
import io.strangler.core.fleet.FleetStore;
import io.strangler.core.fleet.InMemoryFleetStore;
import io.strangler.core.fleet.PublishedStats;
import io.strangler.core.rollout.RolloutStatus.Phase;
import io.strangler.test.SimulatedService;
import io.strangler.test.SimulatedSide;
import io.strangler.test.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.ff4j.FF4j;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Controllers of a fleet: instances in one JVM, each with its own router on one FF4J (states and journal shared) and
 * its own controller on one {@link InMemoryFleetStore}, on virtual time. One acts at a time; a dead holder's lease is
 * taken over within the lease time and the rollout carries on from the journal; the triggers judge the fleet's
 * traffic.
 */
class FleetControllerTest {

    private static final String ROUTE = "search";
    private static final Duration LEASE = Duration.ofSeconds(15);
    private static final RolloutPlan PLAN = RolloutPlan.custom()
            .step(10, Duration.ofMinutes(5))
            .step(50, Duration.ofMinutes(5))
            .step(100, Duration.ofMinutes(5))
            .minimumSamples(20)
            .approvalAt(100)
            .build();

    private final VirtualTime clock = VirtualTime.startingAt(Instant.parse("2026-11-26T10:00:00Z"));
    private final FF4j ff4j = new FF4j();
    private final FailingFleetStore store = new FailingFleetStore(new InMemoryFleetStore());
    private final List<Instance> instances = new ArrayList<>();
    private final SplittableRandom keys = new SplittableRandom(7);

    /** One instance of the service: a router, its route, its controller, and whether it is still alive. */
    private final class Instance {
        final MigrationRouter router;
        final Route<SimulatedService> route;
        final boolean inFleet;
        RolloutController controller;
        boolean alive = true;

        Instance(String id, double modernErrors, Stage stage, double percentage, boolean inFleet, boolean plan) {
            router = Strangler.router().ff4j(ff4j).clock(clock).ticker(clock::nanoTime)
                    .refreshInterval(Duration.ZERO).build();
            route = router.register(RouteDefinition.builder(ROUTE, SimulatedService.class)
                    .legacy(new SimulatedSide("legacy", clock, 1).latency(Duration.ofMillis(1)))
                    .modern(new SimulatedSide("modern", clock, id.hashCode()).errorRate(modernErrors)
                            .latency(Duration.ofMillis(1)))
                    .initialState(s -> s.stage(stage).percentage(percentage).shadowSample(0))
                    .build());
            this.inFleet = inFleet;
            RolloutController.Builder b = Strangler.controller(router).clock(clock);
            if (plan) {
                b.plan(ROUTE, PLAN);
            } else {
                b.triggers(ROUTE, TriggerSettings.ofDefaults());
            }
            if (inFleet) {
                b.fleet(store).instance(id).leaseTime(LEASE);
            }
            controller = b.build();
            instances.add(this);
        }
    }

    @AfterEach
    void close() {
        instances.forEach(i -> {
            i.controller.close();
            i.router.close();
        });
    }

    /** Runs {@code seconds}: each live instance serves {@code callsPerSecond}, refreshes, and its controller ticks. */
    private void run(long seconds, int callsPerSecond) {
        for (long s = 0; s < seconds; s++) {
            Instant begin = clock.instant();
            for (int c = 0; c < callsPerSecond; c++) {
                clock.advanceTo(begin.plusNanos(c * (1_000_000_000L / callsPerSecond)));
                for (Instance i : instances) {
                    if (i.alive) {
                        String key = "user-" + keys.nextInt(1_000_000);
                        try {
                            i.route.read(key, svc -> svc.get(key));
                        } catch (RuntimeException expected) {
                            // counted by the route
                        }
                    }
                }
            }
            clock.advanceTo(begin.plusSeconds(1));
            for (Instance i : instances) {
                if (i.alive) {
                    i.router.refresh();
                    i.controller.tick();
                }
            }
            assertThat(instances.stream().filter(i -> i.alive && i.inFleet && i.controller.leads()).count())
                    .as("controllers acting at %s", clock.instant()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void oneControllerActsAndTheOthersStandBy() {
        Instance a = new Instance("a", 0, Stage.DUAL_WRITE, 0, true, true);
        Instance b = new Instance("b", 0, Stage.DUAL_WRITE, 0, true, true);

        run(1, 10);

        assertThat(a.controller.leads()).isTrue();
        assertThat(b.controller.leads()).isFalse();
        assertThat(b.controller.lease()).get().extracting(ControllerLease::holder).isEqualTo("a");
        assertThatThrownBy(() -> b.controller.approve(ROUTE, "alice"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("approve: this controller (instance 'b') stands by")
                .hasMessageContaining("instance 'a' holds the controller lease (epoch 1)");
        run(30, 10);
        assertThat(b.controller.explain(ROUTE)).contains("\nfleet: judged on the counters of 2 instances (this one "
                + "is 'b'); instance 'a' holds the controller lease (epoch 1)");
        assertThat(b.controller.status(ROUTE)).as("a standby reads the rollout from the journal")
                .extracting(RolloutStatus::phase, RolloutStatus::step)
                .containsExactly(a.controller.status(ROUTE).phase(), a.controller.status(ROUTE).step());
    }

    @Test
    void anotherInstanceTakesOverWithinTheLeaseTimeAndCarriesOnFromTheJournal() {
        Instance a = new Instance("a", 0, Stage.DUAL_WRITE, 0, true, true);
        Instance b = new Instance("b", 0, Stage.DUAL_WRITE, 0, true, true);
        run(70, 20);   // a minute of legacy alone for the pre-migration baseline, then the first step
        RolloutStatus onA = a.controller.status(ROUTE);
        assertThat(onA.phase()).isEqualTo(Phase.RUNNING);
        assertThat(onA.basisPoints()).isEqualTo(1_000);
        a.controller.approve(ROUTE, "alice");   // early: kept until the 100 % step is due

        a.alive = false;                        // dies without giving the lease up
        Instant died = clock.instant();
        while (!b.controller.leads()) {
            run(1, 20);
        }
        Duration failover = Duration.between(died, clock.instant());
        assertThat(failover).as("failover").isLessThanOrEqualTo(LEASE.plusSeconds(1));
        assertThat(b.controller.lease()).get().satisfies(l -> {
            assertThat(l.holder()).isEqualTo("b");
            assertThat(l.epoch()).isEqualTo(2);
        });
        RolloutStatus onB = b.controller.status(ROUTE);
        assertThat(onB.step()).isEqualTo(onA.step());
        assertThat(onB.stepStartedAt()).as("the same bake start").isEqualTo(onA.stepStartedAt());
        assertThat(onB.approved()).as("the approval given to the dead holder").isTrue();

        // the step bakes from its first start: the next one comes 5 min after it, not 5 min after the failover
        Instant due = onA.stepStartedAt().plus(Duration.ofMinutes(5));
        while (b.route.state().percentageBasisPoints() == 1_000) {
            run(1, 20);
        }
        assertThat(clock.instant()).isBetween(due, due.plusSeconds(2));
        assertThat(b.route.state().percentageBasisPoints()).isEqualTo(5_000);
        run(301, 20);
        assertThat(b.route.state().percentageBasisPoints()).as("approved before the failover").isEqualTo(10_000);
        assertThat(b.route.state().revision().changedBy()).as("the approver, across the failover").isEqualTo("alice");
    }

    @Test
    void aVerdictTheDeadHolderActedOnIsNotActedOnAgain() {
        Instance a = new Instance("a", 0.3, Stage.CANARY, 20, true, false);
        Instance b = new Instance("b", 0.3, Stage.CANARY, 20, true, false);
        Instant start = clock.instant();
        while (a.route.state().percentageBasisPoints() > 0 && clock.instant().isBefore(start.plusSeconds(120))) {
            run(1, 20);
        }
        assertThat(a.controller.leads()).isTrue();
        RollbackEvent verdict = a.controller.rollbacks().get(0);
        assertThat(verdict.trigger()).isEqualTo(TriggerKind.ERROR_RATE);
        Phase onA = a.controller.status(ROUTE).phase();

        a.alive = false;
        run(LEASE.getSeconds() + 90, 20);

        assertThat(b.controller.leads()).isTrue();
        assertThat(b.controller.rollbacks()).as("the journal's one rollback, carried on and not made again")
                .singleElement().satisfies(e -> {
                    assertThat(e.id()).isEqualTo(verdict.id());
                    assertThat(e.status()).isEqualTo(RollbackEvent.Status.COMPLETED);
                });
        assertThat(b.controller.status(ROUTE).phase()).isEqualTo(onA);
        assertThat(b.route.state().percentageBasisPoints()).isZero();
        assertThat(b.route.state().version()).as("no change since the rollback").isEqualTo(
                a.route.state().version());
    }

    @Test
    void aClosedControllerGivesTheLeaseUpAndAnotherTakesItAtTheNextTick() {
        Instance a = new Instance("a", 0, Stage.DUAL_WRITE, 0, true, true);
        Instance b = new Instance("b", 0, Stage.DUAL_WRITE, 0, true, true);
        run(5, 10);
        a.controller.close();
        a.alive = false;

        run(1, 10);

        assertThat(b.controller.leads()).isTrue();
        assertThat(b.controller.lease()).get().extracting(ControllerLease::epoch).isEqualTo(2L);
    }

    @Test
    void aHolderCutOffFromTheStoreStandsByBeforeAnotherCanTakeOver() {
        Instance a = new Instance("a", 0, Stage.DUAL_WRITE, 0, true, true);
        Instance b = new Instance("b", 0, Stage.DUAL_WRITE, 0, true, true);
        run(5, 10);
        ControllerLease held = a.controller.lease().orElseThrow();
        store.failFor("a");

        List<Instant> aActs = new ArrayList<>();
        Instant bTookOver = null;
        for (int s = 0; s < 30; s++) {
            run(1, 10);
            if (a.controller.leads()) {
                aActs.add(clock.instant());
            }
            if (bTookOver == null && b.controller.leads()) {
                bTookOver = clock.instant();
            }
        }
        Instant lastRenewal = held.expiresAt().minus(LEASE);
        assertThat(aActs).as("A acts on while a fifth of its lease is left").isNotEmpty()
                .allSatisfy(t -> assertThat(t).isBefore(held.expiresAt().plusSeconds(1).minus(LEASE.dividedBy(5))));
        assertThat(bTookOver).as("B takes over once the lease A renewed last has run out").isNotNull()
                .isAfterOrEqualTo(lastRenewal.plusSeconds(1).plus(LEASE).minusSeconds(1));
        assertThat(a.controller.leads()).isFalse();
    }

    @Test
    void theTriggersJudgeTheFleetsTrafficWhereNoInstanceReachesTheMinimumSample() {
        // three instances at 2 %, 10 calls/s each: some 12 modern calls per instance in a 60 s window, below the
        // error-rate trigger's minimum of 30; the fleet's 36 are not
        List<Instance> fleet = List.of(new Instance("a", 0.2, Stage.CANARY, 2, true, false),
                new Instance("b", 0.2, Stage.CANARY, 2, true, false),
                new Instance("c", 0.2, Stage.CANARY, 2, true, false));

        Instant start = clock.instant();
        while (fleet.get(0).route.state().percentageBasisPoints() > 0
                && clock.instant().isBefore(start.plusSeconds(180))) {
            run(1, 10);
        }

        RolloutController leader = fleet.stream().filter(i -> i.controller.leads()).findFirst().orElseThrow()
                .controller;
        assertThat(leader.rollbacks()).singleElement().satisfies(e ->
                assertThat(e.trigger()).isEqualTo(TriggerKind.ERROR_RATE));
        assertThat(fleet.get(0).route.state().percentageBasisPoints()).isZero();
        assertThat(leader.window(ROUTE).modern().calls()).as("judged on the fleet's calls")
                .isGreaterThanOrEqualTo(TriggerSettings.DEFAULT_ERROR_RATE_MINIMUM_SAMPLE);
        for (Instance i : fleet) {
            assertThat(i.route.stats().modern().calls()).as("modern calls of instance %s since it started", i)
                    .isLessThan(TriggerSettings.DEFAULT_ERROR_RATE_MINIMUM_SAMPLE);
        }
    }

    @Test
    void withoutTheFleetNoInstanceAloneReachesTheMinimumSample() {
        List<Instance> alone = List.of(new Instance("a", 0.2, Stage.CANARY, 2, false, false),
                new Instance("b", 0.2, Stage.CANARY, 2, false, false),
                new Instance("c", 0.2, Stage.CANARY, 2, false, false));

        run(180, 10);

        for (Instance i : alone) {
            assertThat(i.controller.rollbacks()).isEmpty();
            assertThat(i.controller.window(ROUTE).modern().calls()).isLessThan(30);
        }
        assertThat(alone.get(0).route.state().percentageBasisPoints()).isEqualTo(200);
    }

    @Test
    void aFleetControllerKeepsItsJournalInTheFleetStoreAndRefusesBadSettings() {
        MigrationRouter router = Strangler.router().clock(clock).stateStore(new io.strangler.core.RouteStateTestSupport
                .ForwardingStore(new io.strangler.core.state.Ff4jRouteStateStore(new FF4j())) { }).build();
        try {
            router.register(RouteDefinition.builder(ROUTE, SimulatedService.class)
                    .legacy(new SimulatedSide("legacy", clock, 1)).modern(new SimulatedSide("modern", clock, 2))
                    .initialState(s -> s.stage(Stage.DUAL_WRITE).shadowSample(0)).build());
            RolloutController controller = Strangler.controller(router).fleet(store).instance("solo")
                    .plan(ROUTE, PLAN).build();
            controller.tick();
            controller.close();
            assertThat(controller.journal()).isInstanceOf(FleetRolloutJournal.class);
            assertThat(store.document("rollout/" + ROUTE)).as("progress saved in the fleet store").isPresent();
            assertThat(new FleetRolloutJournal(store).progress(ROUTE)).get()
                    .extracting(RolloutProgress::route).isEqualTo(ROUTE);

            assertThatThrownBy(() -> Strangler.controller(router).leaseTime(Duration.ofMillis(500)))
                    .hasMessage("leaseTime must be at least 1 s, was PT0.5S");
            assertThatThrownBy(() -> Strangler.controller(router).instance(" "))
                    .hasMessage("instance: id must not be blank, was ' '");
            assertThatThrownBy(() -> Strangler.controller(router).leaseName(""))
                    .hasMessage("leaseName: name must not be blank, was ''");
            assertThatThrownBy(() -> new FleetRolloutJournal(store, 0, 10))
                    .hasMessage("checkpointLimit must be at least 1, was 0");
        } finally {
            router.close();
        }
    }

    @Test
    void theJournalKeepsTheNewestCheckpointsAndRollbacks() {
        FleetRolloutJournal journal = new FleetRolloutJournal(store, 3, 2);
        for (int i = 0; i < 5; i++) {
            Instant at = clock.instant().plusSeconds(i);
            journal.saveCheckpoint(new Checkpoint(Ff4jRolloutJournal.newCheckpointId(java.time.Clock.fixed(at,
                    java.time.ZoneOffset.UTC)), at, "alice", "step " + i, List.of(), java.util.Map.of(), List.of()));
            RollbackEvent e = new RollbackEvent("r" + i, ROUTE, List.of(ROUTE), io.strangler.api.health.RollbackScope
                    .ROUTE, null, io.strangler.api.health.RollbackAction.IMMEDIATE, RollbackEvent.Status.INITIATED,
                    "alice", "drill " + i, 0, 0, 0, 0, at, null, null);
            journal.recordRollback(e);
            if (i == 4) {
                journal.recordRollback(new RollbackEvent(e.id(), e.route(), e.routes(), e.scope(), null, e.action(),
                        RollbackEvent.Status.COMPLETED, "alice", "drill 4", 0, 0, 0, 0, at, at.plusSeconds(60), "ok"));
            }
        }
        assertThat(journal.checkpoints()).extracting(Checkpoint::transition).containsExactly("step 2", "step 3",
                "step 4");
        assertThat(journal.rollbacks()).extracting(RollbackEvent::id, RollbackEvent::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("r3", RollbackEvent.Status.INITIATED),
                org.assertj.core.groups.Tuple.tuple("r4", RollbackEvent.Status.COMPLETED));
    }

    @Test
    void theFleetsCountersAreCountedOnceWhateverInstancesComeAndGo() {
        Instance a = new Instance("a", 0, Stage.CANARY, 50, true, false);
        run(3, 10);
        Instance b = new Instance("b", 0, Stage.CANARY, 50, true, false);
        run(10, 10);
        long before = a.controller.window(ROUTE).legacy().calls() + a.controller.window(ROUTE).modern().calls();
        // A's first second is the base; B's calls reach A's sum a tick late (B publishes after A read the store)
        assertThat(before).as("12 s of A and 9 s of B").isEqualTo(210);
        b.alive = false;                // B stops: its last second arrives, then its counters add nothing more
        run(10, 10);
        assertThat(a.controller.window(ROUTE).modern().calls() + a.controller.window(ROUTE).legacy().calls())
                .isEqualTo(320);
    }

    /** A fleet store whose calls fail for one instance, as if it were cut off from the store. */
    private static final class FailingFleetStore implements FleetStore {
        private final FleetStore delegate;
        private volatile String cutOff = "";

        FailingFleetStore(FleetStore delegate) {
            this.delegate = delegate;
        }

        void failFor(String instance) {
            cutOff = instance;
        }

        private void check(String instance) {
            if (cutOff.equals(instance)) {
                throw new StranglerException("fleet store unreachable from " + instance);
            }
        }

        @Override
        public void publish(String instance, Instant at, Collection<RouteStats> stats) {
            check(instance);
            delegate.publish(instance, at, stats);
        }

        @Override
        public List<PublishedStats> published() {
            return delegate.published();
        }

        @Override
        public void forget(Instant before) {
            delegate.forget(before);
        }

        @Override
        public ControllerLease acquire(String name, String holder, Instant now, Duration leaseTime) {
            check(holder);
            return delegate.acquire(name, holder, now, leaseTime);
        }

        @Override
        public void release(String name, String holder) {
            check(holder);
            delegate.release(name, holder);
        }

        @Override
        public Optional<ControllerLease> lease(String name) {
            return delegate.lease(name);
        }

        @Override
        public void putDocument(String key, String value) {
            delegate.putDocument(key, value);
        }

        @Override
        public Optional<String> document(String key) {
            return delegate.document(key);
        }

        @Override
        public List<String> documentKeys(String prefix) {
            return delegate.documentKeys(prefix);
        }

        @Override
        public java.util.Map<String, String> documents(String prefix) {
            return delegate.documents(prefix);
        }

        @Override
        public void removeDocument(String key) {
            delegate.removeDocument(key);
        }
    }
}
