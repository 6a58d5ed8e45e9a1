/**
 * Route states on PostgreSQL for a fleet of instances: {@link io.strangler.postgres.PostgresRouteStateStore}, with
 * compare-and-set as one conditional row update, changes pushed to every instance by {@code LISTEN/NOTIFY}, and the
 * FF4J feature kept as the kill switch.
 */
@NullMarked
package io.strangler.postgres;

import org.jspecify.annotations.NullMarked;
