/**
 * Health triggers and their judgements: the {@link io.strangler.api.health.TriggerKind triggers} that can roll a
 * route back, their {@link io.strangler.api.health.TriggerSettings settings} (threshold, minimum sample, action,
 * scope, confidence), and the {@link io.strangler.api.health.Judgement} of one trigger over one window of calls:
 * {@link io.strangler.api.health.Verdict#PASS PASS}, {@link io.strangler.api.health.Verdict#FAIL FAIL} or
 * {@link io.strangler.api.health.Verdict#INCONCLUSIVE INCONCLUSIVE}, always with the numbers behind it.
 */
@NullMarked
package io.strangler.api.health;

import org.jspecify.annotations.NullMarked;
