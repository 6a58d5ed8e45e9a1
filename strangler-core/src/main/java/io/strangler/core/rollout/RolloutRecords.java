package io.strangler.core.rollout;

import io.strangler.api.RouteState;
import io.strangler.api.resilience.CircuitBreakerState;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.health.RollbackAction;
import io.strangler.api.health.RollbackScope;
import io.strangler.api.health.TriggerKind;
import io.strangler.core.health.PerformanceBaseline;
import io.strangler.core.json.Json;
import io.strangler.core.json.JsonFields;
import io.strangler.core.state.RouteStateCodec;
import java.time.Instant;
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
        return progressFrom(document("progress", json));
    }

    private static Map<String, Object> progressToMap(RolloutProgress p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("route", p.route());
        m.put("phase", p.phase().name());
        m.put("step", p.step());
        m.put("stepStartedAt", text(p.stepStartedAt()));
        m.put("approved", p.approved());
        m.put("approvedBy", p.approvedBy());
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

    private static RolloutProgress progressFrom(JsonFields f) {
        return new RolloutProgress(f.string("route"), f.enumValue("phase", RolloutStatus.Phase.class),
                f.integer("step"), f.instantOrNull("stepStartedAt"), f.bool("approved"),
                f.string("approvedBy", null), f.number("knownVersion"),
                f.instantOrNull("judgeSince"), f.string("openRollbackId", null), f.integer("rampFromBasisPoints"),
                f.instantOrNull("rampStartedAt"), f.durationOrNull("rampDuration"), f.string("reason"),
                f.instant("savedAt"));
    }

    // ---------------------------------------------------------------- baselines

    static String baselineToJson(LegacyBaseline b) {
        PerformanceBaseline p = b.baseline();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("route", b.route());
        m.put("standIn", b.standIn());
        m.put("latencyReferenceNanos", b.latencyReferenceNanos());
        m.put("capturedAt", text(p.capturedAt()));
        m.put("calls", p.calls());
        m.put("timedCalls", p.timedCalls());
        m.put("p50Nanos", p.p50Nanos());
        m.put("p95Nanos", p.p95Nanos());
        m.put("p99Nanos", p.p99Nanos());
        m.put("errorRate", p.errorRate());
        m.put("callsPerSecond", p.callsPerSecond());
        return Json.write(m);
    }

    static LegacyBaseline baselineFromJson(String json) {
        JsonFields f = document("baseline", json);
        PerformanceBaseline p = new PerformanceBaseline(f.instant("capturedAt"), f.number("calls"),
                f.number("timedCalls"), f.number("p50Nanos"), f.number("p95Nanos"), f.number("p99Nanos"),
                f.decimal("errorRate", Double.NaN), f.decimal("callsPerSecond", Double.NaN));
        return new LegacyBaseline(f.string("route"), p, f.number("latencyReferenceNanos"), f.bool("standIn"));
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
        JsonFields f = document("rollback", json);
        return new RollbackEvent(f.string("id"), f.string("route"), f.strings("routes"),
                f.enumValue("scope", RollbackScope.class),
                f.string("trigger", null) == null ? null : f.enumValue("trigger", TriggerKind.class),
                f.enumValue("action", RollbackAction.class), f.enumValue("status", RollbackEvent.Status.class),
                f.string("actor"), f.string("reason"), f.number("n"), f.decimal("statistic", Double.NaN),
                f.decimal("bound", Double.NaN), f.decimal("threshold", Double.NaN), f.instant("initiatedAt"),
                f.instantOrNull("finishedAt"), f.string("outcome", null));
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
        JsonFields f = document("checkpoint", json);
        String id = f.string("id");
        Instant takenAt = f.instant("takenAt");
        String actor = f.string("actor");
        String transition = f.string("transition");
        List<RouteState> states = new ArrayList<>();
        for (JsonFields state : f.objects("states")) {
            String route = state.string("route");
            try {
                states.add(RouteStateCodec.fromMap(route, state.map(), state.bool("enabled")));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("checkpoint: states: route '" + route + "': " + e.getMessage(), e);
            }
        }
        Map<String, CircuitBreakerState> breakers = new LinkedHashMap<>();
        JsonFields breakerFields = f.object("breakers");
        for (String route : breakerFields.names()) {
            breakers.put(route, breakerFields.enumValue(route, CircuitBreakerState.class));
        }
        List<RolloutProgress> progress = new ArrayList<>();
        for (JsonFields p : f.objects("progress")) {
            progress.add(progressFrom(formatChecked(p)));
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

    private static JsonFields document(String what, String json) {
        return formatChecked(JsonFields.parseObject(what, json, IllegalArgumentException::new));
    }

    /** A record of a newer format is refused, not misread. */
    private static JsonFields formatChecked(JsonFields f) {
        long format = f.number("format");
        if (format < 1 || format > FORMAT) {
            throw f.bad("format", format, "this release reads format " + FORMAT);
        }
        return f;
    }
}
