package io.strangler.api;

/**
 * A call routed to modern could not be made, because modern's circuit breaker is open, and the call may not fall
 * back to legacy (fallback is off in the state, or the route is {@link Stage#RETIRED}). Modern was not called.
 */
public class ModernUnavailableException extends StranglerException {
    private static final long serialVersionUID = 1L;

    /** The route. */
    private final String route;

    /**
     * Creates a {@code ModernUnavailableException}.
     *
     * @param route the route
     * @param detail why modern was not called
     */
    public ModernUnavailableException(String route, String detail) {
        super("route '" + route + "': modern was not called: " + detail);
        this.route = route;
    }

    /**
     * The route.
     *
     * @return the route
     */
    public String route() {
        return route;
    }
}
