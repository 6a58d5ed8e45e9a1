/**
 * Progressive rollout and automatic rollback. {@link io.strangler.core.rollout.RolloutController} runs it: on each
 * tick it builds every route's health window, judges the triggers, rolls back or advances. It is built from pure
 * parts that can be used alone: {@link io.strangler.core.rollout.RolloutSchedule} says what to do next with a route
 * on a {@link io.strangler.api.rollout.RolloutPlan} (wait, ask for approval, advance, or declare the plan
 * complete), and {@link io.strangler.core.rollout.RouteGraph} holds the dependencies between routes and the order
 * in which they roll back.
 */
package io.strangler.core.rollout;
