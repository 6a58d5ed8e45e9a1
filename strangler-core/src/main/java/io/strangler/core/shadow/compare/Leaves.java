package io.strangler.core.shadow.compare;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Equality of values compared whole: {@link BigDecimal} by {@code compareTo} (so {@code 1.0} equals {@code 1.00}),
 * {@code double} and {@code float} exactly or within a tolerance, arrays deeply, everything else by {@code equals}.
 * Also the hash keys that let multisets of such values be matched in linear time.
 */
final class Leaves {

    /** The hash key of {@code null}. */
    static final Object NULL_KEY = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** Returned by {@link #hashKey} for values that cannot be matched by hashing. */
    static final Object NOT_HASHABLE = new Object() {
        @Override
        public String toString() {
            return "not hashable";
        }
    };

    private Leaves() {
    }

    /**
     * Whether they are equal.
     *
     * @param legacy a value, not {@code null}
     * @param modern a value of the same type, not {@code null}
     * @param tolerance the largest difference at which two doubles or floats are still equal
     * @return whether they are equal
     */
    static boolean equal(Object legacy, Object modern, double tolerance) {
        if (legacy instanceof BigDecimal l && modern instanceof BigDecimal m) {
            return l.compareTo(m) == 0;
        }
        if (legacy instanceof Double l && modern instanceof Double m) {
            return close(l, m, tolerance);
        }
        if (legacy instanceof Float l && modern instanceof Float m) {
            return close(l, m, tolerance);
        }
        return Objects.deepEquals(legacy, modern);
    }

    /**
     * Exact equality ({@code 0.0} equals {@code -0.0}; NaN equals NaN) or a difference of at most the tolerance.
     *
     * @param legacy a number
     * @param modern a number
     * @param tolerance at least 0
     * @return whether they are equal
     */
    static boolean close(double legacy, double modern, double tolerance) {
        if (legacy == modern || (Double.isNaN(legacy) && Double.isNaN(modern))) {
            return true;
        }
        return tolerance > 0 && Math.abs(legacy - modern) <= tolerance;
    }

    /**
     * A key such that two values of kind {@link ValueKind#LEAF} (or {@code null}) have equal keys exactly when
     * {@link #equal} holds for them; {@link #NOT_HASHABLE} for anything else, and for doubles and floats when a
     * tolerance is set.
     *
     * @param value the value, may be {@code null}
     * @param tolerance the tolerance for doubles and floats
     * @return the key
     */
    static Object hashKey(Object value, double tolerance) {
        if (value == null) {
            return NULL_KEY;
        }
        if (ValueKind.of(value) != ValueKind.LEAF) {
            return NOT_HASHABLE;
        }
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros();
        }
        if (value instanceof Double d) {
            return tolerance > 0 ? NOT_HASHABLE : d == 0.0 ? Double.valueOf(0.0) : d;
        }
        if (value instanceof Float f) {
            return tolerance > 0 ? NOT_HASHABLE : f == 0.0f ? Float.valueOf(0.0f) : f;
        }
        return value;
    }
}
