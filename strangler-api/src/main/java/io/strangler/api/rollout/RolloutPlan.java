package io.strangler.api.rollout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a route's modern side goes from 0 to its final percentage: ordered {@link RolloutStep steps} of strictly
 * increasing percentage, each with a bake time and maybe an approval; and the gates every step must pass before the
 * next: at least {@link #minimumSamples()} modern calls seen in the step, and no health trigger failing. Immutable
 * and thread-safe.
 *
 * <p>The plan completes when its last step has baked and passed its gates. A last step below 100 % is allowed: the
 * route then stays at that percentage (modern serves that share of keys for good, legacy the rest) until a person
 * changes it; nothing moves it to 100 % on its own.
 *
 * <p>Presets, as the migration plans define them:
 * <ul>
 * <li>{@link Preset#LOW LOW}: 10 → 25 → 50 → 75 → 100 %, 30 min bake per step;</li>
 * <li>{@link Preset#MEDIUM MEDIUM}: 5 → 10 → 25 → 50 → 75 → 100 %, 1 h bake per step;</li>
 * <li>{@link Preset#CRITICAL CRITICAL}: 1 → 5 → 10 → 25 → 50 → 75 → 100 %, 2 h bake per step, a person's approval
 *     before every step from 50 %.</li>
 * </ul>
 *
 * <pre>{@code
 * RolloutPlan plan = RolloutPlan.custom()
 *         .step(1, Duration.ofHours(4))
 *         .step(20, Duration.ofHours(1))
 *         .step(100, Duration.ofHours(1))
 *         .approvalAt(100)
 *         .minimumSamples(500)
 *         .build();
 * RolloutPlan stricter = RolloutPlan.from(RolloutPlan.critical()).minimumSamples(1_000).build();
 * }</pre>
 */
public final class RolloutPlan {

    /** Default number of modern calls a step must have seen before the plan moves on. */
    public static final long DEFAULT_MINIMUM_SAMPLES = 100;

    /** The plans of the migration plans' risk levels. */
    public enum Preset {
        /** 10 → 25 → 50 → 75 → 100 %, 30 min bake per step, no approval. */
        LOW,
        /** 5 → 10 → 25 → 50 → 75 → 100 %, 1 h bake per step, no approval. */
        MEDIUM,
        /** 1 → 5 → 10 → 25 → 50 → 75 → 100 %, 2 h bake per step, approval before every step from 50 %. */
        CRITICAL
    }

    private static final RolloutPlan LOW = presetPlan(Duration.ofMinutes(30), 10, 25, 50, 75, 100).build();
    private static final RolloutPlan MEDIUM = presetPlan(Duration.ofHours(1), 5, 10, 25, 50, 75, 100).build();
    private static final RolloutPlan CRITICAL = presetPlan(Duration.ofHours(2), 1, 5, 10, 25, 50, 75, 100)
            .approvalAt(50, 75, 100).build();

    private final List<RolloutStep> steps;
    private final long minimumSamples;

    private RolloutPlan(Builder b) {
        this.steps = List.copyOf(b.steps);
        this.minimumSamples = b.minimumSamples;
    }

    private static Builder presetPlan(Duration bake, double... percentages) {
        Builder b = new Builder();
        for (double percentage : percentages) {
            b.step(percentage, bake);
        }
        return b;
    }

    /**
     * The plan of a preset.
     *
     * @param preset a risk level
     * @return its plan, with the default minimum samples
     * @throws NullPointerException if {@code preset} is null
     */
    public static RolloutPlan preset(Preset preset) {
        switch (Objects.requireNonNull(preset, "preset")) {
            case LOW:
                return LOW;
            case MEDIUM:
                return MEDIUM;
            case CRITICAL:
                return CRITICAL;
            default:
                throw new AssertionError(preset);
        }
    }

    /**
     * The {@link Preset#LOW LOW} plan: 10 → 25 → 50 → 75 → 100 %, 30 min bake.
     *
     * @return the {@link Preset#LOW LOW} plan: 10 → 25 → 50 → 75 → 100 %, 30 min bake
     */
    public static RolloutPlan low() {
        return LOW;
    }

    /**
     * The {@link Preset#MEDIUM MEDIUM} plan: 5 → 10 → 25 → 50 → 75 → 100 %, 1 h bake.
     *
     * @return the {@link Preset#MEDIUM MEDIUM} plan: 5 → 10 → 25 → 50 → 75 → 100 %, 1 h bake
     */
    public static RolloutPlan medium() {
        return MEDIUM;
    }

    /**
     * The CRITICAL plan, for the riskiest migrations.
     *
     * @return the {@link Preset#CRITICAL CRITICAL} plan: 1 → 5 → 10 → 25 → 50 → 75 → 100 %, 2 h bake, approval
     *         before 50, 75 and 100 %
     */
    public static RolloutPlan critical() {
        return CRITICAL;
    }

    /**
     * A builder of a plan with no steps yet and the default minimum samples.
     *
     * @return a builder of a plan with no steps yet and the default minimum samples
     */
    public static Builder custom() {
        return new Builder();
    }

    /**
     * A builder starting from {@code base}: its steps, approvals and minimum samples; more steps can follow its
     * last.
     *
     * @param base the plan to start from
     * @return a builder
     * @throws NullPointerException if {@code base} is null
     */
    public static Builder from(RolloutPlan base) {
        Objects.requireNonNull(base, "base");
        Builder b = new Builder();
        b.steps.addAll(base.steps);
        b.minimumSamples = base.minimumSamples;
        return b;
    }

    /**
     * The steps, in order, percentages strictly increasing; never empty.
     *
     * @return the steps, in order, percentages strictly increasing; never empty
     */
    public List<RolloutStep> steps() {
        return steps;
    }

    /**
     * One step of the plan.
     *
     * @param index a step's position, from 0
     * @return that step
     * @throws IndexOutOfBoundsException if there is no such step
     */
    public RolloutStep step(int index) {
        return steps.get(index);
    }

    /**
     * The number of steps.
     *
     * @return the number of steps
     */
    public int size() {
        return steps.size();
    }

    /**
     * The modern calls a step must have seen before the plan moves on; at least 1.
     *
     * @return the modern calls a step must have seen before the plan moves on; at least 1
     */
    public long minimumSamples() {
        return minimumSamples;
    }

    /**
     * The percentage of the last step: where the route stays when the plan completes.
     *
     * @return the percentage of the last step: where the route stays when the plan completes
     */
    public double finalPercentage() {
        return steps.get(steps.size() - 1).percentage();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RolloutPlan && ((RolloutPlan) o).steps.equals(steps)
                && ((RolloutPlan) o).minimumSamples == minimumSamples;
    }

    @Override
    public int hashCode() {
        return Objects.hash(steps, minimumSamples);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("RolloutPlan{");
        for (int i = 0; i < steps.size(); i++) {
            RolloutStep step = steps.get(i);
            s.append(i == 0 ? "" : " -> ").append(step.approvalRequired() ? "[approval] " : "")
                    .append(step.percentage()).append("% for ").append(step.bake());
        }
        return s.append(", minimumSamples=").append(minimumSamples).append('}').toString();
    }

    /** Builds a {@link RolloutPlan}; every method checks its arguments at once. Not thread-safe. */
    public static final class Builder {
        private final List<RolloutStep> steps = new ArrayList<>();
        private long minimumSamples = DEFAULT_MINIMUM_SAMPLES;

        private Builder() {
        }

        /**
         * Adds a step after the ones already added, with no approval (see {@link #approvalAt(double...)}).
         *
         * @param percentage the percentage of keys modern serves in the step, in {@code (0, 100]}, in whole basis
         *        points, above the previous step's
         * @param bake how long the step runs before the plan may move on, positive
         * @return this builder
         * @throws NullPointerException if {@code bake} is null
         * @throws IllegalArgumentException if {@code percentage} is out of range or not above the previous step's,
         *         or {@code bake} is not positive
         */
        public Builder step(double percentage, Duration bake) {
            RolloutStep step = new RolloutStep(percentage, bake, false);
            if (!steps.isEmpty()) {
                RolloutStep previous = steps.get(steps.size() - 1);
                if (step.basisPoints() <= previous.basisPoints()) {
                    throw new IllegalArgumentException("percentage must be above the previous step's "
                            + previous.percentage() + ", was " + percentage);
                }
            }
            steps.add(step);
            return this;
        }

        /**
         * Requires a person's approval before the plan moves into the steps of these percentages. Call it after
         * adding those steps.
         *
         * @param percentages percentages of steps already added
         * @return this builder
         * @throws NullPointerException if {@code percentages} is null
         * @throws IllegalArgumentException if a percentage is that of no step added so far
         */
        public Builder approvalAt(double... percentages) {
            Objects.requireNonNull(percentages, "percentages");
            for (double percentage : percentages) {
                int index = indexOf(percentage);
                if (index < 0) {
                    throw new IllegalArgumentException("approvalAt " + percentage + " is no step of the plan; "
                            + "the steps are at " + percentagesOfSteps());
                }
                RolloutStep step = steps.get(index);
                steps.set(index, new RolloutStep(step.percentage(), step.bake(), true));
            }
            return this;
        }

        /**
         * Sets the modern calls a step must have seen before the plan moves on.
         *
         * @param samples the modern calls a step must have seen before the plan moves on, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code samples} is below 1
         */
        public Builder minimumSamples(long samples) {
            if (samples < 1) {
                throw new IllegalArgumentException("minimumSamples must be at least 1, was " + samples);
            }
            this.minimumSamples = samples;
            return this;
        }

        /**
         * Builds the plan.
         *
         * @return the plan
         * @throws IllegalStateException if no step was added
         */
        public RolloutPlan build() {
            if (steps.isEmpty()) {
                throw new IllegalStateException("steps must not be empty: a plan needs at least one step");
            }
            return new RolloutPlan(this);
        }

        private int indexOf(double percentage) {
            for (int i = 0; i < steps.size(); i++) {
                if (Math.abs(steps.get(i).percentage() - percentage) < 1e-9) {
                    return i;
                }
            }
            return -1;
        }

        private List<Double> percentagesOfSteps() {
            List<Double> percentages = new ArrayList<>();
            for (RolloutStep step : steps) {
                percentages.add(step.percentage());
            }
            return percentages;
        }
    }
}
