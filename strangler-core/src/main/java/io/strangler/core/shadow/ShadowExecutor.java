package io.strangler.core.shadow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the router runs work off the caller's thread: shadow calls and their comparisons, asynchronous secondary
 * writes, write verifications. Bounded: a full executor rejects work at once ({@link #trySubmit} returns false),
 * and the caller never waits for room. A watchdog cancels calls that outlive their deadline.
 *
 * <p>{@link #close()} stops the router's own pool and the watchdog and waits for their threads to end, so that no
 * {@code strangler-shadow} thread outlives the router (an executor given by the application is left to it).
 * Thread-safe.
 */
public final class ShadowExecutor implements AutoCloseable {

    /** Default number of shadow threads. */
    public static final int DEFAULT_THREADS = 4;
    /** Default number of queued shadow tasks. */
    public static final int DEFAULT_QUEUE_CAPACITY = 1_000;
    /**
     * How long {@link #close()} waits for the threads to end. They are interrupted first, so only a task that
     * ignores interrupts (a blocking call with no timeout of its own) makes it wait at all.
     */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(ShadowExecutor.class);

    private final ExecutorService pool;
    private final ShadowPool ownPool;
    private final ScheduledThreadPoolExecutor watchdog;
    private final Set<Thread> watchdogThreads = ConcurrentHashMap.newKeySet();
    private final Duration closeTimeout;

    /**
     * An executor over {@code pool}, or over a bounded pool of its own, whose threads start at once.
     *
     * @param pool the executor to use, or null for the router's own bounded pool of {@code threads} and
     *     {@code queueCapacity}
     * @param threads threads of the own pool
     * @param queueCapacity queued tasks of the own pool
     */
    public ShadowExecutor(ExecutorService pool, int threads, int queueCapacity) {
        this(pool, threads, queueCapacity, DEFAULT_CLOSE_TIMEOUT);
    }

    ShadowExecutor(ExecutorService pool, int threads, int queueCapacity, Duration closeTimeout) {
        this.pool = pool;
        this.ownPool = pool == null ? new ShadowPool("strangler-shadow", threads, queueCapacity) : null;
        this.watchdog = new ScheduledThreadPoolExecutor(1, daemon("strangler-shadow-watchdog"));
        this.watchdog.setRemoveOnCancelPolicy(true);
        this.closeTimeout = closeTimeout;
    }

    /**
     * Runs {@code task} off the caller's thread if there is room; never blocks, never throws.
     *
     * @param task the work
     * @return whether the task was taken; false when the executor is full or closed
     */
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

    /**
     * Whether a task offered now would probably be taken: a hint read without reserving room.
     *
     * @return whether there is room; always true for an executor given by the application
     */
    public boolean hasRoom() {
        return ownPool == null || ownPool.hasRoom();
    }

    /**
     * Runs {@code action} on the watchdog after {@code delayNanos}.
     *
     * @param action what to run, quickly: the watchdog has one thread
     * @param delayNanos the delay in nanoseconds
     * @return the scheduled action
     * @throws RejectedExecutionException once the executor is closed
     */
    public ScheduledFuture<?> schedule(Runnable action, long delayNanos) {
        return watchdog.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * How many tasks wait in the own pool, for the router's gauge.
     *
     * @return the tasks waiting, or -1 for an executor given by the application
     */
    public int queued() {
        return ownPool != null ? ownPool.queued() : -1;
    }

    /**
     * Stops the watchdog and the own pool: waiting tasks and deadlines are dropped (the deadlines cancelled), running
     * tasks interrupted; then waits, at most {@link #DEFAULT_CLOSE_TIMEOUT}, until their threads have ended, and
     * logs a warning naming any that has not. A calling thread interrupted while it waits stops waiting and keeps
     * its interrupt; one of the executor's own threads (a task that closes its router) does not wait for itself.
     * An executor given by the application is not shut down. Idempotent.
     */
    @Override
    public void close() {
        for (Runnable deadline : watchdog.shutdownNow()) {
            ((Future<?>) deadline).cancel(false);
        }
        List<Runnable> dropped = ownPool == null ? List.of() : ownPool.shutdownNow();
        if (!dropped.isEmpty()) {
            LOG.debug("closing the Strangler shadow executor dropped {} waiting tasks", dropped.size());
        }
        try {
            if (!awaitThreads()) {
                LOG.warn("the Strangler shadow threads {} were still running {} after close; a task on them "
                        + "ignores interrupts", liveThreads(), closeTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean awaitThreads() throws InterruptedException {
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        for (Thread thread : watchdogThreads) {
            if (thread != Thread.currentThread()) {
                TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, deadline - System.nanoTime()));
                if (thread.isAlive()) {
                    return false;
                }
            }
        }
        return ownPool == null
                || ownPool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private List<String> liveThreads() {
        List<String> live = new ArrayList<>();
        for (Thread thread : watchdogThreads) {
            if (thread.isAlive()) {
                live.add(thread.getName());
            }
        }
        if (ownPool != null) {
            live.addAll(ownPool.liveWorkers());
        }
        return live;
    }

    private ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory base = Executors.defaultThreadFactory();
        return r -> {
            Thread t = base.newThread(r);
            t.setName(prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            watchdogThreads.add(t);
            return t;
        };
    }
}
