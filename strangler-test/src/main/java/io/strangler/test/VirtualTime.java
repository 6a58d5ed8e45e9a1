package io.strangler.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Virtual time for a simulation: a {@link Clock} for the router and the controller, and a nanosecond ticker for the
 * router's call timing ({@link io.strangler.core.RouterBuilder#ticker(java.util.function.LongSupplier)}), both moved
 * only by {@link #advance(Duration)}. A simulated implementation "takes" 20 µs by advancing the time by 20 µs, so a
 * simulated rollout of hours runs in a second and gives the same numbers on any machine. Thread-safe; always UTC.
 *
 * <pre>{@code
 * VirtualTime time = VirtualTime.startingAt(Instant.parse("2025-01-01T00:00:00Z"));
 * MigrationRouter router = Strangler.router().clock(time).ticker(time::nanoTime).build();
 * }</pre>
 */
public final class VirtualTime extends Clock {

    private final Instant start;
    private final AtomicLong nanos = new AtomicLong();

    private VirtualTime(Instant start) {
        this.start = start;
    }

    /**
     * Virtual time that stands at {@code start} until it is moved.
     *
     * @param start the instant the time starts at
     * @return virtual time standing at {@code start}
     * @throws NullPointerException if {@code start} is null
     */
    public static VirtualTime startingAt(Instant start) {
        return new VirtualTime(Objects.requireNonNull(start, "start"));
    }

    /**
     * Moves the time on.
     *
     * @param duration how far, zero or more
     * @throws IllegalArgumentException if {@code duration} is negative
     * @throws NullPointerException if {@code duration} is null
     */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, was " + duration);
        }
        advanceNanos(duration.toNanos());
    }

    /**
     * Moves the time on.
     *
     * @param nanoseconds how far, zero or more
     * @throws IllegalArgumentException if {@code nanoseconds} is negative
     */
    public void advanceNanos(long nanoseconds) {
        if (nanoseconds < 0) {
            throw new IllegalArgumentException("nanoseconds must not be negative, was " + nanoseconds);
        }
        nanos.addAndGet(nanoseconds);
    }

    /**
     * Moves the time on to {@code instant}, if it is later than now; otherwise does nothing.
     *
     * @param instant where the time should be at least
     * @throws NullPointerException if {@code instant} is null
     */
    public void advanceTo(Instant instant) {
        long target = Duration.between(start, instant).toNanos();
        nanos.accumulateAndGet(target, Math::max);
    }

    /**
     * The nanoseconds since the start: the ticker to give the router ({@code ticker(time::nanoTime)}).
     *
     * @return the nanoseconds the time has been moved on
     */
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public Instant instant() {
        return start.plusNanos(nanos.get());
    }

    @Override
    public long millis() {
        return start.toEpochMilli() + nanos.get() / 1_000_000;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /**
     * This time, which is always UTC.
     *
     * @param zone must be UTC
     * @return this
     * @throws UnsupportedOperationException for any zone but UTC
     */
    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("virtual time is UTC only, was asked for " + zone);
    }

    @Override
    public String toString() {
        return "VirtualTime[" + instant() + "]";
    }
}
