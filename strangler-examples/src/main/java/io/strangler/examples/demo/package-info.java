/**
 * The migration demo's machinery: a CV platform's seven services, each a route from the monolith to a module,
 * rolled out by a real {@link io.strangler.core.rollout.RolloutController} over a real router, with synthetic users
 * on virtual time.
 *
 * <ul>
 * <li>{@link io.strangler.examples.demo.DemoRun} runs it: {@code PlatformInstance} (a router, the seven routes, a
 *     controller with the plans of {@link io.strangler.examples.demo.PlatformRoute}) on a {@code StoreBackend}
 *     (FF4J in memory, or a fleet of two on PostgreSQL or Redis); {@code Traffic} and {@code Journeys} (what users
 *     do, second by second); {@code SimulatedService} (each side's latency on virtual time); {@code Scenario} and
 *     {@code FaultyRecommendationGenerator} (the release that goes wrong); {@code SimulatedOperator} (the person
 *     who approves); {@code Reconciler} (the replay job); {@code RolloutTracker} and {@code LiveView} (what a
 *     person watches).</li>
 * <li>{@link io.strangler.examples.demo.DemoSummary} is what a run found, checked by {@code Outcome} and
 *     {@code DualWriteCheck}, printed by {@link io.strangler.examples.demo.DemoReports} and written as JSON.</li>
 * <li>{@link io.strangler.examples.demo.DemoObserver} is the hook for a console.</li>
 * </ul>
 *
 * Everything runs on one thread on virtual time, the routers' shadow work included, so a seed gives the same run
 * every time.
 */
@NullMarked
package io.strangler.examples.demo;

import org.jspecify.annotations.NullMarked;
