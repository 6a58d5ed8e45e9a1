/**
 * Where route states are kept: {@link io.strangler.core.state.Ff4jRouteStateStore} stores each route as an FF4J
 * feature (its enabled flag is the kill switch) with the state record as one JSON property, and
 * {@link io.strangler.core.state.RouteStateCodec} reads and writes that record.
 */
package io.strangler.core.state;
