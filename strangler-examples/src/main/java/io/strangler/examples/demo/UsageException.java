package io.strangler.examples.demo;

/** A command line the demo can't run: the message names the option and the value. Exit code 2. */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * A usage error.
     *
     * @param message what is wrong, naming the option and the value
     */
    public UsageException(String message) {
        super(message);
    }
}
