/**
 * Strangler's test kit: {@link io.strangler.test.VirtualTime} (a clock and a nanosecond ticker moved only by hand,
 * so that a test never sleeps and a simulated hour takes a millisecond) and {@link io.strangler.test.SimulatedSide}
 * (an implementation of {@link io.strangler.test.SimulatedService} with a chosen error rate, latency distribution
 * and mismatch rate, on seeded draws). The detection harness is in {@code io.strangler.test.detection}, the contract
 * tests for your own stores and logs in {@code io.strangler.test.contract}.
 *
 * <pre>{@code
 * VirtualTime time = VirtualTime.startingAt(Instant.parse("2025-01-01T00:00:00Z"));
 * MigrationRouter router = Strangler.router().clock(time).ticker(time::nanoTime).build();
 * Route<SimulatedService> route = router.register(RouteDefinition.builder("sim", SimulatedService.class)
 *         .legacy(new SimulatedSide("legacy", time, 1))
 *         .modern(new SimulatedSide("modern", time, 2).errorRate(0.2))
 *         .build());
 * }</pre>
 */
@NullMarked
package io.strangler.test;

import org.jspecify.annotations.NullMarked;
