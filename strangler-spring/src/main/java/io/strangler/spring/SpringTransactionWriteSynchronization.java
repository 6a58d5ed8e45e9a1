package io.strangler.spring;

import io.strangler.api.spi.WriteSynchronization;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a route's second write after the caller's Spring transaction commits, and never for one that rolls back. With
 * no transaction, the router writes at once.
 *
 * <p>The write runs on a thread of its own, and the committing thread waits for it: in {@code afterCommit} the
 * finished transaction's connection is still bound to the committing thread, so a {@code @Transactional} side
 * called there would join the transaction that already committed, and its write would never be committed. A failed
 * second write is the router's to handle as any other: it goes to the reconciliation log.
 */
public final class SpringTransactionWriteSynchronization implements WriteSynchronization, AutoCloseable {

    private final ExecutorService executor = Executors.newCachedThreadPool(new java.util.concurrent.ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "strangler-after-commit-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });

    /** A synchronisation with its own threads for the writes after commit. */
    public SpringTransactionWriteSynchronization() {
    }

    @Override
    public boolean runAfterCommit(Runnable secondaryWrite) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return false;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    CompletableFuture.runAsync(secondaryWrite, executor).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    // the router's write records its own failure in the reconciliation log and never throws
                }
            }
        });
        return true;
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
