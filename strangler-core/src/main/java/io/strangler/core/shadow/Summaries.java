package io.strangler.core.shadow;

import io.strangler.api.compare.ResultComparator;
import io.strangler.core.shadow.compare.StructuralComparator;

/** Short, safe descriptions of values for mismatch records: bounded in length and in work, never throwing. */
final class Summaries {

    static final int MAX_LENGTH = 200;

    /**
     * Renders like the structural comparator's summaries, which stop as soon as they pass their limit: summarising
     * a shadow answer of millions of elements renders a handful of them, not the whole answer as
     * {@code toString} would. Comparing {@code null} with a value calls nothing on the value.
     */
    private static final ResultComparator BOUNDED = StructuralComparator.equality();

    private Summaries() {
    }

    static String of(Object value) {
        if (value == null) {
            return "null";
        }
        try {
            return BOUNDED.compare(null, value).get(0).modern();
        } catch (RuntimeException | StackOverflowError e) {
            return "<summary of " + value.getClass().getName() + " failed: " + e + ">";
        }
    }

    static String ofFailure(Throwable failure) {
        String message = failure.getMessage();
        String text = "threw " + failure.getClass().getName() + (message == null ? "" : ": " + message);
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "...(" + text.length()
                + " chars)";
    }
}
