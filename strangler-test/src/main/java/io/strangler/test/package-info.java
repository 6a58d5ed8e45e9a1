/**
 * Seeded simulation on virtual time: {@link io.strangler.test.VirtualTime} (a clock and a nanosecond
 * ticker moved by hand), {@link io.strangler.test.SimulatedSide} (an implementation with a chosen error
 * rate, latency distribution and mismatch rate) and {@link io.strangler.test.DetectionHarness}, which
 * measures how fast the health triggers and the rollout controller catch a bad implementation and how rarely they
 * roll back a good one, with your own trigger settings.
 */
package io.strangler.test;

