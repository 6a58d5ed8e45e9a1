package io.strangler.core.health;

/**
 * Whether modern fails more often than legacy on the same traffic, by a test that stays valid however often the
 * judge looks. Under "modern fails as often as legacy", each error of the window is modern's with probability
 * {@code q}, modern's share of the calls (0.5 for the discordant pairs of shadowed requests); the e-value is the
 * likelihood ratio of "modern's errors are θ times as likely" against that, mixed evenly over θ in
 * {1.25, 1.5, 2, 3, 5, 10}. Taken error by error it is a test martingale, so by Ville's inequality it ever reaches
 * {@code 1/α} with probability at most α when both sides are alike, however often it is looked at as errors come.
 * The judge looks at sliding windows, not one growing sequence, so it asks for {@value #LOOKS} times that (see
 * {@link #threshold}). The price is evidence: a modern side twice as bad as legacy needs some 40 to 60 errors in the
 * window to be told apart, ten times as bad a handful.
 */
final class ErrorShareTest {

    private static final double[] RISKS = {1.25, 1.5, 2, 3, 5, 10};
    /**
     * How much more evidence than one window's test needs the judge asks for, since it looks at a new window, which
     * overlaps the last, at every tick: see {@link #threshold}.
     */
    static final double LOOKS = 25;

    private ErrorShareTest() {
    }

    /**
     * The e-value against "modern fails as often as legacy".
     *
     * @param modernErrors the errors that were modern's
     * @param errors all errors
     * @param modernShare modern's share of the calls, in {@code (0, 1)}
     * @return the e-value, 1 or less when the errors say nothing or say modern is no worse
     */
    static double eValue(long modernErrors, long errors, double modernShare) {
        if (errors <= 0 || !(modernShare > 0 && modernShare < 1)) {
            return 1;
        }
        double logSum = Double.NEGATIVE_INFINITY;
        for (double risk : RISKS) {
            double log = modernErrors * Math.log(risk) - errors * Math.log(risk * modernShare + 1 - modernShare);
            logSum = logSum == Double.NEGATIVE_INFINITY ? log
                    : Math.max(logSum, log) + Math.log1p(Math.exp(-Math.abs(logSum - log)));
        }
        return Math.exp(logSum - Math.log(RISKS.length));
    }

    /**
     * The e-value at or above which modern is worse at the given confidence. One window's e-value reaching
     * {@code 1 / (1 - confidence)} is a valid test of that window, however the window was reached; but the judge
     * tests a new window, overlapping the last, at every tick, and the windows' errors are not one sequence, so
     * the threshold is {@value #LOOKS} times that: measured to hold two equally bad sides to at most 1 % of 10-minute
     * rollouts judged every second (`EquallyBadSidesTest`), while a side ten times as bad is still told apart
     * within a few errors.
     *
     * @param confidence e.g. 0.95
     * @return {@code 25 / (1 - confidence)}, 500 at 95 %
     */
    static double threshold(double confidence) {
        return LOOKS / (1 - confidence);
    }
}
