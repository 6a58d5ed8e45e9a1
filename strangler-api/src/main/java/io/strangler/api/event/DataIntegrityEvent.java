package io.strangler.api.event;

import io.strangler.api.compare.Difference;
import java.time.Instant;
import java.util.List;

/**
 * Reading back a dual write found the two sides holding different data for a key: the migration is losing or
 * corrupting writes. Only writes with a routing key are read back. Published on a shadow thread. Immutable.
 *
 * @param route the route's name
 * @param key the routing key of the write
 * @param operation the write's name
 * @param time when the read-back was made
 * @param differences where the two sides differ
 */
public record DataIntegrityEvent(String route, String key, String operation, Instant time,
        List<Difference> differences) {
}
