package io.strangler.console.browser;

import io.strangler.test.VirtualTime;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The service of the console tests' structured route: a candidate's profile by key, and a write. Its fake answers
 * records, so that a shadow mismatch has differences by path ({@code $.skills[0]}, {@code $.years}) as a real
 * migration's would.
 */
public interface Profiles {

    /**
     * Reads a profile.
     *
     * @param key the candidate's key
     * @return the profile
     */
    Profile profile(String key);

    /**
     * Saves a profile.
     *
     * @param key the candidate's key
     * @return the stored version
     */
    String save(String key);

    /**
     * A candidate's profile.
     *
     * @param key the key
     * @param name the name
     * @param skills the skills, in the order the analyser found them
     * @param years the years of experience
     */
    record Profile(String key, String name, List<String> skills, int years) {
    }

    /**
     * A seeded fake side on virtual time: each call takes a log-normal latency around its median, fails at its error
     * rate, and at its mismatch rate answers a profile that differs from the other side's.
     */
    final class Fake implements Profiles {

        private final String side;
        private final VirtualTime time;
        private final SplittableRandom random;
        private final long medianNanos;
        private final double errorRate;
        private final double mismatchRate;

        Fake(String side, VirtualTime time, long seed, Duration median, double errorRate, double mismatchRate) {
            this.side = Objects.requireNonNull(side, "side");
            this.time = Objects.requireNonNull(time, "time");
            this.random = new SplittableRandom(seed);
            this.medianNanos = median.toNanos();
            this.errorRate = errorRate;
            this.mismatchRate = mismatchRate;
        }

        @Override
        public Profile profile(String key) {
            boolean differs = call(key);
            int h = Math.floorMod(key.hashCode(), 1_000);
            List<String> skills = List.of("java", "sql", h % 2 == 0 ? "kotlin" : "python");
            int years = 1 + h % 20;
            if (differs && h % 3 == 0) {
                skills = List.of("javascript", "sql", skills.get(2));
            } else if (differs) {
                years++;
            }
            return new Profile(key, "Candidate " + h, skills, years);
        }

        @Override
        public String save(String key) {
            call(key);
            return key + "@1";
        }

        private boolean call(String key) {
            double latency;
            double error;
            double mismatch;
            synchronized (random) {
                latency = random.nextGaussian();
                error = random.nextDouble();
                mismatch = random.nextDouble();
            }
            time.advanceNanos((long) (medianNanos * Math.exp(0.3 * latency)));
            if (error < errorRate) {
                throw new IllegalStateException(side + " failed for " + key);
            }
            return mismatch < mismatchRate;
        }

        @Override
        public String toString() {
            return "Profiles.Fake[" + side + "]";
        }
    }
}
