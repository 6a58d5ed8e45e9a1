package io.strangler.core.shadow.compare;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Short renderings of values for {@link io.strangler.api.compare.Difference}: strings in double quotes, characters
 * in single quotes, collections as {@code [a, b]}, maps as {@code {k=v}}, records as {@code Name[a=1]}, beans
 * without their own {@code toString} as {@code Name{a=1}}, anything else with {@code toString}. Rendering stops as
 * soon as the limit is passed and nests at most three containers deep, so a huge or cyclic value costs little; a
 * longer result is cut to the limit, its last character being {@code …}. A {@code toString} that throws gives
 * {@code Name@hash}. Immutable and thread-safe.
 */
final class Summarizer {

    private static final int MAX_NESTING = 3;
    private static final String ELLIPSIS = "…";

    private static final ClassValue<Boolean> OWN_TO_STRING = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("toString").getDeclaringClass() != Object.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    private final int limit;

    /**
     * Creates a {@code Summarizer}.
     *
     * @param limit the largest number of characters of a summary, at least 1
     */
    Summarizer(int limit) {
        this.limit = limit;
    }

    /**
     * The summary, {@code "null"} for {@code null}.
     *
     * @param value the value, may be {@code null}
     * @return its summary, {@code "null"} for {@code null}
     */
    String summarize(Object value) {
        StringBuilder out = new StringBuilder();
        render(out, value, 0);
        return cut(out);
    }

    /**
     * The type's simple name, a colon and its summary, e.g. {@code Integer: 1}.
     *
     * @param value the value, may be {@code null}
     * @return its type's simple name, a colon and its summary, e.g. {@code Integer: 1}
     */
    String summarizeWithType(Object value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(typeName(value.getClass())).append(": ");
        render(out, value, 0);
        return cut(out);
    }

    private void render(StringBuilder out, Object value, int nesting) {
        if (out.length() > limit) {
            return;
        }
        if (value == null) {
            out.append("null");
            return;
        }
        switch (ValueKind.of(value)) {
            case LEAF -> leaf(out, value);
            case OPTIONAL -> {
                Optional<?> optional = (Optional<?>) value;
                if (optional.isEmpty()) {
                    out.append("Optional.empty");
                } else {
                    out.append("Optional[");
                    render(out, optional.get(), nesting + 1);
                    out.append(']');
                }
            }
            case MAP -> map(out, (Map<?, ?>) value, nesting);
            case SET, SEQUENCE, ARRAY -> elements(out, Sequences.iterator(value), '[', ']', nesting);
            case RECORD -> properties(out, value, '[', ']', nesting);
            case BEAN -> {
                if (OWN_TO_STRING.get(value.getClass())) {
                    bounded(out, safeToString(value));
                } else {
                    properties(out, value, '{', '}', nesting);
                }
            }
            case OPAQUE -> bounded(out, safeToString(value));
        }
    }

    private void leaf(StringBuilder out, Object value) {
        if (value instanceof String s) {
            out.append('"');
            bounded(out, s);
            out.append('"');
        } else if (value instanceof Character c) {
            out.append('\'').append(c.charValue()).append('\'');
        } else {
            bounded(out, safeToString(value));
        }
    }

    private void map(StringBuilder out, Map<?, ?> map, int nesting) {
        if (nesting >= MAX_NESTING) {
            out.append(map.isEmpty() ? "{}" : "{" + ELLIPSIS + "}");
            return;
        }
        out.append('{');
        Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
        while (entries.hasNext() && out.length() <= limit) {
            Map.Entry<?, ?> entry = entries.next();
            bounded(out, String.valueOf(entry.getKey()));
            out.append('=');
            render(out, entry.getValue(), nesting + 1);
            if (entries.hasNext()) {
                out.append(", ");
            }
        }
        out.append('}');
    }

    private void elements(StringBuilder out, Iterator<?> elements, char open, char close, int nesting) {
        if (nesting >= MAX_NESTING) {
            out.append(open).append(elements.hasNext() ? ELLIPSIS : "").append(close);
            return;
        }
        out.append(open);
        while (elements.hasNext() && out.length() <= limit) {
            render(out, elements.next(), nesting + 1);
            if (elements.hasNext()) {
                out.append(", ");
            }
        }
        out.append(close);
    }

    private void properties(StringBuilder out, Object value, char open, char close, int nesting) {
        out.append(typeName(value.getClass()));
        if (nesting >= MAX_NESTING) {
            out.append(open).append(ELLIPSIS).append(close);
            return;
        }
        out.append(open);
        Iterator<BeanProperties.Property> properties = BeanProperties.of(value.getClass()).iterator();
        while (properties.hasNext() && out.length() <= limit) {
            BeanProperties.Property property = properties.next();
            out.append(property.name()).append('=');
            try {
                render(out, property.read(value), nesting + 1);
            } catch (IllegalStateException e) {
                out.append('?');
            }
            if (properties.hasNext()) {
                out.append(", ");
            }
        }
        out.append(close);
    }

    /** Appends no more of {@code text} than can still show. */
    private void bounded(StringBuilder out, String text) {
        int room = limit + 1 - out.length();
        if (room > 0) {
            out.append(text, 0, Math.min(text.length(), room));
        }
    }

    private String cut(StringBuilder out) {
        if (out.length() <= limit) {
            return out.toString();
        }
        int end = limit - 1;
        if (end > 0 && Character.isHighSurrogate(out.charAt(end - 1))) {
            end--;
        }
        return out.substring(0, end) + ELLIPSIS;
    }

    private static String safeToString(Object value) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException | StackOverflowError e) {
            return typeName(value.getClass()) + "@" + Integer.toHexString(System.identityHashCode(value));
        }
    }

    /**
     * The simple name, or its full name when it has no simple name.
     *
     * @param type a class
     * @return its simple name, or its full name when it has no simple name
     */
    static String typeName(Class<?> type) {
        String simple = type.getSimpleName();
        return simple.isEmpty() ? type.getName() : simple;
    }
}
