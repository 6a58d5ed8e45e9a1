package io.strangler.core.dualwrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.Side;
import io.strangler.api.reconcile.ReconciliationEntry;
import io.strangler.api.reconcile.ReconciliationLog;
import io.strangler.api.reconcile.ReplayReport;
import io.strangler.core.testing.MutableClock;
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
import org.junit.jupiter.api.Test;

/** What every {@link ReconciliationLog} does; each implementation's test extends this. */
abstract class ReconciliationLogContract {

    final MutableClock clock = MutableClock.startingAt("2025-03-01T10:15:30.123456Z");

    /** A new, empty log, large enough for every test here. */
    abstract ReconciliationLog newLog();

    ReconciliationEntry entry(String route, String key) {
        clock.advance(Duration.ofMillis(1));
        return ReconciliationEntry.of(route, key, clock.instant(), "saveOrder", Side.MODERN,
                new IOException("modern down for " + key), List.of(key == null ? "none" : key, "42"));
    }

    @Test
    void appendAssignsIncreasingIdsAndStoresTheEntryAsGiven() {
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

    @Test
    void appendIgnoresTheEntrysIdAndKeepsItsAttempts() {
        ReconciliationLog log = newLog();
        ReconciliationEntry stored = log.append(entry("orders", "k1").withId(999_999).withAttempts(2));
        assertThat(stored.id()).isNotEqualTo(999_999);
        assertThat(log.get(stored.id()).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void keepsEveryFieldIncludingNullsAndAwkwardArguments() {
        ReconciliationLog log = newLog();
        List<String> arguments = Arrays.asList("plain", null, "", "quote \" backslash \\ newline \n tab \t",
                "unicode é ✓ 😀", "[\"looks\",\"like\",\"json\"]", "{\"a\":1}");
        ReconciliationEntry entry = new ReconciliationEntry(0, "orders", null, Instant.parse("2025-03-01T10:15:30Z"),
                "cancel", Side.LEGACY, "java.lang.IllegalStateException", null, arguments, 0);
        ReconciliationEntry noArguments = ReconciliationEntry.of("orders", "k", clock.instant(), "ping",
                Side.MODERN, new RuntimeException(), List.of());

        ReconciliationEntry stored = log.append(entry);
        ReconciliationEntry storedEmpty = log.append(noArguments);

        assertThat(log.get(stored.id())).contains(entry.withId(stored.id()));
        assertThat(log.get(storedEmpty.id())).contains(noArguments.withId(storedEmpty.id()));
        assertThat(log.get(storedEmpty.id()).orElseThrow().arguments()).isEmpty();
    }

    @Test
    void appendRejectsNull() {
        ReconciliationLog log = newLog();
        assertThatThrownBy(() -> log.append(null)).isInstanceOf(NullPointerException.class).hasMessage("entry");
    }

    @Test
    void listIsOldestFirstFilteredByRouteAndLimited() {
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

    @Test
    void listRejectsALimitBelowOne() {
        ReconciliationLog log = newLog();
        assertThatThrownBy(() -> log.list(null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit").hasMessageContaining("0");
        assertThatThrownBy(() -> log.list("orders", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit").hasMessageContaining("-1");
    }

    @Test
    void getAndRemoveAnUnknownId() {
        ReconciliationLog log = newLog();
        assertThat(log.get(12_345)).isEmpty();
        assertThat(log.remove(12_345)).isFalse();
        assertThat(log.recordFailedAttempt(12_345)).isFalse();
    }

    @Test
    void removeRemovesOnce() {
        ReconciliationLog log = newLog();
        ReconciliationEntry a = log.append(entry("orders", "k1"));
        ReconciliationEntry b = log.append(entry("orders", "k2"));

        assertThat(log.remove(a.id())).isTrue();
        assertThat(log.remove(a.id())).isFalse();
        assertThat(log.get(a.id())).isEmpty();
        assertThat(log.list(null, 10)).containsExactly(b);
        assertThat(log.size()).isEqualTo(1);
    }

    @Test
    void clearRemovesARoutesEntriesOrAll() {
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

    @Test
    void recordFailedAttemptCountsAndKeepsTheOrder() {
        ReconciliationLog log = newLog();
        ReconciliationEntry a = log.append(entry("orders", "k1"));
        ReconciliationEntry b = log.append(entry("orders", "k2"));

        assertThat(log.recordFailedAttempt(a.id())).isTrue();
        assertThat(log.recordFailedAttempt(a.id())).isTrue();

        assertThat(log.get(a.id()).orElseThrow().attempts()).isEqualTo(2);
        assertThat(log.list(null, 10)).containsExactly(a.withAttempts(2), b);
    }

    @Test
    void recordFailedAttemptStopsAtTheMaximum() {
        ReconciliationLog log = newLog();
        ReconciliationEntry a = log.append(entry("orders", "k1").withAttempts(Integer.MAX_VALUE));
        assertThat(log.recordFailedAttempt(a.id())).isTrue();
        assertThat(log.get(a.id()).orElseThrow().attempts()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void replayRemovesWhatSucceedsAndCountsWhatFails() {
        ReconciliationLog log = newLog();
        ReconciliationEntry good1 = log.append(entry("orders", "good-1"));
        ReconciliationEntry bad = log.append(entry("orders", "bad-1"));
        ReconciliationEntry good2 = log.append(entry("orders", "good-2"));
        List<ReconciliationEntry> seen = new ArrayList<>();

        ReplayReport report = log.replay(null, e -> {
            seen.add(e);
            if (e.key().startsWith("bad")) {
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

    @Test
    void replayTakesOnlyTheRouteAndTheLimit() {
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

    @Test
    void replayStopsWhenTheHandlerIsInterrupted() {
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

    @Test
    void replayRejectsBadArguments() {
        ReconciliationLog log = newLog();
        assertThatThrownBy(() -> log.replay(null, null, 10)).isInstanceOf(NullPointerException.class)
                .hasMessage("handler");
        assertThatThrownBy(() -> log.replay(null, e -> { }, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void concurrentAppendsKeepEveryEntryWithUniqueIds() throws Exception {
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

    /** Appends per thread in {@link #concurrentAppendsKeepEveryEntryWithUniqueIds}. */
    int concurrentAppendsPerThread() {
        return 500;
    }

    /** Appends {@code perThread} entries from each of {@code threads} threads, all started at once. */
    static List<Long> appendConcurrently(ReconciliationLog log, int threads, int perThread) throws Exception {
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
                assertThat(ids).isSorted(); // each thread sees its own appends in increasing order
                all.addAll(ids);
                unique.addAll(ids);
            }
            assertThat(unique).hasSameSizeAs(all);
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}
