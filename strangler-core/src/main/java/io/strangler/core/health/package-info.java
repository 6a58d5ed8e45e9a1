/**
 * Judging the health of a route's modern side: {@link io.strangler.core.health.HealthJudge} turns one
 * {@link io.strangler.core.health.HealthWindow} of calls into one
 * {@link io.strangler.api.health.Judgement} per enabled trigger, using one-sided Wilson score bounds for rates,
 * Newcombe's hybrid score bound to compare modern with legacy in the same window, and a binomial test on the share
 * of slow calls for latency, so that no trigger fires on noise. Pure functions of their inputs: no clock, no state.
 */
package io.strangler.core.health;
