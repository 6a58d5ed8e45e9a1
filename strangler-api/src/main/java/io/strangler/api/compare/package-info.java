/**
 * Comparing the two results of a shadowed call: a {@link io.strangler.api.compare.ResultComparator} turns the legacy
 * and the modern result into a list of {@link io.strangler.api.compare.Difference differences}, each with a path and a
 * {@link io.strangler.api.compare.DifferenceKind kind}, and an {@link io.strangler.api.compare.ExceptionEquivalence}
 * decides whether two failures count as the same outcome. The structural implementation lives in
 * {@code strangler-core} ({@code io.strangler.core.shadow.compare.StructuralComparator}).
 */
@NullMarked
package io.strangler.api.compare;

import org.jspecify.annotations.NullMarked;
