package io.strangler.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.Route;
import io.strangler.api.Stage;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.rollout.RolloutPlan;
import io.strangler.core.Strangler;
import io.strangler.core.health.PerformanceBaseline;
import io.strangler.core.testing.ControllerFixture;
import io.strangler.core.testing.Traffic;
import io.strangler.test.SimulatedService;
import io.strangler.test.SimulatedSide;
import java.time.Duration;
import java.time.Instant;
import org.ff4j.FF4j;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The legacy baseline is kept in the journal: a controller built again (a restart, another instance) judges modern
 * against the baseline an earlier one learned, so that a slower modern is caught at 100 %, where legacy serves
 * nothing to compare with.
 */
class BaselinePersistenceTest {

    private final ControllerFixture f = new ControllerFixture();

    @AfterEach
    void close() {
        f.close();
    }

    /** Legacy alone for a minute, then a person sends every key to modern; the controller sees both. */
    private RolloutController learnTheBaselineThenGoToModern(Route<SimulatedService> route) {
        RolloutController first = Strangler.controller(f.router).clock(f.clock)
                .plan("search", RolloutPlan.from(ControllerFixture.PLAN).approvalAt(10).build()).build();
        Traffic traffic = new Traffic(f.clock, first, 1, 100);
        traffic.seconds(61, route);
        route.update("alice", "cut over", b -> b.stage(Stage.MODERN));
        traffic.seconds(2, route);
        assertThat(first.baseline("search")).as("learned").isPresent();
        first.close();
        return first;
    }

    @Test
    void aControllerBuiltAgainTakesBackTheBaselineTheLastOneLearned() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        RolloutController first = learnTheBaselineThenGoToModern(route);
        PerformanceBaseline learned = first.baseline("search").orElseThrow();

        RolloutController again = Strangler.controller(f.router).clock(f.clock).build();

        assertThat(again.baseline("search")).contains(learned);
    }

    @Test
    void aSlowerModernAtOneHundredPercentIsCaughtAfterARestart() {
        SimulatedSide modern = f.side("modern", 0);
        Route<SimulatedService> route = f.route("search", f.side("legacy", 0), modern, Stage.DUAL_WRITE, 0);
        learnTheBaselineThenGoToModern(route);

        modern.latency(Duration.ofNanos(3 * ControllerFixture.LATENCY_NANOS));
        RolloutController again = Strangler.controller(f.router).clock(f.clock)
                .plan("search", ControllerFixture.PLAN).build();
        new Traffic(f.clock, again, 2, 100).seconds(120, route);

        assertThat(again.rollbacks()).as("legacy served nothing since the restart: only the kept baseline can tell")
                .singleElement().satisfies(e -> assertThat(e.trigger()).isEqualTo(TriggerKind.LATENCY));
        assertThat(route.state().percentage()).isLessThan(100.0);
    }

    @Test
    void theBaselineIsAJournalRecordThatRefusesBadFields() {
        Ff4jRolloutJournal journal = new Ff4jRolloutJournal(new FF4j(), f.clock);
        LegacyBaseline kept = new LegacyBaseline("search", new PerformanceBaseline(Instant.parse(
                "2026-11-26T10:00:00Z"), 6_000, 375, 20_000, 41_000, 60_000, 0.001, 100.0), 45_000, false);

        journal.saveBaseline(kept);

        assertThat(journal.baseline("search")).contains(kept);
        assertThat(journal.baseline("other")).isEmpty();
    }
}
