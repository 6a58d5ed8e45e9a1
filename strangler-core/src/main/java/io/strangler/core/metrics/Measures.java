package io.strangler.core.metrics;

import io.strangler.api.RouteStats;
import io.strangler.api.Side;
import io.strangler.api.health.CustomTrigger;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application measures of one route ({@link io.strangler.api.Route#record}): per measure and side the count, sum
 * and sum of squares of the values recorded. At most {@link #LIMIT} measures per route, so that a name built from
 * request data can't grow it without bound. Thread-safe: each side's three sums move together under its own lock, so a
 * snapshot never holds a value's count without its sum.
 */
public final class Measures {

    /** The most measures one route holds. */
    public static final int LIMIT = 64;

    private final String route;
    private final ConcurrentHashMap<String, Measure> measures = new ConcurrentHashMap<>();

    /**
     * The measures of a route.
     *
     * @param route the route's name, for messages
     */
    public Measures(String route) {
        this.route = route;
    }

    /**
     * Records one value.
     *
     * @param name the measure's name
     * @param side the side the value belongs to
     * @param value the value, finite
     * @throws IllegalArgumentException if the name is malformed, the value not finite, or the route holds
     *     {@link #LIMIT} other measures
     * @throws NullPointerException if {@code side} is null
     */
    public void record(String name, Side side, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("measure '" + name + "' of route '" + route
                    + "': value must be finite, was " + value);
        }
        Measure m = measures.get(name);
        if (m == null) {
            CustomTrigger.checkName("measure", name);
            if (measures.size() >= LIMIT) {
                throw new IllegalArgumentException("route '" + route + "' holds " + LIMIT + " measures already, the "
                        + "most it keeps; measure '" + name + "' is one too many (a name made from request data?)");
            }
            m = measures.computeIfAbsent(name, n -> new Measure());
        }
        (side == Side.LEGACY ? m.legacy : m.modern).add(value);
    }

    /**
     * The figures of every measure recorded.
     *
     * @return measure name to figures, sorted by name
     */
    public Map<String, RouteStats.MeasureStats> snapshot() {
        if (measures.isEmpty()) {
            return Map.of();
        }
        Map<String, RouteStats.MeasureStats> out = new TreeMap<>();
        measures.forEach((name, m) -> out.put(name, new RouteStats.MeasureStats(m.legacy.moments(),
                m.modern.moments())));
        return out;
    }

    private static final class Measure {
        final Sums legacy = new Sums();
        final Sums modern = new Sums();
    }

    private static final class Sums {
        private long count;
        private double sum;
        private double sumOfSquares;

        synchronized void add(double value) {
            count++;
            sum += value;
            sumOfSquares += value * value;
        }

        synchronized RouteStats.Moments moments() {
            return new RouteStats.Moments(count, sum, sumOfSquares);
        }
    }
}
