package io.strangler.core.health;

import static io.strangler.core.health.Readable.percent;

import io.strangler.api.RouteStats;
import io.strangler.api.health.CustomTrigger;
import io.strangler.api.health.CustomTrigger.Direction;
import io.strangler.api.health.CustomTrigger.Reference;
import io.strangler.api.health.CustomTrigger.Statistic;
import io.strangler.api.health.Judgement;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.Verdict;
import java.util.Locale;

/**
 * A {@link CustomTrigger}'s rule. See {@link HealthJudge} for what it does; in short: a rate against a fixed
 * threshold is judged by its Wilson bounds, like the mismatch rate; a mean, or anything compared with legacy, by a
 * normal mixture sequential probability ratio test (mSPRT) on the difference between modern's value and the line,
 * an e-value that must reach the error-rate trigger's {@code 25 / (1 - c)} to fail, with a plain normal bound at
 * {@code c} to pass.
 */
final class CustomTriggerRule {

    private CustomTriggerRule() {
    }

    static Judgement judge(HealthWindow window, CustomTrigger trigger, Confidence confidence) {
        RouteStats.MeasureStats figures = window.measure(trigger.measure());
        RouteStats.Moments modern = figures.modern();
        RouteStats.Moments legacy = figures.legacy();
        boolean rate = trigger.statistic() == Statistic.RATE;
        boolean againstLegacy = trigger.reference() == Reference.LEGACY;
        String what = rate ? "success rate" : "mean";
        String unit = rate ? "outcomes" : "values";
        long minimum = trigger.trigger().minimumSample();
        String head = trigger.name() + ": modern's " + what + " " + value(rate, modern.mean()) + " over "
                + modern.count() + " " + unit;
        if (againstLegacy) {
            head += " against legacy's " + value(rate, legacy.mean()) + " over " + legacy.count();
        }
        if (rate && (!binary(modern) || againstLegacy && !binary(legacy))) {
            return judgement(trigger, Verdict.INCONCLUSIVE, modern, legacy, Double.NaN, head + ": measure '"
                    + trigger.measure() + "' holds values other than 0 and 1; record it with recordOutcome, or "
                    + "judge it with a mean trigger");
        }
        long least = againstLegacy || !rate ? Math.max(2, minimum) : minimum;
        if (modern.count() < least || againstLegacy && legacy.count() < least) {
            return judgement(trigger, Verdict.INCONCLUSIVE, modern, legacy, Double.NaN, head + ": too few " + unit
                    + " to judge (minimum " + least + (againstLegacy ? " on each side)" : ")"));
        }
        if (rate && !againstLegacy) {
            return wilson(trigger, modern, legacy, confidence, head);
        }
        return sequential(trigger, modern, legacy, confidence, head);
    }

    /** A rate against a fixed threshold: its Wilson bounds. */
    private static Judgement wilson(CustomTrigger trigger, RouteStats.Moments modern, RouteStats.Moments legacy,
            Confidence confidence, String head) {
        WilsonInterval w = WilsonInterval.of(Math.round(modern.sum()), modern.count(), confidence.z());
        double t = trigger.threshold();
        String label = confidence.label();
        if (trigger.direction() == Direction.ABOVE) {
            if (w.lower() > t) {
                return judgement(trigger, Verdict.FAIL, modern, legacy, w.lower(), head + ", " + label + " lower bound "
                        + percent(w.lower()) + " > threshold " + percent(t));
            }
            if (w.upper() < t) {
                return judgement(trigger, Verdict.PASS, modern, legacy, w.lower(), head + ", " + label + " upper bound "
                        + percent(w.upper()) + " < threshold " + percent(t));
            }
            return judgement(trigger, Verdict.INCONCLUSIVE, modern, legacy, w.lower(), head + ", " + label + " bounds "
                    + percent(w.lower()) + " and " + percent(w.upper()) + " straddle threshold " + percent(t));
        }
        if (w.upper() < t) {
            return judgement(trigger, Verdict.FAIL, modern, legacy, w.upper(), head + ", " + label + " upper bound "
                    + percent(w.upper()) + " < threshold " + percent(t));
        }
        if (w.lower() > t) {
            return judgement(trigger, Verdict.PASS, modern, legacy, w.upper(), head + ", " + label + " lower bound "
                    + percent(w.lower()) + " > threshold " + percent(t));
        }
        return judgement(trigger, Verdict.INCONCLUSIVE, modern, legacy, w.upper(), head + ", " + label + " bounds "
                + percent(w.lower()) + " and " + percent(w.upper()) + " straddle threshold " + percent(t));
    }

    /**
     * A mean, or a comparison with legacy: the difference {@code D} between modern's mean and the line (the
     * threshold, or the ratio times legacy's mean), its variance {@code V} from both sides' sample variances, and
     * the mSPRT e-value of a normal mixture with scale {@code τ} (a tenth of the line, or one standard deviation
     * of modern's values when the line is 0): {@code sqrt(V / (V + τ²)) exp(τ² D² / (2 V (V + τ²)))}.
     */
    private static Judgement sequential(CustomTrigger trigger, RouteStats.Moments modern, RouteStats.Moments legacy,
            Confidence confidence, String head) {
        boolean againstLegacy = trigger.reference() == Reference.LEGACY;
        double t = trigger.threshold();
        double line = againstLegacy ? t * legacy.mean() : t;
        double d = modern.mean() - line;
        double v = modern.variance() / modern.count()
                + (againstLegacy ? t * t * legacy.variance() / legacy.count() : 0);
        double sign = trigger.direction() == Direction.ABOVE ? 1 : -1;
        double se = Math.sqrt(v);
        // modern's value at its confidence bound on the side that fires, as a value or a ratio of legacy's
        double boundD = d - sign * confidence.z() * se;
        double bound = againstLegacy ? (legacy.mean() != 0 ? t + boundD / legacy.mean() : Double.NaN)
                : line + boundD;
        String lineText = againstLegacy ? number(t) + "x legacy's (" + value(trigger.statistic() == Statistic.RATE,
                line) + ")" : value(trigger.statistic() == Statistic.RATE, line);
        String boundText = confidence.label() + (sign > 0 ? " lower" : " upper") + " bound "
                + (againstLegacy ? number(bound) + "x legacy's" : value(trigger.statistic() == Statistic.RATE, bound));
        if (sign * d + confidence.z() * se < 0) {
            return judgement(trigger, Verdict.PASS, modern, legacy, bound, head + ", " + confidence.label()
                    + (sign > 0 ? " upper" : " lower") + " bound on the safe side of " + lineText);
        }
        double threshold = ErrorShareTest.threshold(confidence.level());
        double e = sign * d > 0 ? eValue(d, v, tau(line, modern)) : 1;
        String evidence = "mixture SPRT e-value " + eText(e) + (e >= threshold ? " >= " : " < ")
                + String.format(Locale.ROOT, "%.0f", threshold);
        if (e >= threshold) {
            return judgement(trigger, Verdict.FAIL, modern, legacy, bound, head + ", " + boundText + (sign > 0 ? " > " : " < ")
                    + lineText + "; " + evidence);
        }
        return judgement(trigger, Verdict.INCONCLUSIVE, modern, legacy, bound, head + ", " + boundText + " against "
                + lineText + "; " + evidence);
    }

    /**
     * The mixture's scale: a tenth of the line (effects of some 5 to 30 % of it are those a trigger is for), else one
     * standard deviation of modern's values, else 1.
     */
    private static double tau(double line, RouteStats.Moments modern) {
        if (line != 0 && Double.isFinite(line)) {
            return 0.1 * Math.abs(line);
        }
        double sd = Math.sqrt(modern.variance());
        return sd > 0 ? sd : 1;
    }

    /** The normal-mixture e-value of an estimate {@code d} with variance {@code v} against 0. */
    static double eValue(double d, double v, double tau) {
        if (v <= 0) {
            return d != 0 ? Double.POSITIVE_INFINITY : 1;
        }
        double t2 = tau * tau;
        double log = 0.5 * Math.log(v / (v + t2)) + t2 * d * d / (2 * v * (v + t2));
        return Math.exp(Math.min(log, 700));
    }

    /** Whether every value is 0 or 1: the sum is whole, within [0, n], and equals the sum of squares. */
    private static boolean binary(RouteStats.Moments m) {
        double tolerance = 1e-6 * Math.max(1, m.count());
        return m.sum() >= -tolerance && m.sum() <= m.count() + tolerance
                && Math.abs(m.sum() - Math.rint(m.sum())) <= tolerance
                && Math.abs(m.sumOfSquares() - m.sum()) <= tolerance;
    }

    private static String value(boolean rate, double v) {
        return rate ? percent(v) : number(v);
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.3g", v);
    }

    private static String eText(double e) {
        return e >= 1e4 ? String.format(Locale.ROOT, "%.1e", e) : String.format(Locale.ROOT, "%.1f", e);
    }

    private static Judgement judgement(CustomTrigger trigger, Verdict verdict, RouteStats.Moments modern,
            RouteStats.Moments legacy, double bound, String explanation) {
        double statistic = trigger.reference() == Reference.LEGACY
                ? (legacy.count() > 0 && legacy.mean() != 0 ? modern.mean() / legacy.mean() : Double.NaN)
                : modern.mean();
        return new Judgement(TriggerKind.CUSTOM, verdict, Math.max(0, modern.count()), statistic, bound,
                trigger.threshold(), explanation, trigger.name());
    }
}
