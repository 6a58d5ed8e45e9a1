package io.strangler.core.health;

import io.strangler.api.Route;
import io.strangler.api.RouteState;
import io.strangler.api.RouteStats;
import io.strangler.api.health.TriggerSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The health of one route over the last {@code window} of the clock, read through the route's public API alone.
 * Each {@link #sample()} (one per controller tick) takes a {@link RouteStats} snapshot, kept in a ring; a window is
 * the latest snapshot minus the oldest one still inside the window ({@link RouteStats#minus}). Windows are therefore
 * as fine as the ticks: with a tick every second and a 60 s window, a window spans 60 s.
 *
 * <p>It also captures the {@link PerformanceBaseline legacy baseline}: the last window seen while modern served no
 * key, frozen when the route is first seen serving modern traffic; or, when the monitor never saw legacy serve alone
 * (the baseline gate was off, or the route served modern when the controller started), the window since in which
 * legacy had the most timed calls of its own (at least the latency trigger's default minimum sample).
 *
 * <p>Not thread-safe: the controller samples and reads under its own lock.
 */
public final class HealthMonitor {

    private final Route<?> route;
    private final Supplier<RouteStats> stats;
    private final Clock clock;
    private final Duration window;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private PerformanceBaseline candidate;
    /** How long a stretch of time the candidate's window spans. */
    private Duration candidateSpan = Duration.ZERO;
    private PerformanceBaseline baseline;
    /** The latency trigger's reference once legacy has too few calls: a 95 % upper bound of the baseline's p95. */
    private long baselineReference;
    private long candidateReference;
    /** When no legacy-only window was seen: the window since with the most timed legacy calls, and its reference. */
    private PerformanceBaseline stand;
    private long standReference;

    /**
     * A monitor of {@code route}.
     *
     * @param route the route
     * @param clock the time of samples
     * @param window the length of a window
     */
    public HealthMonitor(Route<?> route, Clock clock, Duration window) {
        this(route, route::stats, clock, window);
    }

    /**
     * A monitor of {@code route} that reads its counters from {@code stats} rather than from the route: a fleet's
     * counters (summed over the instances of a fleet), say. The counters must only grow, as a route's do.
     *
     * @param route the route, whose state says whether it serves modern
     * @param stats the route's counters
     * @param clock the time of samples
     * @param window the length of a window
     */
    public HealthMonitor(Route<?> route, Supplier<RouteStats> stats, Clock clock, Duration window) {
        this.route = route;
        this.stats = stats;
        this.clock = clock;
        this.window = window;
    }

    /** Takes a sample of the route now, drops the samples that left the window, and updates the baseline. */
    public void sample() {
        Instant now = clock.instant();
        RouteState state = route.state();
        samples.addLast(new Sample(now, stats.get(), state.effectivePercentageBasisPoints()));
        Instant oldest = now.minus(window);
        while (samples.size() > 1 && samples.getFirst().at.isBefore(oldest)) {
            samples.removeFirst();
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
                // never saw legacy serve alone (no baseline gate, or modern served already): the window in which legacy
                // had the most timed calls of its own stands in, so that the trigger has a reference at 100 %
                stand = capture(w);
                standReference = w.legacy().latencyAtPercentileUpperBound(95, 0.95);
            }
            return;
        }
        if (w.legacy().calls() > 0 && w.legacy().timedCalls() > 0) {
            candidate = capture(w);
            candidateSpan = Duration.between(samples.getFirst().at, samples.getLast().at);
            candidateReference = w.legacy().latencyAtPercentileUpperBound(95, 0.95);
        }
    }

    private PerformanceBaseline capture(HealthWindow w) {
        double seconds = Math.max(1e-3, Duration.between(samples.getFirst().at, samples.getLast().at).toMillis()
                / 1000.0);
        return new PerformanceBaseline(samples.getLast().at, w.legacy().calls(), w.legacy().timedCalls(),
                w.legacy().latencyAtPercentile(50), w.legacy().latencyAtPercentile(95),
                w.legacy().latencyAtPercentile(99), (double) w.legacy().errors() / w.legacy().calls(),
                w.legacy().calls() / seconds);
    }

    /**
     * The route this monitor watches.
     *
     * @return its name
     */
    public String route() {
        return route.name();
    }

    /**
     * The window ending at the latest sample.
     *
     * @return the window; empty before the second sample
     */
    public HealthWindow window() {
        return samples.isEmpty() ? HealthWindow.builder().build() : windowFrom(samples.getFirst());
    }

    /**
     * The window from the first sample at or after {@code since} (or the oldest sample kept, if that is later) to
     * the latest sample.
     *
     * @param since an instant
     * @return the window
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
        return windowFrom(from);
    }

    /**
     * The calls modern has served since the route was registered, at the latest sample: calls routed to modern,
     * those that failed and fell back included, those its open breaker kept from it excluded.
     *
     * @return the count; 0 before the first sample
     */
    public long modernServed() {
        return samples.isEmpty() ? 0 : modernServed(samples.getLast().stats);
    }

    /**
     * The legacy baseline.
     *
     * @return the baseline, once the route has been seen serving modern traffic after legacy-only windows, or a
     *         stand-in when it never was seen serving legacy alone
     */
    public Optional<PerformanceBaseline> baseline() {
        return Optional.ofNullable(baseline != null ? baseline : stand);
    }

    /**
     * The latency trigger's reference taken from the {@link #baseline()}: a 95 % upper confidence bound of legacy's
     * p95 in the baseline's window.
     *
     * @return the reference in nanoseconds; 0 without a baseline
     */
    public long baselineReference() {
        return baseline != null ? baselineReference : stand != null ? standReference : 0;
    }

    /**
     * What is missing for a pre-migration baseline: legacy seen serving alone for at least {@code minimumWindow},
     * with at least {@code minimumTimedCalls} timed legacy calls in that window. A baseline captured already (here,
     * or by a controller before, and taken back) is enough.
     *
     * @param minimumWindow how long legacy must be seen alone
     * @param minimumTimedCalls how many of its calls must be timed in that window
     * @return what is missing, in a few words with the numbers; null when the baseline is there
     */
    public @Nullable String preMigrationBaselineMissing(Duration minimumWindow, long minimumTimedCalls) {
        if (baseline != null) {
            return null;
        }
        if (candidate != null && candidateSpan.compareTo(minimumWindow) >= 0
                && candidate.timedCalls() >= minimumTimedCalls) {
            return null;
        }
        return "legacy seen serving alone for " + (candidate == null ? "0 s" : candidateSpan.toSeconds() + " s")
                + " of the " + minimumWindow.toSeconds() + " s needed, with " + (candidate == null ? 0
                : candidate.timedCalls()) + " of the " + minimumTimedCalls + " timed calls needed";
    }

    /**
     * Whether the {@link #baseline()} stands in for one never captured (legacy was never seen serving alone).
     *
     * @return true for a stand-in, false for a captured baseline or none
     */
    public boolean baselineIsStandIn() {
        return baseline == null && stand != null;
    }

    /**
     * Takes back a baseline learned earlier (by a controller before a restart, or on another instance): a captured
     * one is final, as if captured here; a stand-in is replaced by a window with more timed legacy calls, as one
     * found here would be. A baseline already captured here is kept.
     *
     * @param restored the baseline
     * @param reference its latency reference, in nanoseconds
     * @param standIn whether it is a stand-in
     */
    public void restore(PerformanceBaseline restored, long reference, boolean standIn) {
        if (baseline != null) {
            return;
        }
        if (standIn) {
            if (stand == null || restored.timedCalls() > stand.timedCalls()) {
                stand = restored;
                standReference = reference;
            }
        } else {
            baseline = restored;
            baselineReference = reference;
        }
    }

    private HealthWindow windowFrom(Sample from) {
        Sample last = samples.getLast();
        RouteStats d = last.stats.minus(from.stats);
        RouteStats.SideStats legacy = d.legacy();
        RouteStats.SideStats modern = d.modern();
        // a call routed to modern that legacy answered is modern's, with an error, and not legacy's: whether modern
        // failed it or its open breaker kept it from modern, so that an open breaker never hides modern's failures
        long fellBack = modern.fallbacks();
        long legacyCalls = Math.max(0, legacy.calls() - fellBack);
        long modernCalls = Math.max(0, modern.calls());
        HealthWindow.Builder b = HealthWindow.builder();
        // legacy's own errors: not those of the fallbacks it answered for modern
        long legacyErrors = Math.max(0, legacy.errors() - Math.max(0, modern.fallbackFailures()));
        b.legacy(legacyCalls, Math.min(legacyCalls, legacyErrors));
        b.modern(modernCalls, Math.min(modernCalls, Math.max(0, modern.errors() + fellBack)));
        b.legacyLatency(legacy.latency()).modernLatency(modern.latency());
        long compared = Math.max(0, d.shadow().compared());
        b.shadow(compared, Math.min(compared, Math.max(0, d.shadow().mismatches())));
        long modernOnly = Math.max(0, d.shadow().modernOnlyFailures());
        long legacyOnly = Math.max(0, d.shadow().legacyOnlyFailures());
        if (modernOnly + legacyOnly <= compared) {
            b.pairedErrors(modernOnly, legacyOnly);
        }
        b.dataIntegrityFailures(Math.max(0, d.secondaryWrites().integrityFailures()) + Math.max(0,
                d.secondaryWrites().lost()));
        b.lostSecondWrites(Math.max(0, d.secondaryWrites().lost()));
        b.modernBreakerOpen(last.stats.breaker().isOpen());
        long routed = legacy.calls() - modern.fallbacks() + modern.calls();
        b.modernRoutedShare(routed > 0 ? clamp((double) modern.calls() / routed) : last.basisPoints / 10_000.0);
        if (baseline != null && baselineReference > 0) {
            b.legacyBaseline(baselineReference, baseline.errorRate(), throughput(baseline));
        } else if (stand != null && standReference > 0) {
            b.legacyBaseline(standReference, stand.errorRate(), throughput(stand));
        }
        long nanos = Duration.between(from.at, last.at).toNanos();
        if (nanos > 0) {
            b.seconds(nanos / 1e9);
        }
        d.measures().forEach((name, m) -> {
            if (m.legacy().count() >= 0 && m.modern().count() >= 0) {
                b.measure(name, m);
            }
        });
        return b.build();
    }

    /** A baseline's throughput, NaN for a stand-in captured with modern serving or one with no calls. */
    private double throughput(PerformanceBaseline b) {
        return b == baseline && b.callsPerSecond() > 0 ? b.callsPerSecond() : Double.NaN;
    }

    private static long modernServed(RouteStats stats) {
        return stats.modern().calls() - stats.modern().shortCircuited();
    }

    private static double clamp(double share) {
        return Math.max(0, Math.min(1, share));
    }

    /** One tick's view: the route's snapshot and the share modern served. */
    private record Sample(Instant at, RouteStats stats, int basisPoints) {
    }
}
