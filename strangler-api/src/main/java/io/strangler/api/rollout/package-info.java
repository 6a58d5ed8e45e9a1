/**
 * Progressive rollout plans: the {@link io.strangler.api.rollout.RolloutStep steps} of percentage a route's modern
 * side goes through, how long each bakes, which need a person's approval, and the gates a step must pass before
 * the next; with the {@link io.strangler.api.rollout.RolloutPlan.Preset presets} {@code LOW}, {@code MEDIUM} and
 * {@code CRITICAL}.
 */
@NullMarked
package io.strangler.api.rollout;

import org.jspecify.annotations.NullMarked;
