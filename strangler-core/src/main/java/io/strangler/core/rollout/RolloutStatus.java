package io.strangler.core.rollout;

import io.strangler.api.health.Judgement;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where one route is in its rollout, as the {@link RolloutController} saw it at its latest tick. Immutable.
 *
 * @param route the route's name
 * @param phase where the rollout is
 * @param step the index (from 0) of the plan's step the route is on; -1 before the first step, and for a route the
 *        controller only guards (triggers, no plan)
 * @param basisPoints the share of keys modern serves, in basis points, at the latest tick
 * @param stepStartedAt when the route moved into its current step; null before the first step
 * @param modernCallsInStep the modern calls served since the step started, at the latest tick
 * @param approved whether a person has approved the next step that needs approval
 * @param reason the latest decision in one sentence: what the route waits for, why it moved or stopped
 * @param judgements the judgement of every enabled trigger at the latest tick
 */
public record RolloutStatus(String route, Phase phase, int step, int basisPoints, @Nullable Instant stepStartedAt,
        long modernCallsInStep, boolean approved, String reason, List<Judgement> judgements) {

    /** Where a rollout is. */
    public enum Phase {
        /** The route has not reached the plan's first step: waiting for its dependencies, an approval or health. */
        NOT_STARTED,
        /** The route is on a step, baking or waiting for samples or passing gates. */
        RUNNING,
        /** The next step needs a person's {@linkplain RolloutController#approve approval}. */
        AWAITING_APPROVAL,
        /** A person paused the rollout (or changed the route by hand); triggers still roll it back. */
        PAUSED,
        /** A trigger whose action is {@code MANUAL} failed: nothing moves until a person resumes or aborts. */
        FROZEN,
        /** A trigger whose action is {@code GRACEFUL} failed: modern's share is ramping down to 0. */
        RAMPING_DOWN,
        /** The route was rolled back, by a trigger or outside the controller; the plan is over. */
        ROLLED_BACK,
        /** A person aborted the rollout; the route was rolled back. */
        ABORTED,
        /** The plan's last step baked and passed its gates; the route stays at its percentage. */
        COMPLETE,
        /** The controller guards the route with triggers but has no plan to advance it. */
        GUARDED
    }

    /**
     * Checks the fields and copies the judgements.
     *
     * @param route the route's name
     * @param phase where the rollout is
     * @param step the step index, -1 or more
     * @param basisPoints the share modern serves, in {@code [0, 10000]}
     * @param stepStartedAt when the step started, or null
     * @param modernCallsInStep modern calls in the step, 0 or more
     * @param approved whether the next approval is given
     * @param reason the latest decision
     * @param judgements the latest judgements
     * @throws NullPointerException if {@code route}, {@code phase}, {@code reason} or {@code judgements} is null
     * @throws IllegalArgumentException if {@code step} is below -1
     */
    public RolloutStatus {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(reason, "reason");
        judgements = List.copyOf(Objects.requireNonNull(judgements, "judgements"));
        if (step < -1) {
            throw new IllegalArgumentException("step must be -1 or more, was " + step);
        }
    }

    /**
     * The share of keys modern serves, in percent.
     *
     * @return the share of keys modern serves, in percent
     */
    public double percentage() {
        return basisPoints / 100.0;
    }
}
