package io.strangler.api.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The health triggers of a route: per {@link TriggerKind trigger} whether it is enabled, its threshold, the
 * minimum sample below which it is {@link Verdict#INCONCLUSIVE}, and the {@link RollbackAction action} and
 * {@link RollbackScope scope} of the rollback it fires; the route's {@link CustomTrigger custom triggers}
 * (business measures the application records); plus one confidence level for every bound, and the duration of a
 * {@link RollbackAction#GRACEFUL graceful} ramp. Immutable and thread-safe.
 *
 * <p>The defaults ({@link #ofDefaults()}):
 *
 * <table>
 * <caption>Default triggers</caption>
 * <tr><th>trigger</th><th>fires when</th><th>minimum sample</th><th>action</th><th>scope</th></tr>
 * <tr><td>{@link TriggerKind#ERROR_RATE ERROR_RATE}</td><td>modern error rate &gt; 5 %</td>
 *     <td>30 modern calls</td><td>{@code IMMEDIATE}</td><td>{@code ROUTE}</td></tr>
 * <tr><td>{@link TriggerKind#LATENCY LATENCY}</td><td>modern p95 &gt; 2.0 × legacy p95</td>
 *     <td>30 timed modern calls</td><td>{@code GRACEFUL}</td><td>{@code ROUTE}</td></tr>
 * <tr><td>{@link TriggerKind#THROUGHPUT THROUGHPUT}</td><td>modern serves &lt; 90 % of its routed share</td>
 *     <td>100 expected modern calls</td><td>{@code GRACEFUL}</td><td>{@code ROUTE}</td></tr>
 * <tr><td>{@link TriggerKind#BASELINE_THROUGHPUT BASELINE_THROUGHPUT}</td><td>the route's calls per second
 *     &lt; 90 % of the legacy baseline's (disabled by default)</td>
 *     <td>100 expected calls</td><td>{@code MANUAL}</td><td>{@code ROUTE}</td></tr>
 * <tr><td>{@link TriggerKind#MISMATCH_RATE MISMATCH_RATE}</td><td>shadow mismatch rate &gt; 1 %</td>
 *     <td>100 comparisons</td><td>{@code IMMEDIATE}</td><td>{@code ROUTE}</td></tr>
 * <tr><td>{@link TriggerKind#DATA_INTEGRITY DATA_INTEGRITY}</td><td>integrity failures &gt; 0</td>
 *     <td>1 (fixed)</td><td>{@code IMMEDIATE}</td><td>{@code ALL}</td></tr>
 * <tr><td>{@link TriggerKind#BREAKER_OPEN BREAKER_OPEN}</td><td>modern's breaker is open</td>
 *     <td>1 (fixed)</td><td>{@code IMMEDIATE}</td><td>{@code ROUTE}</td></tr>
 * </table>
 *
 * <p>Why these minimum samples: at 30 calls a one-sided 95 % Wilson bound needs 4 bad calls (13 %) to exceed
 * 5 %, so one error in a handful of calls, where that bound is least reliable, never fires; 20 % errors over
 * 30 calls already does. For throughput, 100 expected modern calls keep a fair share from being misread as a
 * 10 % shortfall in more than about 0.5 % of windows. For mismatches, 100 comparisons is where one or two
 * benign mismatches can no longer carry the bound above 1 %; three (3 %) do.
 *
 * <pre>{@code
 * TriggerSettings settings = TriggerSettings.custom()
 *         .threshold(TriggerKind.ERROR_RATE, 0.02)
 *         .action(TriggerKind.LATENCY, RollbackAction.MANUAL)
 *         .enabled(TriggerKind.THROUGHPUT, false)
 *         .confidence(0.99)
 *         .build();
 * }</pre>
 */
public final class TriggerSettings {

    /** Default confidence level of every bound: 95 %, one-sided. */
    public static final double DEFAULT_CONFIDENCE = 0.95;
    /** Default time a {@link RollbackAction#GRACEFUL graceful} rollback takes to ramp modern's share down to 0. */
    public static final Duration DEFAULT_GRACEFUL_RAMP_DURATION = Duration.ofMinutes(5);
    /** Default highest modern error rate tolerated: 5 %. */
    public static final double DEFAULT_ERROR_RATE_THRESHOLD = 0.05;
    /** Default number of modern calls (and of legacy calls, to compare with legacy) before error rates are judged. */
    public static final long DEFAULT_ERROR_RATE_MINIMUM_SAMPLE = 30;
    /** Default highest ratio of modern p95 latency to legacy p95 latency tolerated: 2.0. */
    public static final double DEFAULT_LATENCY_RATIO = 2.0;
    /** Default number of timed modern calls (and timed legacy calls, for legacy's p95) before latency is judged. */
    public static final long DEFAULT_LATENCY_MINIMUM_SAMPLE = 30;
    /** Default lowest ratio of modern's observed share of calls to its routed share tolerated: 90 %. */
    public static final double DEFAULT_THROUGHPUT_RATIO = 0.9;
    /** Default number of calls modern's routed share should bring it before throughput is judged. */
    public static final long DEFAULT_THROUGHPUT_MINIMUM_SAMPLE = 100;
    /** Default lowest ratio of the route's throughput to the legacy baseline's tolerated: 90 %. */
    public static final double DEFAULT_BASELINE_THROUGHPUT_RATIO = 0.9;
    /** Default number of calls the baseline's throughput should bring in a window before it is judged. */
    public static final long DEFAULT_BASELINE_THROUGHPUT_MINIMUM_SAMPLE = 100;
    /** Default highest shadow mismatch rate tolerated: 1 %. */
    public static final double DEFAULT_MISMATCH_RATE_THRESHOLD = 0.01;
    /** Default number of shadow comparisons before the mismatch rate is judged. */
    public static final long DEFAULT_MISMATCH_RATE_MINIMUM_SAMPLE = 100;
    /** Default number of data-integrity failures tolerated: none. */
    public static final long DEFAULT_DATA_INTEGRITY_FAILURES_TOLERATED = 0;

    private static final TriggerSettings DEFAULTS = custom().build();

    private final Map<TriggerKind, Trigger> triggers;
    private final Map<String, CustomTrigger> custom;
    private final double confidence;
    private final Duration gracefulRampDuration;

    private TriggerSettings(Builder b) {
        this.triggers = Collections.unmodifiableMap(new EnumMap<>(b.triggers));
        this.custom = Collections.unmodifiableMap(new LinkedHashMap<>(b.custom));
        this.confidence = b.confidence;
        this.gracefulRampDuration = b.gracefulRampDuration;
    }

    /**
     * The defaults tabled above.
     *
     * @return the defaults tabled above
     */
    public static TriggerSettings ofDefaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a builder starting from the defaults
     */
    public static Builder custom() {
        return new Builder();
    }

    /**
     * A builder starting from {@code base}.
     *
     * @param base the settings to start from
     * @return a builder
     * @throws NullPointerException if {@code base} is null
     */
    public static Builder from(TriggerSettings base) {
        Objects.requireNonNull(base, "base");
        Builder b = new Builder();
        b.triggers.putAll(base.triggers);
        b.custom.putAll(base.custom);
        b.confidence = base.confidence;
        b.gracefulRampDuration = base.gracefulRampDuration;
        return b;
    }

    /**
     * The settings of one built-in trigger.
     *
     * @param kind the trigger
     * @return its settings
     * @throws NullPointerException if {@code kind} is null
     * @throws IllegalArgumentException for {@link TriggerKind#CUSTOM}: custom triggers are looked up by name
     */
    public Trigger trigger(TriggerKind kind) {
        Objects.requireNonNull(kind, "kind");
        if (kind == TriggerKind.CUSTOM) {
            throw new IllegalArgumentException("custom triggers are looked up by name: customTrigger(name)");
        }
        return triggers.get(kind);
    }

    /**
     * The settings of the trigger a judgement is of: a built-in trigger's, or the custom trigger of the
     * judgement's {@linkplain Judgement#name() name}.
     *
     * @param judgement a judgement made with these settings
     * @return the trigger's settings
     * @throws IllegalArgumentException if the judgement is of a custom trigger these settings do not hold
     */
    public Trigger trigger(Judgement judgement) {
        if (judgement.trigger() != TriggerKind.CUSTOM) {
            return trigger(judgement.trigger());
        }
        CustomTrigger c = custom.get(judgement.name());
        if (c == null) {
            throw new IllegalArgumentException("no custom trigger named '" + judgement.name() + "' in " + this);
        }
        return c.trigger();
    }

    /**
     * The custom triggers, in the order they were added.
     *
     * @return the custom triggers, in the order they were added
     */
    public List<CustomTrigger> customTriggers() {
        return List.copyOf(custom.values());
    }

    /**
     * The custom trigger of a name.
     *
     * @param name the trigger's name
     * @return the trigger, or null when there is none of that name
     */
    public @Nullable CustomTrigger customTrigger(String name) {
        return custom.get(name);
    }

    /**
     * The enabled built-in triggers, in the order of {@link TriggerKind}'s constants; the enabled custom triggers
     * are those of {@link #customTriggers()} that are {@linkplain Trigger#enabled() enabled}.
     *
     * @return the enabled built-in triggers, in the order of {@link TriggerKind}'s constants
     */
    public List<TriggerKind> enabledTriggers() {
        List<TriggerKind> enabled = new ArrayList<>();
        for (Trigger t : triggers.values()) {
            if (t.enabled()) {
                enabled.add(t.kind());
            }
        }
        return Collections.unmodifiableList(enabled);
    }

    /**
     * The one-sided confidence level of every bound, in {@code (0.5, 1)}.
     *
     * @return the one-sided confidence level of every bound, in {@code (0.5, 1)}
     */
    public double confidence() {
        return confidence;
    }

    /**
     * The time a {@link RollbackAction#GRACEFUL graceful} rollback takes to ramp modern's share to 0.
     *
     * @return the time a {@link RollbackAction#GRACEFUL graceful} rollback takes to ramp modern's share to 0
     */
    public Duration gracefulRampDuration() {
        return gracefulRampDuration;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof TriggerSettings)) {
            return false;
        }
        TriggerSettings s = (TriggerSettings) o;
        return triggers.equals(s.triggers) && custom.equals(s.custom) && confidence == s.confidence
                && gracefulRampDuration.equals(s.gracefulRampDuration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(triggers, custom, confidence, gracefulRampDuration);
    }

    @Override
    public String toString() {
        return "TriggerSettings{triggers=" + triggers.values() + (custom.isEmpty() ? "" : ", custom="
                + custom.values()) + ", confidence=" + confidence
                + ", gracefulRampDuration=" + gracefulRampDuration + "}";
    }

    /**
     * The settings of one trigger. A record of this type is always valid for its kind: the constructor checks
     * what {@link Builder} checks.
     *
     * @param kind the trigger
     * @param enabled whether the trigger is judged at all
     * @param threshold the value the trigger's confidence bound is compared with: a rate in {@code (0, 1)} for
     *        {@link TriggerKind#ERROR_RATE ERROR_RATE} and {@link TriggerKind#MISMATCH_RATE MISMATCH_RATE}; a
     *        latency ratio above 1 for {@link TriggerKind#LATENCY LATENCY}; a throughput ratio in {@code (0, 1)}
     *        for {@link TriggerKind#THROUGHPUT THROUGHPUT} and {@link TriggerKind#BASELINE_THROUGHPUT
     *        BASELINE_THROUGHPUT}; any finite value for {@link TriggerKind#CUSTOM CUSTOM} (its
     *        {@link CustomTrigger} checks more); a whole number of failures tolerated, 0 or more, for
     *        {@link TriggerKind#DATA_INTEGRITY DATA_INTEGRITY}; always 0 for
     *        {@link TriggerKind#BREAKER_OPEN BREAKER_OPEN}
     * @param minimumSample the number of observations below which the verdict is {@link Verdict#INCONCLUSIVE},
     *        at least 1; always 1 for {@code DATA_INTEGRITY} and {@code BREAKER_OPEN}, which fire on one event
     * @param action what the rollback this trigger fires does
     * @param scope which routes the rollback this trigger fires covers
     * @param dryRun whether the trigger only judges and reports: a failure is logged and shown in the status, and
     *     never rolls back, freezes or holds a step
     */
    public record Trigger(TriggerKind kind, boolean enabled, double threshold, long minimumSample,
            RollbackAction action, RollbackScope scope, boolean dryRun) {

        /**
         * A trigger that acts (not in dry run).
         *
         * @param kind the trigger
         * @param enabled whether the trigger is judged at all
         * @param threshold the value the trigger's bound is compared with
         * @param minimumSample the number of observations below which the verdict is inconclusive
         * @param action what the rollback this trigger fires does
         * @param scope which routes the rollback this trigger fires covers
         */
        public Trigger(TriggerKind kind, boolean enabled, double threshold, long minimumSample,
                RollbackAction action, RollbackScope scope) {
            this(kind, enabled, threshold, minimumSample, action, scope, false);
        }

        /**
         * Checks the fields.
         *
         * @param kind the trigger
         * @param enabled whether the trigger is judged at all
         * @param threshold the value the trigger's bound is compared with, in the range its kind allows
         * @param minimumSample the number of observations below which the verdict is inconclusive
         * @param action what the rollback this trigger fires does
         * @param scope which routes the rollback this trigger fires covers
         * @param dryRun whether the trigger only judges and reports
         * @throws NullPointerException if {@code kind}, {@code action} or {@code scope} is null
         * @throws IllegalArgumentException if {@code threshold} or {@code minimumSample} is out of range for
         *         {@code kind}; the message names the trigger, the field and the value
         */
        public Trigger {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(action, kind + ".action");
            Objects.requireNonNull(scope, kind + ".scope");
            checkThreshold(kind, threshold);
            checkMinimumSample(kind, minimumSample);
        }

        Trigger withEnabled(boolean value) {
            return new Trigger(kind, value, threshold, minimumSample, action, scope, dryRun);
        }

        Trigger withThreshold(double value) {
            return new Trigger(kind, enabled, value, minimumSample, action, scope, dryRun);
        }

        Trigger withMinimumSample(long value) {
            return new Trigger(kind, enabled, threshold, value, action, scope, dryRun);
        }

        Trigger withAction(RollbackAction value) {
            return new Trigger(kind, enabled, threshold, minimumSample, value, scope, dryRun);
        }

        Trigger withDryRun(boolean value) {
            return new Trigger(kind, enabled, threshold, minimumSample, action, scope, value);
        }

        Trigger withScope(RollbackScope value) {
            return new Trigger(kind, enabled, threshold, minimumSample, action, value, dryRun);
        }

        private static void checkThreshold(TriggerKind kind, double value) {
            switch (kind) {
                case ERROR_RATE:
                case MISMATCH_RATE:
                case THROUGHPUT:
                case BASELINE_THROUGHPUT:
                    if (!(value > 0 && value < 1)) {
                        throw new IllegalArgumentException(kind + ".threshold must be in (0, 1), was " + value);
                    }
                    break;
                case LATENCY:
                    if (!(value > 1 && value < Double.POSITIVE_INFINITY)) {
                        throw new IllegalArgumentException(
                                kind + ".threshold must be a finite ratio above 1, was " + value);
                    }
                    break;
                case DATA_INTEGRITY:
                    if (!(value >= 0 && value == Math.rint(value) && value < Long.MAX_VALUE)) {
                        throw new IllegalArgumentException(
                                kind + ".threshold must be a whole number of failures, 0 or more, was " + value);
                    }
                    break;
                case BREAKER_OPEN:
                    if (value != 0) {
                        throw new IllegalArgumentException(
                                kind + ".threshold must be 0: the trigger fires when the breaker is open, was "
                                        + value);
                    }
                    break;
                case CUSTOM:
                    if (!Double.isFinite(value)) {
                        throw new IllegalArgumentException(kind + ".threshold must be finite, was " + value);
                    }
                    break;
                default:
                    throw new AssertionError(kind);
            }
        }

        private static void checkMinimumSample(TriggerKind kind, long value) {
            if (value < 1) {
                throw new IllegalArgumentException(kind + ".minimumSample must be at least 1, was " + value);
            }
            if ((kind == TriggerKind.DATA_INTEGRITY || kind == TriggerKind.BREAKER_OPEN) && value != 1) {
                throw new IllegalArgumentException(
                        kind + ".minimumSample must be 1: the trigger fires on a single event, was " + value);
            }
        }
    }

    /** Builds {@link TriggerSettings}; every setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private final Map<TriggerKind, Trigger> triggers = new EnumMap<>(TriggerKind.class);
        private final Map<String, CustomTrigger> custom = new LinkedHashMap<>();
        private double confidence = DEFAULT_CONFIDENCE;
        private Duration gracefulRampDuration = DEFAULT_GRACEFUL_RAMP_DURATION;

        private Builder() {
            put(TriggerKind.ERROR_RATE, DEFAULT_ERROR_RATE_THRESHOLD, DEFAULT_ERROR_RATE_MINIMUM_SAMPLE,
                    RollbackAction.IMMEDIATE, RollbackScope.ROUTE);
            put(TriggerKind.LATENCY, DEFAULT_LATENCY_RATIO, DEFAULT_LATENCY_MINIMUM_SAMPLE,
                    RollbackAction.GRACEFUL, RollbackScope.ROUTE);
            put(TriggerKind.THROUGHPUT, DEFAULT_THROUGHPUT_RATIO, DEFAULT_THROUGHPUT_MINIMUM_SAMPLE,
                    RollbackAction.GRACEFUL, RollbackScope.ROUTE);
            put(TriggerKind.BASELINE_THROUGHPUT, DEFAULT_BASELINE_THROUGHPUT_RATIO,
                    DEFAULT_BASELINE_THROUGHPUT_MINIMUM_SAMPLE, RollbackAction.MANUAL, RollbackScope.ROUTE);
            triggers.put(TriggerKind.BASELINE_THROUGHPUT, triggers.get(TriggerKind.BASELINE_THROUGHPUT)
                    .withEnabled(false));
            put(TriggerKind.MISMATCH_RATE, DEFAULT_MISMATCH_RATE_THRESHOLD, DEFAULT_MISMATCH_RATE_MINIMUM_SAMPLE,
                    RollbackAction.IMMEDIATE, RollbackScope.ROUTE);
            put(TriggerKind.DATA_INTEGRITY, DEFAULT_DATA_INTEGRITY_FAILURES_TOLERATED, 1,
                    RollbackAction.IMMEDIATE, RollbackScope.ALL);
            put(TriggerKind.BREAKER_OPEN, 0, 1, RollbackAction.IMMEDIATE, RollbackScope.ROUTE);
        }

        private void put(TriggerKind kind, double threshold, long minimumSample, RollbackAction action,
                RollbackScope scope) {
            triggers.put(kind, new Trigger(kind, true, threshold, minimumSample, action, scope));
        }

        /**
         * Turns a trigger on or off.
         *
         * @param kind the trigger
         * @param enabled whether the trigger is judged at all; a disabled trigger gets no judgement.
         *        {@link TriggerKind#CUSTOM CUSTOM} turns every custom trigger added so far on or off
         * @return this builder
         * @throws NullPointerException if {@code kind} is null
         */
        public Builder enabled(TriggerKind kind, boolean enabled) {
            if (kind == TriggerKind.CUSTOM) {
                custom.replaceAll((name, c) -> c.toBuilder().enabled(enabled).build());
                return this;
            }
            triggers.put(kind, current(kind).withEnabled(enabled));
            return this;
        }

        /**
         * Puts a trigger in dry run, or takes it out: a trigger in dry run is judged and its judgement reported (in
         * the rollout's status, and a warning when it starts failing) but it never acts: no rollback, no freeze, no
         * held step. Watch a new trigger this way before trusting it.
         *
         * @param kind the trigger; {@link TriggerKind#CUSTOM CUSTOM} for every custom trigger added so far
         * @param dryRun true to judge and report only
         * @return this builder
         * @throws NullPointerException if {@code kind} is null
         */
        public Builder dryRun(TriggerKind kind, boolean dryRun) {
            if (kind == TriggerKind.CUSTOM) {
                custom.replaceAll((name, c) -> c.toBuilder().dryRun(dryRun).build());
                return this;
            }
            triggers.put(kind, current(kind).withDryRun(dryRun));
            return this;
        }

        /**
         * Puts every trigger in dry run, or takes every one out: for a route whose rollout a team watches before
         * letting the controller act on it.
         *
         * @param dryRun true to judge and report only
         * @return this builder
         */
        public Builder dryRun(boolean dryRun) {
            for (TriggerKind kind : triggers.keySet()) {
                triggers.put(kind, triggers.get(kind).withDryRun(dryRun));
            }
            custom.replaceAll((name, c) -> c.toBuilder().dryRun(dryRun).build());
            return this;
        }

        /**
         * Adds a custom trigger: a business measure the application records per side, judged like the built-in
         * triggers.
         *
         * @param trigger the trigger
         * @return this builder
         * @throws NullPointerException if {@code trigger} is null
         * @throws IllegalArgumentException if a custom trigger of the same name was added already
         */
        public Builder custom(CustomTrigger trigger) {
            Objects.requireNonNull(trigger, "custom trigger");
            if (custom.containsKey(trigger.name())) {
                throw new IllegalArgumentException("custom trigger '" + trigger.name() + "' is defined twice; "
                        + "give the second one another name with named(...)");
            }
            custom.put(trigger.name(), trigger);
            return this;
        }

        /**
         * Removes the custom trigger of a name, if there is one.
         *
         * @param name the trigger's name
         * @return this builder
         */
        public Builder withoutCustom(String name) {
            custom.remove(name);
            return this;
        }

        /**
         * Sets a trigger's threshold.
         *
         * @param kind the trigger
         * @param threshold the value the trigger's bound is compared with: a rate in {@code (0, 1)} for
         *        {@code ERROR_RATE} and {@code MISMATCH_RATE}; a p95 latency ratio above 1 for {@code LATENCY};
         *        a throughput ratio in {@code (0, 1)} for {@code THROUGHPUT} and {@code BASELINE_THROUGHPUT}; a whole
         *        number of failures
         *        tolerated, 0 or more, for {@code DATA_INTEGRITY}; {@code BREAKER_OPEN} has none and takes 0 only
         * @return this builder
         * @throws NullPointerException if {@code kind} is null
         * @throws IllegalArgumentException if {@code threshold} is out of range for {@code kind}
         */
        public Builder threshold(TriggerKind kind, double threshold) {
            triggers.put(kind, current(kind).withThreshold(threshold));
            return this;
        }

        /**
         * Sets a trigger's minimum sample.
         *
         * @param kind the trigger
         * @param minimumSample the number of observations below which the verdict is inconclusive, at least 1:
         *        modern calls for {@code ERROR_RATE}, timed modern calls for {@code LATENCY}, expected modern
         *        calls for {@code THROUGHPUT}, comparisons for {@code MISMATCH_RATE}; {@code DATA_INTEGRITY} and
         *        {@code BREAKER_OPEN} fire on one event and take 1 only
         * @return this builder
         * @throws NullPointerException if {@code kind} is null
         * @throws IllegalArgumentException if {@code minimumSample} is below 1, or not 1 for a trigger that
         *         fires on one event
         */
        public Builder minimumSample(TriggerKind kind, long minimumSample) {
            triggers.put(kind, current(kind).withMinimumSample(minimumSample));
            return this;
        }

        /**
         * Sets what the rollback a trigger fires does.
         *
         * @param kind the trigger
         * @param action what the rollback the trigger fires does
         * @return this builder
         * @throws NullPointerException if {@code kind} or {@code action} is null
         */
        public Builder action(TriggerKind kind, RollbackAction action) {
            triggers.put(kind, current(kind).withAction(action));
            return this;
        }

        /**
         * Sets which routes the rollback a trigger fires covers.
         *
         * @param kind the trigger
         * @param scope which routes the rollback the trigger fires covers
         * @return this builder
         * @throws NullPointerException if {@code kind} or {@code scope} is null
         */
        public Builder scope(TriggerKind kind, RollbackScope scope) {
            triggers.put(kind, current(kind).withScope(scope));
            return this;
        }

        /**
         * Sets the one-sided confidence of every bound.
         *
         * @param confidence the one-sided confidence level of every bound, in {@code (0.5, 1)}; higher means
         *        fewer false alarms and slower detection
         * @return this builder
         * @throws IllegalArgumentException if {@code confidence} is outside {@code (0.5, 1)}
         */
        public Builder confidence(double confidence) {
            if (!(confidence > 0.5 && confidence < 1)) {
                throw new IllegalArgumentException("confidence must be in (0.5, 1), was " + confidence);
            }
            this.confidence = confidence;
            return this;
        }

        /**
         * Sets how long a graceful rollback takes to ramp modern down.
         *
         * @param duration the time a {@link RollbackAction#GRACEFUL graceful} rollback takes to ramp modern's
         *        share down to 0, positive
         * @return this builder
         * @throws NullPointerException if {@code duration} is null
         * @throws IllegalArgumentException if {@code duration} is zero or negative
         */
        public Builder gracefulRampDuration(Duration duration) {
            Objects.requireNonNull(duration, "gracefulRampDuration");
            if (duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException("gracefulRampDuration must be positive, was " + duration);
            }
            this.gracefulRampDuration = duration;
            return this;
        }

        /**
         * The settings.
         *
         * @return the settings
         */
        public TriggerSettings build() {
            return new TriggerSettings(this);
        }

        private Trigger current(TriggerKind kind) {
            Objects.requireNonNull(kind, "kind");
            if (kind == TriggerKind.CUSTOM) {
                throw new IllegalArgumentException("CUSTOM is not one trigger: add custom triggers with "
                        + "custom(CustomTrigger), and set each one's threshold, action and dry run on its builder");
            }
            return triggers.get(kind);
        }
    }
}
