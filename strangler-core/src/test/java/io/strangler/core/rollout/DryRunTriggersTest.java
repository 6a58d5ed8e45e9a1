package io.strangler.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.Route;
import io.strangler.api.Stage;
import io.strangler.api.health.Judgement;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings;
import io.strangler.api.health.Verdict;
import io.strangler.core.testing.ControllerFixture;
import io.strangler.core.testing.LogCapture;
import io.strangler.core.testing.Traffic;
import io.strangler.test.SimulatedService;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A trigger in dry run judges and reports, and never acts: no rollback, and no held step. */
class DryRunTriggersTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();
    private final ControllerFixture f = new ControllerFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aFailingTriggerInDryRunIsReportedOnceAndNeverActs() {
        Route<SimulatedService> route = f.route("search", f.side("legacy", 0), f.side("modern", 0.3), Stage.CANARY,
                10);
        RolloutController controller = f.controller().plan("search", ControllerFixture.PLAN)
                .triggers("search", TriggerSettings.custom().dryRun(TriggerKind.ERROR_RATE, true).build()).build();
        Traffic traffic = new Traffic(f.clock, controller, 1, 50);

        traffic.seconds(320, route);

        assertThat(controller.rollbacks()).isEmpty();
        assertThat(controller.status("search").judgements()).filteredOn(j -> j.trigger() == TriggerKind.ERROR_RATE)
                .extracting(Judgement::verdict).containsExactly(Verdict.FAIL);
        assertThat(route.state().percentage()).as("the step after the bake was not held either").isEqualTo(50.0);
        assertThat(log.lines()).filteredOn(l -> l.contains("in dry run")).singleElement()
                .satisfies(l -> assertThat(l).startsWith("WARN").contains("trigger ERROR_RATE fails, in dry run: it "
                        + "would have rolled back over ROUTE").contains("modern error rate"));
    }

    @Test
    void aRouteWithEveryTriggerInDryRunIsWatchedNotActedOn() {
        Route<SimulatedService> route = f.route("search", f.side("legacy", 0), f.side("modern", 0.3), Stage.CANARY,
                10);
        route.update("test", "no breaker in the way", b -> b.fallbackToLegacy(true));
        RolloutController controller = f.controller().window(Duration.ofSeconds(60))
                .triggers("search", TriggerSettings.custom().dryRun(true).build()).build();

        new Traffic(f.clock, controller, 1, 50).seconds(120, route);

        assertThat(controller.rollbacks()).isEmpty();
        assertThat(route.state().percentage()).isEqualTo(10.0);
        assertThat(controller.status("search").judgements()).anySatisfy(j -> assertThat(j.verdict())
                .isEqualTo(Verdict.FAIL));
    }
}
