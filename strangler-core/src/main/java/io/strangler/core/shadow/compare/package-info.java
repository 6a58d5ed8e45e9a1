/**
 * The comparison engine of shadowed calls: {@link io.strangler.core.shadow.compare.StructuralComparator} walks the legacy
 * and the modern result side by side (records, beans, maps, collections, arrays, leaves) and reports each
 * {@link io.strangler.api.compare.Difference} with its path, honouring ignore rules, normalisers and bounds on depth,
 * number of differences and summary length.
 */
package io.strangler.core.shadow.compare;
