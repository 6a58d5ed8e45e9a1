package io.strangler.examples.demo;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The routers' shadow executor in the demo: runs each task at once on the calling thread. Shadow comparisons, second
 * writes made asynchronously, write verifications and the calls of a {@code FASTEST} read then finish before the
 * call that caused them returns, so every count is the same on every run of a seed, and a tick sees them all. A
 * service would give the router a bounded pool instead (the default), so that a slow shadow never delays a caller.
 *
 * <p>With it a {@code FASTEST} read always has a winner at once: the side the routing decision chose is handed over
 * first and answers first, and the other side's call is withdrawn (counted as cancelled), unless the chosen side
 * failed, when the other answers. Which side is faster in wall time does not decide it here, as it could not on
 * virtual time.
 */
final class CallerRunsExecutor extends AbstractExecutorService {

    private volatile boolean shutdown;

    @Override
    public void execute(Runnable command) {
        if (shutdown) {
            throw new RejectedExecutionException("the demo's shadow executor is shut down");
        }
        command.run();
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return shutdown;
    }
}
