package io.strangler.test;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A simulated implementation whose error rate, latency and answers are set by the simulation. Each call draws its
 * latency from a log-normal distribution around a median (its spread is the standard deviation of the logarithm),
 * with an optional share of stalls (a call that takes a multiple of its draw, as a garbage-collection pause or a
 * preemption would), and "takes" it by advancing the {@link VirtualTime}. It then fails with an
 * {@link IllegalStateException} at the error rate, or answers; at the mismatch rate the answer differs from what any
 * other side would answer for the key.
 *
 * <p>Every draw comes from a seeded {@link SplittableRandom}, so a run is repeatable. The settings may be changed
 * while a simulation runs (a side "going bad" half-way); calls are serialised on the random source.
 *
 * <pre>{@code
 * SimulatedSide legacy = new SimulatedSide("legacy", time, 1).errorRate(0.005).latency(Duration.ofNanos(20_000));
 * SimulatedSide modern = new SimulatedSide("modern", time, 2).errorRate(0.20).latency(Duration.ofNanos(20_000));
 * }</pre>
 */
public final class SimulatedSide implements SimulatedService {

    /** Default spread of the latency: the log-normal's sigma, which puts p95 at 1.6x the median. */
    public static final double DEFAULT_SPREAD = 0.3;

    private final String name;
    private final VirtualTime time;
    private final SplittableRandom random;
    private volatile double errorRate;
    private volatile long medianNanos = 20_000;
    private volatile double spread = DEFAULT_SPREAD;
    private volatile double stallShare;
    private volatile double stallFactor = 1;
    private volatile double mismatchRate;

    /**
     * A side that never fails, takes 20 µs (median) and always agrees.
     *
     * @param name the side's name, in its error messages
     * @param time the time its calls advance
     * @param seed the seed of its draws
     * @throws NullPointerException if {@code name} or {@code time} is null
     */
    public SimulatedSide(String name, VirtualTime time, long seed) {
        this.name = Objects.requireNonNull(name, "name");
        this.time = Objects.requireNonNull(time, "time");
        this.random = new SplittableRandom(seed);
    }

    /**
     * Sets the share of calls that throw an {@link IllegalStateException}. Default 0.
     *
     * @param rate the share of calls that fail, in {@code [0, 1]}
     * @return this side
     * @throws IllegalArgumentException if {@code rate} is out of range
     */
    public SimulatedSide errorRate(double rate) {
        this.errorRate = share("errorRate", rate);
        return this;
    }

    /**
     * Sets the median latency of a call. Default 20 µs.
     *
     * @param median the median latency of a call, zero or more
     * @return this side
     * @throws IllegalArgumentException if {@code median} is negative
     * @throws NullPointerException if {@code median} is null
     */
    public SimulatedSide latency(Duration median) {
        if (median.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, was " + median);
        }
        this.medianNanos = median.toNanos();
        return this;
    }

    /**
     * Sets how widely latencies spread around the median. Default {@value #DEFAULT_SPREAD}.
     *
     * @param sigma the standard deviation of the latency's logarithm, 0 (every call takes the median) to 3
     * @return this side
     * @throws IllegalArgumentException if {@code sigma} is out of range
     */
    public SimulatedSide spread(double sigma) {
        this.spread = checkSpread(sigma);
        return this;
    }

    /**
     * Makes a share of calls stall: take {@code factor} times their drawn latency. Default none.
     *
     * @param share the share of calls that stall, in {@code [0, 1]}
     * @param factor how many times longer a stalled call takes, at least 1
     * @return this side
     * @throws IllegalArgumentException if an argument is out of range
     */
    public SimulatedSide stalls(double share, double factor) {
        this.stallFactor = checkStallFactor(factor);
        this.stallShare = share("stall share", share);
        return this;
    }

    /**
     * Sets the share of answers that differ from what any other side answers for the key. Default 0.
     *
     * @param rate the share of answers that differ from the other side's, in {@code [0, 1]}
     * @return this side
     * @throws IllegalArgumentException if {@code rate} is out of range
     */
    public SimulatedSide mismatchRate(double rate) {
        this.mismatchRate = share("mismatchRate", rate);
        return this;
    }

    /**
     * The side's name, as given.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Takes a drawn latency in virtual time, then fails at the error rate, or answers {@code "answer for <key>"}
     * (another text at the mismatch rate).
     *
     * @param key the routing key
     * @return the answer
     * @throws IllegalStateException at the error rate, naming the side and the key
     */
    @Override
    public String get(String key) {
        double errorDraw;
        double mismatchDraw;
        double latencyDraw;
        double stallDraw;
        synchronized (random) {
            errorDraw = random.nextDouble();
            mismatchDraw = random.nextDouble();
            latencyDraw = random.nextGaussian();
            stallDraw = random.nextDouble();
        }
        double nanos = medianNanos * Math.exp(spread * latencyDraw);
        if (stallDraw < stallShare) {
            nanos *= stallFactor;
        }
        time.advanceNanos((long) nanos);
        if (errorDraw < errorRate) {
            throw new IllegalStateException(name + " failed for " + key);
        }
        return mismatchDraw < mismatchRate ? "different answer from " + name + " for " + key : "answer for " + key;
    }

    @Override
    public String toString() {
        return "SimulatedSide[" + name + "]";
    }

    private static double checkSpread(double sigma) {
        if (!(sigma >= 0 && sigma <= 3)) {
            throw new IllegalArgumentException("spread must be in [0, 3], was " + sigma);
        }
        return sigma;
    }

    private static double checkStallFactor(double factor) {
        if (!(factor >= 1 && factor <= 1_000_000)) {
            throw new IllegalArgumentException("stall factor must be in [1, 1000000], was " + factor);
        }
        return factor;
    }

    private static double share(String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(field + " must be in [0, 1], was " + value);
        }
        return value;
    }
}
