package io.strangler.core.shadow;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the router runs work off the caller's thread: shadow calls and their comparisons, asynchronous secondary
 * writes, write verifications. Bounded: a full executor rejects work at once ({@link #trySubmit} returns false),
 * and the caller never waits for room. A watchdog cancels calls that outlive their deadline.
 */
public final class ShadowExecutor implements AutoCloseable {

    /** Default number of shadow threads. */
    public static final int DEFAULT_THREADS = 4;
    /** Default number of queued shadow tasks. */
    public static final int DEFAULT_QUEUE_CAPACITY = 1_000;

    private final ExecutorService pool;
    private final ShadowPool ownPool;
    private final ScheduledThreadPoolExecutor watchdog;

    /**
     * @param pool the executor to use, or null for the router's own bounded pool of {@code threads} and
     *     {@code queueCapacity}
     * @param threads threads of the own pool
     * @param queueCapacity queued tasks of the own pool
     */
    public ShadowExecutor(ExecutorService pool, int threads, int queueCapacity) {
        this.pool = pool;
        this.ownPool = pool == null ? new ShadowPool("strangler-shadow", threads, queueCapacity) : null;
        this.watchdog = new ScheduledThreadPoolExecutor(1, daemon("strangler-shadow-watchdog"));
        this.watchdog.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code task} off the caller's thread if there is room; false when the executor is full or shut down. */
    public boolean trySubmit(Runnable task) {
        if (ownPool != null) {
            return ownPool.trySubmit(task);
        }
        try {
            pool.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Whether a task offered now would probably be taken; always true for an executor given by the application. */
    public boolean hasRoom() {
        return ownPool == null || ownPool.hasRoom();
    }

    public ScheduledFuture<?> schedule(Runnable action, long delayNanos) {
        return watchdog.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
    }

    /** Tasks waiting in the own pool, or -1 for an executor given by the application. */
    public int queued() {
        return ownPool != null ? ownPool.queued() : -1;
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        if (ownPool != null) {
            ownPool.shutdownNow();
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory base = Executors.defaultThreadFactory();
        return r -> {
            Thread t = base.newThread(r);
            t.setName(prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

}
