package io.strangler.core.rollout;

import java.util.SplittableRandom;

/**
 * A fake implementation whose error rate and latency are set from the test. Latency is real: the call busy-waits on
 * {@link System#nanoTime()} for a few microseconds, so the route's own timing measures it (the route times calls
 * with nanoTime, not with the injected clock, and has no hook to inject a duration). A few tens of microseconds
 * keep a whole simulated rollout under a second of real time, and are far above the route's own overhead (well
 * under a microsecond), so a 3x difference between the sides is a real 3x difference in the route's histograms.
 */
final class SimulatedSide implements SimulatedService {

    private final String name;
    private final SplittableRandom random;
    volatile double errorRate;
    volatile long latencyNanos;
    volatile double mismatchRate;

    SimulatedSide(String name, long seed, double errorRate, long latencyNanos) {
        this.name = name;
        this.random = new SplittableRandom(seed);
        this.errorRate = errorRate;
        this.latencyNanos = latencyNanos;
    }

    @Override
    public String get(String key) {
        long until = System.nanoTime() + latencyNanos;
        double errorDraw;
        double mismatchDraw;
        synchronized (random) {
            errorDraw = random.nextDouble();
            mismatchDraw = random.nextDouble();
        }
        while (latencyNanos > 0 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        if (errorDraw < errorRate) {
            throw new IllegalStateException(name + " failed for " + key);
        }
        return mismatchDraw < mismatchRate ? "different answer for " + key : "answer for " + key;
    }
}
