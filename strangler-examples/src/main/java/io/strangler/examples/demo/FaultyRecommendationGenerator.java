package io.strangler.examples.demo;

import io.strangler.examples.cv.JobMatch;
import io.strangler.examples.cv.RecommendationGenerator;
import io.strangler.examples.cv.TargetRole;
import io.strangler.test.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The modern recommendation generator as deployed: the module's code, plus what the running {@link ModelRelease}
 * gets wrong. Sits inside the side's {@link SimulatedService}, so its extra latency adds to the side's own.
 */
final class FaultyRecommendationGenerator implements RecommendationGenerator {

    /** The share of calls that fail under {@link FaultKind#ERRORS}. */
    static final double ERROR_RATE = 0.20;
    /** How many times its usual latency a call takes under {@link FaultKind#LATENCY}. */
    static final double SLOWDOWN = 5;
    /** The share of answers that differ under {@link FaultKind#MISMATCH}. */
    static final double MISMATCH_RATE = 0.12;

    private final RecommendationGenerator module;
    private final ModelRelease release;
    private final VirtualTime time;
    private final Latency latency;
    private final RandomGenerator random;

    /**
     * The deployed generator.
     *
     * @param module the module's code
     * @param release the release running
     * @param time the time a slow call takes
     * @param latency the side's usual latency, which a slow call multiplies
     * @param random the side's seeded draws
     */
    FaultyRecommendationGenerator(RecommendationGenerator module, ModelRelease release, VirtualTime time,
            Latency latency, RandomGenerator random) {
        this.module = module;
        this.release = release;
        this.time = time;
        this.latency = latency;
        this.random = random;
    }

    @Override
    public List<JobMatch> recommend(String userId, List<String> skills, TargetRole role) {
        switch (release.active()) {
            case ERRORS -> {
                if (random.nextDouble() < ERROR_RATE) {
                    throw new IllegalStateException("ranking model " + release.version()
                            + ": feature store read timed out for " + userId);
                }
            }
            case LATENCY -> time.advanceNanos((long) ((SLOWDOWN - 1) * latency.drawNanos(random)));
            case MISMATCH -> {
                List<JobMatch> matches = module.recommend(userId, skills, role);
                if (matches.size() >= 2 && random.nextDouble() < MISMATCH_RATE) {
                    List<JobMatch> swapped = new ArrayList<>(matches);
                    swapped.set(0, matches.get(1));
                    swapped.set(1, matches.get(0));
                    return List.copyOf(swapped);
                }
                return matches;
            }
            case NONE -> {
            }
        }
        return module.recommend(userId, skills, role);
    }
}
