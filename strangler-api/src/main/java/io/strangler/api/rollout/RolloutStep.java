package io.strangler.api.rollout;

import java.time.Duration;
import java.util.Objects;

/**
 * One step of a {@link RolloutPlan}: the percentage of keys modern serves during the step, how long the step bakes
 * before the plan may move on, and whether a person must approve moving into it.
 *
 * @param percentage the percentage of keys served by modern, in {@code (0, 100]}, in whole basis points (0.01)
 * @param bake how long the step runs before the plan may move on, positive
 * @param approvalRequired whether a person must approve before the plan moves into this step
 */
public record RolloutStep(double percentage, Duration bake, boolean approvalRequired) {

    /**
     * Checks the fields.
     *
     * @param percentage the percentage of keys served by modern, in {@code (0, 100]}, in whole basis points
     * @param bake how long the step runs before the plan may move on, positive
     * @param approvalRequired whether a person must approve before the plan moves into this step
     * @throws NullPointerException if {@code bake} is null
     * @throws IllegalArgumentException if {@code percentage} is outside {@code (0, 100]} or finer than a basis
     *         point, or {@code bake} is zero or negative
     */
    public RolloutStep {
        if (!(percentage > 0 && percentage <= 100)) {
            throw new IllegalArgumentException("percentage must be in (0, 100], was " + percentage);
        }
        if (Math.abs(percentage * 100 - Math.rint(percentage * 100)) > 1e-6) {
            throw new IllegalArgumentException(
                    "percentage must be a whole number of basis points (0.01), was " + percentage);
        }
        Objects.requireNonNull(bake, "bake");
        if (bake.isZero() || bake.isNegative()) {
            throw new IllegalArgumentException("bake must be positive, was " + bake);
        }
    }

    /**
     * The percentage in basis points, as route states carry it: 2500 for 25 %.
     *
     * @return the percentage in basis points, as route states carry it: 2500 for 25 %
     */
    public int basisPoints() {
        return (int) Math.round(percentage * 100);
    }
}
