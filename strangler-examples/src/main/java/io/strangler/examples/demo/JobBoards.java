package io.strangler.examples.demo;

import io.strangler.examples.cv.JobCatalog;
import io.strangler.examples.cv.PartnerHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What the platform sees of the job boards it applies through: mostly healthy (2 % of calls fail), with two outages
 * in the day, during which the circuit-breaker core turns applications into saved jobs. Drawn from the seed.
 */
final class JobBoards {

    /** An outage of one board: from {@code start} after the migration began, for {@code length}. */
    private record Outage(String partner, Duration start, Duration length, double failureRate) {
    }

    private static final List<Outage> OUTAGES = List.of(
            new Outage(JobCatalog.PARTNERS.get(1), Duration.ofMinutes(190), Duration.ofMinutes(25), 0.7),
            new Outage(JobCatalog.PARTNERS.get(0), Duration.ofHours(9), Duration.ofMinutes(20), 0.6));
    private static final double HEALTHY_FAILURE_RATE = 0.02;

    private final Instant start;
    private final SplittableRandom random;

    /**
     * The boards of a migration that starts at {@code start}.
     *
     * @param start when the migration starts
     * @param random the draws of the boards' failures
     */
    JobBoards(Instant start, SplittableRandom random) {
        this.start = start;
        this.random = random;
    }

    /**
     * What the platform saw of a board in the last minute, as of {@code now}.
     *
     * @param partner the board
     * @param now the time
     * @return its health
     */
    PartnerHealth health(String partner, Instant now) {
        Duration since = Duration.between(start, now);
        double failureRate = HEALTHY_FAILURE_RATE;
        boolean down = false;
        for (Outage o : OUTAGES) {
            if (o.partner.equals(partner) && since.compareTo(o.start) >= 0
                    && since.compareTo(o.start.plus(o.length)) < 0) {
                failureRate = o.failureRate;
                down = true;
            }
        }
        int calls = 20 + random.nextInt(40);
        int failures = 0;
        for (int i = 0; i < calls; i++) {
            if (random.nextDouble() < failureRate) {
                failures++;
            }
        }
        long sinceFailure = failures == 0 ? 60 : down ? random.nextInt(45) : 5 + random.nextInt(55);
        return new PartnerHealth(partner, calls, failures, sinceFailure);
    }
}
