package io.strangler.examples.demo;

import io.strangler.test.VirtualTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The platform's traffic, one virtual second at a time: how many journeys of each kind start in the second is drawn
 * from a Poisson distribution around the kind's rate; they start at evenly spaced moments in a drawn order, and go to
 * the instances in turn, so that on a fleet each instance serves half. Calls take virtual time (their sides move it
 * on), so a journey starts at its moment or, after a slow one, as soon as the one before it ends.
 */
final class Traffic {

    private final VirtualTime time;
    private final Journeys journeys;
    private final List<PlatformInstance> instances;
    private final SplittableRandom random;
    private long started;

    /** Traffic of {@code journeys} spread over {@code instances}, drawn from {@code random}. */
    Traffic(VirtualTime time, Journeys journeys, List<PlatformInstance> instances, SplittableRandom random) {
        this.time = time;
        this.journeys = journeys;
        this.instances = instances;
        this.random = random;
    }

    /**
     * Runs the journeys of the second starting at {@code second}.
     *
     * @param second the start of the second
     */
    void second(Instant second) {
        List<Journeys.Kind> kinds = new ArrayList<>();
        for (Journeys.Kind kind : Journeys.Kind.values()) {
            for (int n = poisson(kind.perSecond); n > 0; n--) {
                kinds.add(kind);
            }
        }
        for (int i = kinds.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Journeys.Kind swap = kinds.get(i);
            kinds.set(i, kinds.get(j));
            kinds.set(j, swap);
        }
        long between = 1_000_000_000L / Math.max(1, kinds.size());
        for (int i = 0; i < kinds.size(); i++) {
            Instant at = second.plusNanos(i * between);
            time.advanceTo(at);
            PlatformInstance instance = instances.get((int) (started++ % instances.size()));
            journeys.run(kinds.get(i), instance.services(), time.instant());
        }
    }

    /** Knuth's method: fine for the small rates here. */
    private int poisson(double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            n++;
            product *= random.nextDouble();
        }
        return n;
    }
}
