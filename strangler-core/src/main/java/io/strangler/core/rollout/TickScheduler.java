package io.strangler.core.rollout;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a controller's tick on a daemon thread of its own, at a fixed delay, until closed. {@link #start} and
 * {@link #close} are guarded by the controller's lock; {@link #awaitStopped} is called without it, so that a tick
 * waiting for the lock can finish.
 */
final class TickScheduler implements AutoCloseable {

    /** The controller's logger, so that one logger name covers every rollout decision. */
    private static final Logger LOG = LoggerFactory.getLogger(RolloutController.class);

    private final Runnable tick;
    private volatile @Nullable ScheduledExecutorService scheduler;
    private volatile @Nullable Thread thread;

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
            thread = t;
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

    /**
     * Waits until the tick thread has ended after {@link #close}, at most {@code timeout}; a thread still alive then
     * (a tick stuck in a journal call that ignores interrupts) is logged. Returns at once when called on the tick
     * thread itself or when the scheduler never started.
     *
     * @param timeout the longest wait
     */
    void awaitStopped(Duration timeout) {
        ScheduledExecutorService s = scheduler;
        if (s == null || Thread.currentThread() == thread) {
            return;
        }
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean ended = s.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            // The executor counts as terminated once its last worker has left the pool, a moment before that
            // thread's run() returns: join it too, so that no strangler-rollout thread is alive after close.
            Thread t = thread;
            if (ended && t != null) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                ended = !t.isAlive();
            }
            if (!ended) {
                LOG.warn("the rollout controller's thread has not ended {} after close; it is a daemon thread and "
                        + "ends with its tick", timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
