package io.strangler.core.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lock-free pool under concurrent offers, refusals and shutdown: every accepted task runs exactly once or is
 * handed back by {@code shutdownNow}, a refused one never runs, no worker stays parked with a task waiting, and no
 * worker outlives the pool. Threads meet on latches and counters; nothing sleeps, and every wait is bounded.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShadowPoolTest {

    private static final long WAIT_SECONDS = 20;

    private final List<ShadowPool> pools = new ArrayList<>();

    private ShadowPool pool(int threads, int capacity) {
        ShadowPool pool = new ShadowPool("strangler-shadow-test", threads, capacity);
        pools.add(pool);
        return pool;
    }

    @AfterEach
    void stopPools() throws InterruptedException {
        for (ShadowPool pool : pools) {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).as("workers ended").isTrue();
        }
    }

    /** A task with an id, counting its runs; the ids make a run twice, or a run of a refused task, visible. */
    private static final class Task implements Runnable {
        final int id;
        final AtomicIntegerArray runs;
        final Semaphore done;

        Task(int id, AtomicIntegerArray runs, Semaphore done) {
            this.id = id;
            this.runs = runs;
            this.done = done;
        }

        @Override
        public void run() {
            runs.incrementAndGet(id);
            done.release();
        }
    }

    /** Offers {@code perThread} tasks from each of {@code threads} threads, all released at once. */
    private static final class Offers {
        final AtomicIntegerArray accepted;
        final AtomicIntegerArray runs;
        final Semaphore done = new Semaphore(0);
        final AtomicInteger offered = new AtomicInteger();
        final List<Thread> threads = new ArrayList<>();
        final CountDownLatch start = new CountDownLatch(1);

        Offers(ShadowPool pool, int threadCount, int perThread) {
            accepted = new AtomicIntegerArray(threadCount * perThread);
            runs = new AtomicIntegerArray(threadCount * perThread);
            for (int t = 0; t < threadCount; t++) {
                int first = t * perThread;
                Thread thread = new Thread(() -> {
                    awaitQuietly(start);
                    for (int id = first; id < first + perThread; id++) {
                        if (pool.trySubmit(new Task(id, runs, done))) {
                            accepted.set(id, 1);
                        }
                        offered.incrementAndGet();
                    }
                }, "offers-" + t);
                threads.add(thread);
                thread.start();
            }
        }

        void go() {
            start.countDown();
        }

        void join() throws InterruptedException {
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
                assertThat(thread.isAlive()).as("%s finished its offers", thread.getName()).isFalse();
            }
        }

        int acceptedCount() {
            int count = 0;
            for (int id = 0; id < accepted.length(); id++) {
                count += accepted.get(id);
            }
            return count;
        }
    }

    @Test
    void everyAcceptedTaskRunsExactlyOnceAndNoRefusedOneRuns() throws InterruptedException {
        ShadowPool pool = pool(4, 64);
        Offers offers = new Offers(pool, 4, 20_000);

        offers.go();
        offers.join();
        int accepted = offers.acceptedCount();

        assertThat(offers.done.tryAcquire(accepted, WAIT_SECONDS, TimeUnit.SECONDS))
                .as("all %d accepted tasks ran", accepted).isTrue();
        for (int id = 0; id < offers.runs.length(); id++) {
            assertThat(offers.runs.get(id)).as("runs of task %d", id).isEqualTo(offers.accepted.get(id));
        }
        assertThat(pool.queued()).isZero();
        assertThat(pool.hasRoom()).isTrue();
    }

    @Test
    void aFullPoolRefusesAtOnceAndRunsWhatItAcceptedWhenTheWorkersAreFree() throws InterruptedException {
        ShadowPool pool = pool(2, 3);
        CountDownLatch busy = new CountDownLatch(2);
        CountDownLatch gate = new CountDownLatch(1);
        AtomicIntegerArray runs = new AtomicIntegerArray(4);
        Semaphore done = new Semaphore(0);
        for (int i = 0; i < 2; i++) {
            assertThat(pool.trySubmit(() -> {
                busy.countDown();
                awaitQuietly(gate);
                done.release();
            })).isTrue();
        }
        assertThat(busy.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("both workers busy").isTrue();

        for (int id = 0; id < 3; id++) {
            assertThat(pool.trySubmit(new Task(id, runs, done))).as("task %d", id).isTrue();
        }
        assertThat(pool.queued()).isEqualTo(3);
        assertThat(pool.hasRoom()).isFalse();
        assertThat(pool.trySubmit(new Task(3, runs, done))).as("the fourth, over the capacity").isFalse();
        assertThat(pool.queued()).as("a refusal leaves the count as it was").isEqualTo(3);

        gate.countDown();

        assertThat(done.tryAcquire(5, WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(List.of(runs.get(0), runs.get(1), runs.get(2), runs.get(3))).containsExactly(1, 1, 1, 0);
        assertThat(pool.queued()).isZero();
        assertThat(pool.hasRoom()).isTrue();
    }

    @Test
    void parkedWorkersAreWokenByTheNextTask() throws InterruptedException {
        ShadowPool pool = pool(2, 16);
        AtomicIntegerArray runs = new AtomicIntegerArray(300);
        Semaphore done = new Semaphore(0);
        for (int round = 0; round < 300; round++) {
            awaitCondition(() -> pool.parkedWorkers() == 2, "both workers parked before round " + round);

            assertThat(pool.trySubmit(new Task(round, runs, done))).isTrue();

            assertThat(done.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)).as("round %d ran", round).isTrue();
            assertThat(runs.get(round)).isEqualTo(1);
        }
    }

    @Test
    void burstsOnParkingWorkersLeaveNoTaskWaiting() throws InterruptedException {
        ShadowPool pool = pool(3, 1_000);
        int rounds = 200;
        int perRound = 4;
        AtomicIntegerArray runs = new AtomicIntegerArray(rounds * perRound * 2);
        Semaphore done = new Semaphore(0);
        for (int round = 0; round < rounds; round++) {
            // Each round starts when the workers have drained the last one and are going back to sleep: offers
            // from two threads then race the workers' park.
            int base = round * perRound * 2;
            CountDownLatch start = new CountDownLatch(1);
            Thread other = new Thread(() -> {
                awaitQuietly(start);
                for (int i = 0; i < perRound; i++) {
                    pool.trySubmit(new Task(base + perRound + i, runs, done));
                }
            });
            other.start();
            start.countDown();
            for (int i = 0; i < perRound; i++) {
                assertThat(pool.trySubmit(new Task(base + i, runs, done))).isTrue();
            }
            other.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));

            assertThat(done.tryAcquire(perRound * 2, WAIT_SECONDS, TimeUnit.SECONDS))
                    .as("round %d: every task ran, none was left for a worker that parked", round).isTrue();
        }
        for (int id = 0; id < runs.length(); id++) {
            assertThat(runs.get(id)).as("runs of task %d", id).isEqualTo(1);
        }
    }

    @Test
    void concurrentOffersAndShutdownLoseNoTaskAndRunNoneTwice() throws InterruptedException {
        // Many short rounds: each shutdown is one chance to catch an offer between its check and its queueing.
        for (int round = 0; round < 150; round++) {
            ShadowPool pool = pool(4, 256);
            Offers offers = new Offers(pool, 4, 1_000);
            offers.go();
            int shutdownAfter = round % 10 * 350;
            awaitCondition(() -> offers.offered.get() >= shutdownAfter, "offers under way");

            List<Runnable> neverStarted = pool.shutdownNow();
            assertThat(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).as("round %d: workers ended", round)
                    .isTrue();
            offers.join();

            AtomicIntegerArray returned = new AtomicIntegerArray(offers.accepted.length());
            for (Runnable task : neverStarted) {
                returned.incrementAndGet(((Task) task).id);
            }
            for (int id = 0; id < offers.accepted.length(); id++) {
                int runs = offers.runs.get(id);
                assertThat(runs + returned.get(id))
                        .as("round %d, task %d: runs %d, handed back %d, accepted %d", round, id, runs,
                                returned.get(id), offers.accepted.get(id))
                        .isEqualTo(offers.accepted.get(id));
            }
            assertThat(pool.trySubmit(() -> { })).as("refused after shutdown").isFalse();
            assertThat(pool.hasRoom()).isFalse();
            assertThat(pool.liveWorkers()).isEmpty();
        }
    }

    @Test
    void shutdownNowInterruptsARunningTaskAndTheWorkersEnd() throws InterruptedException {
        ShadowPool pool = pool(2, 8);
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        pool.trySubmit(() -> {
            running.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        assertThat(running.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        assertThat(pool.shutdownNow()).isEmpty();

        assertThat(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).isTrue();
        assertThat(pool.liveWorkers()).isEmpty();
    }

    @Test
    void shutdownNowHandsBackTheWaitingTasksInOrder() throws InterruptedException {
        ShadowPool pool = pool(1, 8);
        CountDownLatch busy = new CountDownLatch(1);
        pool.trySubmit(() -> {
            busy.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException expected) {
                // shutdownNow
            }
        });
        assertThat(busy.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        AtomicIntegerArray runs = new AtomicIntegerArray(3);
        List<Runnable> waiting = new ArrayList<>();
        for (int id = 0; id < 3; id++) {
            Task task = new Task(id, runs, new Semaphore(0));
            waiting.add(task);
            pool.trySubmit(task);
        }

        assertThat(pool.shutdownNow()).containsExactlyElementsOf(waiting);

        assertThat(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(List.of(runs.get(0), runs.get(1), runs.get(2))).containsOnly(0);
        assertThat(pool.queued()).isZero();
    }

    @Test
    void aFailingTaskLeavesItsWorkerServing() throws InterruptedException {
        ShadowPool pool = pool(1, 8);
        Semaphore done = new Semaphore(0);
        pool.trySubmit(() -> {
            throw new IllegalStateException("a task's own failure (expected in this test)");
        });
        pool.trySubmit(done::release);

        assertThat(done.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.liveWorkers()).hasSize(1);
    }

    @Test
    void aTaskStartsUninterruptedEvenAfterTheWatchdogInterruptedItsWorker() throws InterruptedException {
        ShadowPool pool = pool(1, 8);
        CountDownLatch first = new CountDownLatch(1);
        AtomicBoolean secondInterrupted = new AtomicBoolean(true);
        Semaphore done = new Semaphore(0);
        pool.trySubmit(() -> {
            Thread.currentThread().interrupt(); // as a watchdog that fires as the task ends
            first.countDown();
        });
        pool.trySubmit(() -> {
            secondInterrupted.set(Thread.currentThread().isInterrupted());
            done.release();
        });

        assertThat(done.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(first.getCount()).isZero();
        assertThat(secondInterrupted).isFalse();
    }

    @Test
    void aWorkerThatShutsThePoolDownDoesNotWaitForItself() throws InterruptedException {
        ShadowPool pool = pool(2, 8);
        AtomicBoolean ended = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        pool.trySubmit(() -> {
            pool.shutdownNow();
            try {
                ended.set(pool.awaitTermination(WAIT_SECONDS * 3, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.countDown();
        });

        assertThat(done.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the wait did not include the worker itself")
                .isTrue();
        assertThat(ended).as("the other worker ended").isTrue();
    }

    /** Waits for {@code condition} by spinning, at most {@link #WAIT_SECONDS}: for states no latch reports. */
    private static void awaitCondition(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waiting for: %s", what).isNegative();
            Thread.onSpinWait();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
