package io.strangler.api.shadow;

/** How one shadow comparison ended; the values of the {@code result} tag of {@code strangler.shadow.comparisons}. */
public enum ComparisonResult {
    /** Both sides gave the same answer (or equivalent exceptions). */
    MATCH,
    /** The answers differ outside the ignored and noisy paths. */
    MISMATCH,
    /** The answers differ only in paths learned as noise from A/A comparisons of legacy with itself. */
    IGNORED,
    /**
     * The answers differ only where the comparator's rules expect them to (a legacy bug modern fixes): counted apart,
     * kept for inspection ({@code Route.expectedDifferences()}), and never a mismatch.
     */
    EXPECTED,
    /** The comparator itself failed; nothing was concluded. */
    ERROR,
    /** The shadow call did not finish before its deadline. */
    TIMEOUT,
    /** The shadow call was not made: the shadow executor was full. */
    DROPPED
}
