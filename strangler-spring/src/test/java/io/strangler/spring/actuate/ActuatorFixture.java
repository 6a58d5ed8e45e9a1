package io.strangler.spring.actuate;

import com.google.common.util.concurrent.MoreExecutors;
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
import java.util.function.UnaryOperator;

/**
 * A router on virtual time with simulated sides, and a rollout controller over it, for the actuator tests: nothing
 * runs in the background (no refresh thread, shadow reads on the caller's thread, ticks by hand), so every test
 * sees exactly what it made happen.
 */
final class ActuatorFixture implements AutoCloseable {

    /** 10, 50, 100 %, five-minute bakes, ten modern calls a step, a person's approval before 50 %. */
    static final RolloutPlan PLAN = RolloutPlan.custom()
            .step(10, Duration.ofMinutes(5))
            .step(50, Duration.ofMinutes(5))
            .step(100, Duration.ofMinutes(5))
            .approvalAt(50)
            .minimumSamples(10)
            .build();

    final VirtualTime clock = VirtualTime.startingAt(Instant.parse("2026-01-05T09:00:00Z"));
    final MigrationRouter router = router(clock);

    /** Builds the fixture's router: no background refresh, shadow reads inline. */
    static MigrationRouter router(VirtualTime clock) {
        return Strangler.router().clock(clock).ticker(clock::nanoTime).refreshInterval(Duration.ZERO)
                .shadowExecutor(MoreExecutors.newDirectExecutorService()).build();
    }

    /** Registers a route whose two sides answer well, in {@code stage}. */
    Route<SimulatedService> route(String name, Stage stage) {
        return route(name, side("legacy"), side("modern"), s -> s.stage(stage).shadowSample(0));
    }

    Route<SimulatedService> route(String name, SimulatedSide legacy, SimulatedSide modern,
            UnaryOperator<io.strangler.api.RouteState.Builder> initial) {
        return register(router, name, legacy, modern, initial);
    }

    static Route<SimulatedService> register(MigrationRouter router, String name, SimulatedService legacy,
            SimulatedService modern, UnaryOperator<io.strangler.api.RouteState.Builder> initial) {
        return router.register(RouteDefinition.builder(name, SimulatedService.class)
                .legacy(legacy).modern(modern).initialState(initial).build());
    }

    SimulatedSide side(String name) {
        return new SimulatedSide(name, clock, name.hashCode()).latency(Duration.ofMillis(1));
    }

    /** A controller that plans {@code planned} with {@link #PLAN}, and takes its first step without a baseline. */
    RolloutController controller(String... planned) {
        RolloutController.Builder builder = Strangler.controller(router).clock(clock).baselineGate(Duration.ZERO, 0);
        for (String name : planned) {
            builder.plan(name, PLAN);
        }
        return builder.build();
    }

    /** {@code calls} reads, one key each, then one controller tick a second later. */
    static void second(VirtualTime clock, RolloutController controller, Route<SimulatedService> route, int calls) {
        reads(route, calls);
        clock.advance(Duration.ofSeconds(1));
        controller.tick();
    }

    /** {@code calls} reads on distinct keys; a failure is what the route's caller would see, and is swallowed. */
    static int reads(Route<SimulatedService> route, int calls) {
        int failed = 0;
        for (int i = 0; i < calls; i++) {
            String key = "user-" + i;
            try {
                route.read(key, s -> s.get(key));
            } catch (RuntimeException e) {
                failed++;
            }
        }
        return failed;
    }

    /** {@code calls} writes on distinct keys; failures are swallowed. */
    static void writes(Route<SimulatedService> route, int calls) {
        for (int i = 0; i < calls; i++) {
            String key = "order-" + i;
            try {
                route.write(key, s -> s.get(key));
            } catch (RuntimeException e) {
                // the caller's failure; the test looks at the counters and the reconciliation log
            }
        }
    }

    @Override
    public void close() {
        router.close();
    }
}
