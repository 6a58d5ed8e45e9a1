package io.strangler.core.fleet;

import io.strangler.api.LatencyDistribution;
import io.strangler.api.RouteStats;
import io.strangler.api.Side;
import io.strangler.api.resilience.CircuitBreakerState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A fleet's counters of each route, summed from what its instances publish, as one snapshot that only grows, so that
 * a health monitor builds windows from it as it does from one router's {@code Route.stats()}: a window is the latest
 * total minus an earlier one.
 *
 * <p>Instances come and go, so published counters are not summed as they stand (an instance that stops would take
 * its calls out of the sum, one that starts would bring in everything it ever did). Each round adds what every
 * instance counted since the round before: its latest counters minus those it published last. An instance seen for
 * the first time brings its counters in whole, except at the first round, which only takes everyone's as the base;
 * an instance whose counters went down restarted under the same id and brings in its new counters whole. This
 * instance's own counters are taken from its router, not from the store, so that they count while the store is down;
 * the other instances' counters arrive when it answers again.
 *
 * <p>Modern's breaker is open in the fleet's snapshot when it is open here or on an instance that published within
 * {@code staleAfter}. Not thread-safe: the controller updates and reads it under its lock.
 */
public final class FleetStats {

    private final String instance;
    private final Duration staleAfter;
    private final Map<String, RouteStats> totals = new HashMap<>();
    /** Per route, per instance: the counters last added. */
    private final Map<String, Map<String, RouteStats>> last = new HashMap<>();
    private final Map<String, Map<String, Instant>> seenAt = new HashMap<>();
    private final Map<String, CircuitBreakerState> breakers = new HashMap<>();
    private boolean first = true;

    /**
     * Counters summed for the fleet of {@code instance}.
     *
     * @param instance this instance's id: its published counters are ignored in favour of its router's
     * @param staleAfter how long after its last publication an instance's open breaker still counts
     */
    public FleetStats(String instance, Duration staleAfter) {
        this.instance = instance;
        this.staleAfter = staleAfter;
    }

    /**
     * Adds one round.
     *
     * @param now the time of the round
     * @param local this instance's counters of every route, from its router
     * @param published what the store holds, or null when it could not be read
     */
    public void update(Instant now, Map<String, RouteStats> local, @Nullable List<PublishedStats> published) {
        Map<String, CircuitBreakerState> open = new HashMap<>();
        local.forEach((route, stats) -> {
            add(route, instance, stats);
            open.put(route, stats.breaker());
        });
        if (published != null) {
            Instant fresh = now.minus(staleAfter);
            for (PublishedStats p : published) {
                String route = p.stats().route();
                if (p.instance().equals(instance) || !local.containsKey(route)) {
                    continue;
                }
                Instant seen = seenAt.computeIfAbsent(route, k -> new HashMap<>()).get(p.instance());
                if (seen == null || p.at().isAfter(seen)) {
                    add(route, p.instance(), p.stats());
                    seenAt.get(route).put(p.instance(), p.at());
                }
                if (!p.at().isBefore(fresh) && p.stats().breaker().isOpen() && !open.get(route).isOpen()) {
                    open.put(route, p.stats().breaker());
                }
            }
        }
        breakers.putAll(open);
        first = false;
    }

    private void add(String route, String from, RouteStats now) {
        Map<String, RouteStats> byInstance = last.computeIfAbsent(route, k -> new HashMap<>());
        RouteStats before = byInstance.put(from, now);
        RouteStats total = totals.get(route);
        if (total == null) {
            total = empty(route);
        }
        if (before == null) {
            if (!first) {
                totals.put(route, total.plus(now));
            } else {
                totals.put(route, total);
            }
            return;
        }
        RouteStats delta = wentDown(now, before) ? now : now.minus(before);
        totals.put(route, total.plus(delta));
    }

    /**
     * The fleet's counters of {@code route} so far.
     *
     * @param route a route
     * @return the sum; empty counters before the first round
     */
    public RouteStats total(String route) {
        RouteStats total = totals.getOrDefault(route, empty(route));
        CircuitBreakerState breaker = breakers.getOrDefault(route, CircuitBreakerState.CLOSED);
        return new RouteStats(route, total.legacy(), total.modern(), total.shadow(), total.secondaryWrites(),
                breaker, total.measures());
    }

    /**
     * How many instances published counters of {@code route} within {@code staleAfter} of {@code now}, this one
     * included.
     *
     * @param route a route
     * @param now the time
     * @return the count
     */
    public int instances(String route, Instant now) {
        Instant fresh = now.minus(staleAfter);
        Map<String, Instant> seen = seenAt.getOrDefault(route, Map.of());
        return 1 + (int) seen.entrySet().stream().filter(e -> !e.getKey().equals(instance))
                .filter(e -> !e.getValue().isBefore(fresh)).count();
    }

    private static boolean wentDown(RouteStats now, RouteStats before) {
        return now.legacy().calls() < before.legacy().calls() || now.modern().calls() < before.modern().calls()
                || now.shadow().compared() < before.shadow().compared()
                || now.legacy().timedCalls() < before.legacy().timedCalls()
                || now.modern().timedCalls() < before.modern().timedCalls()
                || before.measures().entrySet().stream().anyMatch(e -> {
                    RouteStats.MeasureStats m = now.measure(e.getKey());
                    return m.legacy().count() < e.getValue().legacy().count()
                            || m.modern().count() < e.getValue().modern().count();
                });
    }

    private static RouteStats empty(String route) {
        return new RouteStats(route, emptySide(Side.LEGACY), emptySide(Side.MODERN),
                new RouteStats.ShadowStats(0, 0, 0, 0, 0, 0, 0, 0), new RouteStats.SecondaryWrites(0, 0, 0, 0, 0),
                CircuitBreakerState.CLOSED);
    }

    private static RouteStats.SideStats emptySide(Side side) {
        return new RouteStats.SideStats(side, 0, 0, 0, 0, LatencyDistribution.EMPTY);
    }
}
