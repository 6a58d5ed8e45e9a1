package io.strangler.core.routing;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** How the call path classifies a throwable from an implementation. */
final class Failures {

    private Failures() {
    }

    /**
     * Whether a failure may be answered by calling the other side: not when the JVM itself is failing, and not
     * when the thread was interrupted (the caller asked to stop, not to try elsewhere). A stack overflow has
     * unwound by the time it is caught, so it may fall back.
     */
    static boolean recoverable(Throwable t) {
        return !(t instanceof OutOfMemoryError || t instanceof InternalError || t instanceof UnknownError
                || t instanceof InterruptedException);
    }

    /** The failure inside the wrappers {@code CompletableFuture} adds. */
    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** Rethrows {@code t} as it is; the compiler is told it is unchecked. */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }
}
