package io.strangler.core.shadow;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's own pool for work off the caller's thread, built for a cheap hand-off: a lock-free queue bounded by
 * a counter, so that offering a task is a few atomic operations and refusing one (the pool is full) is a single
 * counter update with no exception; and workers that spin briefly before they park, so that a busy pool is not
 * woken with a system call for every task. A worker is unparked only when one is parked.
 *
 * <p>{@code ThreadPoolExecutor} costs the caller a lock and usually a wake-up per task, and builds an exception with
 * a stack trace for every rejected one: microseconds and kilobytes on the caller's thread for a shadow it drops.
 */
final class ShadowPool {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowPool.class);
    /** About ten microseconds of spinning before a worker parks. */
    private static final int SPINS = 2_000;

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final int capacity;
    private final Worker[] workers;
    private volatile boolean shutdown;

    ShadowPool(String name, int threads, int capacity) {
        this.capacity = capacity;
        this.workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(name + "-" + (i + 1));
            workers[i].start();
        }
    }

    /** Queues {@code task} unless the pool is full or shut down; never blocks, never throws. */
    boolean trySubmit(Runnable task) {
        if (shutdown) {
            return false;
        }
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            return false;
        }
        queue.offer(task);
        for (Worker worker : workers) {
            if (worker.parked) {
                worker.parked = false;
                LockSupport.unpark(worker);
                break;
            }
        }
        return true;
    }

    /** A hint, read without reserving: {@link #trySubmit} still enforces the bound. */
    boolean hasRoom() {
        return !shutdown && queued.get() < capacity;
    }

    int queued() {
        return queued.get();
    }

    void shutdownNow() {
        shutdown = true;
        for (Worker worker : workers) {
            worker.interrupt();
            LockSupport.unpark(worker);
        }
        queue.clear();
    }

    private final class Worker extends Thread {
        /** Set before the worker parks and cleared by whoever wakes it; read by submitters. */
        volatile boolean parked;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!shutdown) {
                Runnable task = take();
                if (task != null) {
                    queued.decrementAndGet();
                    runSafely(task);
                    continue;
                }
                parked = true;
                // Re-check after announcing the park: a submitter that queued before seeing the flag would
                // otherwise leave its task waiting for the next one.
                if (queue.isEmpty() && !shutdown) {
                    LockSupport.park(this);
                }
                parked = false;
            }
        }

        private Runnable take() {
            for (int i = 0; i < SPINS; i++) {
                Runnable task = queue.poll();
                if (task != null) {
                    return task;
                }
                Thread.onSpinWait();
            }
            return queue.poll();
        }

        private void runSafely(Runnable task) {
            Thread.interrupted();
            try {
                task.run();
            } catch (Throwable t) {
                LOG.warn("a Strangler shadow task failed; nothing reached a caller", t);
            }
            Thread.interrupted();
        }
    }
}
