package io.strangler.api.event;

import io.strangler.api.health.Judgement;
import io.strangler.api.health.RollbackAction;
import io.strangler.api.health.RollbackScope;
import io.strangler.api.health.TriggerKind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A rollback, automatic or asked for by a person, at one point of its lifecycle: {@link Status#INITIATED} when the
 * routes are sent back to legacy (or, for a {@link RollbackAction#GRACEFUL graceful} rollback, when the ramp down
 * starts; for a {@link RollbackAction#MANUAL manual} one, when the rollout is frozen for a person to decide), then
 * {@link Status#COMPLETED} once legacy has been seen healthy for a full health window afterwards, or
 * {@link Status#FAILED} if legacy's error rate fails then, or the rollback itself could not be made. Each stage of
 * the lifecycle is a new instance with the same {@link #id()}. Immutable.
 *
 * @param id identifies the rollback across its lifecycle
 * @param route the route whose trigger fired, or that a person rolled back
 * @param routes every route the rollback covers, in the order they are rolled back: dependents first
 * @param scope which routes the trigger's rollback covers
 * @param trigger the trigger that fired, or {@code null} when a person asked for the rollback
 * @param action what the rollback does to the routes' percentages
 * @param status where the rollback is in its lifecycle
 * @param actor who rolled back: the controller's actor name, or the person
 * @param reason why: the trigger's judgement in one sentence, or the person's reason
 * @param n how many observations the judgement rested on; 0 without a judgement
 * @param statistic the measured value of the judgement; NaN without one
 * @param bound the judgement's confidence bound; NaN without one
 * @param threshold the value the bound was compared with; NaN without a judgement
 * @param initiatedAt when the rollback started
 * @param finishedAt when it was found {@code COMPLETED} or {@code FAILED}; {@code null} while {@code INITIATED}
 * @param outcome for {@code COMPLETED} and {@code FAILED}, what the check of legacy found or what went wrong;
 *        {@code null} while {@code INITIATED}
 */
public record RollbackEvent(String id, String route, List<String> routes, RollbackScope scope,
        @Nullable TriggerKind trigger, RollbackAction action, Status status, String actor, String reason, long n,
        double statistic, double bound, double threshold, Instant initiatedAt, @Nullable Instant finishedAt,
        @Nullable String outcome) {

    /** Where a rollback is in its lifecycle. */
    public enum Status {
        /** The rollback started: the routes are going back to legacy, or are frozen for a person to decide. */
        INITIATED,
        /** The routes are back on legacy and legacy was healthy in the window that followed. */
        COMPLETED,
        /** The rollback could not be made, or legacy was not healthy in the window that followed. */
        FAILED
    }

    /**
     * Checks the fields and copies {@code routes}.
     *
     * @param id identifies the rollback across its lifecycle
     * @param route the route whose trigger fired
     * @param routes every route the rollback covers, dependents first
     * @param scope which routes the rollback covers
     * @param trigger the trigger that fired, or {@code null} when a person asked
     * @param action what the rollback does
     * @param status where the rollback is in its lifecycle
     * @param actor who rolled back
     * @param reason why
     * @param n observations of the judgement, 0 or more
     * @param statistic the measured value, or NaN
     * @param bound the confidence bound, or NaN
     * @param threshold the threshold, or NaN
     * @param initiatedAt when the rollback started
     * @param finishedAt when it finished, null while {@code INITIATED}
     * @param outcome what the check found, null while {@code INITIATED}
     * @throws NullPointerException if a field other than {@code trigger}, {@code finishedAt} and {@code outcome} is
     *         null, or {@code finishedAt} or {@code outcome} is null once the rollback has finished
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public RollbackEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(route, "route");
        routes = List.copyOf(Objects.requireNonNull(routes, "routes"));
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(initiatedAt, "initiatedAt");
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        if (status != Status.INITIATED) {
            Objects.requireNonNull(finishedAt, "finishedAt");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * A rollback fired by a trigger's failing judgement, just initiated.
     *
     * @param id identifies the rollback
     * @param route the route whose trigger fired
     * @param routes every route the rollback covers, dependents first
     * @param scope which routes it covers
     * @param action what it does
     * @param actor who rolls back
     * @param judgement the failing judgement: its trigger, explanation and numbers are copied
     * @param at when the rollback starts
     * @return the event
     * @throws NullPointerException if an argument is null
     */
    public static RollbackEvent initiated(String id, String route, List<String> routes, RollbackScope scope,
            RollbackAction action, String actor, Judgement judgement, Instant at) {
        Objects.requireNonNull(judgement, "judgement");
        return new RollbackEvent(id, route, routes, scope, judgement.trigger(), action, Status.INITIATED, actor,
                judgement.explanation(), judgement.n(), judgement.statistic(), judgement.bound(),
                judgement.threshold(), at, null, null);
    }

    /**
     * The same rollback, finished.
     *
     * @param finalStatus {@link Status#COMPLETED} or {@link Status#FAILED}
     * @param at when it finished
     * @param why what the check of legacy found, or what went wrong
     * @return a new event with the same id
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code finalStatus} is {@code INITIATED}
     * @throws IllegalStateException if this rollback has finished already
     */
    public RollbackEvent finish(Status finalStatus, Instant at, String why) {
        Objects.requireNonNull(finalStatus, "finalStatus");
        if (finalStatus == Status.INITIATED) {
            throw new IllegalArgumentException("finalStatus must be COMPLETED or FAILED, was INITIATED");
        }
        if (status != Status.INITIATED) {
            throw new IllegalStateException("rollback " + id + " has finished already: " + status);
        }
        return new RollbackEvent(id, route, routes, scope, trigger, action, finalStatus, actor, reason, n, statistic,
                bound, threshold, initiatedAt, Objects.requireNonNull(at, "at"), Objects.requireNonNull(why, "why"));
    }
}
