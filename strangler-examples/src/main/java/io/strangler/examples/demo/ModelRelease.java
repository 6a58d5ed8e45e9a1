package io.strangler.examples.demo;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The release of the modern recommendation generator that every instance runs. Release 2.0 is sound; release 2.1,
 * shipped part way through the migration ({@link Scenario}), carries the demo's {@link FaultKind fault}. One object
 * for the fleet, as one deployment reaches every instance. Touched by the demo's one thread only.
 */
final class ModelRelease {

    private final FaultKind fault;
    private @Nullable Instant shippedAt;

    /**
     * The sound release, with the fault the next one will carry.
     *
     * @param fault what release 2.1 gets wrong; {@link FaultKind#NONE} for a sound 2.1
     */
    ModelRelease(FaultKind fault) {
        this.fault = fault;
    }

    /**
     * Ships release 2.1.
     *
     * @param at when
     */
    void ship(Instant at) {
        if (shippedAt == null) {
            shippedAt = at;
        }
    }

    /**
     * What goes wrong now.
     *
     * @return the fault of the release running now: {@link FaultKind#NONE} before 2.1 ships
     */
    FaultKind active() {
        return shippedAt == null ? FaultKind.NONE : fault;
    }

    /**
     * When release 2.1 shipped.
     *
     * @return when, or empty before it ships
     */
    Optional<Instant> shippedAt() {
        return Optional.ofNullable(shippedAt);
    }

    /**
     * The release running now.
     *
     * @return {@code "2.0"} or {@code "2.1"}
     */
    String version() {
        return shippedAt == null ? "2.0" : "2.1";
    }
}
