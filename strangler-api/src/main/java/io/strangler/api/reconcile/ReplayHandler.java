package io.strangler.api.reconcile;

/**
 * Replays one failed secondary write, usually by calling the failed side again with the entry's arguments. Used
 * by {@link ReconciliationLog#replay}. A handler may be called more than once for the same entry (after a failed
 * replay, or when two replays run at once), so it should be idempotent.
 */
@FunctionalInterface
public interface ReplayHandler {

    /**
     * Replays {@code entry}.
     *
     * @param entry the entry to replay
     * @throws Exception if the replay failed; the entry is kept and its attempts counted
     */
    void replay(ReconciliationEntry entry) throws Exception;
}
