package io.strangler.test.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.Side;
import io.strangler.api.reconcile.ReconciliationEntry;
import io.strangler.api.reconcile.ReconciliationLog;
import io.strangler.api.reconcile.ReplayReport;
import io.strangler.test.VirtualTime;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReconciliationLog} must do, as JUnit 5 tests: ids assigned on append and increasing, every
 * field of an entry kept (nulls and awkward text included), listing oldest first by route and limit, removal,
 * clearing, counting failed attempts, replay (what succeeds is removed, what fails is counted and kept, an
 * interrupted handler stops the replay and keeps the interrupt), and concurrent appends that lose nothing. Strangler's
 * own logs ({@code InMemoryReconciliationLog}, {@code JdbcReconciliationLog}) pass it.
 *
 * <p>To check a log of your own, extend this class, implement {@link #newLog()}, and run it as any other test:
 *
 * <pre>{@code
 * class RedisReconciliationLogTest extends ReconciliationLogContract {
 *
 *     @Override
 *     protected ReconciliationLog newLog() {
 *         return new RedisReconciliationLog(redis, "recon:" + UUID.randomUUID()); // empty, of its own
 *     }
 * }
 * }</pre>
 *
 * <p>Each test calls {@link #newLog()} once and uses only that log; that a durable log keeps its entries across a
 * restart is for its own tests to show. A subclass may add tests of its own, using
 * {@link #entry(String, String)} for entries and {@link #appendConcurrently(ReconciliationLog, int, int)} for load.
 * The tests need JUnit Jupiter and AssertJ on the test class path: {@code strangler-test} declares them optional,
 * so add {@code junit-jupiter} and {@code assertj-core} to your test dependencies.
 *
 * <p>A test instance is used by one test at a time, as JUnit does by default.
 */
public abstract class ReconciliationLogContract {

    private final VirtualTime time = VirtualTime.startingAt(Instant.parse("2025-03-01T10:15:30.123456Z"));

    /** For subclasses. */
    protected ReconciliationLogContract() {
    }

    /**
     * A new, empty log, of its own: no other test appends to it. It must hold at least 2,000 entries without
     * overflowing ({@link #concurrentAppendsPerThread()} times 4).
     *
     * @return the log under test
     */
    protected abstract ReconciliationLog newLog();

    /**
     * How many entries each of the four threads of {@link #concurrentAppendsKeepEveryEntryWithUniqueIds()}
     * appends. Override it to lower the load on a slow store.
     *
     * @return 500 by default
     */
    protected int concurrentAppendsPerThread() {
        return 500;
    }

    /**
     * A new entry of a failed {@code saveOrder} on modern, a millisecond after the previous one, with the arguments
     * {@code [key, "42"]} ({@code ["none", "42"]} without a key).
     *
     * @param route the route
     * @param key the routing key, or null
     * @return an entry with no id yet
     */
    protected ReconciliationEntry entry(String route, @Nullable String key) {
        time.advance(Duration.ofMillis(1));
        return ReconciliationEntry.of(route, key, time.instant(), "saveOrder", Side.MODERN,
                new IOException("modern down for " + key), List.of(key == null ? "none" : key, "42"));
    }

    /**
     * Appends {@code perThread} entries from each of {@code threads} threads, all started at once, on routes
     * {@code route-0}, {@code route-1}, ...; checks that each thread saw its own ids increase and that no id was
     * handed out twice. Waits at most a minute.
     *
     * @param log the log
     * @param threads how many threads append, at least 1
     * @param perThread how many entries each appends
     * @return the ids of every appended entry
     * @throws Exception if an append failed, or the threads did not finish within a minute
     */
    protected static List<Long> appendConcurrently(ReconciliationLog log, int threads, int perThread)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String route = "route-" + t;
                Callable<List<Long>> task = () -> {
                    start.await();
                    List<Long> ids = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        ids.add(log.append(ReconciliationEntry.of(route, "key-" + i, Instant.EPOCH, "write",
                                Side.LEGACY, new IOException("down"), List.of(Integer.toString(i)))).id());
                    }
                    return ids;
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            Set<Long> unique = new HashSet<>();
            for (Future<List<Long>> f : futures) {
                List<Long> ids = f.get(60, TimeUnit.SECONDS);
                assertThat(ids).as("each thread sees its own appends in increasing order").isSorted();
                all.addAll(ids);
                unique.addAll(ids);
            }
            assertThat(unique).hasSameSizeAs(all);
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Append gives each entry a positive id, higher than the one before, and stores the entry as given. */
    @Test
    public void appendAssignsIncreasingIdsAndStoresTheEntryAsGiven() {
        ReconciliationLog log = newLog();
        ReconciliationEntry first = entry("orders", "k1");
        ReconciliationEntry a = log.append(first);
        ReconciliationEntry b = log.append(entry("orders", "k2"));
        ReconciliationEntry c = log.append(entry("users", "k3"));

        assertThat(a.id()).isPositive();
        assertThat(b.id()).isGreaterThan(a.id());
        assertThat(c.id()).isGreaterThan(b.id());
        assertThat(a).isEqualTo(first.withId(a.id()));
        assertThat(log.get(a.id())).contains(a);
        assertThat(log.get(c.id())).contains(c);
        assertThat(log.size()).isEqualTo(3);
        assertThat(log.overflowCount()).isZero();
    }

    /** Append assigns its own id, whatever the entry carried, and keeps the entry's attempts. */
    @Test
    public void appendIgnoresTheEntrysIdAndKeepsItsAttempts() {
        ReconciliationLog log = newLog();
        ReconciliationEntry stored = log.append(entry("orders", "k1").withId(999_999).withAttempts(2));
        assertThat(stored.id()).isNotEqualTo(999_999);
        assertThat(log.get(stored.id()).orElseThrow().attempts()).isEqualTo(2);
    }

    /**
     * Every field comes back as appended: a null key and message, null, empty, quoted, multi-line, non-ASCII and
     * JSON-looking arguments, no arguments at all.
     */
    @Test
    public void keepsEveryFieldIncludingNullsAndAwkwardArguments() {
        ReconciliationLog log = newLog();
        List<String> arguments = Arrays.asList("plain", null, "", "quote \" backslash \\ newline \n tab \t",
                "unicode é ✓ 😀", "[\"looks\",\"like\",\"json\"]", "{\"a\":1}");
        ReconciliationEntry entry = new ReconciliationEntry(0, "orders", null, Instant.parse("2025-03-01T10:15:30Z"),
                "cancel", Side.LEGACY, "java.lang.IllegalStateException", null, arguments, 0);
        ReconciliationEntry noArguments = ReconciliationEntry.of("orders", "k", time.instant(), "ping",
                Side.MODERN, new RuntimeException(), List.of());

        ReconciliationEntry stored = log.append(entry);
        ReconciliationEntry storedEmpty = log.append(noArguments);

        assertThat(log.get(stored.id())).contains(entry.withId(stored.id()));
        assertThat(log.get(storedEmpty.id())).contains(noArguments.withId(storedEmpty.id()));
        assertThat(log.get(storedEmpty.id()).orElseThrow().arguments()).isEmpty();
    }

    /** Appending null throws a {@link NullPointerException} whose message is {@code entry}. */
    @Test
    public void appendRejectsNull() {
        ReconciliationLog log = newLog();
        assertThatThrownBy(() -> log.append(null)).isInstanceOf(NullPointerException.class).hasMessage("entry");
    }

    /** List returns the oldest entries first, of one route or of all, up to the limit. */
    @Test
    public void listIsOldestFirstFilteredByRouteAndLimited() {
        ReconciliationLog log = newLog();
        List<ReconciliationEntry> orders = new ArrayList<>();
        List<ReconciliationEntry> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ReconciliationEntry e = log.append(entry(i % 2 == 0 ? "orders" : "users", "k" + i));
            all.add(e);
            if (i % 2 == 0) {
                orders.add(e);
            }
        }

        assertThat(log.list(null, 100)).containsExactlyElementsOf(all);
        assertThat(log.list(null, 4)).containsExactlyElementsOf(all.subList(0, 4));
        assertThat(log.list("orders", 100)).containsExactlyElementsOf(orders);
        assertThat(log.list("orders", 2)).containsExactlyElementsOf(orders.subList(0, 2));
        assertThat(log.list("nobody", 10)).isEmpty();
    }

    /** A limit below 1 is refused with an {@link IllegalArgumentException} naming the limit and its value. */
    @Test
    public void listRejectsALimitBelowOne() {
        ReconciliationLog log = newLog();
        assertThatThrownBy(() -> log.list(null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit").hasMessageContaining("0");
        assertThatThrownBy(() -> log.list("orders", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit").hasMessageContaining("-1");
    }

    /** An unknown id is found by nothing: get is empty, remove and recordFailedAttempt return false. */
    @Test
    public void getAndRemoveAnUnknownId() {
        ReconciliationLog log = newLog();
        assertThat(log.get(12_345)).isEmpty();
        assertThat(log.remove(12_345)).isFalse();
        assertThat(log.recordFailedAttempt(12_345)).isFalse();
    }

    /** Remove removes the entry once, and only it. */
    @Test
    public void removeRemovesOnce() {
        ReconciliationLog log = newLog();
        ReconciliationEntry a = log.append(entry("orders", "k1"));
        ReconciliationEntry b = log.append(entry("orders", "k2"));

        assertThat(log.remove(a.id())).isTrue();
        assertThat(log.remove(a.id())).isFalse();
        assertThat(log.get(a.id())).isEmpty();
        assertThat(log.list(null, 10)).containsExactly(b);
        assertThat(log.size()).isEqualTo(1);
    }

    /** Clear removes one route's entries, or every entry, and says how many. */
    @Test
    public void clearRemovesARoutesEntriesOrAll() {
        ReconciliationLog log = newLog();
        log.append(entry("orders", "k1"));
        ReconciliationEntry user = log.append(entry("users", "k2"));
        log.append(entry("orders", "k3"));

        assertThat(log.clear("orders")).isEqualTo(2);
        assertThat(log.list(null, 10)).containsExactly(user);
        assertThat(log.clear("orders")).isZero();
        log.append(entry("orders", "k4"));
        assertThat(log.clear(null)).isEqualTo(2);
        assertThat(log.size()).isZero();
    }

    /** Each failed attempt adds one to the entry's attempts and leaves it where it was in the order. */
    @Test
    public void recordFailedAttemptCountsAndKeepsTheOrder() {
        ReconciliationLog log = newLog();
        ReconciliationEntry a = log.append(entry("orders", "k1"));
        ReconciliationEntry b = log.append(entry("orders", "k2"));

        assertThat(log.recordFailedAttempt(a.id())).isTrue();
        assertThat(log.recordFailedAttempt(a.id())).isTrue();

        assertThat(log.get(a.id()).orElseThrow().attempts()).isEqualTo(2);
        assertThat(log.list(null, 10)).containsExactly(a.withAttempts(2), b);
    }

    /** The attempts stop at {@link Integer#MAX_VALUE} instead of overflowing. */
    @Test
    public void recordFailedAttemptStopsAtTheMaximum() {
        ReconciliationLog log = newLog();
        ReconciliationEntry a = log.append(entry("orders", "k1").withAttempts(Integer.MAX_VALUE));
        assertThat(log.recordFailedAttempt(a.id())).isTrue();
        assertThat(log.get(a.id()).orElseThrow().attempts()).isEqualTo(Integer.MAX_VALUE);
    }

    /**
     * Replay hands the entries to the handler oldest first, removes those it took and keeps those it threw on, one
     * attempt more, with a line per failure naming the entry, the route, the operation and the exception.
     */
    @Test
    public void replayRemovesWhatSucceedsAndCountsWhatFails() {
        ReconciliationLog log = newLog();
        ReconciliationEntry good1 = log.append(entry("orders", "good-1"));
        ReconciliationEntry bad = log.append(entry("orders", "bad-1"));
        ReconciliationEntry good2 = log.append(entry("orders", "good-2"));
        List<ReconciliationEntry> seen = new ArrayList<>();

        ReplayReport report = log.replay(null, e -> {
            seen.add(e);
            if (e.key() != null && e.key().startsWith("bad")) {
                throw new IOException("still down");
            }
        }, 10);

        assertThat(seen).containsExactly(good1, bad, good2);
        assertThat(report.replayed()).isEqualTo(2);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.failures()).singleElement().asString()
                .contains("#" + bad.id(), "orders", "saveOrder", "java.io.IOException", "still down");
        assertThat(log.list(null, 10)).containsExactly(bad.withAttempts(1));

        ReplayReport again = log.replay(null, e -> {
            throw new IllegalStateException();
        }, 10);
        assertThat(again).isEqualTo(new ReplayReport(0, 1,
                List.of("#" + bad.id() + " orders saveOrder: java.lang.IllegalStateException")));
        assertThat(log.get(bad.id()).orElseThrow().attempts()).isEqualTo(2);

        assertThat(log.replay(null, e -> { }, 10)).isEqualTo(new ReplayReport(1, 0, List.of()));
        assertThat(log.size()).isZero();
    }

    /** Replay takes only the given route's entries, oldest first, up to the limit. */
    @Test
    public void replayTakesOnlyTheRouteAndTheLimit() {
        ReconciliationLog log = newLog();
        ReconciliationEntry o1 = log.append(entry("orders", "k1"));
        ReconciliationEntry u1 = log.append(entry("users", "k2"));
        ReconciliationEntry o2 = log.append(entry("orders", "k3"));
        ReconciliationEntry o3 = log.append(entry("orders", "k4"));
        List<ReconciliationEntry> seen = new ArrayList<>();

        ReplayReport report = log.replay("orders", seen::add, 2);

        assertThat(report).isEqualTo(new ReplayReport(2, 0, List.of()));
        assertThat(seen).containsExactly(o1, o2);
        assertThat(log.list(null, 10)).containsExactly(u1, o3);
    }

    /**
     * A handler that throws {@link InterruptedException} stops the replay: its entry counts one failed attempt, the
     * rest stay untouched, and the thread's interrupt flag is set again.
     */
    @Test
    public void replayStopsWhenTheHandlerIsInterrupted() {
        ReconciliationLog log = newLog();
        ReconciliationEntry a = log.append(entry("orders", "k1"));
        ReconciliationEntry b = log.append(entry("orders", "k2"));
        ReplayReport report;
        boolean interrupted;
        try {
            report = log.replay(null, e -> {
                throw new InterruptedException("stop");
            }, 10);
        } finally {
            interrupted = Thread.interrupted(); // clears the flag, which a JDBC connection would refuse
        }
        assertThat(interrupted).isTrue();
        assertThat(report.replayed()).isZero();
        assertThat(report.failed()).isEqualTo(1);
        assertThat(log.list(null, 10)).containsExactly(a.withAttempts(1), b);
    }

    /** A null handler and a limit below 1 are refused. */
    @Test
    public void replayRejectsBadArguments() {
        ReconciliationLog log = newLog();
        assertThatThrownBy(() -> log.replay(null, null, 10)).isInstanceOf(NullPointerException.class)
                .hasMessage("handler");
        assertThatThrownBy(() -> log.replay(null, e -> { }, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
    }

    /**
     * Four threads appending at once lose no entry, get unique ids, and the log lists them all in id order.
     *
     * @throws Exception if an append failed, or the threads did not finish within a minute
     */
    @Test
    public void concurrentAppendsKeepEveryEntryWithUniqueIds() throws Exception {
        ReconciliationLog log = newLog();
        int threads = 4;
        int perThread = concurrentAppendsPerThread();
        List<Long> ids = appendConcurrently(log, threads, perThread);

        assertThat(ids).hasSize(threads * perThread).doesNotHaveDuplicates();
        assertThat(log.size()).isEqualTo(threads * perThread);
        List<ReconciliationEntry> listed = log.list(null, threads * perThread + 1);
        assertThat(listed).extracting(ReconciliationEntry::id).isSorted()
                .containsExactlyInAnyOrderElementsOf(ids);
    }
}
