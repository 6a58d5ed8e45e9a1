package io.strangler.api;

/**
 * One of the two implementations behind a route: the one being replaced and the one replacing it. A routing
 * decision names the side that serves a call; the other side may still run it in the shadow or as a second write.
 */
public enum Side {
    /** The implementation being replaced. */
    LEGACY,
    /** The implementation replacing it. */
    MODERN;

    /**
     * The other side.
     *
     * @return {@link #MODERN} for {@link #LEGACY} and the reverse
     */
    public Side other() {
        return this == LEGACY ? MODERN : LEGACY;
    }
}
