package io.strangler.examples.demo;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the route states live ({@code --store}): one instance on FF4J in memory, or a fleet of two on a store. */
public enum StoreKind {
    /** One instance, its states in the default in-memory FF4J store. */
    MEMORY("memory", 1),
    /** Two instances sharing PostgreSQL: states, counters, the controller lease and the journal. */
    POSTGRES("postgres", 2),
    /** Two instances sharing Redis: states, counters, the controller lease and the journal. */
    REDIS("redis", 2);

    private final String option;
    private final int instances;

    StoreKind(String option, int instances) {
        this.option = option;
        this.instances = instances;
    }

    /**
     * The option's value naming this store.
     *
     * @return the value of {@code --store} that names this store
     */
    public String option() {
        return option;
    }

    /**
     * How many instances of the platform run on this store.
     *
     * @return 1 in memory, 2 (a fleet) on a shared store
     */
    public int instances() {
        return instances;
    }

    /**
     * The store an option's value names.
     *
     * @param value the value of {@code --store}
     * @return the store
     * @throws IllegalArgumentException naming the value and the values allowed, when it names none
     */
    public static StoreKind fromOption(String value) {
        for (StoreKind kind : values()) {
            if (kind.option.equals(value.toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("--store must be one of " + options() + ", was '" + value + "'");
    }

    /** The values {@code --store} takes, for messages: {@code memory|postgres|redis}. */
    static String options() {
        return Arrays.stream(values()).map(StoreKind::option).collect(Collectors.joining("|"));
    }
}
