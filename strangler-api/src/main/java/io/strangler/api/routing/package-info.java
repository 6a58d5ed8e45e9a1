/**
 * How a route finds its routing key: {@link io.strangler.api.routing.KeySettings} (the null-key policy, a required
 * key parameter, a resolver, pinning of keys to the side that first served them).
 */
@NullMarked
package io.strangler.api.routing;

import org.jspecify.annotations.NullMarked;
