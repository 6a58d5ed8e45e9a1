package io.strangler.api;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which change produced a route's state: its version, who made it, when and why. A route's state carries its
 * revision beside the routing settings: the router sets it on every change (the version goes up by one), so a
 * change can never set it, and a state restored from a checkpoint gets a new revision like any other change.
 *
 * @param version the version of the state; every change increases it by one
 * @param changedBy who made the change, or {@code null} for a route's initial state
 * @param changedAt when the change was made, or {@code null} for a route's initial state
 * @param reason why the change was made, or {@code null} for a route's initial state
 */
public record Revision(long version, @Nullable String changedBy, @Nullable Instant changedAt,
        @Nullable String reason) {

    /** The revision of a state no one has changed yet: version 0. */
    public static final Revision INITIAL = new Revision(0, null, null, null);

    /**
     * Checks the version.
     *
     * @param version the version, not negative
     * @param changedBy who made the change, or null
     * @param changedAt when, or null
     * @param reason why, or null
     * @throws IllegalArgumentException if {@code version} is negative
     */
    public Revision {
        if (version < 0) {
            throw new IllegalArgumentException("revision.version must not be negative, was " + version);
        }
    }

    /**
     * The revision of a change made on top of this one.
     *
     * @param actor who makes the change
     * @param at when
     * @param why why
     * @return a revision with the next version
     * @throws NullPointerException if an argument is null
     */
    public Revision next(String actor, Instant at, String why) {
        return new Revision(version + 1, Objects.requireNonNull(actor, "actor"), Objects.requireNonNull(at, "at"),
                Objects.requireNonNull(why, "reason"));
    }

    /**
     * The version, and who changed it when and why, in one line.
     *
     * @return e.g. {@code v3 by alice at 2026-11-26T10:00:00Z: 10% healthy for a day}
     */
    @Override
    public String toString() {
        return "v" + version + (changedBy == null ? "" : " by " + changedBy + " at " + changedAt + ": " + reason);
    }
}
