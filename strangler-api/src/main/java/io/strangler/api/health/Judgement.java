package io.strangler.api.health;

import java.util.Objects;

/**
 * The judgement of one trigger over one window of calls, with the numbers a person needs to check it by hand.
 * What the numbers are depends on the trigger:
 *
 * <table>
 * <caption>Meaning of the numbers per trigger</caption>
 * <tr><th>trigger</th><th>{@code n}</th><th>{@code statistic}</th><th>{@code bound}</th><th>{@code threshold}</th></tr>
 * <tr><td>{@link TriggerKind#ERROR_RATE ERROR_RATE}</td><td>modern calls</td><td>modern's error rate</td>
 *     <td>its lower confidence bound</td><td>the highest error rate tolerated</td></tr>
 * <tr><td>{@link TriggerKind#LATENCY LATENCY}</td><td>modern calls timed</td>
 *     <td>share of modern calls slower than the latency ratio times legacy's p95</td>
 *     <td>its lower confidence bound</td><td>0.05: the share of such calls a modern side that is no slower than
 *     the ratio allows may have</td></tr>
 * <tr><td>{@link TriggerKind#THROUGHPUT THROUGHPUT}</td><td>calls on both sides</td>
 *     <td>modern's observed share of the calls divided by its routed share</td>
 *     <td>its upper confidence bound</td><td>the lowest ratio tolerated</td></tr>
 * <tr><td>{@link TriggerKind#BASELINE_THROUGHPUT BASELINE_THROUGHPUT}</td><td>calls on both sides</td>
 *     <td>the route's calls per second divided by the baseline's</td>
 *     <td>its upper confidence bound</td><td>the lowest ratio tolerated</td></tr>
 * <tr><td>{@link TriggerKind#MISMATCH_RATE MISMATCH_RATE}</td><td>shadow comparisons</td><td>the mismatch rate</td>
 *     <td>its lower confidence bound</td><td>the highest mismatch rate tolerated</td></tr>
 * <tr><td>{@link TriggerKind#DATA_INTEGRITY DATA_INTEGRITY}</td><td>integrity failures</td>
 *     <td>integrity failures</td><td>integrity failures</td><td>the number of failures tolerated</td></tr>
 * <tr><td>{@link TriggerKind#BREAKER_OPEN BREAKER_OPEN}</td><td>1: the state, seen once</td><td>1 when open, else 0</td>
 *     <td>the same</td><td>0</td></tr>
 * <tr><td>{@link TriggerKind#CUSTOM CUSTOM}</td><td>modern's recorded values</td>
 *     <td>modern's rate or mean; against legacy, its ratio to legacy's</td>
 *     <td>its confidence bound on the side that fires</td><td>the trigger's threshold or ratio</td></tr>
 * </table>
 *
 * <p>Rates and shares are fractions ({@code 0.05} is 5 %). A number that cannot be computed (a rate over no calls,
 * a latency with no reference) is {@link Double#NaN}, and the explanation says why.
 *
 * @param trigger the trigger judged
 * @param verdict the outcome
 * @param n how many observations the judgement rests on
 * @param statistic the measured value
 * @param bound the confidence bound of the statistic on the side that fires: the lower bound of a value that
 *        fires when high, the upper bound of one that fires when low
 * @param threshold the value the bound is compared with
 * @param explanation one sentence with the numbers, for logs, events and people, e.g. "modern error rate 20.0%
 *        over 100 calls, 95% lower bound 14.3% &gt; threshold 5.0%"
 * @param name the trigger's name: the kind's constant name for a built-in trigger ({@code "ERROR_RATE"}), the
 *        {@linkplain CustomTrigger#name() custom trigger's} name for {@link TriggerKind#CUSTOM CUSTOM}
 */
public record Judgement(TriggerKind trigger, Verdict verdict, long n, double statistic, double bound,
        double threshold, String explanation, String name) {

    /**
     * The judgement of a built-in trigger, named after its kind.
     *
     * @param trigger the trigger judged
     * @param verdict the outcome
     * @param n how many observations the judgement rests on, not negative
     * @param statistic the measured value
     * @param bound the confidence bound of the statistic on the side that fires
     * @param threshold the value the bound is compared with
     * @param explanation one sentence with the numbers
     */
    public Judgement(TriggerKind trigger, Verdict verdict, long n, double statistic, double bound, double threshold,
            String explanation) {
        this(trigger, verdict, n, statistic, bound, threshold, explanation,
                Objects.requireNonNull(trigger, "trigger").name());
    }

    /**
     * Checks the fields.
     *
     * @param trigger the trigger judged
     * @param verdict the outcome
     * @param n how many observations the judgement rests on, not negative
     * @param statistic the measured value
     * @param bound the confidence bound of the statistic on the side that fires
     * @param threshold the value the bound is compared with
     * @param explanation one sentence with the numbers
     * @param name the trigger's name
     * @throws NullPointerException if {@code trigger}, {@code verdict}, {@code explanation} or {@code name} is null
     * @throws IllegalArgumentException if {@code n} is negative, or a built-in trigger's name is not its kind's
     */
    public Judgement {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(name, "name");
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        if (trigger != TriggerKind.CUSTOM && !name.equals(trigger.name())) {
            throw new IllegalArgumentException("a " + trigger + " judgement is named " + trigger + ", was '" + name
                    + "'");
        }
    }

    /**
     * Whether the verdict is {@link Verdict#FAIL}: the trigger fires.
     *
     * @return whether the verdict is {@link Verdict#FAIL}: the trigger fires
     */
    public boolean failed() {
        return verdict == Verdict.FAIL;
    }
}
