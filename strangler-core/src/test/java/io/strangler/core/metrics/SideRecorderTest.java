package io.strangler.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.strangler.api.OperationKind;
import io.strangler.api.Side;
import io.strangler.api.event.CallOutcome;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SideRecorderTest {

    private final SideRecorder modern = new SideRecorder(Side.MODERN, OperationKind.READ, 1, bound -> 0);

    @Test
    void countsTimesAndShortCircuitsByOutcome() {
        modern.record(CallOutcome.SUCCESS, 1_000);
        modern.record(CallOutcome.SUCCESS, 3_000);
        modern.record(CallOutcome.ERROR, 5_000);
        modern.record(CallOutcome.FALLBACK, -1);
        modern.recordShortCircuit();

        assertThat(modern.count(CallOutcome.SUCCESS)).isEqualTo(2);
        assertThat(modern.count(CallOutcome.ERROR)).isEqualTo(1);
        assertThat(modern.count(CallOutcome.FALLBACK)).as("a refused call is a fallback").isEqualTo(2);
        assertThat(modern.timedCount(CallOutcome.FALLBACK)).isZero();
        assertThat(modern.shortCircuited()).isEqualTo(1);
        assertThat(modern.totalNanos(CallOutcome.SUCCESS)).isEqualTo(4_000);
        assertThat(modern.totalNanos(CallOutcome.FALLBACK)).as("no timed fallback to extrapolate from").isZero();
    }

    @Test
    void theTimeOfUntimedCallsIsExtrapolatedFromTheTimedOnes() {
        SideRecorder legacy = new SideRecorder(Side.LEGACY, OperationKind.READ, 16, bound -> 0);
        legacy.record(CallOutcome.SUCCESS, 2_000);
        for (int i = 0; i < 3; i++) {
            legacy.record(CallOutcome.SUCCESS, -1);
        }
        assertThat(legacy.count(CallOutcome.SUCCESS)).isEqualTo(4);
        assertThat(legacy.timedCount(CallOutcome.SUCCESS)).isEqualTo(1);
        assertThat(legacy.totalNanos(CallOutcome.SUCCESS)).isEqualTo(8_000);
    }

    @Test
    void aDrainMovesTheLatenciesRecordedSinceTheLastOne() {
        for (long nanos = 1_000; nanos <= 100_000; nanos += 1_000) {
            modern.record(CallOutcome.SUCCESS, nanos);
        }
        modern.record(CallOutcome.FALLBACK, -1);
        Histogram first = new Histogram(2);
        modern.drainLatencyInto(first);
        assertThat(first.getTotalCount()).as("timed calls only").isEqualTo(100);
        assertThat((double) first.getValueAtPercentile(50)).isCloseTo(50_000, within(500.0));
        assertThat(first.getMaxValue()).isBetween(100_000L, 101_000L);

        modern.record(CallOutcome.SUCCESS, 7_000_000);
        Histogram second = new Histogram(2);
        modern.drainLatencyInto(second);
        assertThat(second.getTotalCount()).isEqualTo(1);
        assertThat(second.getMinValue()).isBetween(6_900_000L, 7_100_000L);
    }

    @Test
    void recordingATimedCallAllocatesNothing() {
        for (int i = 0; i < 10_000; i++) {
            modern.record(CallOutcome.SUCCESS, 1_000 + i);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        // the fewest bytes of five rounds: a round can catch a one-off allocation of the JVM's own on this thread (the
        // JIT swapping in compiled code), while a call that allocated would show in every round, 100,000 times over
        long fewest = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                modern.record(CallOutcome.SUCCESS, 1_000 + i % 10_000);
            }
            fewest = Math.min(fewest, threads.getCurrentThreadAllocatedBytes() - before);
        }
        assertThat(fewest).as("bytes for 100,000 calls, in the best of five rounds").isLessThan(1_000);
    }

    @Test
    void threadsRecordingWhileAReaderDrainsLoseNothing() throws InterruptedException {
        int threads = 2 * Stripes.COUNT + 1;
        int calls = 100_000;
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        Histogram drained = new Histogram(2);
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                modern.drainLatencyInto(drained);
                modern.count(CallOutcome.SUCCESS);
            }
        });
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread writer = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < calls; i++) {
                        modern.record(CallOutcome.SUCCESS, 1_000);
                        if (i % 100 == 0) {
                            modern.recordShortCircuit();
                        }
                    }
                } catch (Throwable e) {
                    failed.set(e);
                }
            });
            writer.start();
            writers.add(writer);
        }
        reader.start();
        start.countDown();
        for (Thread writer : writers) {
            writer.join();
        }
        done.set(true);
        reader.join();
        modern.drainLatencyInto(drained);

        assertThat(failed.get()).isNull();
        long total = (long) threads * calls;
        assertThat(modern.count(CallOutcome.SUCCESS)).isEqualTo(total);
        assertThat(modern.timedCount(CallOutcome.SUCCESS)).isEqualTo(total);
        assertThat(modern.totalNanos(CallOutcome.SUCCESS)).isEqualTo(1_000.0 * total);
        assertThat(drained.getTotalCount()).as("every latency, drained once").isEqualTo(total);
        assertThat(modern.shortCircuited()).isEqualTo((long) threads * (calls / 100));
    }
}
