/**
 * Counting and timing of calls on the call path (per-thread stripes of plain counters and HdrHistogram histograms, one atomic instruction per call) and their Micrometer meters, read when Micrometer polls. Implementation.
 */
package io.strangler.core.metrics;
