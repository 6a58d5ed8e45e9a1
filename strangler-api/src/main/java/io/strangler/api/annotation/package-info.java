/**
 * Annotations that classify the methods of a route's interface for {@link io.strangler.api.Route#proxy()} and for
 * the Spring adapter: {@link io.strangler.api.annotation.Read}, {@link io.strangler.api.annotation.Write},
 * {@link io.strangler.api.annotation.Idempotent} and {@link io.strangler.api.annotation.RoutingKey}.
 */
@NullMarked
package io.strangler.api.annotation;

import org.jspecify.annotations.NullMarked;
