/**
 * Service provider interfaces: where routing keys come from ({@link io.strangler.api.spi.RoutingKeyResolver}) and
 * where route state is kept with compare-and-set ({@link io.strangler.api.spi.RouteStateStore}).
 */
@NullMarked
package io.strangler.api.spi;

import org.jspecify.annotations.NullMarked;
