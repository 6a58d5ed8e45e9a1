/**
 * How fast and how reliably Strangler's health triggers and rollout controller catch a bad modern implementation,
 * and how rarely they roll back a good one, measured by seeded simulation on virtual time with your own trigger
 * settings: {@link io.strangler.test.detection.DetectionHarness} runs the scenarios,
 * {@link io.strangler.test.detection.DetectionResult} holds what the runs measured.
 *
 * <pre>{@code
 * DetectionResult result = DetectionHarness.builder().triggers(myTriggers).build().errorRate(0.005, 0.20, 20);
 * assertThat(result.max()).isLessThanOrEqualTo(200);   // modern calls served before the rollback
 * }</pre>
 */
@NullMarked
package io.strangler.test.detection;

import org.jspecify.annotations.NullMarked;
