package io.strangler.api;

/** The side of a route that serves a call. */
public enum Target {
    /** The implementation being replaced. */
    LEGACY,
    /** The implementation replacing it. */
    MODERN;

    /**
     * The other side.
     *
     * @return {@link #MODERN} for {@link #LEGACY} and the reverse
     */
    public Target other() {
        return this == LEGACY ? MODERN : LEGACY;
    }
}
