package io.strangler.examples.demo;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long one side of a service takes: a log-normal spread around a median, as service latencies are.
 *
 * @param median the median duration of a call
 * @param spread the standard deviation of the duration's logarithm: 0.3 puts the 95th percentile at 1.6 times the
 *     median
 */
public record Latency(Duration median, double spread) {

    /** The spread of every side in the demo: ordinary services, no stalls. */
    public static final double DEFAULT_SPREAD = 0.3;

    /**
     * A latency with the default spread.
     *
     * @param micros the median, in microseconds
     * @return the latency
     */
    public static Latency ofMicros(long micros) {
        return new Latency(Duration.ofNanos(micros * 1_000), DEFAULT_SPREAD);
    }

    /**
     * Draws one call's duration.
     *
     * @param random the side's seeded draws
     * @return the duration in nanoseconds
     */
    public long drawNanos(RandomGenerator random) {
        return (long) (median.toNanos() * Math.exp(spread * random.nextGaussian()));
    }
}
