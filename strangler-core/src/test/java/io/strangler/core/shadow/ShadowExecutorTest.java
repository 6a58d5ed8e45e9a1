package io.strangler.core.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.Uninterruptibles;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.Stage;
import io.strangler.core.Strangler;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Closing the shadow executor, and the router that owns it, leaves no {@code strangler-shadow} thread behind: the
 * workers and the watchdog are stopped and waited for, within a bound, and a thread that closes its own executor
 * does not wait for itself.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShadowExecutorTest {

    private static final long WAIT_SECONDS = 20;

    interface Catalog {
        String find(String id);
    }

    @Test
    void closingTheRouterLeavesNoShadowThreadBehind() throws InterruptedException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        CountDownLatch shadowed = new CountDownLatch(20);
        MigrationRouter router = Strangler.router().refreshInterval(Duration.ZERO).build();
        Route<Catalog> route = router.register(RouteDefinition.builder("catalog", Catalog.class)
                .legacy(id -> "item " + id)
                .modern(id -> {
                    shadowed.countDown();
                    if (shadowed.getCount() == 0) {
                        callThatIsSlowToStop();
                    }
                    return "item " + id;
                })
                .initialState(s -> s.stage(Stage.SHADOW).shadowSample(100))
                .build());
        for (int i = 0; i < 20; i++) {
            String id = "id-" + i;
            route.read(id, c -> c.find(id));
        }
        assertThat(shadowed.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the shadow calls ran").isTrue();
        assertThat(newShadowThreads(before)).as("the pool's workers and the watchdog").isNotEmpty();

        router.close();

        assertThat(newShadowThreads(before)).as("shadow threads alive once close() returned").isEmpty();
    }

    @Test
    void closeStopsAndWaitsForTheWorkersAndTheWatchdog() throws InterruptedException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        ShadowExecutor executor = new ShadowExecutor(null, 4, 16);
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<ScheduledFuture<?>> watch = new AtomicReference<>();
        executor.trySubmit(() -> {
            watch.set(executor.schedule(() -> { }, TimeUnit.HOURS.toNanos(1)));
            running.countDown();
            try {
                new CountDownLatch(1).await(); // a shadow call that waits until it is interrupted
            } catch (InterruptedException expected) {
                // close
            }
        });
        assertThat(running.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(newShadowThreads(before)).hasSize(5);

        executor.close();

        assertThat(newShadowThreads(before)).isEmpty();
        assertThat(watch.get().isDone()).as("the scheduled deadline was dropped").isTrue();
        assertThat(executor.trySubmit(() -> { })).isFalse();
        assertThat(executor.hasRoom()).isFalse();
        executor.close();
    }

    @Test
    void closeGivesUpWaitingAfterItsTimeoutForATaskThatIgnoresInterrupts() throws InterruptedException {
        ShadowExecutor executor = new ShadowExecutor(null, 1, 4, Duration.ofMillis(50));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> worker = new AtomicReference<>();
        executor.trySubmit(() -> {
            worker.set(Thread.currentThread());
            running.countDown();
            Uninterruptibles.awaitUninterruptibly(release);
        });
        assertThat(running.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        executor.close();

        assertThat(worker.get().isAlive()).as("close returned, the stubborn task still runs").isTrue();
        release.countDown();
        worker.get().join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertThat(worker.get().isAlive()).as("the worker ends once its task does").isFalse();
    }

    @Test
    void aTaskThatClosesItsExecutorDoesNotWaitForItsOwnThread() throws InterruptedException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        ShadowExecutor executor = new ShadowExecutor(null, 2, 4, Duration.ofMinutes(5));
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<Thread> worker = new AtomicReference<>();
        executor.trySubmit(() -> {
            worker.set(Thread.currentThread());
            executor.close();
            closed.countDown();
        });

        assertThat(closed.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("close returned on the worker").isTrue();
        worker.get().join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertThat(newShadowThreads(before)).isEmpty();
    }

    @Test
    void anExecutorGivenByTheApplicationIsLeftRunning() throws InterruptedException {
        ExecutorService application = Executors.newSingleThreadExecutor();
        try {
            ShadowExecutor executor = new ShadowExecutor(application, 4, 16);
            CountDownLatch ran = new CountDownLatch(1);
            assertThat(executor.trySubmit(ran::countDown)).isTrue();
            assertThat(ran.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(executor.queued()).isEqualTo(-1);

            executor.close();

            assertThat(application.isShutdown()).isFalse();
        } finally {
            application.shutdownNow();
        }
    }

    /**
     * A call that waits until it is interrupted, then takes 50 ms to wind down, as a call that closes a connection
     * would: without waiting for it, a close would return while its thread still runs.
     */
    private static void callThatIsSlowToStop() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> newShadowThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive() && t.getName().startsWith("strangler-shadow"))
                .map(Thread::getName).sorted().toList();
    }
}
