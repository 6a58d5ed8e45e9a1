/**
 * Counting and timing of calls on the call path (wait-free striped counters and HdrHistogram recorders) and their Micrometer meters, read when Micrometer polls. Implementation.
 */
package io.strangler.core.metrics;
