package io.strangler.core.health;

/**
 * Wilson's score interval for a proportion: {@code k} successes in {@code n} trials. With {@code z} the normal
 * quantile of a one-sided confidence {@code c}, {@link #lower()} is a lower bound and {@link #upper()} an upper
 * bound of the true proportion, each at confidence {@code c} (together a two-sided {@code 2c - 1} interval).
 * Unlike the textbook {@code p ± z·sqrt(p(1-p)/n)} it stays inside {@code [0, 1]} and does not collapse to a
 * point at {@code k = 0} or {@code k = n}.
 *
 * <pre>
 * centre = (p + z²/2n) / (1 + z²/n)
 * half   = z / (1 + z²/n) · sqrt(p(1 - p)/n + z²/4n²)
 * </pre>
 *
 * @param k the successes (errors, mismatches, ...)
 * @param n the trials
 * @param estimate {@code k / n}, or NaN when {@code n} is 0
 * @param lower the lower bound, exactly 0 when {@code k} is 0
 * @param upper the upper bound, exactly 1 when {@code k} is {@code n}
 */
record WilsonInterval(long k, long n, double estimate, double lower, double upper) {

    /**
     * The interval.
     *
     * @param k the successes, in {@code [0, n]}
     * @param n the trials, 0 or more; with none the interval is {@code [0, 1]}
     * @param z the normal quantile of the one-sided confidence, positive
     * @return the interval
     * @throws IllegalArgumentException if {@code k} is outside {@code [0, n]} or {@code z} is not positive
     */
    static WilsonInterval of(long k, long n, double z) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("k must be in [0, n], was k=" + k + ", n=" + n);
        }
        if (!(z > 0)) {
            throw new IllegalArgumentException("z must be positive, was " + z);
        }
        if (n == 0) {
            return new WilsonInterval(0, 0, Double.NaN, 0, 1);
        }
        double p = (double) k / n;
        double z2n = z * z / n;
        double denominator = 1 + z2n;
        double centre = (p + z2n / 2) / denominator;
        double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2n / (4.0 * n));
        double lower = k == 0 ? 0 : Math.max(0, centre - half);
        double upper = k == n ? 1 : Math.min(1, centre + half);
        return new WilsonInterval(k, n, p, lower, upper);
    }
}
