package io.strangler.console;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.Stage;
import io.strangler.api.rollout.RolloutPlan;
import io.strangler.core.Strangler;
import io.strangler.core.rollout.RolloutController;
import io.strangler.test.SimulatedService;
import io.strangler.test.SimulatedSide;
import io.strangler.test.VirtualTime;
import java.time.Duration;
import java.time.Instant;

/**
 * A router on virtual time with two routes under a controller: {@code search} on a plan whose second step needs an
 * approval, {@code checkout} guarded by triggers only. Traffic, samples and ticks are driven by the test.
 */
final class ConsoleFixture implements AutoCloseable {

    static final RolloutPlan PLAN = RolloutPlan.custom()
            .step(10, Duration.ofMinutes(5))
            .step(50, Duration.ofMinutes(5))
            .step(100, Duration.ofMinutes(5))
            .approvalAt(50)
            .minimumSamples(20)
            .build();

    final VirtualTime clock = VirtualTime.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    final MigrationRouter router = Strangler.router().clock(clock).ticker(clock::nanoTime)
            .refreshInterval(Duration.ZERO).build();
    final SimulatedSide modernSearch = side("modern-search", 0);
    final Route<SimulatedService> search = router.register(RouteDefinition.builder("search", SimulatedService.class)
            .legacy(side("legacy-search", 0)).modern(modernSearch)
            .initialState(s -> s.stage(Stage.DUAL_WRITE).percentage(0).shadowSample(0))
            .build());
    final Route<SimulatedService> checkout = router.register(RouteDefinition.builder("checkout",
                    SimulatedService.class)
            .legacy(side("legacy-checkout", 0)).modern(side("modern-checkout", 0))
            .initialState(s -> s.stage(Stage.CANARY).percentage(20).shadowSample(0))
            .build());
    final RolloutController controller = Strangler.controller(router).clock(clock).baselineGate(Duration.ZERO, 0)
            .plan("search", PLAN)
            .triggers("checkout", io.strangler.api.health.TriggerSettings.ofDefaults())
            .build();
    final ConsoleHistory history = ConsoleHistory.of(router, clock);
    final ConsoleAudit audit = ConsoleAudit.of(clock);
    private int users;
    final ConsoleModel model = ConsoleModel.of(router, controller, history, audit, clock);

    private SimulatedSide side(String name, double errorRate) {
        return new SimulatedSide(name, clock, name.hashCode()).errorRate(errorRate)
                .latency(Duration.ofMillis(2));
    }

    /** One virtual second: {@code calls} reads per route on distinct users, then a tick and a sample. */
    void second(int calls) {
        for (int i = 0; i < calls; i++) {
            String key = "user-" + (users++ % 10_000);
            search.read(key, s -> s.get(key));
            checkout.read(key, s -> s.get(key));
        }
        clock.advance(Duration.ofSeconds(1));
        controller.tick();
        history.sample();
    }

    void seconds(int seconds, int calls) {
        for (int i = 0; i < seconds; i++) {
            second(calls);
        }
    }

    @Override
    public void close() {
        controller.close();
        router.close();
    }
}
