package io.strangler.api.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where failed secondary writes are kept until they are replayed or cleared, so that none is lost silently. The
 * write path {@link #append appends} an entry when the write to the non-authoritative side fails; an operator or
 * a job {@link #list lists} the entries and {@link #replay replays} them.
 *
 * <pre>{@code
 * ReconciliationLog log = InMemoryReconciliationLog.create(); // or JdbcReconciliationLog.of(dataSource, "recon")
 * log.append(ReconciliationEntry.of("orders", key, clock.instant(), "saveOrder", Side.MODERN, e, args));
 * ReplayReport report = log.replay("orders", entry -> modernOrders.save(parse(entry.arguments())), 100);
 * }</pre>
 *
 * <p>Entries are ordered by id: ids are assigned by the log on {@link #append append} and increase in the order
 * of appending (a durable log may leave gaps). Implementations must be thread-safe. A log that can't reach its
 * storage throws {@link io.strangler.api.StranglerException}; one that is full must not throw but make room in a
 * way it documents, counting what it lost in {@link #overflowCount()} and logging it.
 */
public interface ReconciliationLog {

    /**
     * Stores {@code entry} under a new id. The entry's own {@link ReconciliationEntry#id() id} is ignored; its
     * {@link ReconciliationEntry#attempts() attempts} are kept.
     *
     * @param entry the entry to store
     * @return the entry as stored, with its id
     * @throws NullPointerException if {@code entry} is null
     * @throws io.strangler.api.StranglerException if the storage can't be reached; never because the log is full
     */
    ReconciliationEntry append(ReconciliationEntry entry);

    /**
     * The oldest entries, oldest first.
     *
     * @param route the route whose entries to list, or {@code null} for all routes
     * @param limit the most entries to return; at least 1
     * @return up to {@code limit} entries, in the order of their ids
     * @throws IllegalArgumentException if {@code limit} is below 1
     * @throws io.strangler.api.StranglerException if the storage can't be reached
     */
    List<ReconciliationEntry> list(String route, int limit);

    /**
     * One entry.
     *
     * @param id the entry's id
     * @return the entry, or empty if the log holds none with that id
     * @throws io.strangler.api.StranglerException if the storage can't be reached
     */
    Optional<ReconciliationEntry> get(long id);

    /**
     * Removes one entry.
     *
     * @param id the entry's id
     * @return {@code true} if the entry was removed, {@code false} if the log held none with that id
     * @throws io.strangler.api.StranglerException if the storage can't be reached
     */
    boolean remove(long id);

    /**
     * Removes every entry of a route, or every entry.
     *
     * @param route the route whose entries to remove, or {@code null} for all routes
     * @return how many entries were removed
     * @throws io.strangler.api.StranglerException if the storage can't be reached
     */
    long clear(String route);

    /**
     * Counts one more failed replay of an entry: its {@link ReconciliationEntry#attempts() attempts} go up by one
     * (they stop at {@link Integer#MAX_VALUE}).
     *
     * @param id the entry's id
     * @return {@code true} if the entry was found, {@code false} if the log held none with that id
     * @throws io.strangler.api.StranglerException if the storage can't be reached
     */
    boolean recordFailedAttempt(long id);

    /**
     * How many entries the log holds.
     *
     * @return the number of entries, of all routes
     * @throws io.strangler.api.StranglerException if the storage can't be reached
     */
    long size();

    /**
     * How many entries were lost because the log was full, since it was created. Zero for a log without bound.
     *
     * @return the number of entries lost to overflow
     */
    long overflowCount();

    /**
     * How many of {@code route}'s entries this log dropped because it was full: second writes modern missed that no
     * one can replay any more, so modern's data is no longer known to match legacy's. The router counts them as
     * data-integrity failures of the route. A log that never drops entries keeps the default, 0.
     *
     * @param route a route's name
     * @return the entries of {@code route} evicted so far
     */
    default long overflowCount(String route) {
        return 0;
    }

    /**
     * Replays the oldest entries, oldest first: each of up to {@code limit} {@link #list listed} entries is passed
     * to {@code handler}; when it returns the entry is {@link #remove removed}, when it throws an
     * {@link Exception} the entry is kept and its {@link #recordFailedAttempt attempt recorded}, and the replay goes
     * on with the next one. If the handler throws {@link InterruptedException}, that entry counts as failed, the
     * thread's interrupt flag is set again and the replay stops. An {@link Error} from the handler stops the replay
     * and is thrown; the entries handled before it stay handled.
     *
     * <p>Replay is at least once: run one replay per route at a time, and make the handler idempotent.
     *
     * @param route the route whose entries to replay, or {@code null} for all routes
     * @param handler replays one entry
     * @param limit the most entries to replay; at least 1
     * @return how many entries were replayed and how many failed, with one line per failure
     * @throws NullPointerException if {@code handler} is null
     * @throws IllegalArgumentException if {@code limit} is below 1
     * @throws io.strangler.api.StranglerException if the storage can't be reached
     */
    default ReplayReport replay(String route, ReplayHandler handler, int limit) {
        Objects.requireNonNull(handler, "handler");
        int replayed = 0;
        List<String> failures = new ArrayList<>();
        for (ReconciliationEntry entry : list(route, limit)) {
            try {
                handler.replay(entry);
            } catch (Exception e) {
                recordFailedAttempt(entry.id());
                failures.add("#" + entry.id() + " " + entry.route() + " " + entry.operation() + ": "
                        + e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    break;
                }
                continue;
            }
            remove(entry.id());
            replayed++;
        }
        return new ReplayReport(replayed, failures.size(), failures);
    }
}
