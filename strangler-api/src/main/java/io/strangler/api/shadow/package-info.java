/**
 * Reads on both sides: {@link io.strangler.api.shadow.ShadowSettings} (deadline, sampling, comparator, noise
 * learning), {@link io.strangler.api.shadow.ReadPreference} (which side answers reads where both hold the same
 * data), and what a comparison yields: {@link io.strangler.api.shadow.ComparisonResult} and
 * {@link io.strangler.api.shadow.Mismatch}.
 */
@NullMarked
package io.strangler.api.shadow;

import org.jspecify.annotations.NullMarked;
