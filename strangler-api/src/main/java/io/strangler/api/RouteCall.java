package io.strangler.api;

import org.jspecify.annotations.Nullable;

/**
 * A call made on one side of a route. The exception type parameter lets a checked exception of the
 * implementation reach the caller as itself:
 *
 * <pre>{@code
 * Report r = route.read(userId, analyzer -> analyzer.analyze(cv)); // analyze() throws IOException: so does read()
 * }</pre>
 *
 * @param <T> the route's interface
 * @param <R> the result type, which may be nullable: a call may return {@code null}
 * @param <X> the exception the call may throw; inferred as {@link RuntimeException} when it throws none
 */
@FunctionalInterface
public interface RouteCall<T, R extends @Nullable Object, X extends Throwable> {

    /**
     * Calls {@code implementation}.
     *
     * @param implementation the legacy or the modern implementation
     * @return the call's result
     * @throws X what the implementation throws
     */
    R call(T implementation) throws X;
}
