package io.strangler.core.metrics;

import java.util.function.IntUnaryOperator;

import io.strangler.api.LatencyDistribution;
import io.strangler.api.OperationKind;
import io.strangler.api.RouteStats;
import io.strangler.api.resilience.CircuitBreakerState;
import io.strangler.api.Side;
import io.strangler.api.event.CallOutcome;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The four {@link SideRecorder}s of a route (legacy and modern, reads and writes) and their cumulative view.
 * Thread-safe: recording goes to the side recorders; {@link #stats} serialises the readers.
 */
public final class RouteRecorder {

    private final String route;
    private final SideRecorder legacyRead;
    private final SideRecorder legacyWrite;
    private final SideRecorder modernRead;
    private final SideRecorder modernWrite;
    private final Latency legacyLatency = new Latency();
    private final Latency modernLatency = new Latency();
    private final Measures measures;

    /**
     * The recorders of a route.
     *
     * @param route the route's name
     * @param legacyTimingOneIn time one legacy call in this many; modern calls are all timed
     * @param draws random draws in {@code [0, bound)}, for the legacy timing sample
     */
    public RouteRecorder(String route, int legacyTimingOneIn, IntUnaryOperator draws) {
        this.route = route;
        this.legacyRead = new SideRecorder(Side.LEGACY, OperationKind.READ, legacyTimingOneIn, draws);
        this.legacyWrite = new SideRecorder(Side.LEGACY, OperationKind.WRITE, legacyTimingOneIn, draws);
        this.modernRead = new SideRecorder(Side.MODERN, OperationKind.READ, 1, draws);
        this.modernWrite = new SideRecorder(Side.MODERN, OperationKind.WRITE, 1, draws);
        this.measures = new Measures(route);
    }

    /**
     * The route's application measures.
     *
     * @return the route's application measures
     */
    public Measures measures() {
        return measures;
    }

    /**
     * The recorder of legacy's calls of one kind.
     *
     * @param kind reads or writes
     * @return the recorder
     */
    public SideRecorder legacy(OperationKind kind) {
        return kind == OperationKind.READ ? legacyRead : legacyWrite;
    }

    /**
     * The recorder of modern's calls of one kind.
     *
     * @param kind reads or writes
     * @return the recorder
     */
    public SideRecorder modern(OperationKind kind) {
        return kind == OperationKind.READ ? modernRead : modernWrite;
    }

    /**
     * The recorder of one side's calls of one kind.
     *
     * @param target the side
     * @param kind reads or writes
     * @return the recorder
     */
    public SideRecorder side(Side target, OperationKind kind) {
        return target == Side.LEGACY ? legacy(kind) : modern(kind);
    }

    /**
     * All four recorders: legacy reads, legacy writes, modern reads, modern writes.
     *
     * @return the recorders, in that order
     */
    public List<SideRecorder> all() {
        return List.of(legacyRead, legacyWrite, modernRead, modernWrite);
    }

    /**
     * A snapshot of the counts and the cumulative latencies of both sides, and the application measures.
     *
     * @param shadow the route's shadow figures
     * @param secondaryWrites the route's second-write figures
     * @param breaker the state of modern's breaker
     * @return the snapshot
     */
    public synchronized RouteStats stats(RouteStats.ShadowStats shadow, RouteStats.SecondaryWrites secondaryWrites,
            CircuitBreakerState breaker) {
        drain();
        return new RouteStats(route, side(Side.LEGACY, legacyRead, legacyWrite, legacyLatency),
                side(Side.MODERN, modernRead, modernWrite, modernLatency), shadow, secondaryWrites, breaker,
                measures.snapshot());
    }

    /** The only reader of the side recorders' interval histograms; callers lock. */
    private void drain() {
        legacyRead.drainLatencyInto(legacyLatency.histogram);
        legacyWrite.drainLatencyInto(legacyLatency.histogram);
        modernRead.drainLatencyInto(modernLatency.histogram);
        modernWrite.drainLatencyInto(modernLatency.histogram);
    }

    private static RouteStats.SideStats side(Side target, SideRecorder read, SideRecorder write, Latency latency) {
        return new RouteStats.SideStats(target,
                read.count(CallOutcome.SUCCESS) + write.count(CallOutcome.SUCCESS),
                read.count(CallOutcome.ERROR) + write.count(CallOutcome.ERROR),
                read.count(CallOutcome.FALLBACK) + write.count(CallOutcome.FALLBACK),
                read.shortCircuited() + write.shortCircuited(),
                latency.distribution(), read.fallbackFailures() + write.fallbackFailures());
    }

    /**
     * One side's cumulative latencies and their last copy as a distribution: the histogram only grows, so while its
     * count stands still the copy is still true, and the readers between two calls (the controller's tick, the
     * console, the endpoint) share it instead of walking the histogram each.
     */
    private static final class Latency {
        final Histogram histogram = new Histogram(2);
        private LatencyDistribution distribution = LatencyDistribution.EMPTY;
        private long copiedAt;

        LatencyDistribution distribution() {
            long count = histogram.getTotalCount();
            if (count != copiedAt) {
                distribution = Latencies.of(histogram);
                copiedAt = count;
            }
            return distribution;
        }
    }
}
