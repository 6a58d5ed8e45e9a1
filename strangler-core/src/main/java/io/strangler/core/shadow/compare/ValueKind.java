package io.strangler.core.shadow.compare;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the comparator treats a value of a given class. Decided once per class and cached.
 *
 * <ol>
 *   <li>arrays, primitive ones included: {@link #ARRAY};</li>
 *   <li>{@link Optional}: {@link #OPTIONAL};</li>
 *   <li>{@link Map}: {@link #MAP}; {@link Set}: {@link #SET}; any other {@link Collection}: {@link #SEQUENCE};</li>
 *   <li>enums and classes under {@code java.}, {@code javax.}, {@code jdk.}, {@code sun.} and {@code com.sun.}:
 *       {@link #LEAF};</li>
 *   <li>other {@link Iterable}s, such as Jackson's {@code JsonNode}, whose getters do not show their content:
 *       {@link #OPAQUE};</li>
 *   <li>records whose accessors can be called: {@link #RECORD};</li>
 *   <li>other classes with at least one readable getter: {@link #BEAN};</li>
 *   <li>everything else: {@link #OPAQUE}, compared with {@code equals}.</li>
 * </ol>
 */
enum ValueKind {
    /** A JDK value or an enum, compared with {@code equals} (numbers with care). */
    LEAF,
    /** An {@link Optional}, transparent to paths. */
    OPTIONAL,
    /** A map, compared key by key. */
    MAP,
    /** A set, compared as a multiset. */
    SET,
    /** A collection that is not a set, compared position by position. */
    SEQUENCE,
    /** An array, compared position by position. */
    ARRAY,
    /** A record, compared component by component. */
    RECORD,
    /** A class with getters, compared property by property. */
    BEAN,
    /** A class with nothing to walk, compared with {@code equals}. */
    OPAQUE;

    private static final String[] JDK_PACKAGES = {"java.", "javax.", "jdk.", "sun.", "com.sun."};

    private static final ClassValue<ValueKind> KINDS = new ClassValue<>() {
        @Override
        protected ValueKind computeValue(Class<?> type) {
            return classify(type);
        }
    };

    /**
     * How to treat it.
     *
     * @param value a value, not {@code null}
     * @return how to treat it
     */
    static ValueKind of(Object value) {
        return KINDS.get(value.getClass());
    }

    /**
     * Whether values of this kind are compared whole, without walking into them.
     *
     * @return whether values of this kind are compared whole, without walking into them
     */
    boolean isLeaf() {
        return this == LEAF || this == OPAQUE;
    }

    /**
     * Whether two non-null values of the kinds given are of the same type for the comparator: maps with maps, sets
     * with sets and other collections with other collections whatever their classes; constants of one enum; all
     * else only with the same class.
     *
     * @param legacy the legacy value
     * @param legacyKind its kind
     * @param modern the modern value
     * @param modernKind its kind
     * @return whether they are of the same type
     */
    static boolean sameType(Object legacy, ValueKind legacyKind, Object modern, ValueKind modernKind) {
        if (legacyKind != modernKind) {
            return false;
        }
        return switch (legacyKind) {
            case MAP, SET, SEQUENCE -> true;
            default -> typeOf(legacy) == typeOf(modern);
        };
    }

    /**
     * The class, or the declaring class for an enum constant with a body.
     *
     * @param value a value, not {@code null}
     * @return its class, or the declaring class for an enum constant with a body
     */
    static Class<?> typeOf(Object value) {
        return value instanceof Enum<?> e ? e.getDeclaringClass() : value.getClass();
    }

    private static ValueKind classify(Class<?> type) {
        if (type.isArray()) {
            return ARRAY;
        }
        if (type == Optional.class) {
            return OPTIONAL;
        }
        if (Map.class.isAssignableFrom(type)) {
            return MAP;
        }
        if (Set.class.isAssignableFrom(type)) {
            return SET;
        }
        if (Collection.class.isAssignableFrom(type)) {
            return SEQUENCE;
        }
        if (Enum.class.isAssignableFrom(type) || isJdk(type)) {
            return LEAF;
        }
        if (Iterable.class.isAssignableFrom(type)) {
            return OPAQUE;
        }
        if (type.isRecord()) {
            return BeanProperties.isReadableRecord(type) ? RECORD : OPAQUE;
        }
        return BeanProperties.of(type).isEmpty() ? OPAQUE : BEAN;
    }

    private static boolean isJdk(Class<?> type) {
        String name = type.getName();
        for (String prefix : JDK_PACKAGES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
