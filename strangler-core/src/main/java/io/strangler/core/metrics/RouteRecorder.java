package io.strangler.core.metrics;

import java.util.function.IntUnaryOperator;

import io.strangler.api.OperationKind;
import io.strangler.api.RouteStats;
import io.strangler.api.Target;
import io.strangler.api.event.CallOutcome;
import java.util.List;
import org.HdrHistogram.Histogram;

/** The four {@link SideRecorder}s of a route (legacy and modern, reads and writes) and their cumulative view. */
public final class RouteRecorder {

    private final String route;
    private final SideRecorder legacyRead;
    private final SideRecorder legacyWrite;
    private final SideRecorder modernRead;
    private final SideRecorder modernWrite;
    private final Histogram legacyLatency = new Histogram(2);
    private final Histogram modernLatency = new Histogram(2);
    // Latencies drained since the health monitor last took them; null until a monitor asks, so that a router with
    // no controller keeps no second copy.
    private Histogram legacyInterval;
    private Histogram modernInterval;
    private final Histogram scratch = new Histogram(2);

    public RouteRecorder(String route, int legacyTimingOneIn, IntUnaryOperator draws) {
        this.route = route;
        this.legacyRead = new SideRecorder(Target.LEGACY, OperationKind.READ, legacyTimingOneIn, draws);
        this.legacyWrite = new SideRecorder(Target.LEGACY, OperationKind.WRITE, legacyTimingOneIn, draws);
        this.modernRead = new SideRecorder(Target.MODERN, OperationKind.READ, 1, draws);
        this.modernWrite = new SideRecorder(Target.MODERN, OperationKind.WRITE, 1, draws);
    }

    public SideRecorder legacy(OperationKind kind) {
        return kind == OperationKind.READ ? legacyRead : legacyWrite;
    }

    public SideRecorder modern(OperationKind kind) {
        return kind == OperationKind.READ ? modernRead : modernWrite;
    }

    public SideRecorder side(Target target, OperationKind kind) {
        return target == Target.LEGACY ? legacy(kind) : modern(kind);
    }

    public List<SideRecorder> all() {
        return List.of(legacyRead, legacyWrite, modernRead, modernWrite);
    }

    public synchronized RouteStats stats(RouteStats.Shadow shadow, RouteStats.SecondaryWrites secondaryWrites) {
        drain();
        return new RouteStats(route, side(Target.LEGACY, legacyRead, legacyWrite, legacyLatency),
                side(Target.MODERN, modernRead, modernWrite, modernLatency), shadow, secondaryWrites);
    }

    /**
     * Moves the latencies recorded since the previous call of this method into {@code legacyInto} and
     * {@code modernInto}, without taking them from {@link #stats}: both read the recorders through one drain point.
     */
    public synchronized void takeIntervalLatency(Histogram legacyInto, Histogram modernInto) {
        if (legacyInterval == null) {
            legacyInterval = new Histogram(2);
            modernInterval = new Histogram(2);
        }
        drain();
        legacyInto.add(legacyInterval);
        modernInto.add(modernInterval);
        legacyInterval.reset();
        modernInterval.reset();
    }

    /** The only reader of the side recorders' interval histograms, fanning out to both consumers; callers lock. */
    private void drain() {
        drain(legacyRead, legacyLatency, legacyInterval);
        drain(legacyWrite, legacyLatency, legacyInterval);
        drain(modernRead, modernLatency, modernInterval);
        drain(modernWrite, modernLatency, modernInterval);
    }

    private void drain(SideRecorder side, Histogram cumulative, Histogram interval) {
        if (interval == null) {
            side.drainLatencyInto(cumulative);
            return;
        }
        scratch.reset();
        side.drainLatencyInto(scratch);
        cumulative.add(scratch);
        interval.add(scratch);
    }

    private static RouteStats.Side side(Target target, SideRecorder read, SideRecorder write, Histogram latency) {
        return new RouteStats.Side(target,
                read.count(CallOutcome.SUCCESS) + write.count(CallOutcome.SUCCESS),
                read.count(CallOutcome.ERROR) + write.count(CallOutcome.ERROR),
                read.count(CallOutcome.FALLBACK) + write.count(CallOutcome.FALLBACK),
                latency.getTotalCount(),
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(95), latency.getValueAtPercentile(99));
    }
}
