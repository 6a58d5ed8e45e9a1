/**
 * How a route survives a failing modern side: {@link io.strangler.api.resilience.CircuitBreakerSettings} (modern's
 * breaker), {@link io.strangler.api.resilience.RetrySettings} (retry before fallback),
 * {@link io.strangler.api.resilience.FallbackSettings} (which failures legacy answers, which exceptions are a normal
 * outcome) and {@link io.strangler.api.resilience.CircuitBreakerState}.
 */
@NullMarked
package io.strangler.api.resilience;

import org.jspecify.annotations.NullMarked;
