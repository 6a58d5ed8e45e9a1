package io.strangler.core.fleet;

import java.time.Instant;
import java.util.Objects;

/**
 * A controller lease as a {@link FleetStore} holds it.
 *
 * @param name the lease's name
 * @param holder the instance that holds (or last held) it; empty once released
 * @param epoch how many times it changed hands: a fencing number, higher for every new holder
 * @param expiresAt when it ends unless renewed
 */
public record ControllerLease(String name, String holder, long epoch, Instant expiresAt) {

    /**
     * Checks the fields.
     *
     * @param name the lease's name
     * @param holder the holder
     * @param epoch the epoch, not negative
     * @param expiresAt the end
     * @throws NullPointerException if a field is null
     * @throws IllegalArgumentException if {@code epoch} is negative
     */
    public ControllerLease {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must not be negative, was " + epoch);
        }
    }

    /**
     * Checks what {@link FleetStore#acquire} is asked: for implementations.
     *
     * @param name the lease's name
     * @param holder who asks
     * @param now the asker's time
     * @param leaseTime the lease's length
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code holder} is empty or {@code leaseTime} is not positive
     */
    public static void checkRequest(String name, String holder, Instant now, java.time.Duration leaseTime) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseTime, "leaseTime");
        if (holder.isEmpty()) {
            throw new IllegalArgumentException("holder must not be empty (the holder of a released lease)");
        }
        if (leaseTime.isZero() || leaseTime.isNegative()) {
            throw new IllegalArgumentException("leaseTime must be positive, was " + leaseTime);
        }
    }

    /**
     * Whether {@code instance} holds the lease at {@code now}.
     *
     * @param instance an instance id
     * @param now a time
     * @return true if it is the holder and the lease has not expired
     */
    public boolean heldBy(String instance, Instant now) {
        return holder.equals(instance) && now.isBefore(expiresAt);
    }
}
