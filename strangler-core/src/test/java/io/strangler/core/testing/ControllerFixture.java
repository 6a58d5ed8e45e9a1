package io.strangler.core.testing;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.Stage;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.event.RouterListener;
import io.strangler.api.rollout.RolloutPlan;
import io.strangler.core.Strangler;
import io.strangler.test.SimulatedService;
import io.strangler.test.SimulatedSide;
import io.strangler.test.VirtualTime;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A router on virtual time, with routes whose two sides are {@link SimulatedSide}s. */
public final class ControllerFixture implements AutoCloseable {

    public static final long LATENCY_NANOS = 20_000;
    /** A short plan for the controller tests: 10, 50, 100 %, 5 min bakes, 50 modern calls a step. */
    public static final RolloutPlan PLAN = RolloutPlan.custom()
            .step(10, Duration.ofMinutes(5))
            .step(50, Duration.ofMinutes(5))
            .step(100, Duration.ofMinutes(5))
            .minimumSamples(50)
            .build();

    public final VirtualTime clock = VirtualTime.startingAt(Instant.parse("2025-01-01T00:00:00Z"));
    public final List<RollbackEvent> events = new CopyOnWriteArrayList<>();
    public final MigrationRouter router = Strangler.router().clock(clock).ticker(clock::nanoTime)
            .refreshInterval(Duration.ZERO)
            .listener(new RouterListener() {
                @Override
                public void onRollback(RollbackEvent event) {
                    events.add(event);
                }
            })
            .build();

    public Route<SimulatedService> route(String name, SimulatedSide legacy, SimulatedSide modern, Stage stage,
            double percentage) {
        return router.register(RouteDefinition.builder(name, SimulatedService.class)
                .legacy(legacy).modern(modern)
                .initialState(s -> s.stage(stage).percentage(percentage).shadowSample(0))
                .build());
    }

    public Route<SimulatedService> healthyRoute(String name, Stage stage, double percentage) {
        return route(name, side("legacy", 0), side("modern", 0), stage, percentage);
    }

    public SimulatedSide side(String name, double errorRate) {
        return new SimulatedSide(name, clock, name.hashCode()).errorRate(errorRate)
                .latency(Duration.ofNanos(LATENCY_NANOS));
    }

    /**
     * A controller builder on this fixture's router and clock that takes its first step without waiting for a
     * pre-migration baseline, for tests whose timeline starts at the first step.
     */
    public io.strangler.core.rollout.RolloutController.Builder controller() {
        return Strangler.controller(router).clock(clock).baselineGate(Duration.ZERO, 0);
    }

    @Override
    public void close() {
        router.close();
    }
}
