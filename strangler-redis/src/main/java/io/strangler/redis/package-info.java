/**
 * Route states on Redis, for a fleet of instances that share them: {@link io.strangler.redis.RedisRouteStateStore}
 * keeps each route's state record in a Redis hash, changes it with an atomic compare-and-set script, and pushes the
 * name of every changed route to every instance with pub/sub; the route's kill switch stays the enabled flag of its
 * FF4J feature.
 *
 * <pre>{@code
 * RedisRouteStateStore store = RedisRouteStateStore.builder("redis://redis.internal:6379", ff4j.getFeatureStore())
 *         .build();
 * MigrationRouter router = Strangler.router().stateStore(store).build();
 * }</pre>
 */
@NullMarked
package io.strangler.redis;

import org.jspecify.annotations.NullMarked;
