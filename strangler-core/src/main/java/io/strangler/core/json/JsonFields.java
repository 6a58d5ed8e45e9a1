package io.strangler.core.json;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the typed fields of one JSON object of Strangler's own records (route states, rollout progress, rollback
 * events, checkpoints), naming the document, the field and the bad value in every error. Each record keeps its own
 * rules (which fields are required, what an absent one means); this class only reads and checks types. A field
 * whose value is JSON {@code null} counts as absent.
 *
 * <p>Errors are made by the {@link Failure} given, so that each record fails with its own exception type: a route
 * state with an {@code InvalidStateRecordException}, a checkpoint with an {@link IllegalArgumentException}.
 * Immutable; thread-safe as long as nobody changes the map it reads.
 *
 * <pre>{@code
 * JsonFields f = JsonFields.parseObject("progress", json, IllegalArgumentException::new);
 * int step = f.integer("step");
 * Instant since = f.instantOrNull("judgeSince");
 * }</pre>
 */
public final class JsonFields {

    /** Makes the exception a bad document fails with. */
    @FunctionalInterface
    public interface Failure {
        /**
         * Makes the exception.
         *
         * @param message what is wrong, naming the document, the field and the value
         * @param cause the failure underneath (a JSON syntax error, say), or null
         * @return the exception to throw
         */
        RuntimeException of(String message, @Nullable Throwable cause);
    }

    private static final int SHOWN_CHARACTERS = 200;

    private final String where;
    private final Map<String, Object> map;
    private final Failure failure;

    private JsonFields(String where, Map<String, Object> map, Failure failure) {
        this.where = where;
        this.map = map;
        this.failure = failure;
    }

    /**
     * A reader of the fields of an object already parsed.
     *
     * @param where what the object is, for messages: {@code "progress"}, {@code "route 'x': state record"}
     * @param map the object's fields, as {@link Json#parse} returns them
     * @param failure makes the exception of a bad field
     * @return the reader
     * @throws NullPointerException if an argument is null
     */
    public static JsonFields of(String where, Map<String, Object> map, Failure failure) {
        return new JsonFields(Objects.requireNonNull(where, "where"), Objects.requireNonNull(map, "map"),
                Objects.requireNonNull(failure, "failure"));
    }

    /**
     * Parses a document that must be one JSON object.
     *
     * @param where what the document is, for messages
     * @param text the document
     * @param failure makes the exception of a bad document or field
     * @return a reader of the object's fields
     * @throws RuntimeException made by {@code failure} if {@code text} is null, blank, not valid JSON or not an
     *         object; the message shows the start of the text
     */
    @SuppressWarnings("unchecked")
    public static JsonFields parseObject(String where, @Nullable String text, Failure failure) {
        if (text == null || text.isBlank()) {
            throw failure.of(where + " is empty", null);
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw failure.of(where + " is not valid JSON (" + e.getMessage() + "): " + abbreviate(text), e);
        }
        if (!(parsed instanceof Map)) {
            throw failure.of(where + " is not a JSON object: " + abbreviate(text), null);
        }
        return of(where, (Map<String, Object>) parsed, failure);
    }

    /**
     * The object's fields, for a codec that reads a nested record itself.
     *
     * @return the fields, unmodifiable
     */
    public Map<String, Object> map() {
        return Collections.unmodifiableMap(map);
    }

    /**
     * The names of the object's fields.
     *
     * @return the names, in document order, unmodifiable
     */
    public Set<String> names() {
        return Collections.unmodifiableSet(map.keySet());
    }

    /**
     * A required string.
     *
     * @param field the field's name
     * @return its value
     * @throws RuntimeException made by the failure if the field is absent or not a string
     */
    public String string(String field) {
        return string(required(field), field);
    }

    /**
     * An optional string.
     *
     * @param field the field's name
     * @param absent what an absent field means
     * @return its value, or {@code absent}
     * @throws RuntimeException made by the failure if the field is not a string
     */
    public @Nullable String string(String field, @Nullable String absent) {
        Object v = map.get(field);
        return v == null ? absent : string(v, field);
    }

    /**
     * A required whole number.
     *
     * @param field the field's name
     * @return its value
     * @throws RuntimeException made by the failure if the field is absent or not a whole number
     */
    public long number(String field) {
        return number(required(field), field);
    }

    /**
     * An optional whole number.
     *
     * @param field the field's name
     * @param absent what an absent field means
     * @return its value, or {@code absent}
     * @throws RuntimeException made by the failure if the field is not a whole number
     */
    public long number(String field, long absent) {
        Object v = map.get(field);
        return v == null ? absent : number(v, field);
    }

    /**
     * A required whole number that fits an {@code int}.
     *
     * @param field the field's name
     * @return its value
     * @throws RuntimeException made by the failure if the field is absent, not a whole number, or beyond an int
     */
    public int integer(String field) {
        return integer(field, number(field));
    }

    /**
     * An optional whole number that fits an {@code int}.
     *
     * @param field the field's name
     * @param absent what an absent field means
     * @return its value, or {@code absent}
     * @throws RuntimeException made by the failure if the field is not a whole number or beyond an int
     */
    public int integer(String field, int absent) {
        return integer(field, number(field, absent));
    }

    /**
     * An optional number, whole or not.
     *
     * @param field the field's name
     * @param absent what an absent field means ({@link Double#NaN}, say)
     * @return its value, or {@code absent}
     * @throws RuntimeException made by the failure if the field is not a number
     */
    public double decimal(String field, double absent) {
        Object v = map.get(field);
        if (v == null) {
            return absent;
        }
        if (!(v instanceof Number)) {
            throw bad(field, v, "expected a number");
        }
        return ((Number) v).doubleValue();
    }

    /**
     * A required boolean.
     *
     * @param field the field's name
     * @return its value
     * @throws RuntimeException made by the failure if the field is absent or not {@code true} or {@code false}
     */
    public boolean bool(String field) {
        return bool(required(field), field);
    }

    /**
     * An optional boolean.
     *
     * @param field the field's name
     * @param absent what an absent field means
     * @return its value, or {@code absent}
     * @throws RuntimeException made by the failure if the field is not {@code true} or {@code false}
     */
    public boolean bool(String field, boolean absent) {
        Object v = map.get(field);
        return v == null ? absent : bool(v, field);
    }

    /**
     * A required ISO-8601 instant ({@code 2026-11-21T10:00:00Z}).
     *
     * @param field the field's name
     * @return its value
     * @throws RuntimeException made by the failure if the field is absent or not such an instant
     */
    public Instant instant(String field) {
        String v = string(field);
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw bad(field, v, "expected an ISO-8601 instant");
        }
    }

    /**
     * An optional ISO-8601 instant.
     *
     * @param field the field's name
     * @return its value, or null when absent
     * @throws RuntimeException made by the failure if the field is not such an instant
     */
    public @Nullable Instant instantOrNull(String field) {
        return map.get(field) == null ? null : instant(field);
    }

    /**
     * An optional ISO-8601 duration ({@code PT5M}).
     *
     * @param field the field's name
     * @return its value, or null when absent
     * @throws RuntimeException made by the failure if the field is not such a duration
     */
    public @Nullable Duration durationOrNull(String field) {
        if (map.get(field) == null) {
            return null;
        }
        String v = string(field);
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw bad(field, v, "expected an ISO-8601 duration");
        }
    }

    /**
     * A required constant of {@code type}, by its exact name.
     *
     * @param field the field's name
     * @param type the enum
     * @param <E> the enum
     * @return its value
     * @throws RuntimeException made by the failure if the field is absent or names no constant of {@code type}
     */
    public <E extends Enum<E>> E enumValue(String field, Class<E> type) {
        return enumValue(string(field), field, type);
    }

    /**
     * An optional constant of {@code type}, by its exact name.
     *
     * @param field the field's name
     * @param type the enum
     * @param absent what an absent field means
     * @param <E> the enum
     * @return its value, or {@code absent}
     * @throws RuntimeException made by the failure if the field names no constant of {@code type}
     */
    public <E extends Enum<E>> E enumValue(String field, Class<E> type, E absent) {
        String v = string(field, null);
        return v == null ? absent : enumValue(v, field, type);
    }

    /**
     * A required array of strings.
     *
     * @param field the field's name
     * @return its items, in order; modifiable, the caller's own
     * @throws RuntimeException made by the failure if the field is absent, not an array, or holds a non-string
     */
    public List<String> strings(String field) {
        return strings(required(field), field);
    }

    /**
     * An optional array of strings.
     *
     * @param field the field's name
     * @param absent what an absent field means
     * @return its items, in order, or {@code absent}
     * @throws RuntimeException made by the failure if the field is not an array or holds a non-string
     */
    public List<String> strings(String field, List<String> absent) {
        Object v = map.get(field);
        return v == null ? absent : strings(v, field);
    }

    /**
     * A required nested object.
     *
     * @param field the field's name
     * @return a reader of its fields, named {@code where.field} in messages
     * @throws RuntimeException made by the failure if the field is absent or not an object
     */
    @SuppressWarnings("unchecked")
    public JsonFields object(String field) {
        Object v = required(field);
        if (!(v instanceof Map)) {
            throw bad(field, v, "expected an object");
        }
        return new JsonFields(where + "." + field, (Map<String, Object>) v, failure);
    }

    /**
     * A required array of objects.
     *
     * @param field the field's name
     * @return a reader of each item's fields, named {@code where.field[i]} in messages
     * @throws RuntimeException made by the failure if the field is absent, not an array, or holds a non-object
     */
    @SuppressWarnings("unchecked")
    public List<JsonFields> objects(String field) {
        Object v = required(field);
        if (!(v instanceof List)) {
            throw bad(field, v, "expected an array of objects");
        }
        List<JsonFields> out = new ArrayList<>();
        int i = 0;
        for (Object item : (List<?>) v) {
            if (!(item instanceof Map)) {
                throw bad(field + "[" + i + "]", item, "expected an object");
            }
            out.add(new JsonFields(where + "." + field + "[" + i + "]", (Map<String, Object>) item, failure));
            i++;
        }
        return out;
    }

    /**
     * The error of a field with a bad value, for the checks a record makes itself.
     *
     * @param field the field's name
     * @param value its value, or null
     * @param expected what was expected, in a few words
     * @return the exception made by the failure (not thrown)
     */
    public RuntimeException bad(String field, @Nullable Object value, String expected) {
        String shown = value instanceof String ? "'" + value + "'" : String.valueOf(value);
        return failure.of(where + ": field '" + field + "' has the bad value " + shown + ": " + expected, null);
    }

    @Override
    public String toString() {
        return "JsonFields[" + where + ", fields " + map.keySet() + "]";
    }

    private Object required(String field) {
        Object v = map.get(field);
        if (v == null) {
            throw failure.of(where + ": field '" + field + "' is missing", null);
        }
        return v;
    }

    private String string(Object v, String field) {
        if (!(v instanceof String)) {
            throw bad(field, v, "expected a string");
        }
        return (String) v;
    }

    private long number(Object v, String field) {
        if (!(v instanceof Long)) {
            throw bad(field, v, "expected a whole number");
        }
        return (Long) v;
    }

    private int integer(String field, long v) {
        if (v != (int) v) {
            throw bad(field, v, "expected a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    private boolean bool(Object v, String field) {
        if (!(v instanceof Boolean)) {
            throw bad(field, v, "expected true or false");
        }
        return (Boolean) v;
    }

    private <E extends Enum<E>> E enumValue(String v, String field, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        throw bad(field, v, "expected one of " + Arrays.toString(type.getEnumConstants()));
    }

    private List<String> strings(Object v, String field) {
        if (!(v instanceof List)) {
            throw bad(field, v, "expected an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object item : (List<?>) v) {
            if (!(item instanceof String)) {
                throw bad(field, v, "expected an array of strings");
            }
            out.add((String) item);
        }
        return out;
    }

    private static String abbreviate(String text) {
        return text.length() <= SHOWN_CHARACTERS ? text : text.substring(0, SHOWN_CHARACTERS) + "...";
    }
}
