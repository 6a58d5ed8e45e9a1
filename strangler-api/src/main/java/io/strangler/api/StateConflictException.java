package io.strangler.api;

/**
 * A compare-and-set state change found another version than it expected: someone else changed the route first.
 * Read the state again and decide anew.
 */
public class StateConflictException extends StranglerException {
    private static final long serialVersionUID = 1L;

    /** The route. */
    private final String route;
    /** The version the change was computed from. */
    private final long expectedVersion;
    /** The version found. */
    private final long actualVersion;

    /**
     * Creates a {@code StateConflictException}.
     *
     * @param route the route
     * @param expectedVersion the version the change was computed from
     * @param actualVersion the version found
     */
    public StateConflictException(String route, long expectedVersion, long actualVersion) {
        super("route '" + route + "': state changed concurrently, expected version " + expectedVersion
                + " but found " + actualVersion);
        this.route = route;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    /**
     * The route.
     *
     * @return the route
     */
    public String route() {
        return route;
    }

    /**
     * The version the change was computed from.
     *
     * @return the version the change was computed from
     */
    public long expectedVersion() {
        return expectedVersion;
    }

    /**
     * The version found.
     *
     * @return the version found
     */
    public long actualVersion() {
        return actualVersion;
    }
}
