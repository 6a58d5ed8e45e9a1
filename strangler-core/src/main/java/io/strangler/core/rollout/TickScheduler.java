package io.strangler.core.rollout;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a controller's tick on a daemon thread of its own, at a fixed delay, until closed. Guarded by the controller's lock. */
final class TickScheduler implements AutoCloseable {

    /** The controller's logger, so that one logger name covers every rollout decision. */
    private static final Logger LOG = LoggerFactory.getLogger(RolloutController.class);

    private final Runnable tick;
    private @Nullable ScheduledExecutorService scheduler;

    TickScheduler(Runnable tick) {
        this.tick = tick;
    }

    /**
     * Starts.
     *
     * @throws IllegalArgumentException if {@code interval} is below 1 ms
     * @throws IllegalStateException if it was started already
     */
    void start(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("interval must be at least 1 ms, was " + interval);
        }
        if (scheduler != null) {
            throw new IllegalStateException("the controller was started already");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "strangler-rollout");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::tickQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** A tick that throws must not end the schedule. */
    private void tickQuietly() {
        try {
            tick.run();
        } catch (Throwable t) {
            LOG.error("rollout tick failed; the next one runs as scheduled", t);
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
