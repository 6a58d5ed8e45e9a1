/**
 * Shadow reads: the non-serving side of a sampled read runs on a bounded pool off the caller's thread, with a deadline, and its answer is compared with the served one; noise is learned from A/A comparisons and recent mismatches are kept. Implementation; the comparator applications configure is in {@code io.strangler.core.shadow.compare}.
 */
package io.strangler.core.shadow;
