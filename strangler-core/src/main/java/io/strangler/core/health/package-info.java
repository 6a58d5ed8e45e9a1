/**
 * Judging the health of a route's modern side. {@link io.strangler.core.health.HealthMonitor} samples a route's
 * public statistics once a tick and makes the {@link io.strangler.core.health.HealthWindow} of the last window (and
 * the legacy {@link io.strangler.core.health.PerformanceBaseline}); {@link io.strangler.core.health.HealthJudge}
 * turns a window into one {@link io.strangler.api.health.Judgement} per enabled trigger, one rule a trigger. The
 * rates (modern's and legacy's error rate, the mismatch rate) share one rule of one-sided Wilson score bounds against
 * the threshold; modern's error rate is also compared with legacy's by an e-value on which side the errors came from
 * (paired on shadowed requests when there are some), strict enough that looking at every tick does not make false
 * rollbacks of equally bad sides likely, and latency by an exact binomial test on the share of slow calls, so that no trigger
 * fires on noise. The
 * judge and its rules are pure functions of their inputs: no clock, no state.
 */
package io.strangler.core.health;
