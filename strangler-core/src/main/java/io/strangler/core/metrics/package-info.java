/**
 * Counting and timing of calls on the call path (striped counters, and timings in per-thread stripes of plain counters and HdrHistogram histograms) and their Micrometer meters, read when Micrometer polls. Implementation.
 */
package io.strangler.core.metrics;
