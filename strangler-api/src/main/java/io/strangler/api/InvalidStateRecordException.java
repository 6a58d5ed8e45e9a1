package io.strangler.api;

/** A stored route state record can't be read; the message names the route, the field and the bad value. */
public class InvalidStateRecordException extends StranglerException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an {@code InvalidStateRecordException}.
     *
     * @param message what is wrong with the record
     */
    public InvalidStateRecordException(String message) {
        super(message);
    }

    /**
     * Creates an {@code InvalidStateRecordException}.
     *
     * @param message what is wrong with the record
     * @param cause the parse failure
     */
    public InvalidStateRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
