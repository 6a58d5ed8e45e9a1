package io.strangler.core.rollout;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a controller should do now with a route on a rollout plan: the answer of {@link RolloutSchedule}.
 *
 * @param action what to do
 * @param step the index (from 0) of the step concerned: the current step for {@link Action#WAIT WAIT} and
 *        {@link Action#COMPLETE COMPLETE}, the step to move into for {@link Action#ADVANCE ADVANCE} and
 *        {@link Action#AWAIT_APPROVAL AWAIT_APPROVAL}
 * @param until for {@link Action#WAIT WAIT}, the earliest instant at which time alone can change the answer (the end
 *        of the bake); equal to the instant asked about when the wait is for samples or gates, which change with
 *        traffic rather than time, so ask again with the next health window. Null for every other action.
 * @param reason one sentence for logs, events and people, with the numbers
 */
public record RolloutDecision(Action action, int step, @Nullable Instant until, String reason) {

    /** What a controller should do. */
    public enum Action {
        /** Stay on the current step: it is baking, short of samples, or a gate is failing. */
        WAIT,
        /** Stay on the current step until a person approves the move into {@link RolloutDecision#step()}. */
        AWAIT_APPROVAL,
        /** Move into step {@link RolloutDecision#step()} now. */
        ADVANCE,
        /** The plan is done: the route stays at the last step's percentage. */
        COMPLETE
    }

    /**
     * Checks the fields.
     *
     * @param action what to do
     * @param step the index of the step concerned, 0 or more
     * @param until the end of the wait for {@code WAIT}; null otherwise
     * @param reason one sentence with the numbers
     * @throws NullPointerException if {@code action} or {@code reason} is null, or {@code until} is null for
     *         {@code WAIT}
     * @throws IllegalArgumentException if {@code step} is negative, or {@code until} is set for another action
     */
    public RolloutDecision {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        if (step < 0) {
            throw new IllegalArgumentException("step must not be negative, was " + step);
        }
        if (action == Action.WAIT) {
            Objects.requireNonNull(until, "until");
        } else if (until != null) {
            throw new IllegalArgumentException("until is for WAIT only, was " + until + " for " + action);
        }
    }

    static RolloutDecision waitUntil(int step, Instant until, String reason) {
        return new RolloutDecision(Action.WAIT, step, until, reason);
    }

    static RolloutDecision awaitApproval(int step, String reason) {
        return new RolloutDecision(Action.AWAIT_APPROVAL, step, null, reason);
    }

    static RolloutDecision advance(int step, String reason) {
        return new RolloutDecision(Action.ADVANCE, step, null, reason);
    }

    static RolloutDecision complete(int step, String reason) {
        return new RolloutDecision(Action.COMPLETE, step, null, reason);
    }
}
