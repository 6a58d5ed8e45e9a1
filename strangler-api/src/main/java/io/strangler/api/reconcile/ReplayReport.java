package io.strangler.api.reconcile;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link ReconciliationLog#replay replay} did. Immutable.
 *
 * @param replayed how many entries were replayed and removed from the log
 * @param failed how many entries failed to replay and were kept, their attempts counted
 * @param failures one line per failed entry, in the order of replay: the entry's id, route and operation and the
 *     failure's class and message
 */
public record ReplayReport(int replayed, int failed, List<String> failures) {

    /**
     * Checks and copies the components.
     *
     * @param replayed how many entries were replayed
     * @param failed how many entries failed to replay
     * @param failures one line per failed entry; copied
     * @throws IllegalArgumentException if {@code replayed} or {@code failed} is negative
     * @throws NullPointerException if {@code failures} or one of its elements is null
     */
    public ReplayReport {
        if (replayed < 0) {
            throw new IllegalArgumentException("replayed must not be negative, was " + replayed);
        }
        if (failed < 0) {
            throw new IllegalArgumentException("failed must not be negative, was " + failed);
        }
        failures = List.copyOf(Objects.requireNonNull(failures, "failures"));
    }
}
