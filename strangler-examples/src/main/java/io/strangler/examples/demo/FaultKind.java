package io.strangler.examples.demo;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The fault the modern recommendation generator develops part way through the migration ({@code --fault}), and the
 * trigger expected to catch it.
 */
public enum FaultKind {
    /** A fifth of its calls throw (they fall back to legacy, so no caller sees an error). */
    ERRORS("errors", "20 % of its calls fail (a feature store read times out)"),
    /** Every call takes five times as long. */
    LATENCY("latency", "every call takes five times as long (the new ranking model runs on the CPU)"),
    /** 12 % of its answers swap the two best matches. */
    MISMATCH("mismatch", "12 % of its answers swap the two best matches (a ranking bug)"),
    /** Nothing goes wrong: every route reaches the end of its plan. */
    NONE("none", "nothing goes wrong");

    private final String option;
    private final String description;

    FaultKind(String option, String description) {
        this.option = option;
        this.description = description;
    }

    /**
     * The option's value naming this fault.
     *
     * @return the value of {@code --fault} that names this fault
     */
    public String option() {
        return option;
    }

    /**
     * What goes wrong, in a few words.
     *
     * @return what goes wrong, in a few words
     */
    public String description() {
        return description;
    }

    /**
     * The fault an option's value names.
     *
     * @param value the value of {@code --fault}
     * @return the fault
     * @throws IllegalArgumentException naming the value and the values allowed, when it names none
     */
    public static FaultKind fromOption(String value) {
        for (FaultKind kind : values()) {
            if (kind.option.equals(value.toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("--fault must be one of " + options() + ", was '" + value + "'");
    }

    /** The values {@code --fault} takes, for messages: {@code errors|latency|mismatch|none}. */
    static String options() {
        return Arrays.stream(values()).map(FaultKind::option).collect(Collectors.joining("|"));
    }
}
