package io.strangler.core.health;

import io.strangler.api.Route;
import io.strangler.api.RouteState;
import io.strangler.api.health.TriggerSettings;
import io.strangler.core.routing.RouteCounters;
import io.strangler.core.routing.RouteProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * The health of one route over the last {@code window} of the clock, built without touching the call path. Each
 * {@link #sample()} (one per controller tick) takes the route's cumulative counters and moves the latencies recorded
 * since the previous sample into a histogram of its own, kept in a ring; a window is the difference between the
 * latest sample and the oldest one still inside the window, plus the latencies of the samples after that one.
 * Windows are therefore as fine as the ticks: with a tick every second and a 60 s window, a window spans 60 s.
 *
 * <p>It also captures the {@link PerformanceBaseline legacy baseline}: the last window seen while modern served no
 * key, frozen when the route is first seen serving modern traffic; or, when the monitor never saw legacy serve alone
 * (the controller took the first step at its first tick), the window since in which legacy had the most timed calls
 * of its own (at least the latency trigger's default minimum sample).
 *
 * <p>Not thread-safe: the controller samples and reads under its own lock.
 */
public final class HealthMonitor {

    private final String route;
    private final Route<?> target;
    private final RouteProbe probe;
    private final Clock clock;
    private final Duration window;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    /** The latencies of every sample after the first: the window's, kept as a running sum. */
    private final Histogram windowLegacy = new Histogram(2);
    private final Histogram windowModern = new Histogram(2);
    private PerformanceBaseline candidate;
    private PerformanceBaseline baseline;
    /** The latency trigger's reference once legacy has too few calls: a 95 % upper bound of the baseline's p95. */
    private long baselineReference;
    private long candidateReference;
    /** When no legacy-only window was seen: the window since with the most timed legacy calls, and its reference. */
    private PerformanceBaseline stand;
    private long standReference;

    public HealthMonitor(Route<?> route, Clock clock, Duration window) {
        this.route = route.name();
        this.target = route;
        this.probe = RouteProbe.of(route);
        this.clock = clock;
        this.window = window;
    }

    /** Takes a sample of the route now, drops the samples that left the window, and updates the baseline. */
    public void sample() {
        Instant now = clock.instant();
        RouteCounters counters = probe.counters();
        Histogram legacy = new Histogram(2);
        Histogram modern = new Histogram(2);
        probe.takeLatency(legacy, modern);
        RouteState state = target.state();
        if (!samples.isEmpty()) {
            windowLegacy.add(legacy);
            windowModern.add(modern);
        }
        samples.addLast(new Sample(now, counters, legacy, modern, state.effectivePercentageBasisPoints()));
        Instant oldest = now.minus(window);
        while (samples.size() > 1 && samples.getFirst().at.isBefore(oldest)) {
            samples.removeFirst();
            // the new first sample is the base now: its latencies came before the window
            windowLegacy.subtract(samples.getFirst().legacyLatency);
            windowModern.subtract(samples.getFirst().modernLatency);
        }
        updateBaseline(state);
    }

    private void updateBaseline(RouteState state) {
        if (baseline != null) {
            return;
        }
        HealthWindow w = window();
        boolean servesModern = state.effectivePercentageBasisPoints() > 0 || !state.forcedModernSegments().isEmpty();
        if (servesModern) {
            if (candidate != null) {
                baseline = candidate;
                baselineReference = candidateReference;
            } else if (w.legacy().timedCalls() >= TriggerSettings.DEFAULT_LATENCY_MINIMUM_SAMPLE
                    && (stand == null || w.legacy().timedCalls() >= stand.timedCalls())) {
                // never saw legacy serve alone (the first step came at the first tick): the window in which legacy
                // had the most timed calls of its own stands in, so that the trigger has a reference at 100 %
                stand = capture(w);
                standReference = w.legacy().latencyAtPercentileUpperBound(95, 0.95);
            }
            return;
        }
        if (w.legacy().calls() > 0 && w.legacy().timedCalls() > 0) {
            candidate = capture(w);
            candidateReference = w.legacy().latencyAtPercentileUpperBound(95, 0.95);
        }
    }

    private PerformanceBaseline capture(HealthWindow w) {
        double seconds = Math.max(1e-3, Duration.between(base().at, samples.getLast().at).toMillis() / 1000.0);
        return new PerformanceBaseline(samples.getLast().at, w.legacy().calls(), w.legacy().timedCalls(),
                w.legacy().latencyAtPercentile(50), w.legacy().latencyAtPercentile(95),
                w.legacy().latencyAtPercentile(99), (double) w.legacy().errors() / w.legacy().calls(),
                w.legacy().calls() / seconds);
    }

    /** @return the route's name */
    public String route() {
        return route;
    }

    /** @return the window ending at the latest sample; empty before the second sample */
    public HealthWindow window() {
        return windowFrom(base(), windowLegacy, windowModern);
    }

    /**
     * @param since an instant
     * @return the window from the first sample at or after {@code since} (or the oldest sample kept, if that is
     *         later) to the latest sample
     */
    public HealthWindow windowSince(Instant since) {
        if (samples.isEmpty()) {
            return HealthWindow.builder().build();
        }
        Sample from = samples.getLast();
        for (Sample s : samples) {
            if (!s.at.isBefore(since)) {
                from = s;
                break;
            }
        }
        Histogram legacy = new Histogram(2);
        Histogram modern = new Histogram(2);
        boolean after = false;
        for (Sample s : samples) {
            if (after) {
                legacy.add(s.legacyLatency);
                modern.add(s.modernLatency);
            }
            after |= s == from;
        }
        return windowFrom(from, legacy, modern);
    }

    /** @return the route's cumulative counters at the latest sample */
    public RouteCounters latest() {
        return samples.isEmpty() ? RouteCounters.ZERO : samples.getLast().counters;
    }

    /** @return the legacy baseline, once the route has been seen serving modern traffic after legacy-only windows */
    public Optional<PerformanceBaseline> baseline() {
        return Optional.ofNullable(baseline != null ? baseline : stand);
    }

    private Sample base() {
        return samples.isEmpty() ? null : samples.getFirst();
    }

    private HealthWindow windowFrom(Sample from, Histogram legacy, Histogram modern) {
        HealthWindow.Builder b = HealthWindow.builder();
        if (from == null) {
            return b.build();
        }
        Sample last = samples.getLast();
        RouteCounters d = last.counters.minus(from.counters);
        long legacyCalls = Math.max(0, d.legacyServed());
        long modernCalls = Math.max(0, d.modernServed());
        b.legacy(legacyCalls, Math.min(legacyCalls, Math.max(0, d.legacyErrors())));
        b.modern(modernCalls, Math.min(modernCalls, Math.max(0, d.modernFailures())));
        b.legacyLatency(legacy).modernLatency(modern);
        b.shadow(Math.max(0, d.shadowCompared()), Math.min(Math.max(0, d.shadowCompared()),
                Math.max(0, d.shadowMismatches())));
        long compared = Math.max(0, d.shadowCompared());
        long modernOnly = Math.max(0, d.pairedModernOnlyErrors());
        long legacyOnly = Math.max(0, d.pairedLegacyOnlyErrors());
        if (modernOnly + legacyOnly <= compared) {
            b.pairedErrors(modernOnly, legacyOnly);
        }
        b.dataIntegrityFailures(Math.max(0, d.integrityFailures()));
        b.modernBreakerOpen(last.counters.breakerOpen());
        long routed = d.routed();
        b.modernRoutedShare(routed > 0 ? clamp((double) d.routedToModern() / routed) : last.basisPoints / 10_000.0);
        if (baseline != null && baselineReference > 0) {
            b.legacyBaseline(baselineReference, baseline.errorRate());
        } else if (stand != null && standReference > 0) {
            b.legacyBaseline(standReference, stand.errorRate());
        }
        return b.build();
    }

    private static double clamp(double share) {
        return Math.max(0, Math.min(1, share));
    }

    /** One tick's view: cumulative counters, the latencies since the previous tick, the share modern served. */
    private record Sample(Instant at, RouteCounters counters, Histogram legacyLatency, Histogram modernLatency,
            int basisPoints) {
    }
}
