package io.strangler.core.rollout;

import io.strangler.core.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Something a person running a migration should hear of, as a {@link RolloutNotifier} receives it.
 *
 * @param kind what happened
 * @param route the route it happened to (for a rollback, the route whose trigger fired)
 * @param routes every route it covers (a rollback's scope, dependents first); the route alone otherwise
 * @param status for a rollback, its lifecycle stage ({@code INITIATED}, {@code COMPLETED}, {@code FAILED}); null
 *     otherwise
 * @param actor who made it happen: the controller's actor name or a person
 * @param text what happened, in one sentence with its numbers
 * @param at when, by the controller's clock
 */
public record RolloutNotification(Kind kind, String route, List<String> routes, @Nullable String status,
        String actor, String text, Instant at) {

    /** What happened. */
    public enum Kind {
        /** A stage of a rollback's lifecycle: it started (or froze the rollout), completed or failed. */
        ROLLBACK,
        /** A rollout waits for a person's approval of its next step. */
        APPROVAL_REQUESTED,
        /** A rollout was paused: by a person, or because the route was changed outside the controller. */
        PAUSED,
        /** A trigger in dry run started failing: it would have acted. */
        DRY_RUN
    }

    /**
     * Checks the fields and copies the list.
     *
     * @param kind what happened
     * @param route the route
     * @param routes the routes it covers
     * @param status the rollback's stage, or null
     * @param actor who made it happen
     * @param text what happened
     * @param at when
     * @throws NullPointerException if a field other than {@code status} is null
     */
    public RolloutNotification {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(route, "route");
        routes = List.copyOf(routes);
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
    }

    /**
     * The notification as JSON, with a {@code text} field that chat tools (Slack's incoming webhooks, among others)
     * show as the message: {@code {"text": "...", "kind": "ROLLBACK", "route": ..., "routes": [...], "status": ...,
     * "actor": ..., "at": "2026-11-26T10:00:00Z"}}.
     *
     * @return the JSON text
     */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", "[strangler] " + kind + " " + route + (status == null ? "" : " " + status) + ": " + text);
        m.put("kind", kind.name());
        m.put("route", route);
        m.put("routes", routes);
        m.put("status", status);
        m.put("actor", actor);
        m.put("at", at.toString());
        return Json.write(m);
    }
}
