package io.strangler.api.dualwrite;

import org.jspecify.annotations.Nullable;

/**
 * Reads back, from one side, what a write for a key stored, so that a sample of dual writes can be verified: both
 * sides are read after the write and compared with the route's comparator. A difference is a data-integrity
 * failure ({@link io.strangler.api.event.RouterListener#onDataIntegrity}).
 *
 * <pre>{@code
 * VerificationReader<ProfileStore> reader = (store, userId) -> store.load(userId);
 * }</pre>
 *
 * @param <T> the route's interface
 */
@FunctionalInterface
public interface VerificationReader<T> {

    /**
     * Reads what {@code implementation} holds for {@code key}.
     *
     * @param implementation the legacy or the modern implementation
     * @param key the routing key of the write
     * @return what the side holds, or {@code null} for nothing; compared with the other side's
     * @throws Exception when the read fails; counted as a verification error
     */
    @Nullable Object read(T implementation, String key) throws Exception;
}
