package io.strangler.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.Route;
import io.strangler.api.Side;
import io.strangler.api.Stage;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.health.CustomTrigger;
import io.strangler.api.health.Judgement;
import io.strangler.api.health.RollbackAction;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings;
import io.strangler.api.health.Verdict;
import io.strangler.core.testing.ControllerFixture;
import io.strangler.core.testing.Traffic;
import io.strangler.test.SimulatedService;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Business triggers through the controller: a measure the application records per side rolls a route back with the
 * trigger's name and numbers, is watched in dry run without acting, and two sides alike roll back no more often than
 * the judge's error level allows, over seeded runs; and the route's throughput against the pre-migration baseline.
 */
class BusinessTriggersTest {

    /** Seeded runs of the A/A case: 20, or {@code -Dstrangler.businessAa.runs} for a figure. */
    private static final int RUNS = Integer.getInteger("strangler.businessAa.runs", 20);

    private final ControllerFixture f = new ControllerFixture();

    @AfterEach
    void close() {
        f.close();
    }

    /** Records "checkout-success" after each call: a success with the side's probability. */
    private static Traffic checkouts(Traffic traffic, long seed, double legacy, double modern) {
        SplittableRandom random = new SplittableRandom(seed);
        return traffic.afterEachCall((route, key) -> {
            Side side = route.decide(key);
            route.recordOutcome("checkout-success", side,
                    random.nextDouble() < (side == Side.MODERN ? modern : legacy));
        });
    }

    @Test
    void aModernSideThatLosesCheckoutsIsRolledBackGracefullyWithTheTriggersNameAndNumbers() {
        Route<SimulatedService> route = f.healthyRoute("checkout", Stage.CANARY, 25);
        RolloutController controller = f.controller().plan("checkout", ControllerFixture.PLAN)
                .triggers("checkout", TriggerSettings.custom()
                        .custom(CustomTrigger.rate("checkout-success").failsBelowLegacy(0.95).build()).build())
                .build();

        checkouts(new Traffic(f.clock, controller, 1, 50), 1, 0.97, 0.80).seconds(120, route);

        assertThat(controller.rollbacks()).singleElement().satisfies(e -> {
            assertThat(e.trigger()).isEqualTo(TriggerKind.CUSTOM);
            assertThat(e.action()).isEqualTo(RollbackAction.GRACEFUL);
            assertThat(e.reason()).contains("checkout-success: modern's success rate").contains("against legacy's")
                    .contains("0.950x legacy's");
        });
        assertThat(controller.explain("checkout")).contains("trigger checkout-success (custom) FAIL");
    }

    @Test
    void aBusinessTriggerInDryRunIsReportedAndNeverActs() {
        Route<SimulatedService> route = f.healthyRoute("checkout", Stage.CANARY, 25);
        RolloutController controller = f.controller().plan("checkout", ControllerFixture.PLAN)
                .triggers("checkout", TriggerSettings.custom().custom(CustomTrigger.rate("checkout-success")
                        .failsBelow(0.9).dryRun(true).build()).build())
                .build();

        checkouts(new Traffic(f.clock, controller, 2, 50), 2, 0.97, 0.60).seconds(320, route);

        assertThat(controller.rollbacks()).isEmpty();
        assertThat(route.state().percentage()).as("the step after the bake was not held").isEqualTo(50.0);
        assertThat(controller.status("checkout").judgements()).filteredOn(j -> j.trigger() == TriggerKind.CUSTOM)
                .singleElement().satisfies(j -> {
                    assertThat(j.name()).isEqualTo("checkout-success");
                    assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
                });
    }

    /**
     * Two sides with the same cost per call (normal, mean 10, deviation 4), a trigger at 1.0× legacy's (the
     * hardest line: any excess fires), 50 % canary, 100 calls/s, 10 minutes judged every second: the judge's
     * mixture SPRT keeps false rollbacks to at most one run in twenty.
     */
    @Test
    void twoSidesWithTheSameCostRollBackNoMoreOftenThanTheErrorLevel() {
        int rolledBack = 0;
        for (int run = 0; run < RUNS; run++) {
            try (ControllerFixture g = new ControllerFixture()) {
                Route<SimulatedService> route = g.healthyRoute("pricing", Stage.CANARY, 50);
                RolloutController controller = g.controller().triggers("pricing", TriggerSettings.custom()
                        .custom(CustomTrigger.mean("cost").failsAboveLegacy(1.0).build()).build()).build();
                SplittableRandom random = new SplittableRandom(run);
                new Traffic(g.clock, controller, run, 100).afterEachCall((r, key) -> r.record("cost",
                        r.decide(key), 10 + 4 * gaussian(random))).seconds(600, route);
                if (!controller.rollbacks().isEmpty()) {
                    rolledBack++;
                }
            }
        }
        System.out.println("business trigger A/A (same cost on both sides, line at 1.0x legacy's), 50 % canary, "
                + "100 calls/s, 10 minutes: " + rolledBack + " of " + RUNS + " seeded runs rolled back");
        assertThat(rolledBack).as("runs rolled back of " + RUNS).isLessThanOrEqualTo(Math.max(1, RUNS / 20));
    }

    @Test
    void theRoutesThroughputFallingBelowTheBaselinesFreezesTheRollout() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.CANARY, 0);
        RolloutController controller = f.controller()
                .triggers("search", TriggerSettings.custom().enabled(TriggerKind.BASELINE_THROUGHPUT, true).build())
                .build();
        new Traffic(f.clock, controller, 3, 100).seconds(120, route);
        route.setPercentage(10, "alice", "first step by hand");
        Traffic slow = new Traffic(f.clock, controller, 4, 40);

        slow.seconds(90, route);

        RollbackEvent frozen = controller.rollbacks().get(0);
        assertThat(frozen.trigger()).isEqualTo(TriggerKind.BASELINE_THROUGHPUT);
        assertThat(frozen.action()).isEqualTo(RollbackAction.MANUAL);
        assertThat(frozen.reason()).contains("against the baseline's 100.0/s").contains("< threshold 90.0%");
        assertThat(controller.status("search").judgements()).filteredOn(j -> j.trigger()
                == TriggerKind.BASELINE_THROUGHPUT).extracting(Judgement::verdict).containsExactly(Verdict.FAIL);
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
