package io.strangler.core.health;

/**
 * Newcombe's hybrid score interval for the difference of two independent proportions {@code p1 - p2} (method 10
 * of Newcombe, Statistics in Medicine 17, 1998, pp. 873-890): each proportion gets its Wilson interval
 * {@code [l, u]} at the same {@code z}, and
 *
 * <pre>
 * lower = (p1 - p2) - sqrt((p1 - l1)² + (u2 - p2)²)
 * upper = (p1 - p2) + sqrt((u1 - p1)² + (p2 - l2)²)
 * </pre>
 *
 * <p>With {@code z} the quantile of a one-sided confidence {@code c}, {@code lower > 0} says, at confidence
 * {@code c}, that the first proportion is the larger. It behaves well with zero counts and small samples, where the
 * Wald difference does not.
 *
 * @param estimate {@code p1 - p2}
 * @param lower the lower bound of the difference
 * @param upper the upper bound of the difference
 */
record NewcombeInterval(double estimate, double lower, double upper) {

    /**
     * The interval of {@code first - second}.
     *
     * @param first the first proportion's Wilson interval, over at least one trial
     * @param second the second proportion's Wilson interval at the same {@code z}, over at least one trial
     * @return the interval of {@code first - second}
     * @throws IllegalArgumentException if either is over no trial
     */
    static NewcombeInterval of(WilsonInterval first, WilsonInterval second) {
        if (first.n() == 0 || second.n() == 0) {
            throw new IllegalArgumentException(
                    "both proportions need trials, were n=" + first.n() + " and n=" + second.n());
        }
        double p1 = first.estimate();
        double p2 = second.estimate();
        double d = p1 - p2;
        double lower = d - Math.hypot(p1 - first.lower(), second.upper() - p2);
        double upper = d + Math.hypot(first.upper() - p1, p2 - second.lower());
        return new NewcombeInterval(d, lower, upper);
    }
}
