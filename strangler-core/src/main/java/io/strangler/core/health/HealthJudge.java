package io.strangler.core.health;

import io.strangler.api.health.CustomTrigger;
import io.strangler.api.health.Judgement;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings;
import io.strangler.api.health.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Judges one {@link HealthWindow} against {@link TriggerSettings}: one {@link Judgement} per enabled trigger, the
 * built-in ones in the order of {@link TriggerKind}'s constants, then the custom ones in the order they were added.
 * Stateless and thread-safe; a pure function of its arguments.
 *
 * <p>No trigger fires on noise: every rate is judged by a one-sided Wilson score bound at the settings'
 * {@linkplain TriggerSettings#confidence() confidence} {@code c} (default 95 %, z = 1.6449), never by the raw
 * ratio, and below a trigger's minimum sample the verdict is {@link Verdict#INCONCLUSIVE}. The rules, with
 * {@code t} the trigger's threshold and {@code [L, U]} the one-sided lower and upper bounds:
 *
 * <dl>
 * <dt>{@link TriggerKind#ERROR_RATE ERROR_RATE} (n = modern calls)</dt>
 * <dd>Modern is compared with a reference by an e-value ({@code ErrorShareTest}) that must reach
 *     {@code 25 / (1 - c)}, 500 at 95 %: one window's e-value is a valid test whenever it is looked at, and the 25
 *     allows for the overlapping windows the judge looks at tick after tick. Paired first: when
 *     the window holds at least the minimum sample of shadow comparisons (requests both sides answered) and on some
 *     of them exactly one side failed, "worse" = the discordant pairs were modern's more often than a fair coin
 *     allows (as McNemar's test; errors both sides make on the same bad requests cancel out). Else legacy in the
 *     same window when legacy has at least the minimum sample of calls ("worse" = modern made more of the window's
 *     errors than its share of the calls allows); else the legacy baseline ("worse" = {@code L} above the baseline
 *     error rate); else there is no reference and modern counts as worse.
 *     <b>FAIL</b> when {@code L > t} and modern is worse than the reference.
 *     <b>PASS</b> when {@code U < t}, or when there is a reference, modern is not worse than it, and the observed
 *     rate is at most {@code t}.
 *     Otherwise <b>INCONCLUSIVE</b>, which includes {@code L > t} with legacy just as bad: rolling back would not
 *     help.</dd>
 * <dt>{@link TriggerKind#LATENCY LATENCY} (n = timed modern calls)</dt>
 * <dd>The reference is an upper confidence bound (at {@code c}) of legacy's p95 in the same window when legacy has
 *     at least the minimum sample of timed calls ({@link HealthWindow.SideWindow#latencyAtPercentileUpperBound}: a p95
 *     drawn from a few dozen calls is often low, and would make an A/A pair look slow), else the baseline's bound;
 *     with neither, INCONCLUSIVE. The line is {@code t ×} reference. If modern's p95 were no
 *     more than the line, at most 5 % of modern calls would be slower than the line; so with {@code [L, U]} the
 *     exact (Clopper-Pearson) bounds of the share of modern calls slower than the line, exact because those calls
 *     are rare events on which Wilson's bounds are optimistic: <b>FAIL</b> when {@code L > 5 %}, <b>PASS</b> when
 *     {@code U < 5 %}, else INCONCLUSIVE. An exact-count test: it works on small samples (3× slower over 30 calls
 *     fails) and needs no distribution. It is not paired on shadowed requests on purpose: the ratio of two calls'
 *     latencies is far noisier than either side's p95 (of two draws of the same log-normal with sigma 0.3, the
 *     first is more than twice the second in 5 % of pairs), so a per-request 2× rule would fire on identical
 *     implementations.</dd>
 * <dt>{@link TriggerKind#THROUGHPUT THROUGHPUT} (n = calls on both sides)</dt>
 * <dd>Modern's observed share of the calls, {@code modern / (legacy + modern)}, has bounds {@code [L, U]};
 *     divided by the {@linkplain HealthWindow#modernRoutedShare() routed share} {@code s} they bound the
 *     throughput ratio. INCONCLUSIVE while {@code s ×} calls is below the minimum sample (or {@code s} is unknown).
 *     <b>FAIL</b> when {@code U / s < t}, <b>PASS</b> when {@code L / s ≥ t}, else INCONCLUSIVE.</dd>
 * <dt>{@link TriggerKind#BASELINE_THROUGHPUT BASELINE_THROUGHPUT} (n = calls on both sides)</dt>
 * <dd>The window's calls {@code N} over its length against the legacy baseline's calls per second {@code r}
 *     (captured while legacy served every call; a stand-in baseline has none): {@code [L, U]} are Poisson bounds of
 *     {@code N} (Wilson and Hilferty's approximation) divided by the expected {@code r ×} seconds. INCONCLUSIVE
 *     without a baseline throughput, or while the expected calls are below the minimum sample. <b>FAIL</b> when
 *     {@code U < t}, <b>PASS</b> when {@code L ≥ t}, else INCONCLUSIVE.</dd>
 * <dt>{@link TriggerKind#MISMATCH_RATE MISMATCH_RATE} (n = shadow comparisons)</dt>
 * <dd><b>FAIL</b> when {@code L > t}, <b>PASS</b> when {@code U < t}, else INCONCLUSIVE. A mismatch is already a
 *     comparison with legacy, so there is no second one.</dd>
 * <dt>{@link TriggerKind#DATA_INTEGRITY DATA_INTEGRITY} (n = failures)</dt>
 * <dd><b>FAIL</b> when the failures exceed the number tolerated (default 0: the first failure), else PASS.</dd>
 * <dt>{@link TriggerKind#BREAKER_OPEN BREAKER_OPEN} (n = 1)</dt>
 * <dd><b>FAIL</b> while modern's breaker is open, else PASS.</dd>
 * <dt>{@link TriggerKind#CUSTOM CUSTOM} (n = modern's recorded values of the measure)</dt>
 * <dd>Below the minimum sample on modern (and on legacy, against legacy) INCONCLUSIVE. A
 *     {@linkplain CustomTrigger#rate rate} against a fixed threshold is judged like the mismatch rate, by its Wilson
 *     bounds (mirrored for a rate that fires when low). A {@linkplain CustomTrigger#mean mean}, or anything against
 *     legacy, by the difference {@code D} between modern's mean and the line (the threshold, or the ratio times
 *     legacy's mean in the same window) with its variance {@code V} from both sides' sample variances:
 *     <b>PASS</b> when the normal bound at {@code c} is on the safe side of the line; <b>FAIL</b> when {@code D} is
 *     on the side that fires and the normal-mixture SPRT e-value {@code sqrt(V / (V + τ²)) exp(τ² D² / (2 V (V +
 *     τ²)))}, with {@code τ} a tenth of the line, reaches {@code 25 / (1 - c)} as the error-rate comparison must;
 *     else INCONCLUSIVE. A rate trigger whose measure holds values other than 0 and 1 is INCONCLUSIVE and says so.
 *     </dd>
 * </dl>
 *
 * <p>Measured with the defaults by seeded simulation (see {@code HealthJudgeSimulationTest}): over 2,000 windows
 * where modern behaves like legacy (200 to 4,000 calls, routed share 10 % to 90 %, 1 % errors and the same
 * latencies on both sides, 0.2 % benign mismatches), no trigger failed once; with modern failing 20 % of calls
 * against legacy's 0.5 %, judged every 5 modern calls, the error-rate trigger failed at the minimum sample of 30
 * modern calls in 88.5 % of 1,000 runs, by 50 calls in 97.4 % and by 120 calls in all of them. At the
 * threshold itself (a true rate of exactly 5 % over 30 to 300 calls, nothing to compare with) it fails in about
 * 6 % of windows: the 5 % a 95 % bound allows, plus the Wilson bound's slight optimism on small samples.
 *
 * <pre>{@code
 * List<Judgement> judgements = new HealthJudge().judge(window, TriggerSettings.ofDefaults());
 * judgements.stream().filter(Judgement::failed).findFirst().ifPresent(rollback::fire);
 * }</pre>
 */
public final class HealthJudge {

    private static final Map<TriggerKind, TriggerRule> RULES = new EnumMap<>(TriggerKind.class);
    private static final TriggerRule LEGACY_ERROR_RATE = new LegacyErrorRateRule();

    static {
        RULES.put(TriggerKind.ERROR_RATE, new ErrorRateRule());
        RULES.put(TriggerKind.LATENCY, new LatencyRule());
        RULES.put(TriggerKind.THROUGHPUT, new ThroughputRule());
        RULES.put(TriggerKind.BASELINE_THROUGHPUT, new BaselineThroughputRule());
        RULES.put(TriggerKind.MISMATCH_RATE, new MismatchRateRule());
        RULES.put(TriggerKind.DATA_INTEGRITY, new DataIntegrityRule());
        RULES.put(TriggerKind.BREAKER_OPEN, new BreakerOpenRule());
    }

    /** A judge; it holds no state, so one instance can serve every route. */
    public HealthJudge() {
    }

    /**
     * Judges every enabled trigger.
     *
     * @param window what the route did in the window
     * @param settings the triggers and the confidence
     * @return one judgement per enabled trigger, the built-in ones in the order of {@link TriggerKind}'s constants,
     *     then the custom ones in the order they were added; unmodifiable
     * @throws NullPointerException if an argument is null
     */
    public List<Judgement> judge(HealthWindow window, TriggerSettings settings) {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(settings, "settings");
        Confidence confidence = Confidence.of(settings.confidence());
        List<Judgement> judgements = new ArrayList<>(RULES.size());
        for (TriggerKind kind : settings.enabledTriggers()) {
            judgements.add(RULES.get(kind).judge(window, settings.trigger(kind), confidence));
        }
        for (CustomTrigger custom : settings.customTriggers()) {
            if (custom.trigger().enabled()) {
                judgements.add(CustomTriggerRule.judge(window, custom, confidence));
            }
        }
        return List.copyOf(judgements);
    }

    /**
     * Judges legacy's error rate on its own, against the {@link TriggerKind#ERROR_RATE ERROR_RATE} trigger's threshold
     * and minimum sample: after a rollback, whether legacy, now serving every call, is healthy. <b>FAIL</b> when the
     * lower bound of legacy's error rate is above the threshold, <b>PASS</b> when the upper bound is below it,
     * otherwise (or below the minimum sample of legacy calls) <b>INCONCLUSIVE</b>. The judgement's trigger is
     * {@code ERROR_RATE}, its numbers are legacy's.
     *
     * @param window what the route did in the window
     * @param settings the triggers and the confidence; the error-rate trigger is used even if disabled
     * @return the judgement
     * @throws NullPointerException if an argument is null
     */
    public Judgement judgeLegacyErrorRate(HealthWindow window, TriggerSettings settings) {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(settings, "settings");
        return LEGACY_ERROR_RATE.judge(window, settings.trigger(TriggerKind.ERROR_RATE),
                Confidence.of(settings.confidence()));
    }
}
