package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.RoutingContext;
import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Fixtures of the shadow-read and dual-write tests: a routed catalog whose two sides can be scripted call by call
 * and record who called them, on which thread and in which routing context; bounded waits. Deterministic shadows
 * run on {@link io.strangler.core.testing.InlineExecutor}, an executor that runs tasks on the submitting thread.
 */
final class ShadowTestSupport {

    /** The longest a test waits for asynchronous shadow work. */
    static final Duration WAIT = Duration.ofSeconds(2);

    private ShadowTestSupport() {
    }

    record Item(String sku, String name, int price) {
    }

    /** The routed interface: reads are {@code @Read}, everything else is a write. */
    interface Catalog {
        @Read
        Item find(@RoutingKey String sku);

        Item save(@RoutingKey String sku, Item item);

        @Read
        CompletionStage<Item> findAsync(@RoutingKey String sku);

        CompletionStage<Item> saveAsync(@RoutingKey String sku, Item item);
    }

    /**
     * One side of the catalog. Its behaviour is a pair of replaceable functions; every call is recorded with its
     * thread and routing context, and appended to a journal that may be shared with the other side to see the
     * order of calls.
     */
    static final class FakeCatalog implements Catalog {
        final String side;
        final List<String> journal;
        final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        final List<RoutingContext> contexts = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger finds = new AtomicInteger();
        final AtomicInteger saves = new AtomicInteger();
        volatile Function<String, Item> onFind;
        volatile BiFunction<String, Item, Item> onSave;
        volatile Function<String, CompletionStage<Item>> onFindAsync;

        FakeCatalog(String side) {
            this(side, Collections.synchronizedList(new ArrayList<>()));
        }

        FakeCatalog(String side, List<String> journal) {
            this.side = side;
            this.journal = journal;
            this.onFind = sku -> new Item(sku, "widget", 10);
            this.onSave = (sku, item) -> new Item(sku, side + " saved", item == null ? 0 : item.price());
        }

        private void record(String what) {
            threads.add(Thread.currentThread());
            contexts.add(RoutingContext.current());
            journal.add(side + ":" + what);
        }

        @Override
        public Item find(String sku) {
            record("find " + sku);
            finds.incrementAndGet();
            return onFind.apply(sku);
        }

        @Override
        public Item save(String sku, Item item) {
            record("save " + sku);
            saves.incrementAndGet();
            return onSave.apply(sku, item);
        }

        @Override
        public CompletionStage<Item> findAsync(String sku) {
            Function<String, CompletionStage<Item>> async = onFindAsync;
            if (async != null) {
                record("findAsync " + sku);
                finds.incrementAndGet();
                return async.apply(sku);
            }
            return CompletableFuture.completedFuture(find(sku));
        }

        @Override
        public CompletionStage<Item> saveAsync(String sku, Item item) {
            return CompletableFuture.completedFuture(save(sku, item));
        }

        /** Threads of the recorded calls, in order. */
        List<Thread> threads() {
            synchronized (threads) {
                return new ArrayList<>(threads);
            }
        }
    }

    /** A router without background refresh, metered in {@code registry}. */
    static RouterBuilder router(MeterRegistry registry) {
        return Strangler.router().refreshInterval(Duration.ZERO).meterRegistry(registry);
    }

    /** A router without background refresh, metered in a registry of its own. */
    static RouterBuilder router() {
        return router(new SimpleMeterRegistry());
    }

    /** Waits, at most {@link #WAIT}, until {@code condition} holds; fails the test otherwise. */
    static void await(String what, BooleanSupplier condition) {
        await(what, WAIT, condition);
    }

    /** Waits, at most {@code max}, until {@code condition} holds; fails the test otherwise. */
    static void await(String what, Duration max, BooleanSupplier condition) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("waited " + max.toMillis() + " ms for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** Waits, at most {@link #WAIT}, for {@code latch}; fails the test otherwise. */
    static void await(CountDownLatch latch, String what) {
        try {
            assertThat(latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("waited for " + what).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while waiting for " + what);
        }
    }

    /** Blocks until {@code latch} opens, deaf to interrupts (which it restores afterwards); true if interrupted. */
    static boolean awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return interrupted;
    }

    /** Blocks until {@code latch} opens; an interrupt ends the wait with an unchecked exception. */
    static void block(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The value of a function counter. */
    static double counter(MeterRegistry registry, String name, String... tags) {
        return registry.get(name).tags(tags).functionCounter().count();
    }
}
