/**
 * Progressive rollout and automatic rollback. {@link io.strangler.core.rollout.RolloutController} is the front door:
 * a facade over a state machine per route (its phase changes only along one table of allowed transitions), the
 * tick that judges, guards and advances each route, the commands a person gives, the rollbacks (carried out, ramped
 * down gracefully, verified on legacy afterwards, kept in a history), and what outlives it: the
 * {@link io.strangler.core.rollout.RolloutJournal} of progress and rollbacks, and the
 * {@link io.strangler.core.rollout.Checkpoint}s taken before every transition. Its pure parts can be used alone:
 * {@link io.strangler.core.rollout.RolloutSchedule} says what to do next with a route on a
 * {@link io.strangler.api.rollout.RolloutPlan} (wait, ask for approval, advance, or declare the plan complete), and
 * {@link io.strangler.core.rollout.RouteGraph} holds the dependencies between routes and the order in which they
 * roll back. It reaches routes through the public API only.
 */
package io.strangler.core.rollout;
