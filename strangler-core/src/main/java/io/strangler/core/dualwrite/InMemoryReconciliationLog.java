package io.strangler.core.dualwrite;

import io.strangler.api.reconcile.ReconciliationEntry;
import io.strangler.api.reconcile.ReconciliationLog;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded {@link ReconciliationLog} in memory: its entries are lost when the JVM stops, so use it for tests,
 * for demos, or where a lost secondary write is acceptable after a restart; otherwise use
 * {@link JdbcReconciliationLog}.
 *
 * <pre>{@code
 * InMemoryReconciliationLog log = InMemoryReconciliationLog.withCapacity(50_000);
 * }</pre>
 *
 * <p><b>Overflow:</b> when the log holds {@link #capacity()} entries, {@link #append append} evicts the oldest
 * entry (the one with the smallest id) to make room, so the log always keeps the most recent failures and
 * {@code append} never fails for want of room. Every eviction is counted in {@link #overflowCount()} and logged
 * as a warning on the logger of this class, at the first eviction and at every
 * {@value #OVERFLOW_LOG_INTERVAL}th after it, each line with the evicted entry and the count so far.
 *
 * <p>Ids start at 1 and increase by one per append, without gaps. Thread-safe: every operation holds one lock,
 * and {@link #list list} copies what it returns.
 */
public final class InMemoryReconciliationLog implements ReconciliationLog {

    /** The capacity of {@link #create()}. */
    public static final int DEFAULT_CAPACITY = 10_000;

    /** An overflow warning is logged at the first eviction and then once per this many evictions. */
    public static final int OVERFLOW_LOG_INTERVAL = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryReconciliationLog.class);

    private final int capacity;
    private final Object lock = new Object();
    /** In the order of the ids, which is the order of insertion. Guarded by {@link #lock}. */
    private final LinkedHashMap<Long, ReconciliationEntry> entries = new LinkedHashMap<>();
    /** Guarded by {@link #lock}. */
    private long lastId;
    /** Guarded by {@link #lock}; volatile for {@link #overflowCount()}. */
    private volatile long overflowCount;
    /** Evictions by route, guarded by {@code lock}. */
    private final java.util.Map<String, Long> overflowByRoute = new java.util.HashMap<>();

    private InMemoryReconciliationLog(int capacity) {
        this.capacity = capacity;
    }

    /**
     * A log of {@value #DEFAULT_CAPACITY} entries at most.
     *
     * @return an empty log
     */
    public static InMemoryReconciliationLog create() {
        return new InMemoryReconciliationLog(DEFAULT_CAPACITY);
    }

    /**
     * A log of {@code capacity} entries at most.
     *
     * @param capacity the most entries the log holds; at least 1
     * @return an empty log
     * @throws IllegalArgumentException if {@code capacity} is below 1
     */
    public static InMemoryReconciliationLog withCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        return new InMemoryReconciliationLog(capacity);
    }

    /**
     * The most entries this log holds.
     *
     * @return the capacity
     */
    public int capacity() {
        return capacity;
    }

    /**
     * Stores {@code entry} under a new id. The entry's own {@link ReconciliationEntry#id() id} is ignored; its
     * {@link ReconciliationEntry#attempts() attempts} are kept.
     *
     * <p>When the log is full the oldest entry is evicted, counted and logged; see the class description.
     *
     * @param entry the entry to store
     * @return the entry as stored, with its id
     * @throws NullPointerException if {@code entry} is null
     */
    @Override
    public ReconciliationEntry append(ReconciliationEntry entry) {
        Objects.requireNonNull(entry, "entry");
        ReconciliationEntry stored;
        ReconciliationEntry evicted = null;
        long overflow = 0;
        synchronized (lock) {
            if (entries.size() >= capacity) {
                Iterator<ReconciliationEntry> oldest = entries.values().iterator();
                evicted = oldest.next();
                oldest.remove();
                overflow = ++overflowCount;
                overflowByRoute.merge(evicted.route(), 1L, Long::sum);
            }
            stored = entry.withId(++lastId);
            entries.put(stored.id(), stored);
        }
        if (evicted != null && shouldLogOverflow(overflow)) {
            LOG.warn("Reconciliation log full (capacity {}): evicted entry #{} of route '{}' (operation {}, key {},"
                    + " failed side {}); evictions so far: {}", capacity, evicted.id(), evicted.route(),
                    evicted.operation(), evicted.key(), evicted.failedSide(), overflow);
        }
        return stored;
    }

    /** Whether the {@code overflowCount}th eviction is logged: the first and every {@value #OVERFLOW_LOG_INTERVAL}th. */
    static boolean shouldLogOverflow(long overflowCount) {
        return overflowCount == 1 || overflowCount % OVERFLOW_LOG_INTERVAL == 0;
    }

    @Override
    public List<ReconciliationEntry> list(String route, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        List<ReconciliationEntry> result = new ArrayList<>(Math.min(limit, 256));
        synchronized (lock) {
            for (ReconciliationEntry entry : entries.values()) {
                if (route == null || route.equals(entry.route())) {
                    result.add(entry);
                    if (result.size() == limit) {
                        break;
                    }
                }
            }
        }
        return result;
    }

    @Override
    public Optional<ReconciliationEntry> get(long id) {
        synchronized (lock) {
            return Optional.ofNullable(entries.get(id));
        }
    }

    @Override
    public boolean remove(long id) {
        synchronized (lock) {
            return entries.remove(id) != null;
        }
    }

    @Override
    public long clear(String route) {
        synchronized (lock) {
            int before = entries.size();
            if (route == null) {
                entries.clear();
            } else {
                entries.values().removeIf(entry -> route.equals(entry.route()));
            }
            return before - entries.size();
        }
    }

    @Override
    public boolean recordFailedAttempt(long id) {
        synchronized (lock) {
            ReconciliationEntry entry = entries.get(id);
            if (entry == null) {
                return false;
            }
            if (entry.attempts() < Integer.MAX_VALUE) {
                // Replacing the value of a present key keeps its place in the order.
                entries.put(id, entry.withAttempts(entry.attempts() + 1));
            }
            return true;
        }
    }

    @Override
    public long size() {
        synchronized (lock) {
            return entries.size();
        }
    }

    @Override
    public long overflowCount() {
        return overflowCount;
    }

    @Override
    public long overflowCount(String route) {
        synchronized (lock) {
            return overflowByRoute.getOrDefault(route, 0L);
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "InMemoryReconciliationLog{size=" + entries.size() + ", capacity=" + capacity + ", overflowCount="
                    + overflowCount + "}";
        }
    }
}
