package io.strangler.core.routing;

import io.strangler.core.shadow.ShadowExecutor;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.strangler.api.reconcile.ReconciliationLog;
import io.strangler.api.spi.RouteStateStore;
import io.strangler.api.spi.WriteSynchronization;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * What every route of a router shares. Built by {@code RouterBuilder}; immutable.
 *
 * @param clock the time source of state changes, pins, breakers and staleness
 * @param store where states are kept
 * @param meterRegistry where meters are registered, or null
 * @param legacyTimingOneIn legacy calls are timed one in this many
 * @param pinMaximumSize the most keys a route pins
 * @param maxStaleness how long a route may go without a successful refresh before it serves legacy, or null
 * @param circuitBreakers the registry the routes' breakers are created in
 * @param retries the registry the routes' retries are created in
 * @param shadowExecutor where shadow calls, asynchronous second writes and verifications run
 * @param reconciliationLog where failed second writes go
 * @param writeSynchronization defers second writes until commit, or null
 * @param ticker the source of nanoseconds that call durations are measured with ({@code System::nanoTime} unless a
 *     simulation injects virtual time)
 * @param random the source of the call path's random draws, or null for {@code ThreadLocalRandom}
 * @param fastestStartTimeout how long a {@code FASTEST} read waits for the shadow executor to start one of its two
 *     calls before the decided side serves it on the caller's thread
 * @param startWithoutStore whether a route registered while the store can't be reached starts on its initial state
 *     (otherwise registration fails)
 */
public record RouterSettings(Clock clock, RouteStateStore store, MeterRegistry meterRegistry, int legacyTimingOneIn,
        long pinMaximumSize, Duration maxStaleness, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries,
        ShadowExecutor shadowExecutor, ReconciliationLog reconciliationLog,
        WriteSynchronization writeSynchronization, LongSupplier ticker,
        RandomGenerator random, Duration fastestStartTimeout, boolean startWithoutStore) {
}
