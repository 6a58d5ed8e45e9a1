package io.strangler.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.Route;
import io.strangler.api.Stage;
import io.strangler.api.health.TriggerSettings;
import io.strangler.core.testing.ControllerFixture;
import io.strangler.core.testing.Traffic;
import io.strangler.test.SimulatedService;
import io.strangler.test.SimulatedSide;
import org.junit.jupiter.api.Test;

/**
 * Both sides equally bad is no reason to roll back, however often the judge looks: both sides failing 8 % (above
 * the 5 % threshold), a 50 % canary, 100 calls/s, 10 simulated minutes, a judgement every second, over seeded runs.
 * The judge compares modern with legacy by an e-value strict enough for a look every second at overlapping windows,
 * so that at most one run in twenty rolls back (3 of 1,000 with {@code -Dstrangler.equallyBad.runs=1000}).
 */
class EquallyBadSidesTest {

    /** Seeded runs: 20, or the system property {@code strangler.equallyBad.runs} for a figure. */
    private static final int RUNS = Integer.getInteger("strangler.equallyBad.runs", 20);

    @Test
    void bothSidesFailingAlikeRollBackNoMoreOftenThanTheTestsErrorLevel() {
        int rolledBack = 0;
        for (int run = 0; run < RUNS; run++) {
            try (ControllerFixture f = new ControllerFixture()) {
                SimulatedSide legacy = new SimulatedSide("legacy", f.clock, 1_000 + run).errorRate(0.08);
                SimulatedSide modern = new SimulatedSide("modern", f.clock, 2_000 + run).errorRate(0.08);
                Route<SimulatedService> route = f.route("search", legacy, modern, Stage.CANARY, 50);
                RolloutController controller = f.controller()
                        .triggers("search", TriggerSettings.ofDefaults()).build();
                new Traffic(f.clock, controller, run, 100).seconds(600, route);
                if (!controller.rollbacks().isEmpty()) {
                    rolledBack++;
                }
            }
        }
        System.out.println("equally bad sides (8 % errors each), 50 % canary, 100 calls/s, 10 minutes: " + rolledBack
                + " of " + RUNS + " seeded runs rolled back");
        assertThat(rolledBack).as("runs rolled back of " + RUNS).isLessThanOrEqualTo(Math.max(1, RUNS / 20));
    }
}
