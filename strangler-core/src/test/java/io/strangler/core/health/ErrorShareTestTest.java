package io.strangler.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The e-value of the error-rate trigger's comparison: large when modern makes far more than its share of the
 * errors, at most 1 when it makes its share or less, and, when both sides are alike, reaching 20 at any of the
 * first 2,000 errors in at most 5 % of 1,000 seeded sequences (Ville's inequality: it is a test martingale).
 */
class ErrorShareTestTest {

    @Test
    void evidenceGrowsWithModernsExcessShare() {
        assertThat(ErrorShareTest.eValue(20, 24, 0.1)).isGreaterThan(1e9);
        assertThat(ErrorShareTest.eValue(5, 50, 0.1)).isLessThan(1);
        assertThat(ErrorShareTest.eValue(0, 0, 0.5)).isEqualTo(1);
        assertThat(ErrorShareTest.eValue(3, 5, 1.0)).isEqualTo(1);
        assertThat(ErrorShareTest.threshold(0.95)).isCloseTo(500, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void lookingAtEveryErrorOfAlikeSidesRarelyReachesTheThreshold() {
        SplittableRandom random = new SplittableRandom(11);
        int crossed = 0;
        for (int run = 0; run < 1_000; run++) {
            double share = 0.05 + 0.9 * random.nextDouble();
            long modern = 0;
            for (long errors = 1; errors <= 2_000; errors++) {
                if (random.nextDouble() < share) {
                    modern++;
                }
                if (ErrorShareTest.eValue(modern, errors, share) >= 20) {
                    crossed++;
                    break;
                }
            }
        }
        assertThat(crossed).as("sequences of 1,000 that ever reached 20").isLessThanOrEqualTo(50);
    }
}
