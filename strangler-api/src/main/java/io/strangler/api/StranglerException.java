package io.strangler.api;

/**
 * The base of the exceptions Strangler throws itself. A routed call throws one only when no implementation could
 * be called at all ({@link ModernUnavailableException}); otherwise the caller sees the serving side's own outcome.
 */
public class StranglerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates a {@code StranglerException}.
     *
     * @param message what went wrong
     */
    public StranglerException(String message) {
        super(message);
    }

    /**
     * Creates a {@code StranglerException}.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public StranglerException(String message, Throwable cause) {
        super(message, cause);
    }
}
