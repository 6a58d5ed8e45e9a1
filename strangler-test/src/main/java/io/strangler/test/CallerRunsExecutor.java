package io.strangler.test;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A router's shadow executor for simulations and tests: runs each task at once on the calling thread. Shadow
 * comparisons, asynchronous second writes, write verifications and the calls of a {@code FASTEST} read then finish
 * before the call that caused them returns, so that every count is the same on every run of a seed and a controller
 * tick sees them all. A service gives the router a bounded pool instead (the default), so that a slow shadow never
 * delays a caller.
 *
 * <p>With it a {@code FASTEST} read has a winner at once: the side the routing decision chose is handed over first and
 * answers first, and the other side's call is withdrawn, unless the chosen side failed. Which side is faster in wall
 * time does not decide it, as it could not on virtual time.
 *
 * <pre>{@code
 * MigrationRouter router = Strangler.router().clock(time).ticker(time::nanoTime)
 *         .shadowExecutor(new CallerRunsExecutor())
 *         .build();
 * }</pre>
 *
 * <p>Thread-safe; after {@link #shutdown()} it refuses tasks.
 */
public final class CallerRunsExecutor extends AbstractExecutorService {

    private volatile boolean shutdown;

    /** An executor that runs every task on the calling thread until it is shut down. */
    public CallerRunsExecutor() {
    }

    /**
     * Runs {@code command} now, on this thread.
     *
     * @param command the task
     * @throws RejectedExecutionException if the executor was shut down
     */
    @Override
    public void execute(Runnable command) {
        if (shutdown) {
            throw new RejectedExecutionException("the caller-runs executor is shut down");
        }
        command.run();
    }

    /** Refuses tasks from now on; none is ever pending. */
    @Override
    public void shutdown() {
        shutdown = true;
    }

    /**
     * Refuses tasks from now on.
     *
     * @return an empty list: no task is ever pending
     */
    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    /**
     * Whether it was shut down.
     *
     * @return true after {@link #shutdown()} or {@link #shutdownNow()}
     */
    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    /**
     * Whether it was shut down: no task runs after that.
     *
     * @return true after {@link #shutdown()} or {@link #shutdownNow()}
     */
    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    /**
     * Whether it was shut down; never waits, as no task is ever pending.
     *
     * @param timeout ignored
     * @param unit ignored
     * @return true after {@link #shutdown()} or {@link #shutdownNow()}
     */
    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return shutdown;
    }
}
