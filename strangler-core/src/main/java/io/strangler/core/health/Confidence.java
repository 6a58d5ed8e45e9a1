package io.strangler.core.health;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A one-sided confidence level and its normal quantile.
 *
 * @param level the confidence, in {@code (0.5, 1)}
 * @param z the standard normal quantile of {@code level}: 1.6449 for 0.95
 */
record Confidence(double level, double z) {

    /**
     * The level with its quantile.
     *
     * @param level the confidence, in {@code (0.5, 1)}
     * @return the level with its quantile
     * @throws IllegalArgumentException if {@code level} is outside {@code (0.5, 1)}
     */
    static Confidence of(double level) {
        if (!(level > 0.5 && level < 1)) {
            throw new IllegalArgumentException("confidence must be in (0.5, 1), was " + level);
        }
        return new Confidence(level, NormalQuantile.inverseCdf(level));
    }

    /**
     * The level as people write it: "95%", "97.5%".
     *
     * @return the level as people write it: "95%", "97.5%"
     */
    String label() {
        return new BigDecimal(level * 100).round(new MathContext(6)).stripTrailingZeros().toPlainString() + "%";
    }
}
