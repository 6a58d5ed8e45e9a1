package io.strangler.core.state;

import io.strangler.api.dualwrite.DualWriteMode;
import io.strangler.api.InvalidStateRecordException;
import io.strangler.api.shadow.ReadPreference;
import io.strangler.api.Revision;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.core.json.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes a {@link RouteState} as one JSON record. The kill switch ({@link RouteState#enabled()}) is not
 * part of the record: it is the FF4J feature's enabled flag. Unknown fields are ignored, so that an older
 * release can read a record a newer one wrote; a missing or bad field is an {@link InvalidStateRecordException}
 * naming the route, the field and the value.
 *
 * <pre>{@code
 * {"format":1,"route":"cv-analyzer","stage":"CANARY","percentageBasisPoints":1000,"fallbackToLegacy":true,
 *  "forcedModernSegments":["internal"],"forcedLegacySegments":[],"rolloutSegments":[],"cohort":"cv-analyzer",
 *  "bucketingVersion":1,"version":7,"changedBy":"alice","changedAt":"2026-11-21T10:00:00Z","reason":"step 2"}
 * }</pre>
 */
public final class RouteStateCodec {

    /** The version of the record's layout. */
    public static final int FORMAT = 1;

    private RouteStateCodec() {
    }

    /**
     * Writes {@code state} as JSON.
     *
     * @param state the state
     * @return the record
     */
    public static String encode(RouteState state) {
        return Json.write(toMap(state));
    }

    /**
     * The fields of the record, in order, for embedding into larger documents.
     *
     * @param state the state
     * @return a map of the record's fields
     */
    public static Map<String, Object> toMap(RouteState state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("route", state.route());
        m.put("stage", state.stage().name());
        m.put("percentageBasisPoints", state.percentageBasisPoints());
        m.put("fallbackToLegacy", state.fallbackToLegacy());
        m.put("shadowSampleBasisPoints", state.shadowSampleBasisPoints());
        m.put("dualWriteMode", state.dualWriteMode().name());
        m.put("readPreference", state.readPreference().name());
        m.put("forcedModernSegments", new ArrayList<>(state.forcedModernSegments()));
        m.put("forcedLegacySegments", new ArrayList<>(state.forcedLegacySegments()));
        m.put("rolloutSegments", new ArrayList<>(state.rolloutSegments()));
        m.put("cohort", state.cohort());
        m.put("bucketingVersion", state.bucketingVersion());
        Revision revision = state.revision();
        m.put("version", revision.version());
        m.put("changedBy", revision.changedBy());
        m.put("changedAt", revision.changedAt() == null ? null : revision.changedAt().toString());
        m.put("reason", revision.reason());
        return m;
    }

    /**
     * Reads a record.
     *
     * @param route the route the record belongs to, for messages and to check the record's own route field
     * @param text the record
     * @param enabled the kill switch, kept outside the record
     * @return the state
     * @throws InvalidStateRecordException if the record is not valid JSON, or a field is missing or bad
     */
    public static RouteState decode(String route, String text, boolean enabled) {
        if (text == null || text.isBlank()) {
            throw new InvalidStateRecordException("route '" + route + "': state record is empty");
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidStateRecordException("route '" + route + "': state record is not valid JSON ("
                    + e.getMessage() + "): " + abbreviate(text), e);
        }
        if (!(parsed instanceof Map)) {
            throw new InvalidStateRecordException("route '" + route + "': state record is not a JSON object: "
                    + abbreviate(text));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) parsed;
        return fromMap(route, m, enabled);
    }

    /**
     * Reads a record's fields.
     *
     * @param route the route the record belongs to
     * @param m the record's fields
     * @param enabled the kill switch
     * @return the state
     * @throws InvalidStateRecordException if a field is missing or bad
     */
    public static RouteState fromMap(String route, Map<String, Object> m, boolean enabled) {
        Fields f = new Fields(route, m);
        long format = f.number("format", (long) FORMAT);
        if (format > FORMAT) {
            throw f.bad("format", format, "this release reads format " + FORMAT + " and older");
        }
        String recordRoute = f.string("route", route);
        if (!route.equals(recordRoute)) {
            throw f.bad("route", recordRoute, "the record belongs to another route");
        }
        try {
            return RouteState.builder(route)
                    .stage(f.stage())
                    .percentageBasisPoints(f.integer("percentageBasisPoints", null))
                    .fallbackToLegacy(f.bool("fallbackToLegacy", true))
                    .shadowSampleBasisPoints((int) f.number("shadowSampleBasisPoints",
                            (long) RouteState.DEFAULT_SHADOW_SAMPLE_BASIS_POINTS))
                    .dualWriteMode(f.enumValue("dualWriteMode", DualWriteMode.class, DualWriteMode.SYNC))
                    .readPreference(f.enumValue("readPreference", ReadPreference.class, ReadPreference.SERVING))
                    .forceModern(f.strings("forcedModernSegments"))
                    .forceLegacy(f.strings("forcedLegacySegments"))
                    .limitToSegments(f.strings("rolloutSegments"))
                    .cohort(f.string("cohort", route))
                    .bucketingVersion(f.integer("bucketingVersion", (long) RouteState.CURRENT_BUCKETING_VERSION))
                    .enabled(enabled)
                    .build()
                    .withRevision(new Revision(f.number("version", null), f.string("changedBy", null),
                            f.instant("changedAt"), f.string("reason", null)));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InvalidStateRecordException("route '" + route + "': state record is invalid: "
                    + e.getMessage(), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static final class Fields {
        private final String route;
        private final Map<String, Object> m;

        Fields(String route, Map<String, Object> m) {
            this.route = route;
            this.m = m;
        }

        Stage stage() {
            Object v = m.get("stage");
            if (!(v instanceof String)) {
                throw bad("stage", v, "expected a stage name");
            }
            try {
                return Stage.parse("stage", (String) v);
            } catch (IllegalArgumentException e) {
                throw new InvalidStateRecordException("route '" + route + "': state record field " + e.getMessage(),
                        e);
            }
        }

        long number(String field, Long dflt) {
            Object v = m.get(field);
            if (v == null && dflt != null) {
                return dflt;
            }
            if (v instanceof Long) {
                return (Long) v;
            }
            throw bad(field, v, v == null ? "the field is required" : "expected a whole number");
        }

        int integer(String field, Long dflt) {
            long v = number(field, dflt);
            if (v != (int) v) {
                throw bad(field, v, "expected a number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
            }
            return (int) v;
        }

        <E extends Enum<E>> E enumValue(String field, Class<E> type, E dflt) {
            String v = string(field, null);
            if (v == null) {
                return dflt;
            }
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(v)) {
                    return e;
                }
            }
            throw bad(field, v, "expected one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }

        boolean bool(String field, boolean dflt) {
            Object v = m.get(field);
            if (v == null) {
                return dflt;
            }
            if (v instanceof Boolean) {
                return (Boolean) v;
            }
            throw bad(field, v, "expected true or false");
        }

        String string(String field, String dflt) {
            Object v = m.get(field);
            if (v == null) {
                return dflt;
            }
            if (v instanceof String) {
                return (String) v;
            }
            throw bad(field, v, "expected a string");
        }

        Instant instant(String field) {
            String v = string(field, null);
            if (v == null) {
                return null;
            }
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw bad(field, v, "expected an ISO-8601 instant");
            }
        }

        List<String> strings(String field) {
            Object v = m.get(field);
            if (v == null) {
                return List.of();
            }
            if (!(v instanceof List)) {
                throw bad(field, v, "expected an array of strings");
            }
            List<String> result = new ArrayList<>();
            for (Object item : (List<?>) v) {
                if (!(item instanceof String)) {
                    throw bad(field, v, "expected an array of strings");
                }
                result.add((String) item);
            }
            return result;
        }

        InvalidStateRecordException bad(String field, Object value, String expectation) {
            String shown = value instanceof String ? "'" + value + "'" : String.valueOf(value);
            return new InvalidStateRecordException("route '" + route + "': state record field '" + field
                    + "' has bad value " + shown + ": " + expectation);
        }
    }
}
