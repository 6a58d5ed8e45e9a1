package io.strangler.core.rollout;

import io.strangler.api.rollout.RolloutPlan;
import io.strangler.api.rollout.RolloutStep;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Says what a controller should do now with a route on a {@link RolloutPlan}. A pure function of the plan, the
 * route's position in it and the time passed in: no clock, no state. Immutable and thread-safe.
 *
 * <p>On step {@code i}, the checks are made in this order and the first that holds decides:
 * <ol>
 * <li>the step has not baked yet ({@code now} is before its start plus its bake): {@code WAIT} until the bake ends;</li>
 * <li>the step has seen fewer than {@link RolloutPlan#minimumSamples()} modern calls: {@code WAIT} for samples;</li>
 * <li>the gates do not pass (a health trigger is failing, or another gate of the controller's): {@code WAIT};</li>
 * <li>{@code i} is the last step: {@code COMPLETE}; the route stays at its percentage, even if that is below
 *     100 %;</li>
 * <li>step {@code i + 1} requires approval and none was given: {@code AWAIT_APPROVAL} of step {@code i + 1};</li>
 * <li>otherwise {@code ADVANCE} to step {@code i + 1}.</li>
 * </ol>
 * An approval given before the bake ends is kept by the caller and passed in: the plan still waits for the bake.
 * Rolling back when a trigger fails is the controller's job, not the schedule's.
 *
 * <pre>{@code
 * RolloutSchedule schedule = new RolloutSchedule(RolloutPlan.critical());
 * RolloutDecision first = schedule.start(false);            // ADVANCE to step 0 (1 %)
 * RolloutDecision next = schedule.next(0, stepStartedAt, modernCallsInStep, noTriggerFailing, approved,
 *         clock.instant());
 * }</pre>
 */
public final class RolloutSchedule {

    private final RolloutPlan plan;

    /**
     * A schedule that follows {@code plan}.
     *
     * @param plan the plan to follow
     * @throws NullPointerException if {@code plan} is null
     */
    public RolloutSchedule(RolloutPlan plan) {
        this.plan = Objects.requireNonNull(plan, "plan");
    }

    /**
     * The plan followed.
     *
     * @return the plan followed
     */
    public RolloutPlan plan() {
        return plan;
    }

    /**
     * What to do before the first step, with modern serving no key yet.
     *
     * @param approvalGiven whether a person approved moving into the first step
     * @return {@code AWAIT_APPROVAL} of step 0 when it requires approval and none was given, else {@code ADVANCE}
     *         to step 0
     */
    public RolloutDecision start(boolean approvalGiven) {
        RolloutStep first = plan.step(0);
        if (first.approvalRequired() && !approvalGiven) {
            return RolloutDecision.awaitApproval(0, "the first step, to " + percent(first) + ", needs approval");
        }
        return RolloutDecision.advance(0, "start the rollout at " + percent(first));
    }

    /**
     * What to do on step {@code step}, by the rules above.
     *
     * @param step the index of the current step, from 0
     * @param stepStartedAt when the route moved into the current step
     * @param modernSamples the modern calls seen since the step started, 0 or more
     * @param gatesPass whether the gates pass: no health trigger failing, plus any gate of the controller's own
     * @param approvalGiven whether a person approved moving into the next step
     * @param now the instant to decide for
     * @return the decision
     * @throws NullPointerException if {@code stepStartedAt} or {@code now} is null
     * @throws IllegalArgumentException if {@code step} is no step of the plan or {@code modernSamples} is negative
     */
    public RolloutDecision next(int step, Instant stepStartedAt, long modernSamples, boolean gatesPass,
            boolean approvalGiven, Instant now) {
        if (step < 0 || step >= plan.size()) {
            throw new IllegalArgumentException("step must be in [0, " + plan.size() + "), was " + step);
        }
        Objects.requireNonNull(stepStartedAt, "stepStartedAt");
        Objects.requireNonNull(now, "now");
        if (modernSamples < 0) {
            throw new IllegalArgumentException("modernSamples must not be negative, was " + modernSamples);
        }
        RolloutStep current = plan.step(step);
        String at = "the " + percent(current) + " step";
        Instant baked = stepStartedAt.plus(current.bake());
        if (now.isBefore(baked)) {
            return RolloutDecision.waitUntil(step, baked, at + " bakes until " + baked);
        }
        if (modernSamples < plan.minimumSamples()) {
            return RolloutDecision.waitUntil(step, now, at + " has seen " + modernSamples + " of the "
                    + plan.minimumSamples() + " modern calls it needs");
        }
        if (!gatesPass) {
            return RolloutDecision.waitUntil(step, now, at + " has baked but its gates do not pass");
        }
        if (step == plan.size() - 1) {
            return RolloutDecision.complete(step, at + " has baked with " + modernSamples
                    + " modern calls and its gates pass: the plan is complete at " + percent(current));
        }
        RolloutStep following = plan.step(step + 1);
        if (following.approvalRequired() && !approvalGiven) {
            return RolloutDecision.awaitApproval(step + 1, at + " has baked and its gates pass; the move to "
                    + percent(following) + " needs approval");
        }
        return RolloutDecision.advance(step + 1, at + " has baked with " + modernSamples
                + " modern calls and its gates pass: advance to " + percent(following));
    }

    private static String percent(RolloutStep step) {
        return BigDecimal.valueOf(step.basisPoints(), 2).stripTrailingZeros().toPlainString() + "%";
    }
}
