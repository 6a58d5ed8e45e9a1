package io.strangler.examples.cv;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Where one side of a stateful service keeps its data, by user: the monolith's tables or the new module's store. Each
 * side of a migrated service has its own, so that the demo can check after the migration that dual writes left both
 * holding the same data. Instances of a service share their store, as they would share a database. Thread-safe.
 *
 * @param <V> what is kept per user; immutable values, compared with {@code equals}
 */
public final class KeyedStore<V> {

    private final String name;
    private final Map<String, V> values = new ConcurrentHashMap<>();

    /**
     * An empty store.
     *
     * @param name what the store is, for messages: {@code "legacy profile cache"}
     */
    public KeyedStore(String name) {
        this.name = name;
    }

    /**
     * The store's name.
     *
     * @return what the store is, as given
     */
    public String name() {
        return name;
    }

    /**
     * Stores a value, replacing the one held for the key.
     *
     * @param key the user
     * @param value the value
     */
    public void put(String key, V value) {
        values.put(key, value);
    }

    /**
     * Changes the value held for a key atomically.
     *
     * @param key the user
     * @param change the new value from the old one (null when the store holds none); never returns null
     * @return the new value
     */
    public V update(String key, UnaryOperator<@Nullable V> change) {
        return values.compute(key, (k, old) -> change.apply(old));
    }

    /**
     * The value held for a key.
     *
     * @param key the user
     * @return the value, or null when the store holds none
     */
    public @Nullable V get(String key) {
        return values.get(key);
    }

    /**
     * How many keys the store holds.
     *
     * @return how many keys the store holds
     */
    public int size() {
        return values.size();
    }

    @Override
    public String toString() {
        return name + " (" + values.size() + " keys)";
    }
}
