package io.strangler.core.health;

import static io.strangler.core.health.Readable.count;
import static io.strangler.core.health.Readable.percent;

import io.strangler.api.health.Judgement;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings.Trigger;
import io.strangler.api.health.Verdict;

/**
 * A rate with its one-sided Wilson bounds, set against a trigger's threshold and minimum sample: the part the
 * error-rate, mismatch-rate and legacy-after-rollback rules share. It says where the rate stands (too few
 * observations, bound above the threshold, bound below it, or bounds straddling it), writes the matching sentence
 * with the numbers, and makes the judgement; a rule that needs more (the error rate's comparison with legacy)
 * decides between those positions itself. Immutable.
 */
final class RateAgainstThreshold {

    private final TriggerKind kind;
    private final WilsonInterval rate;
    private final Trigger trigger;
    private final Confidence confidence;
    private final String observations;
    private final String head;

    private RateAgainstThreshold(TriggerKind kind, WilsonInterval rate, Trigger trigger, Confidence confidence,
            String observations, String head) {
        this.kind = kind;
        this.rate = rate;
        this.trigger = trigger;
        this.confidence = confidence;
        this.observations = observations;
        this.head = head;
    }

    /**
     * The rate against the threshold.
     *
     * @param kind the trigger the judgement is reported as
     * @param name what the rate is, as the sentence starts: "modern error rate"
     * @param k the events counted (errors, mismatches)
     * @param n the observations (calls, comparisons)
     * @param observation one observation, for the sentence: "call"
     * @param observations several: "calls"
     * @param trigger the threshold and minimum sample
     * @param confidence the confidence of the bounds
     * @return the rate against the threshold
     * @throws IllegalArgumentException if {@code k} is outside {@code [0, n]}
     */
    static RateAgainstThreshold of(TriggerKind kind, String name, long k, long n, String observation,
            String observations, Trigger trigger, Confidence confidence) {
        WilsonInterval rate = WilsonInterval.of(k, n, confidence.z());
        String head = name + " " + percent(rate.estimate()) + " over " + count(n, observation, observations);
        return new RateAgainstThreshold(kind, rate, trigger, confidence, observations, head);
    }

    /**
     * The plain rule: <b>FAIL</b> when the lower bound is above the threshold, <b>PASS</b> when the upper bound is
     * below it, otherwise (or below the minimum sample) <b>INCONCLUSIVE</b>.
     *
     * @return the judgement
     */
    Judgement judge() {
        if (tooFew()) {
            return judgement(Verdict.INCONCLUSIVE, tooFewText());
        }
        if (above()) {
            return judgement(Verdict.FAIL, aboveText());
        }
        if (below()) {
            return judgement(Verdict.PASS, belowText());
        }
        return judgement(Verdict.INCONCLUSIVE, straddlesText());
    }

    /**
     * Whether there are fewer observations than the trigger's minimum sample.
     *
     * @return whether there are fewer observations than the trigger's minimum sample
     */
    boolean tooFew() {
        return rate.n() < trigger.minimumSample();
    }

    /**
     * Whether the lower bound is above the threshold.
     *
     * @return whether the lower bound is above the threshold
     */
    boolean above() {
        return rate.lower() > trigger.threshold();
    }

    /**
     * Whether the upper bound is below the threshold.
     *
     * @return whether the upper bound is below the threshold
     */
    boolean below() {
        return rate.upper() < trigger.threshold();
    }

    /**
     * Whether the observed rate itself is at most the threshold.
     *
     * @return whether the observed rate itself is at most the threshold
     */
    boolean estimateWithin() {
        return rate.estimate() <= trigger.threshold();
    }

    /**
     * The rate and its sample: "modern error rate 20.0% over 100 calls".
     *
     * @return the rate and its sample: "modern error rate 20.0% over 100 calls"
     */
    String head() {
        return head;
    }

    /**
     * The sentence for too few observations.
     *
     * @return the sentence for too few observations
     */
    String tooFewText() {
        return head + ": too few " + observations + " to judge (minimum " + trigger.minimumSample() + ")";
    }

    /**
     * The sentence for a lower bound above the threshold.
     *
     * @return the sentence for a lower bound above the threshold
     */
    String aboveText() {
        return head + ", " + confidence.label() + " lower bound " + percent(rate.lower()) + " > threshold "
                + percent(trigger.threshold());
    }

    /**
     * The sentence for an upper bound below the threshold.
     *
     * @return the sentence for an upper bound below the threshold
     */
    String belowText() {
        return head + ", " + confidence.label() + " upper bound " + percent(rate.upper()) + " < threshold "
                + percent(trigger.threshold());
    }

    /**
     * The sentence for bounds on either side of the threshold.
     *
     * @return the sentence for bounds on either side of the threshold
     */
    String straddlesText() {
        return head + ", " + confidence.label() + " bounds " + percent(rate.lower()) + " and "
                + percent(rate.upper()) + " straddle threshold " + percent(trigger.threshold());
    }

    /**
     * The rate's interval, for a rule that compares it with something else.
     *
     * @return the rate's interval, for a rule that compares it with something else
     */
    WilsonInterval rate() {
        return rate;
    }

    /**
     * The judgement of this rate: its sample, estimate, lower bound and the threshold.
     *
     * @param verdict the verdict
     * @param explanation the sentence
     * @return the judgement of this rate: its sample, estimate, lower bound and the threshold
     */
    Judgement judgement(Verdict verdict, String explanation) {
        return new Judgement(kind, verdict, rate.n(), rate.estimate(), rate.lower(), trigger.threshold(),
                explanation);
    }
}
