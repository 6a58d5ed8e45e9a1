package io.strangler.api.health;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A business or other custom trigger: a measure the application {@linkplain io.strangler.api.Route#record records}
 * per route and side (the share of users who check out, the cost of a call, the basket value), judged like the
 * built-in triggers: with a confidence bound at the {@linkplain TriggerSettings#confidence() settings' confidence},
 * a minimum sample below which the verdict is {@link Verdict#INCONCLUSIVE}, an {@link RollbackAction action} and a
 * {@link RollbackScope scope}, and dry run. Its judgements are reported as {@link TriggerKind#CUSTOM CUSTOM} with
 * the trigger's {@linkplain Judgement#name() name}. Immutable and thread-safe.
 *
 * <p>Two statistics and two references:
 * <ul>
 * <li>a {@linkplain #rate(String) rate}: the measure holds outcomes ({@link io.strangler.api.Route#recordOutcome}: 1
 *     for a success, 0 for a failure) and the statistic is modern's success rate;</li>
 * <li>a {@linkplain #mean(String) mean}: the measure holds any finite values and the statistic is modern's mean
 *     value per call;</li>
 * <li>against a fixed threshold ({@link Builder#failsAbove}, {@link Builder#failsBelow}), or against legacy in the
 *     same window, as a ratio of legacy's value ({@link Builder#failsAboveLegacy}, {@link Builder#failsBelowLegacy});
 *     then legacy needs the minimum sample too, and after a full cut-over, with no legacy values left, the
 *     verdict is INCONCLUSIVE.</li>
 * </ul>
 *
 * <pre>{@code
 * TriggerSettings triggers = TriggerSettings.custom()
 *         .custom(CustomTrigger.rate("checkout-success").failsBelow(0.95).build())          // graceful, the default
 *         .custom(CustomTrigger.mean("cost-per-call").failsAboveLegacy(1.3)
 *                 .action(RollbackAction.MANUAL).build())
 *         .build();
 * }</pre>
 */
public final class CustomTrigger {

    /** Default minimum sample: 100 recorded values on modern (and on legacy, to compare with legacy). */
    public static final long DEFAULT_MINIMUM_SAMPLE = 100;
    /** Default action: a graceful rollback, as a business measure moves more slowly than an error rate. */
    public static final RollbackAction DEFAULT_ACTION = RollbackAction.GRACEFUL;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** What is computed from the measure's values. */
    public enum Statistic {
        /** The share of successes among outcomes recorded as 1 (success) or 0 (failure). */
        RATE,
        /** The mean of the values. */
        MEAN
    }

    /** Which way the trigger fires. */
    public enum Direction {
        /** Fires when modern's value is too high (a cost, a failure rate). */
        ABOVE,
        /** Fires when modern's value is too low (a success rate, revenue). */
        BELOW
    }

    /** What modern's value is compared with. */
    public enum Reference {
        /** A fixed threshold. */
        THRESHOLD,
        /** Legacy's value in the same window times a ratio. */
        LEGACY
    }

    private final String name;
    private final String measure;
    private final Statistic statistic;
    private final Direction direction;
    private final Reference reference;
    private final TriggerSettings.Trigger trigger;

    private CustomTrigger(Builder b) {
        this.name = b.name != null ? b.name : b.measure;
        this.measure = b.measure;
        this.statistic = b.statistic;
        this.direction = Objects.requireNonNull(b.direction, () -> "custom trigger '" + name + "' has no threshold: "
                + "call failsAbove, failsBelow, failsAboveLegacy or failsBelowLegacy");
        this.reference = b.reference;
        this.trigger = new TriggerSettings.Trigger(TriggerKind.CUSTOM, b.enabled, b.threshold, b.minimumSample,
                b.action, b.scope, b.dryRun);
    }

    /**
     * A trigger on the success rate of an outcome measure.
     *
     * @param measure the measure's name, as recorded: letters, digits, {@code . _ -}, 1 to 64 characters
     * @return a builder; the trigger's name is the measure's unless {@link Builder#named} says otherwise
     * @throws IllegalArgumentException if the name is malformed
     */
    public static Builder rate(String measure) {
        return new Builder(checkName("measure", measure), Statistic.RATE);
    }

    /**
     * A trigger on the mean value of a measure.
     *
     * @param measure the measure's name, as recorded: letters, digits, {@code . _ -}, 1 to 64 characters
     * @return a builder; the trigger's name is the measure's unless {@link Builder#named} says otherwise
     * @throws IllegalArgumentException if the name is malformed
     */
    public static Builder mean(String measure) {
        return new Builder(checkName("measure", measure), Statistic.MEAN);
    }

    /**
     * Checks a measure's or trigger's name: letters, digits, {@code . _ -}, 1 to 64 characters.
     *
     * @param field what the name is, for the message
     * @param name the name
     * @return the name
     * @throws IllegalArgumentException if the name is null or malformed; the message names the field and the value
     */
    public static String checkName(String field, @Nullable String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(field + " must be 1 to 64 letters, digits, '.', '_' or '-', was "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }

    /**
     * The trigger's name, unique among a route's custom triggers: how judgements, events and the status name it.
     *
     * @return the trigger's name
     */
    public String name() {
        return name;
    }

    /**
     * The measure judged.
     *
     * @return the measure judged
     */
    public String measure() {
        return measure;
    }

    /**
     * What is computed from the measure.
     *
     * @return what is computed from the measure
     */
    public Statistic statistic() {
        return statistic;
    }

    /**
     * Which way the trigger fires.
     *
     * @return which way the trigger fires
     */
    public Direction direction() {
        return direction;
    }

    /**
     * What modern's value is compared with.
     *
     * @return what modern's value is compared with
     */
    public Reference reference() {
        return reference;
    }

    /**
     * The threshold: a value (a rate in {@code (0, 1)} for a rate) against a {@link Reference#THRESHOLD threshold},
     * a ratio of legacy's value against {@link Reference#LEGACY legacy}.
     *
     * @return the threshold
     */
    public double threshold() {
        return trigger.threshold();
    }

    /**
     * The settings the controller acts on, as for a built-in trigger: kind {@link TriggerKind#CUSTOM}, enabled, the
     * threshold, the minimum sample, action, scope and dry run.
     *
     * @return the settings the controller acts on
     */
    public TriggerSettings.Trigger trigger() {
        return trigger;
    }

    /**
     * A builder starting from this trigger.
     *
     * @return a builder starting from this trigger
     */
    public Builder toBuilder() {
        Builder b = new Builder(measure, statistic);
        b.name = name;
        b.direction = direction;
        b.reference = reference;
        b.threshold = trigger.threshold();
        b.minimumSample = trigger.minimumSample();
        b.action = trigger.action();
        b.scope = trigger.scope();
        b.dryRun = trigger.dryRun();
        b.enabled = trigger.enabled();
        return b;
    }

    /**
     * In words: "checkout-success: modern's rate of checkout-success below 95.0%".
     *
     * @return the trigger in words
     */
    public String describe() {
        String what = (statistic == Statistic.RATE ? "success rate" : "mean") + " of " + measure;
        String than = reference == Reference.THRESHOLD
                ? (statistic == Statistic.RATE ? String.format(java.util.Locale.ROOT, "%.1f%%", threshold() * 100)
                        : String.valueOf(threshold()))
                : threshold() + "x legacy's";
        return name + ": modern's " + what + " " + (direction == Direction.ABOVE ? "above " : "below ") + than;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof CustomTrigger)) {
            return false;
        }
        CustomTrigger c = (CustomTrigger) o;
        return name.equals(c.name) && measure.equals(c.measure) && statistic == c.statistic
                && direction == c.direction && reference == c.reference && trigger.equals(c.trigger);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, measure, statistic, direction, reference, trigger);
    }

    @Override
    public String toString() {
        return "CustomTrigger{" + describe() + ", minimumSample=" + trigger.minimumSample() + ", action="
                + trigger.action() + ", scope=" + trigger.scope() + (trigger.dryRun() ? ", dry run" : "")
                + (trigger.enabled() ? "" : ", disabled") + "}";
    }

    /** Builds a {@link CustomTrigger}; every setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private final String measure;
        private final Statistic statistic;
        private @Nullable String name;
        private @Nullable Direction direction;
        private Reference reference = Reference.THRESHOLD;
        private double threshold;
        private long minimumSample = DEFAULT_MINIMUM_SAMPLE;
        private RollbackAction action = DEFAULT_ACTION;
        private RollbackScope scope = RollbackScope.ROUTE;
        private boolean dryRun;
        private boolean enabled = true;

        private Builder(String measure, Statistic statistic) {
            this.measure = measure;
            this.statistic = statistic;
        }

        /**
         * Names the trigger, when two triggers judge one measure.
         *
         * @param name letters, digits, {@code . _ -}, 1 to 64 characters
         * @return this builder
         * @throws IllegalArgumentException if the name is malformed
         */
        public Builder named(String name) {
            this.name = checkName("custom trigger name", name);
            return this;
        }

        /**
         * Fires when modern's value is above {@code threshold}.
         *
         * @param threshold a rate in {@code (0, 1)} for a rate trigger; any finite value for a mean
         * @return this builder
         * @throws IllegalArgumentException if {@code threshold} is out of range
         */
        public Builder failsAbove(double threshold) {
            return fixed(Direction.ABOVE, threshold);
        }

        /**
         * Fires when modern's value is below {@code threshold}.
         *
         * @param threshold a rate in {@code (0, 1)} for a rate trigger; any finite value for a mean
         * @return this builder
         * @throws IllegalArgumentException if {@code threshold} is out of range
         */
        public Builder failsBelow(double threshold) {
            return fixed(Direction.BELOW, threshold);
        }

        /**
         * Fires when modern's value is above {@code ratio} times legacy's in the same window ("cost per call
         * above 1.3× legacy's").
         *
         * @param ratio a finite ratio of 1 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code ratio} is out of range
         */
        public Builder failsAboveLegacy(double ratio) {
            if (!(ratio >= 1 && ratio < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(label() + ".failsAboveLegacy must be a finite ratio of 1 or more, was "
                        + ratio);
            }
            return set(Direction.ABOVE, Reference.LEGACY, ratio);
        }

        /**
         * Fires when modern's value is below {@code ratio} times legacy's in the same window ("success rate below
         * 0.95× legacy's").
         *
         * @param ratio a ratio in {@code (0, 1]}
         * @return this builder
         * @throws IllegalArgumentException if {@code ratio} is out of range
         */
        public Builder failsBelowLegacy(double ratio) {
            if (!(ratio > 0 && ratio <= 1)) {
                throw new IllegalArgumentException(label() + ".failsBelowLegacy must be a ratio in (0, 1], was "
                        + ratio);
            }
            return set(Direction.BELOW, Reference.LEGACY, ratio);
        }

        /**
         * Sets the minimum sample: the values modern (and legacy, to compare with legacy) must have in a window
         * before the trigger is judged.
         *
         * @param minimumSample at least 1 for a rate, at least 2 for a mean (a variance needs two values)
         * @return this builder
         * @throws IllegalArgumentException if {@code minimumSample} is too small
         */
        public Builder minimumSample(long minimumSample) {
            long least = statistic == Statistic.MEAN ? 2 : 1;
            if (minimumSample < least) {
                throw new IllegalArgumentException(label() + ".minimumSample must be at least " + least + ", was "
                        + minimumSample);
            }
            this.minimumSample = minimumSample;
            return this;
        }

        /**
         * Sets what the rollback this trigger fires does.
         *
         * @param action the action
         * @return this builder
         * @throws NullPointerException if {@code action} is null
         */
        public Builder action(RollbackAction action) {
            this.action = Objects.requireNonNull(action, () -> label() + ".action");
            return this;
        }

        /**
         * Sets which routes the rollback this trigger fires covers.
         *
         * @param scope the scope
         * @return this builder
         * @throws NullPointerException if {@code scope} is null
         */
        public Builder scope(RollbackScope scope) {
            this.scope = Objects.requireNonNull(scope, () -> label() + ".scope");
            return this;
        }

        /**
         * Puts the trigger in dry run: judged and reported, never acting.
         *
         * @param dryRun true to judge and report only
         * @return this builder
         */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /**
         * Turns the trigger on or off.
         *
         * @param enabled whether the trigger is judged at all
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * Builds the trigger.
         *
         * @return the trigger
         * @throws NullPointerException if no threshold was set; the message names the trigger
         */
        public CustomTrigger build() {
            return new CustomTrigger(this);
        }

        private Builder fixed(Direction d, double value) {
            if (statistic == Statistic.RATE && !(value > 0 && value < 1)) {
                throw new IllegalArgumentException(label() + ".threshold must be a rate in (0, 1), was " + value);
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(label() + ".threshold must be finite, was " + value);
            }
            return set(d, Reference.THRESHOLD, value);
        }

        private Builder set(Direction d, Reference r, double value) {
            this.direction = d;
            this.reference = r;
            this.threshold = value;
            return this;
        }

        private String label() {
            return "custom trigger '" + (name != null ? name : measure) + "'";
        }
    }
}
