package io.strangler.benchmarks;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** A per-thread walk through {@link Keys#POOL} precomputed keys {@code user-<n>}. */
@State(Scope.Thread)
public class KeyCursor {

    private final String[] keys = Keys.pool(Keys.POOL);
    private int i;

    /** The next key; wraps around. */
    public String next() {
        return keys[i++ & (Keys.POOL - 1)];
    }
}
