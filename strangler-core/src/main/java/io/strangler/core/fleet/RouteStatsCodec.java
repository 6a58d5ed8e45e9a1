package io.strangler.core.fleet;

import io.strangler.api.LatencyDistribution;
import io.strangler.api.RouteStats;
import io.strangler.api.Side;
import io.strangler.api.resilience.CircuitBreakerState;
import io.strangler.core.json.Json;
import io.strangler.core.json.JsonFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a route's counters as instances publish them to a {@link FleetStore}: every counter, each
 * side's latency histogram as three arrays (bucket lows, bucket highs, counts), and the application measures as
 * {@code name: [legacy count, sum, sum of squares, modern count, sum, sum of squares]} (absent when there are none,
 * so that records of instances that record none read as before). Reading checks the record like input:
 * a newer format, a negative counter or a malformed histogram is refused with an {@link IllegalArgumentException}
 * naming the field and the value. Stateless and thread-safe.
 */
public final class RouteStatsCodec {

    /** The format written; a reader refuses a newer one. */
    public static final int FORMAT = 1;

    private RouteStatsCodec() {
    }

    /**
     * Writes {@code stats}.
     *
     * @param stats a route's counters
     * @return their JSON form
     */
    public static String toJson(RouteStats stats) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("route", stats.route());
        m.put("legacy", side(stats.legacy()));
        m.put("modern", side(stats.modern()));
        RouteStats.ShadowStats s = stats.shadow();
        m.put("shadow", List.of(s.matches(), s.mismatches(), s.ignored(), s.errors(), s.timeouts(), s.dropped(),
                s.modernOnlyFailures(), s.legacyOnlyFailures(), s.expected()));
        RouteStats.SecondaryWrites w = stats.secondaryWrites();
        m.put("writes", List.of(w.succeeded(), w.failed(), w.skipped(), w.verified(), w.integrityFailures(),
                w.lost()));
        m.put("breaker", stats.breaker().name());
        if (!stats.measures().isEmpty()) {
            Map<String, Object> measures = new LinkedHashMap<>();
            stats.measures().forEach((name, ms) -> measures.put(name, List.of(ms.legacy().count(),
                    ms.legacy().sum(), ms.legacy().sumOfSquares(), ms.modern().count(), ms.modern().sum(),
                    ms.modern().sumOfSquares())));
            m.put("measures", measures);
        }
        return Json.write(m);
    }

    private static Map<String, Object> side(RouteStats.SideStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("counts", List.of(s.successes(), s.errors(), s.fallbacks(), s.shortCircuited(), s.fallbackFailures()));
        m.put("lows", longs(s.latency().bucketLows()));
        m.put("highs", longs(s.latency().bucketHighs()));
        m.put("n", longs(s.latency().bucketCounts()));
        return m;
    }

    private static List<Long> longs(long[] values) {
        List<Long> list = new ArrayList<>(values.length);
        for (long v : values) {
            list.add(v);
        }
        return list;
    }

    /**
     * Reads counters written by {@link #toJson}.
     *
     * @param where what the record is, for messages, e.g. {@code "instance 'a-1', route 'pricing'"}
     * @param json the record
     * @return the counters
     * @throws IllegalArgumentException if the record is not JSON, is of a newer format, or a field is missing, of the
     *     wrong type or out of range; the message names the field and the value
     */
    public static RouteStats fromJson(String where, String json) {
        JsonFields f = JsonFields.parseObject(where + ": published stats", json, IllegalArgumentException::new);
        int format = f.integer("format");
        if (format < 1 || format > FORMAT) {
            throw f.bad("format", format, "a format from 1 to " + FORMAT + " (written by a newer Strangler?)");
        }
        String route = f.string("route");
        long[] shadow = counters(f, "shadow", 9);
        long[] writes = counters(f, "writes", 6);
        CircuitBreakerState breaker = f.enumValue("breaker", CircuitBreakerState.class);
        return new RouteStats(route, side(f, "legacy", Side.LEGACY), side(f, "modern", Side.MODERN),
                new RouteStats.ShadowStats(shadow[0], shadow[1], shadow[2], shadow[3], shadow[4], shadow[5],
                        shadow[6], shadow[7], shadow[8]),
                new RouteStats.SecondaryWrites(writes[0], writes[1], writes[2], writes[3], writes[4], writes[5]),
                breaker, measures(f));
    }

    private static Map<String, RouteStats.MeasureStats> measures(JsonFields f) {
        Object raw = f.map().get("measures");
        if (raw == null) {
            return Map.of();
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw f.bad("measures", raw, "an object of measures");
        }
        Map<String, RouteStats.MeasureStats> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String field = "measures." + e.getKey();
            if (!(e.getValue() instanceof List<?> list) || list.size() != 6) {
                throw f.bad(field, e.getValue(), "an array of 6 numbers");
            }
            double[] v = new double[6];
            for (int i = 0; i < 6; i++) {
                if (!(list.get(i) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                    throw f.bad(field, e.getValue(), "finite numbers (element " + i + " is " + list.get(i) + ")");
                }
                v[i] = n.doubleValue();
            }
            if (v[0] < 0 || v[3] < 0 || v[0] != Math.rint(v[0]) || v[3] != Math.rint(v[3])) {
                throw f.bad(field, e.getValue(), "whole counts of 0 or more at elements 0 and 3");
            }
            out.put(String.valueOf(e.getKey()), new RouteStats.MeasureStats(
                    new RouteStats.Moments((long) v[0], v[1], v[2]), new RouteStats.Moments((long) v[3], v[4], v[5])));
        }
        return out;
    }

    private static RouteStats.SideStats side(JsonFields parent, String field, Side side) {
        JsonFields f = parent.object(field);
        long[] c = counters(f, "counts", 5);
        long[] lows = counters(f, "lows", -1);
        long[] highs = counters(f, "highs", lows.length);
        long[] n = counters(f, "n", lows.length);
        LatencyDistribution latency;
        try {
            latency = LatencyDistribution.ofBuckets(lows, highs, n);
        } catch (IllegalArgumentException e) {
            throw f.bad("lows", f.map().get("lows"), "a histogram: " + e.getMessage());
        }
        return new RouteStats.SideStats(side, c[0], c[1], c[2], c[3], latency, c[4]);
    }

    /** An array of counters, none negative; {@code length} -1 takes any length. */
    private static long[] counters(JsonFields f, String field, int length) {
        Object raw = f.map().get(field);
        if (!(raw instanceof List<?> list) || (length >= 0 && list.size() != length)) {
            throw f.bad(field, raw, length >= 0 ? "an array of " + length + " counters" : "an array of counters");
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = list.get(i);
            if (!(v instanceof Long count) || count < 0) {
                throw f.bad(field, raw, "counters from 0 to " + Long.MAX_VALUE + " (element " + i + " is " + v + ")");
            }
            out[i] = count;
        }
        return out;
    }
}
