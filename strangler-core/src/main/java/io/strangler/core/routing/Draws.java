package io.strangler.core.routing;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The random draws of the call path (per-call shadow sampling, the legacy timing sample, the noise and verification
 * samples): {@link ThreadLocalRandom} unless the router was given a generator, which a single-threaded simulation
 * seeds to be repeatable.
 */
final class Draws implements java.util.function.IntUnaryOperator {

    private final RandomGenerator random;

    Draws(RandomGenerator random) {
        this.random = random;
    }

    /**
     * A draw in {@code [0, bound)}.
     *
     * @return a draw in {@code [0, bound)}
     */
    @Override
    public int applyAsInt(int bound) {
        return random == null ? ThreadLocalRandom.current().nextInt(bound) : random.nextInt(bound);
    }
}
