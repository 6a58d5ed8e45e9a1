package io.strangler.api.spi;

/**
 * Defers a secondary write until the caller's transaction commits, so that a rolled-back transaction is never
 * replicated to the other side. The Spring adapter implements it with Spring's transaction synchronisation; plain
 * Java routes run secondary writes at once.
 */
@FunctionalInterface
public interface WriteSynchronization {

    /**
     * Runs {@code secondaryWrite} after the current transaction commits, or returns {@code false} when there is no
     * transaction (the router then runs it at once).
     *
     * @param secondaryWrite the write to run after commit
     * @return whether it was deferred
     */
    boolean runAfterCommit(Runnable secondaryWrite);
}
