package io.strangler.core.fleet;

import io.strangler.api.RouteStats;
import java.time.Instant;
import java.util.Objects;

/**
 * One instance's counters of one route, as published to a {@link FleetStore}.
 *
 * @param instance the instance's id
 * @param at when it read them, by its clock
 * @param stats the counters since the instance registered the route
 */
public record PublishedStats(String instance, Instant at, RouteStats stats) {

    /**
     * Checks the fields.
     *
     * @param instance the instance's id
     * @param at when it read them
     * @param stats the counters
     * @throws NullPointerException if a field is null
     */
    public PublishedStats {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(stats, "stats");
    }
}
