package io.strangler.spring;

import io.strangler.core.rollout.RolloutController;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the rollout controller's ticks while the application runs: started once every bean is ready (every route
 * registered), stopped cleanly on shutdown, giving up its fleet lease. A stopped controller is not started again. A
 * tick interval of zero schedules nothing: the application (or a test on virtual time) calls
 * {@link RolloutController#tick()} itself.
 */
public final class StranglerRolloutLifecycle implements SmartLifecycle {

    private final RolloutController controller;
    private final Duration tickInterval;
    private volatile boolean running;
    private volatile boolean closed;
    private volatile boolean scheduled;

    /**
     * A lifecycle for a controller.
     *
     * @param controller the controller
     * @param tickInterval how often it ticks; zero for never (the application ticks it)
     */
    public StranglerRolloutLifecycle(RolloutController controller, Duration tickInterval) {
        this.controller = controller;
        this.tickInterval = tickInterval;
    }

    @Override
    public synchronized void start() {
        if (!running && !closed) {
            if (!tickInterval.isZero()) {
                controller.start(tickInterval);
                scheduled = true;
            }
            running = true;
        }
    }

    @Override
    public synchronized void stop() {
        if (running) {
            controller.close();
            running = false;
            closed = true;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Whether the controller ticks on a thread of its own: false with a tick interval of zero, or before the start.
     *
     * @return whether the controller ticks on a thread of its own
     */
    public boolean isScheduled() {
        return scheduled && running;
    }
}
