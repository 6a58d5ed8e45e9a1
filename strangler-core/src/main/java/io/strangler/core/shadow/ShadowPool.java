package io.strangler.core.shadow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>Every task {@link #trySubmit} accepted is run once, or, if the pool is shut down first, returned once by
 * {@link #shutdownNow()}; never both, never twice. Thread-safe.
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

    /**
     * Starts {@code threads} daemon workers named {@code name-1}, {@code name-2}, ...
     *
     * @param name the prefix of the workers' names
     * @param threads how many workers, at least 1
     * @param capacity how many tasks may wait, at least 1
     */
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
        if (shutdown && withdraw(task)) {
            // shutdownNow may have drained the queue before the task reached it: nobody would ever run it.
            return false;
        }
        for (Worker worker : workers) {
            if (worker.parked) {
                worker.parked = false;
                LockSupport.unpark(worker);
                break;
            }
        }
        return true;
    }

    /**
     * Takes back a task offered while the pool was shutting down, unless a worker or {@link #shutdownNow()} has it
     * already: then the task is accounted for there, and stays accepted.
     */
    private boolean withdraw(Runnable task) {
        if (queue.remove(task)) {
            queued.decrementAndGet();
            return true;
        }
        return false;
    }

    /** A hint, read without reserving: {@link #trySubmit} still enforces the bound. */
    boolean hasRoom() {
        return !shutdown && queued.get() < capacity;
    }

    int queued() {
        return queued.get();
    }

    /** How many workers are parked now, waiting for a task. For tests. */
    int parkedWorkers() {
        int parked = 0;
        for (Worker worker : workers) {
            if (worker.parked && worker.getState() == Thread.State.WAITING) {
                parked++;
            }
        }
        return parked;
    }

    /**
     * Refuses new tasks, interrupts the workers (a task running or starting now sees the interrupt; the calling
     * thread, if it is a worker, is spared) and takes the waiting tasks out of the queue. Does not wait for the
     * workers: see {@link #awaitTermination}.
     *
     * @return the accepted tasks no worker started, in queue order
     */
    List<Runnable> shutdownNow() {
        shutdown = true;
        for (Worker worker : workers) {
            // A task that shuts its own pool down goes on undisturbed, and may wait for the other workers.
            if (worker != Thread.currentThread()) {
                worker.interrupt();
            }
            LockSupport.unpark(worker);
        }
        List<Runnable> waiting = new ArrayList<>();
        for (Runnable task = queue.poll(); task != null; task = queue.poll()) {
            queued.decrementAndGet();
            waiting.add(task);
        }
        return waiting;
    }

    /**
     * Waits until every worker has ended, or the time is up. A worker that calls this (a task closing its own
     * router) is not waited for.
     *
     * @param timeout the longest wait
     * @param unit the unit of {@code timeout}
     * @return whether every worker but the calling thread has ended
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (Worker worker : workers) {
            if (worker == Thread.currentThread()) {
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 && worker.isAlive()) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedJoin(worker, Math.max(1, left));
            if (worker.isAlive()) {
                return false;
            }
        }
        return true;
    }

    /** The workers still running, for the message of a close that gave up waiting. */
    List<String> liveWorkers() {
        List<String> live = new ArrayList<>();
        for (Worker worker : workers) {
            if (worker.isAlive()) {
                live.add(worker.getName());
            }
        }
        return live;
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
            // A task starts uninterrupted, unless the pool is shutting down: then it starts interrupted, so that a
            // call that honours interrupts ends at once and the close that waits for this worker is short.
            Thread.interrupted();
            if (shutdown) {
                interrupt();
            }
            try {
                task.run();
            } catch (Throwable t) {
                LOG.warn("a Strangler shadow task failed; nothing reached a caller", t);
            }
            Thread.interrupted();
        }
    }
}
