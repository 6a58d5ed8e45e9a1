package io.strangler.examples.cv;

import io.strangler.api.annotation.Idempotent;
import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import io.strangler.api.annotation.Write;
import org.jspecify.annotations.Nullable;

/**
 * The profile cache: the route {@code cache-manager}, moving from the monolith's cache to the cache module. A
 * stateful route: both sides hold data, so its writes go to both while it migrates.
 */
public interface ProfileCache {

    /**
     * A user's cached profile.
     *
     * @param userId the user: the routing key
     * @return the profile, or null when none is cached
     */
    @Read
    @Nullable CachedProfile get(@RoutingKey String userId);

    /**
     * Caches a user's profile. An upsert: safe to repeat, so a failed write may be made again on legacy.
     *
     * @param userId the user: the routing key
     * @param profile what to cache
     */
    @Write
    @Idempotent
    void put(@RoutingKey String userId, CachedProfile profile);
}
