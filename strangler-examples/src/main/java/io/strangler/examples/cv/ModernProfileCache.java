package io.strangler.examples.cv;

import org.jspecify.annotations.Nullable;

/**
 * The cache module's profile cache. It never keeps an older version of a profile over a newer one: a write that
 * arrives late (a replayed second write, say) does not undo a newer profile.
 */
public final class ModernProfileCache implements ProfileCache {

    private final KeyedStore<CachedProfile> store;

    /**
     * A cache over {@code store}, which the service's instances share.
     *
     * @param store the modern side's store
     */
    public ModernProfileCache(KeyedStore<CachedProfile> store) {
        this.store = store;
    }

    @Override
    public @Nullable CachedProfile get(String userId) {
        return store.get(userId);
    }

    @Override
    public void put(String userId, CachedProfile profile) {
        store.update(userId, old -> old != null && old.version() > profile.version() ? old : profile);
    }
}
