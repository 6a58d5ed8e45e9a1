package io.strangler.api.shadow;

import io.strangler.api.Route;
import io.strangler.api.Side;

import io.strangler.api.compare.Difference;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One shadow comparison whose answers differed: what was compared, where they differ, and which differences were
 * only noise. Kept in a bounded buffer per route ({@link Route#mismatches()}) and sent to
 * {@link io.strangler.api.event.RouterListener#onMismatch}.
 *
 * @param route the route's name
 * @param key the routing key, or {@code null}
 * @param operation the read's name
 * @param time when the comparison was made
 * @param served the side whose answer the caller got
 * @param differences the differences outside the noisy paths, field path first
 * @param noise differences at paths learned as noise (reported, not counted as a mismatch)
 * @param legacy a bounded summary of legacy's answer (or its exception)
 * @param modern a bounded summary of modern's answer (or its exception)
 */
public record Mismatch(String route, @Nullable String key, String operation, Instant time, Side served,
        List<Difference> differences, List<Difference> noise, @Nullable String legacy, @Nullable String modern) {

    /**
     * Checks the fields and copies the lists.
     *
     * @param route the route's name
     * @param key the routing key, or {@code null}
     * @param operation the read's name
     * @param time when the comparison was made
     * @param served the side whose answer the caller got
     * @param differences the differences outside the noisy paths
     * @param noise differences at noisy paths
     * @param legacy a summary of legacy's answer
     * @param modern a summary of modern's answer
     * @throws NullPointerException if a field other than {@code key}, {@code legacy} or {@code modern} is null
     */
    public Mismatch {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(served, "served");
        differences = List.copyOf(Objects.requireNonNull(differences, "differences"));
        noise = List.copyOf(Objects.requireNonNull(noise, "noise"));
    }
}
