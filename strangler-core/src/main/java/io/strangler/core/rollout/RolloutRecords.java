package io.strangler.core.rollout;

import io.strangler.api.RouteState;
import io.strangler.api.resilience.CircuitBreakerState;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.health.RollbackAction;
import io.strangler.api.health.RollbackScope;
import io.strangler.api.health.TriggerKind;
import io.strangler.core.json.Json;
import io.strangler.core.state.RouteStateCodec;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON forms of what the controller journals: progress, rollback events and checkpoints. A bad document is an
 * {@link IllegalArgumentException} naming the field and the value.
 */
final class RolloutRecords {

    /** The format written; a reader refuses a newer one. */
    static final int FORMAT = 1;

    private RolloutRecords() {
    }

    // ---------------------------------------------------------------- progress

    static String progressToJson(RolloutProgress p) {
        return Json.write(progressToMap(p));
    }

    static RolloutProgress progressFromJson(String json) {
        return progressFromMap(new Fields("progress", document(json)));
    }

    private static Map<String, Object> progressToMap(RolloutProgress p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("route", p.route());
        m.put("phase", p.phase().name());
        m.put("step", p.step());
        m.put("stepStartedAt", text(p.stepStartedAt()));
        m.put("approved", p.approved());
        m.put("knownVersion", p.knownVersion());
        m.put("judgeSince", text(p.judgeSince()));
        m.put("openRollbackId", p.openRollbackId());
        m.put("rampFromBasisPoints", p.rampFromBasisPoints());
        m.put("rampStartedAt", text(p.rampStartedAt()));
        m.put("rampDuration", p.rampDuration() == null ? null : p.rampDuration().toString());
        m.put("reason", p.reason());
        m.put("savedAt", text(p.savedAt()));
        return m;
    }

    private static RolloutProgress progressFromMap(Fields f) {
        f.format();
        return new RolloutProgress(f.string("route"), f.enumValue("phase", RolloutStatus.Phase.class),
                (int) f.number("step"), f.instantOrNull("stepStartedAt"), f.bool("approved"), f.number("knownVersion"),
                f.instantOrNull("judgeSince"), f.stringOrNull("openRollbackId"), (int) f.number("rampFromBasisPoints"),
                f.instantOrNull("rampStartedAt"), f.durationOrNull("rampDuration"), f.string("reason"),
                f.instant("savedAt"));
    }

    // ---------------------------------------------------------------- rollbacks

    static String rollbackToJson(RollbackEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("id", e.id());
        m.put("route", e.route());
        m.put("routes", e.routes());
        m.put("scope", e.scope().name());
        m.put("trigger", e.trigger() == null ? null : e.trigger().name());
        m.put("action", e.action().name());
        m.put("status", e.status().name());
        m.put("actor", e.actor());
        m.put("reason", e.reason());
        m.put("n", e.n());
        m.put("statistic", number(e.statistic()));
        m.put("bound", number(e.bound()));
        m.put("threshold", number(e.threshold()));
        m.put("initiatedAt", text(e.initiatedAt()));
        m.put("finishedAt", text(e.finishedAt()));
        m.put("outcome", e.outcome());
        return Json.write(m);
    }

    static RollbackEvent rollbackFromJson(String json) {
        Fields f = new Fields("rollback", document(json));
        f.format();
        String trigger = f.stringOrNull("trigger");
        return new RollbackEvent(f.string("id"), f.string("route"), f.strings("routes"),
                f.enumValue("scope", RollbackScope.class),
                trigger == null ? null : f.enumValue("trigger", TriggerKind.class),
                f.enumValue("action", RollbackAction.class), f.enumValue("status", RollbackEvent.Status.class),
                f.string("actor"), f.string("reason"), f.number("n"), f.decimal("statistic"), f.decimal("bound"),
                f.decimal("threshold"), f.instant("initiatedAt"), f.instantOrNull("finishedAt"),
                f.stringOrNull("outcome"));
    }

    // ---------------------------------------------------------------- checkpoints

    static String checkpointToJson(Checkpoint c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("id", c.id());
        m.put("takenAt", text(c.takenAt()));
        m.put("actor", c.actor());
        m.put("transition", c.transition());
        List<Object> states = new ArrayList<>();
        for (RouteState st : c.states()) {
            Map<String, Object> state = new LinkedHashMap<>(RouteStateCodec.toMap(st));
            state.put("enabled", st.enabled());
            states.add(state);
        }
        m.put("states", states);
        Map<String, Object> breakers = new LinkedHashMap<>();
        c.breakers().forEach((route, state) -> breakers.put(route, state.name()));
        m.put("breakers", breakers);
        List<Object> progress = new ArrayList<>();
        for (RolloutProgress p : c.progress()) {
            progress.add(progressToMap(p));
        }
        m.put("progress", progress);
        return Json.write(m);
    }

    static Checkpoint checkpointFromJson(String json) {
        Fields f = new Fields("checkpoint", document(json));
        f.format();
        String id = f.string("id");
        Instant takenAt = f.instant("takenAt");
        String actor = f.string("actor");
        String transition = f.string("transition");
        List<RouteState> states = new ArrayList<>();
        for (Fields state : f.objects("states")) {
            String route = state.string("route");
            try {
                states.add(RouteStateCodec.fromMap(route, state.map, state.bool("enabled")));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("checkpoint: states: route '" + route + "': " + e.getMessage(), e);
            }
        }
        Map<String, CircuitBreakerState> breakers = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : f.object("breakers").map.entrySet()) {
            if (!(e.getValue() instanceof String)) {
                throw new IllegalArgumentException("checkpoint: breakers." + e.getKey() + " must be a string, was "
                        + e.getValue());
            }
            try {
                breakers.put(e.getKey(), CircuitBreakerState.valueOf((String) e.getValue()));
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("checkpoint: breakers." + e.getKey() + " must be one of "
                        + java.util.Arrays.toString(CircuitBreakerState.values()) + ", was '" + e.getValue() + "'");
            }
        }
        List<RolloutProgress> progress = new ArrayList<>();
        for (Fields p : f.objects("progress")) {
            progress.add(progressFromMap(p));
        }
        return new Checkpoint(id, takenAt, actor, transition, states, breakers, progress);
    }

    // ---------------------------------------------------------------- helpers

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Object number(double value) {
        return Double.isNaN(value) ? null : value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> document(String json) {
        if (json == null) {
            throw new IllegalArgumentException("the document is null");
        }
        Object parsed = Json.parse(json);
        if (!(parsed instanceof Map)) {
            throw new IllegalArgumentException("the document is not a JSON object: "
                    + (json.length() > 60 ? json.substring(0, 60) + "..." : json));
        }
        return (Map<String, Object>) parsed;
    }

    /** Reads typed fields, naming the document and the field in every error. */
    private static final class Fields {
        final String what;
        final Map<String, Object> map;

        Fields(String what, Map<String, Object> map) {
            this.what = what;
            this.map = map;
        }

        void format() {
            long format = number("format");
            if (format < 1 || format > FORMAT) {
                throw bad("format", format, "this release reads format " + FORMAT);
            }
        }

        Object required(String field) {
            if (!map.containsKey(field) || map.get(field) == null) {
                throw new IllegalArgumentException(what + ": field '" + field + "' is missing");
            }
            return map.get(field);
        }

        String string(String field) {
            Object v = required(field);
            if (!(v instanceof String)) {
                throw bad(field, v, "expected a string");
            }
            return (String) v;
        }

        String stringOrNull(String field) {
            return map.get(field) == null ? null : string(field);
        }

        long number(String field) {
            Object v = required(field);
            if (!(v instanceof Long)) {
                throw bad(field, v, "expected a whole number");
            }
            return (Long) v;
        }

        double decimal(String field) {
            Object v = map.get(field);
            if (v == null) {
                return Double.NaN;
            }
            if (!(v instanceof Number)) {
                throw bad(field, v, "expected a number");
            }
            return ((Number) v).doubleValue();
        }

        boolean bool(String field) {
            Object v = required(field);
            if (!(v instanceof Boolean)) {
                throw bad(field, v, "expected true or false");
            }
            return (Boolean) v;
        }

        Instant instant(String field) {
            String v = string(field);
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw bad(field, v, "expected an ISO-8601 instant");
            }
        }

        Instant instantOrNull(String field) {
            return map.get(field) == null ? null : instant(field);
        }

        Duration durationOrNull(String field) {
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

        <E extends Enum<E>> E enumValue(String field, Class<E> type) {
            String v = string(field);
            try {
                return Enum.valueOf(type, v);
            } catch (IllegalArgumentException e) {
                throw bad(field, v, "expected one of " + java.util.Arrays.toString(type.getEnumConstants()));
            }
        }

        List<String> strings(String field) {
            Object v = required(field);
            if (!(v instanceof List)) {
                throw bad(field, v, "expected a list of strings");
            }
            List<String> out = new ArrayList<>();
            for (Object item : (List<?>) v) {
                if (!(item instanceof String)) {
                    throw bad(field, v, "expected a list of strings");
                }
                out.add((String) item);
            }
            return out;
        }

        @SuppressWarnings("unchecked")
        Fields object(String field) {
            Object v = required(field);
            if (!(v instanceof Map)) {
                throw bad(field, v, "expected an object");
            }
            return new Fields(what + "." + field, (Map<String, Object>) v);
        }

        @SuppressWarnings("unchecked")
        List<Fields> objects(String field) {
            Object v = required(field);
            if (!(v instanceof List)) {
                throw bad(field, v, "expected a list of objects");
            }
            List<Fields> out = new ArrayList<>();
            int i = 0;
            for (Object item : (List<?>) v) {
                if (!(item instanceof Map)) {
                    throw bad(field + "[" + i + "]", item, "expected an object");
                }
                out.add(new Fields(what + "." + field + "[" + i + "]", (Map<String, Object>) item));
                i++;
            }
            return out;
        }

        IllegalArgumentException bad(String field, Object value, String expected) {
            return new IllegalArgumentException(what + ": field '" + field + "' has the bad value '" + value + "': "
                    + expected);
        }
    }
}
