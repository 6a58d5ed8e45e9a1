package io.strangler.api.compare;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One difference between the legacy and the modern result of a call, as a {@link ResultComparator} reports it.
 * Immutable.
 *
 * <p>The summaries are short, human-readable renderings of the values at the path, bounded in length by the
 * comparator that made them; they are meant for logs and dashboards, not for parsing.
 *
 * @param path where the difference is: {@code $} is the result itself, {@code $.address.city} a nested property,
 *     {@code $.items[3]} an element of a list or array
 * @param kind what kind of difference it is
 * @param legacy a summary of the legacy value at the path, or {@code null} when legacy has no value there
 *     ({@link DifferenceKind#EXTRA})
 * @param modern a summary of the modern value at the path, or {@code null} when modern has no value there
 *     ({@link DifferenceKind#MISSING})
 * @param expected whether a rule of the comparator declared it expected: counted apart, never a mismatch
 */
public record Difference(String path, DifferenceKind kind, @Nullable String legacy, @Nullable String modern,
        boolean expected) {

    /**
     * A difference no rule declared expected.
     *
     * @param path where the difference is
     * @param kind what kind of difference it is
     * @param legacy a summary of the legacy value, or {@code null}
     * @param modern a summary of the modern value, or {@code null}
     */
    public Difference(String path, DifferenceKind kind, @Nullable String legacy, @Nullable String modern) {
        this(path, kind, legacy, modern, false);
    }

    /**
     * This difference, declared expected (a legacy bug modern fixes, say).
     *
     * @return a copy with {@code expected} true
     */
    public Difference asExpected() {
        return new Difference(path, kind, legacy, modern, true);
    }

    /**
     * Checks the path and the kind.
     *
     * @param path where the difference is, not {@code null}
     * @param kind what kind of difference it is, not {@code null}
     * @param legacy a summary of the legacy value, or {@code null} when legacy has none
     * @param modern a summary of the modern value, or {@code null} when modern has none
     * @param expected whether a rule of the comparator declared it expected: it is counted apart and is no mismatch
     * @throws NullPointerException if {@code path} or {@code kind} is {@code null}
     */
    public Difference {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
    }
}
