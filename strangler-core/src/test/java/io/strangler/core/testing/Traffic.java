package io.strangler.core.testing;

import io.strangler.api.Route;
import io.strangler.core.rollout.RolloutController;
import io.strangler.test.SimulatedService;
import io.strangler.test.VirtualTime;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * Drives calls through a route on a virtual clock: a fixed rate of reads with random keys, the clock moved on by
 * the interval between calls, and the controller ticked once per simulated second.
 */
public final class Traffic {

    private final VirtualTime clock;
    private final RolloutController controller;
    private final SplittableRandom keys;
    private final int callsPerSecond;
    private int tickEverySeconds = 1;
    private long second;
    private BiConsumer<Route<SimulatedService>, String> afterEachCall = (route, key) -> { };

    public Traffic(VirtualTime clock, RolloutController controller, long seed, int callsPerSecond) {
        this.clock = clock;
        this.controller = controller;
        this.keys = new SplittableRandom(seed);
        this.callsPerSecond = callsPerSecond;
    }

    /** Ticks the controller every {@code seconds} simulated seconds instead of every second. */
    public Traffic tickEvery(int seconds) {
        this.tickEverySeconds = seconds;
        return this;
    }

    /** Runs {@code hook} after each call with the route and the key: to record an application measure, say. */
    public Traffic afterEachCall(BiConsumer<Route<SimulatedService>, String> hook) {
        this.afterEachCall = hook;
        return this;
    }

    /** Runs one simulated second of reads on every route given (failures are the caller's, ignored), then ticks (every second, unless told otherwise). */
    @SafeVarargs
    public final void second(Route<SimulatedService>... routes) {
        Instant begin = clock.instant();
        long between = 1_000_000_000L / callsPerSecond;
        for (int i = 0; i < callsPerSecond; i++) {
            // calls start evenly spaced, whatever time the simulated sides took
            clock.advanceTo(begin.plusNanos(i * between));
            String key = "user-" + keys.nextInt(1_000_000);
            for (Route<SimulatedService> route : routes) {
                try {
                    route.read(key, s -> s.get(key));
                } catch (RuntimeException expected) {
                    // the caller's failure; the route counted it
                }
                afterEachCall.accept(route, key);
            }
        }
        clock.advanceTo(begin.plusSeconds(1));
        if (++second % tickEverySeconds == 0) {
            controller.tick();
        }
    }

    /** Runs {@code seconds} simulated seconds. */
    @SafeVarargs
    public final void seconds(long seconds, Route<SimulatedService>... routes) {
        for (long s = 0; s < seconds; s++) {
            second(routes);
        }
    }
}
