package io.strangler.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Realistic routing keys: {@code user-<n>}. */
final class Keys {

    /** Size of the key pools that cycling benchmarks walk through (a power of two). */
    static final int POOL = 4096;

    private Keys() {
    }

    static String user(int n) {
        return "user-" + n;
    }

    /** The first key {@code user-<n>} (from n = 0) that {@code accept} takes. */
    static String first(Predicate<String> accept) {
        for (int n = 0; n < 1_000_000; n++) {
            String key = user(n);
            if (accept.test(key)) {
                return key;
            }
        }
        throw new IllegalStateException("no key found");
    }

    /** {@code count} consecutive keys {@code user-0 .. user-(count-1)}. */
    static String[] pool(int count) {
        List<String> keys = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            keys.add(user(n));
        }
        return keys.toArray(new String[0]);
    }
}
