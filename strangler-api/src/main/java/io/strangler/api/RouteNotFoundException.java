package io.strangler.api;

/** No route of the given name is registered. */
public class RouteNotFoundException extends StranglerException {
    private static final long serialVersionUID = 1L;

    /** The route. */
    private final String route;

    /**
     * Creates a {@code RouteNotFoundException}.
     *
     * @param route the name that was looked up
     */
    public RouteNotFoundException(String route) {
        super("no route named '" + route + "' is registered");
        this.route = route;
    }

    /**
     * The name that was looked up.
     *
     * @return the name that was looked up
     */
    public String route() {
        return route;
    }
}
