package io.strangler.core.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where the {@link RolloutController} is with one route, as it saves it in its {@link RolloutJournal} after every
 * change, so that a controller started again (after a deploy, on another instance) carries on where this one was:
 * on the same step, with the same bake start and approval, still frozen or still ramping down. Immutable.
 *
 * @param route the route
 * @param phase the rollout's phase
 * @param step the plan's step the route is on, -1 before the first
 * @param stepStartedAt when the step started; null before the first step
 * @param approved whether the next step that needs approval has it
 * @param approvedBy who approved it, recorded as the actor of the step it allows; null without an approval
 * @param knownVersion the route state's version when this was saved: a controller that finds another version knows
 *     the route was changed meanwhile
 * @param judgeSince the start of the triggers' windows after a person resumed a frozen rollout; null otherwise
 * @param openRollbackId the rollback freezing or ramping down this route; null when none
 * @param rampFromBasisPoints during a graceful ramp, the share modern served when it started; 0 otherwise
 * @param rampStartedAt during a graceful ramp, when it started; null otherwise
 * @param rampDuration during a graceful ramp, how long it lasts; null otherwise
 * @param reason the controller's latest decision in one sentence
 * @param savedAt when this was saved
 */
public record RolloutProgress(String route, RolloutStatus.Phase phase, int step, @Nullable Instant stepStartedAt,
        boolean approved, @Nullable String approvedBy, long knownVersion, @Nullable Instant judgeSince,
        @Nullable String openRollbackId,
        int rampFromBasisPoints, @Nullable Instant rampStartedAt, @Nullable Duration rampDuration, String reason,
        Instant savedAt) {

    /**
     * Checks the fields.
     *
     * @param route the route
     * @param phase the rollout's phase
     * @param step the step, -1 or more
     * @param stepStartedAt when the step started, or null
     * @param approved whether the next approval is given
     * @param approvedBy who gave it, or null
     * @param knownVersion the route state's version
     * @param judgeSince the start of the windows after a resume, or null
     * @param openRollbackId the open rollback, or null
     * @param rampFromBasisPoints the ramp's start share, or 0
     * @param rampStartedAt the ramp's start, or null
     * @param rampDuration the ramp's length, or null
     * @param reason the latest decision
     * @param savedAt when this was saved
     * @throws NullPointerException if {@code route}, {@code phase}, {@code reason} or {@code savedAt} is null
     * @throws IllegalArgumentException if {@code step} is below -1
     */
    public RolloutProgress {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(savedAt, "savedAt");
        if (step < -1) {
            throw new IllegalArgumentException("step must be -1 or more, was " + step);
        }
    }
}
