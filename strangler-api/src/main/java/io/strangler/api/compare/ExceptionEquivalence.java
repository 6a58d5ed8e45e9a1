package io.strangler.api.compare;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether the legacy and the modern side failed in the same way, when both threw during a shadowed call.
 * Two equivalent failures count as a match; otherwise the comparison is a mismatch. The router uses
 * {@link #sameTypeAndMessage()} unless told otherwise.
 *
 * <p>Implementations must be thread-safe and accept {@code null} on either side. An exception thrown here is caught
 * by the router and counted as a comparison error; it never reaches the caller.
 *
 * <pre>{@code
 * ExceptionEquivalence bothNotFound = (legacy, modern) ->
 *         legacy instanceof NotFoundException && modern instanceof NoSuchElementException;
 * }</pre>
 */
@FunctionalInterface
public interface ExceptionEquivalence {

    /**
     * Decides whether two failures are equivalent.
     *
     * @param legacy what legacy threw, may be {@code null}
     * @param modern what modern threw, may be {@code null}
     * @return {@code true} when the failures count as the same outcome
     */
    boolean equivalent(@Nullable Throwable legacy, @Nullable Throwable modern);

    /**
     * The router's default: the same runtime class (not a subclass) and equal messages ({@code null} equals only
     * {@code null}). Two {@code null}s are equivalent; a {@code null} and a throwable are not.
     *
     * @return the shared instance
     */
    static ExceptionEquivalence sameTypeAndMessage() {
        return StandardExceptionEquivalence.SAME_TYPE_AND_MESSAGE;
    }

    /**
     * The same runtime class (not a subclass), whatever the messages. Two {@code null}s are equivalent; a
     * {@code null} and a throwable are not.
     *
     * @return the shared instance
     */
    static ExceptionEquivalence sameType() {
        return StandardExceptionEquivalence.SAME_TYPE;
    }
}
