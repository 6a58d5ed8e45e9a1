/**
 * What the instances of a fleet share besides their route states: the {@link io.strangler.core.fleet.FleetStore}
 * SPI (each instance's published counters and the controller lease), {@link io.strangler.core.fleet.FleetStats}
 * (the fleet's counters summed from what the instances publish), the JSON form of published counters
 * ({@link io.strangler.core.fleet.RouteStatsCodec}) and {@link io.strangler.core.fleet.InMemoryFleetStore}.
 */
package io.strangler.core.fleet;
