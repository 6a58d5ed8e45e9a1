package io.strangler.core.dualwrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.reconcile.ReconciliationEntry;
import io.strangler.api.reconcile.ReconciliationLog;
import io.strangler.test.contract.ReconciliationLogContract;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The reconciliation-log contract on the in-memory log, and what is its own: the capacity and the overflow. */
class InMemoryReconciliationLogTest extends ReconciliationLogContract {

    @Override
    protected ReconciliationLog newLog() {
        return InMemoryReconciliationLog.create();
    }

    @Test
    void rejectsACapacityBelowOne() {
        assertThatThrownBy(() -> InMemoryReconciliationLog.withCapacity(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("capacity must be at least 1, was 0");
        assertThatThrownBy(() -> InMemoryReconciliationLog.withCapacity(-5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("capacity must be at least 1, was -5");
    }

    @Test
    void hasADefaultCapacity() {
        assertThat(InMemoryReconciliationLog.create().capacity())
                .isEqualTo(InMemoryReconciliationLog.DEFAULT_CAPACITY).isEqualTo(10_000);
        assertThat(InMemoryReconciliationLog.withCapacity(1).capacity()).isEqualTo(1);
    }

    @Test
    void idsStartAtOneWithoutGaps() {
        ReconciliationLog log = newLog();
        assertThat(log.append(entry("orders", "a")).id()).isEqualTo(1);
        assertThat(log.append(entry("orders", "b")).id()).isEqualTo(2);
        log.remove(2);
        assertThat(log.append(entry("orders", "c")).id()).isEqualTo(3);
    }

    @Test
    void overflowEvictsTheOldestAndCountsIt() {
        InMemoryReconciliationLog log = InMemoryReconciliationLog.withCapacity(3);
        ReconciliationEntry[] stored = new ReconciliationEntry[5];
        for (int i = 0; i < 5; i++) {
            stored[i] = log.append(entry("orders", "k" + i));
        }

        assertThat(log.size()).isEqualTo(3);
        assertThat(log.overflowCount()).isEqualTo(2);
        assertThat(log.list(null, 10)).containsExactly(stored[2], stored[3], stored[4]);
        assertThat(log.get(stored[0].id())).isEmpty();
        assertThat(log.get(stored[4].id())).contains(stored[4]);

        log.remove(stored[3].id());
        ReconciliationEntry sixth = log.append(entry("orders", "k5"));
        assertThat(log.overflowCount()).as("room was made by remove").isEqualTo(2);
        assertThat(log.list(null, 10)).containsExactly(stored[2], stored[4], sixth);
    }

    @Test
    void overflowOfACapacityOfOneKeepsTheNewest() {
        InMemoryReconciliationLog log = InMemoryReconciliationLog.withCapacity(1);
        log.append(entry("orders", "a"));
        ReconciliationEntry b = log.append(entry("users", "b"));
        assertThat(log.list(null, 10)).containsExactly(b);
        assertThat(log.overflowCount()).isEqualTo(1);
    }

    @Test
    void overflowIsLoggedAtTheFirstAndThenEveryThousandth() {
        assertThat(InMemoryReconciliationLog.OVERFLOW_LOG_INTERVAL).isEqualTo(1_000);
        List<Long> logged = LongStream.rangeClosed(1, 3_500).filter(InMemoryReconciliationLog::shouldLogOverflow)
                .boxed().collect(Collectors.toList());
        assertThat(logged).containsExactly(1L, 1_000L, 2_000L, 3_000L);
    }

    @Test
    void concurrentAppendsBeyondTheCapacityKeepTheNewestAndCountTheRest() throws Exception {
        InMemoryReconciliationLog log = InMemoryReconciliationLog.withCapacity(1_000);
        List<Long> ids = appendConcurrently(log, 8, 500);

        assertThat(ids).hasSize(4_000).doesNotHaveDuplicates();
        assertThat(log.size()).isEqualTo(1_000);
        assertThat(log.overflowCount()).isEqualTo(3_000);
        assertThat(log.list(null, 2_000)).extracting(ReconciliationEntry::id)
                .containsExactlyElementsOf(LongStream.rangeClosed(3_001, 4_000).boxed().collect(Collectors.toList()));
    }

    @Test
    void concurrentAppendsUpToTheCapacityKeepEveryEntry() throws Exception {
        InMemoryReconciliationLog log = InMemoryReconciliationLog.withCapacity(4_000);
        List<Long> ids = appendConcurrently(log, 8, 500);

        assertThat(log.size()).isEqualTo(4_000);
        assertThat(log.overflowCount()).isZero();
        assertThat(log.list(null, 5_000)).extracting(ReconciliationEntry::id)
                .containsExactlyInAnyOrderElementsOf(ids)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 4_000).boxed().collect(Collectors.toList()));
    }

    @Test
    void toStringShowsTheFigures() {
        InMemoryReconciliationLog log = InMemoryReconciliationLog.withCapacity(1);
        log.append(entry("orders", "a"));
        log.append(entry("orders", "b"));
        assertThat(log).hasToString("InMemoryReconciliationLog{size=1, capacity=1, overflowCount=1}");
    }
}
