package io.strangler.api;

/** A route in {@link Stage#RETIRED} can't go back to legacy: legacy has stopped receiving writes. */
public class RollbackRefusedException extends StranglerException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates a {@code RollbackRefusedException}.
     *
     * @param route the route
     * @param detail why
     */
    public RollbackRefusedException(String route, String detail) {
        super("route '" + route + "': rollback refused: " + detail);
    }
}
