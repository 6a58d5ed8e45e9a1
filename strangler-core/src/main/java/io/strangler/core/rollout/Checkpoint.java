package io.strangler.core.rollout;

import io.strangler.api.RouteState;
import io.strangler.api.resilience.CircuitBreakerState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot the {@link RolloutController} takes before every transition it makes or is told to make (a step, a
 * rollback, a pause, a resume, an abort, a promotion, a restore): every route's state, every modern circuit
 * breaker's state and the progress of every rollout. {@link RolloutController#checkpoints()} lists them,
 * {@link #toJson()} exports one, {@link RolloutController#restore(String, String)} puts one back. Immutable.
 *
 * @param id identifies the checkpoint
 * @param takenAt when it was taken
 * @param actor who made the transition that follows it: the controller's actor name or a person
 * @param transition the transition that follows it, in one sentence
 * @param states every route's state, in registration order
 * @param breakers every route's modern circuit breaker state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN},
 *     {@code FORCED_OPEN}, {@code DISABLED}, ...), by route
 * @param progress the progress of every rollout the controller runs or guards
 */
public record Checkpoint(String id, Instant takenAt, String actor, String transition, List<RouteState> states,
        Map<String, CircuitBreakerState> breakers, List<RolloutProgress> progress) {

    /**
     * Checks the fields and copies the collections.
     *
     * @param id identifies the checkpoint
     * @param takenAt when it was taken
     * @param actor who made the transition
     * @param transition the transition that follows
     * @param states every route's state, copied
     * @param breakers breaker states by route, copied
     * @param progress every rollout's progress, copied
     * @throws NullPointerException if an argument is null
     */
    public Checkpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(transition, "transition");
        states = List.copyOf(states);
        breakers = Map.copyOf(breakers);
        progress = List.copyOf(progress);
    }

    /**
     * This checkpoint narrowed to one route: its state, its breaker and its rollout's progress, so that
     * {@link RolloutController#restore(Checkpoint, String)} puts back that route alone.
     *
     * @param route a route's name
     * @return the same checkpoint (id, time, actor, transition) with that route's parts only
     * @throws NullPointerException if {@code route} is null
     * @throws IllegalArgumentException if the checkpoint holds no state of {@code route}
     */
    public Checkpoint only(String route) {
        Objects.requireNonNull(route, "route");
        List<RouteState> mine = states.stream().filter(s -> s.route().equals(route)).toList();
        if (mine.isEmpty()) {
            throw new IllegalArgumentException("checkpoint: checkpoint '" + id + "' holds no state of route '" + route
                    + "'");
        }
        Map<String, CircuitBreakerState> breaker = breakers.containsKey(route) ? Map.of(route, breakers.get(route))
                : Map.of();
        return new Checkpoint(id, takenAt, actor, transition, mine, breaker,
                progress.stream().filter(p -> p.route().equals(route)).toList());
    }

    /**
     * The checkpoint as one JSON document: the route states in the store's own record format, the breakers and
     * the progress. {@link #fromJson(String)} reads it back.
     *
     * @return the JSON text
     */
    public String toJson() {
        return RolloutRecords.checkpointToJson(this);
    }

    /**
     * Reads a checkpoint exported by {@link #toJson()}.
     *
     * @param json the document
     * @return the checkpoint
     * @throws IllegalArgumentException if the text is not such a document; the message names the bad field
     */
    public static Checkpoint fromJson(String json) {
        return RolloutRecords.checkpointFromJson(json);
    }

    /**
     * The id, the time, who, the transition, and the routes' stages and percentages, in one line.
     *
     * @return the id, the time, who, the transition, and the routes' stages and percentages, in one line
     */
    @Override
    public String toString() {
        StringBuilder routes = new StringBuilder();
        for (RouteState st : states) {
            routes.append(routes.length() == 0 ? "" : ", ").append(st.route()).append('=').append(st.stage())
                    .append(' ').append(st.percentage()).append('%');
        }
        return "Checkpoint[" + id + " at " + takenAt + " before '" + transition + "' by " + actor + ": " + routes
                + "]";
    }
}
