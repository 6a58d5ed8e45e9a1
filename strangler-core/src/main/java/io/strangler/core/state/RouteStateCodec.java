package io.strangler.core.state;

import io.strangler.api.dualwrite.DualWriteMode;
import io.strangler.api.InvalidStateRecordException;
import io.strangler.api.shadow.ReadPreference;
import io.strangler.api.Revision;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.core.json.Json;
import io.strangler.core.json.JsonFields;
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
        return read(route, JsonFields.parseObject(where(route), text, InvalidStateRecordException::new), enabled);
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
        return read(route, JsonFields.of(where(route), m, InvalidStateRecordException::new), enabled);
    }

    private static String where(String route) {
        return "route '" + route + "': state record";
    }

    private static RouteState read(String route, JsonFields f, boolean enabled) {
        long format = f.number("format", FORMAT);
        if (format > FORMAT) {
            throw f.bad("format", format, "this release reads format " + FORMAT + " and older");
        }
        String recordRoute = f.string("route", route);
        if (!route.equals(recordRoute)) {
            throw f.bad("route", recordRoute, "the record belongs to another route");
        }
        Stage stage = stage(route, f.string("stage"));
        try {
            return RouteState.builder(route)
                    .stage(stage)
                    .percentageBasisPoints(f.integer("percentageBasisPoints"))
                    .fallbackToLegacy(f.bool("fallbackToLegacy", true))
                    .shadowSampleBasisPoints(f.integer("shadowSampleBasisPoints",
                            RouteState.DEFAULT_SHADOW_SAMPLE_BASIS_POINTS))
                    .dualWriteMode(f.enumValue("dualWriteMode", DualWriteMode.class, DualWriteMode.SYNC))
                    .readPreference(f.enumValue("readPreference", ReadPreference.class, ReadPreference.SERVING))
                    .forceModern(f.strings("forcedModernSegments", List.of()))
                    .forceLegacy(f.strings("forcedLegacySegments", List.of()))
                    .limitToSegments(f.strings("rolloutSegments", List.of()))
                    .cohort(f.string("cohort", route))
                    .bucketingVersion(f.integer("bucketingVersion", RouteState.CURRENT_BUCKETING_VERSION))
                    .enabled(enabled)
                    .build()
                    .withRevision(new Revision(f.number("version"), f.string("changedBy", null),
                            f.instantOrNull("changedAt"), f.string("reason", null)));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InvalidStateRecordException(where(route) + " is invalid: " + e.getMessage(), e);
        }
    }

    /** Stage names are read leniently ({@link Stage#parse}): an operator may type them into the FF4J console. */
    private static Stage stage(String route, String name) {
        try {
            return Stage.parse("stage", name);
        } catch (IllegalArgumentException e) {
            throw new InvalidStateRecordException(where(route) + ": field " + e.getMessage(), e);
        }
    }
}
