package io.strangler.examples.demo;

import java.util.SplittableRandom;

/** Seeded generators, one per purpose, all from the run's seed: the same seed draws the same run. */
final class Seeds {

    private Seeds() {
    }

    /**
     * A generator of its own for one purpose.
     *
     * @param seed the run's seed
     * @param purpose what the draws are for, e.g. {@code "cache-manager/modern@a"}; stable across runs
     * @return the generator
     */
    static SplittableRandom of(long seed, String purpose) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + purpose.hashCode());
    }
}
