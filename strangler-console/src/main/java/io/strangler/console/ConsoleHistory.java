package io.strangler.console;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteStats;
import io.strangler.api.RouteStats.SideStats;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The console's charts: for every route of a router, a time series of what each side did between two samples (error
 * rate, p95 latency, throughput), the shadow's mismatch rate and modern's share of keys. Each {@link #sample()} takes
 * one point per route from {@link Route#stats()}, as the difference with the previous sample, so a point describes
 * its interval alone; the oldest points are dropped beyond the capacity.
 *
 * <p>Who samples decides the resolution: {@link StranglerConsole} samples on a timer of its own, the Spring adapter
 * on a scheduled task, a simulation on its virtual clock. Thread-safe.
 *
 * <pre>{@code
 * ConsoleHistory history = ConsoleHistory.of(router, clock);
 * history.sample(); // at every tick of whatever drives time
 * }</pre>
 */
public final class ConsoleHistory {

    /** Points kept per route unless told otherwise: ten minutes at one point a second. */
    public static final int DEFAULT_CAPACITY = 600;

    private final MigrationRouter router;
    private final Clock clock;
    private final int capacity;
    private final Map<String, Series> series = new LinkedHashMap<>();
    private final Map<String, RouteStats> previous = new HashMap<>();
    private @Nullable Instant previousAt;

    private ConsoleHistory(MigrationRouter router, Clock clock, int capacity) {
        this.router = Objects.requireNonNull(router, "router");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be 2 or more points, was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * A history of {@code router}'s routes that keeps {@value #DEFAULT_CAPACITY} points per route.
     *
     * @param router the router whose routes are charted
     * @param clock the time of each point
     * @return an empty history
     * @throws NullPointerException if an argument is null
     */
    public static ConsoleHistory of(MigrationRouter router, Clock clock) {
        return new ConsoleHistory(router, clock, DEFAULT_CAPACITY);
    }

    /**
     * A history of {@code router}'s routes that keeps {@code capacity} points per route.
     *
     * @param router the router whose routes are charted
     * @param clock the time of each point
     * @param capacity the points kept per route, 2 or more
     * @return an empty history
     * @throws NullPointerException if {@code router} or {@code clock} is null
     * @throws IllegalArgumentException if {@code capacity} is below 2
     */
    public static ConsoleHistory of(MigrationRouter router, Clock clock, int capacity) {
        return new ConsoleHistory(router, clock, capacity);
    }

    /**
     * Takes one point per route: what each side did since the previous sample. The first sample only sets the
     * baseline. A second sample at the same instant as the previous one is ignored, as there is no interval to
     * describe.
     */
    public synchronized void sample() {
        Instant now = clock.instant();
        if (previousAt != null && !now.isAfter(previousAt)) {
            return;
        }
        double seconds = previousAt == null ? 0 : (now.toEpochMilli() - previousAt.toEpochMilli()) / 1000.0;
        for (Route<?> route : router.routes()) {
            RouteStats stats = route.stats();
            RouteStats before = previous.put(route.name(), stats);
            if (before == null || seconds <= 0) {
                continue;
            }
            series.computeIfAbsent(route.name(), n -> new Series())
                    .add(Point.of(now, seconds, stats.minus(before), route.state().percentage()), capacity);
        }
        previousAt = now;
    }

    /**
     * The points of one route, oldest first.
     *
     * @param route a route's name
     * @return its points; empty before the second sample or for an unknown route
     */
    public synchronized List<Point> points(String route) {
        Series s = series.get(route);
        return s == null ? List.of() : List.copyOf(s.points);
    }

    /**
     * The series of one route as the console's JSON model carries them: parallel arrays under {@code t} (epoch
     * seconds), {@code percentage}, {@code legacyErrorRate}, {@code modernErrorRate} (in percent),
     * {@code legacyP95Ms}, {@code modernP95Ms}, {@code legacyThroughput}, {@code modernThroughput} (calls per
     * second) and {@code mismatchRate} (in percent of comparisons); null where a side had no call.
     *
     * @param route a route's name
     * @return the arrays, each as long as the points
     */
    Map<String, Object> columns(String route) {
        List<Point> points = points(route);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("t", column(points, p -> p.at().toEpochMilli() / 1000.0));
        out.put("percentage", column(points, Point::percentage));
        out.put("legacyErrorRate", column(points, Point::legacyErrorRate));
        out.put("modernErrorRate", column(points, Point::modernErrorRate));
        out.put("legacyP95Ms", column(points, Point::legacyP95Ms));
        out.put("modernP95Ms", column(points, Point::modernP95Ms));
        out.put("legacyThroughput", column(points, Point::legacyThroughput));
        out.put("modernThroughput", column(points, Point::modernThroughput));
        out.put("mismatchRate", column(points, Point::mismatchRate));
        return out;
    }

    private static List<@Nullable Double> column(List<Point> points,
            java.util.function.Function<Point, @Nullable Double> value) {
        List<@Nullable Double> out = new ArrayList<>(points.size());
        for (Point p : points) {
            out.add(value.apply(p));
        }
        return out;
    }

    /**
     * What a route did over one interval between two samples.
     *
     * @param at the end of the interval
     * @param percentage the share of keys modern served at the end, in percent
     * @param legacyErrorRate legacy's errors in percent of its calls; null without calls
     * @param modernErrorRate modern's failures (errors and fallbacks) in percent of its calls; null without calls
     * @param legacyP95Ms legacy's 95th percentile latency in milliseconds; null without timed calls
     * @param modernP95Ms modern's 95th percentile latency in milliseconds; null without timed calls
     * @param legacyThroughput legacy's calls per second
     * @param modernThroughput modern's calls per second
     * @param mismatchRate mismatches in percent of the shadow's comparisons; null without comparisons
     */
    public record Point(Instant at, double percentage, @Nullable Double legacyErrorRate,
            @Nullable Double modernErrorRate, @Nullable Double legacyP95Ms, @Nullable Double modernP95Ms,
            double legacyThroughput, double modernThroughput, @Nullable Double mismatchRate) {

        static Point of(Instant at, double seconds, RouteStats delta, double percentage) {
            SideStats legacy = delta.legacy();
            SideStats modern = delta.modern();
            long compared = delta.shadow().compared();
            return new Point(at, percentage, rate(legacy.errors(), legacy.calls()),
                    // a fallback is a modern failure the caller did not see: the chart shows what modern did
                    rate(modern.errors() + modern.fallbacks(), modern.calls()), p95(legacy), p95(modern),
                    legacy.calls() / seconds, modern.calls() / seconds,
                    rate(delta.shadow().mismatches(), compared));
        }

        private static @Nullable Double rate(long part, long whole) {
            return whole <= 0 ? null : 100.0 * part / whole;
        }

        private static @Nullable Double p95(SideStats side) {
            return side.latency().count() == 0 ? null : side.p95Nanos() / 1e6;
        }
    }

    private static final class Series {
        final ArrayDeque<Point> points = new ArrayDeque<>();

        void add(Point point, int capacity) {
            points.addLast(point);
            while (points.size() > capacity) {
                points.removeFirst();
            }
        }
    }
}
