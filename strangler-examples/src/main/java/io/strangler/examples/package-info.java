/**
 * Runnable examples: {@link io.strangler.examples.MigrationDemo} migrates a CV platform's seven services with the
 * router and the rollout controller (its machinery is in {@code io.strangler.examples.demo}, the services in
 * {@code io.strangler.examples.cv}); {@link io.strangler.examples.FleetInstance} is one instance of a service in a
 * fleet; {@link io.strangler.examples.DetectionFigures} prints how fast the triggers catch a bad modern side.
 */
package io.strangler.examples;
