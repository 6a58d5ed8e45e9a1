package io.strangler.examples.cv;

import org.jspecify.annotations.Nullable;

/** The monolith's profile cache, over the monolith's store. */
public final class LegacyProfileCache implements ProfileCache {

    private final KeyedStore<CachedProfile> store;

    /**
     * A cache over {@code store}, which the service's instances share.
     *
     * @param store the legacy side's store
     */
    public LegacyProfileCache(KeyedStore<CachedProfile> store) {
        this.store = store;
    }

    @Override
    public @Nullable CachedProfile get(String userId) {
        return store.get(userId);
    }

    @Override
    public void put(String userId, CachedProfile profile) {
        store.put(userId, profile);
    }
}
