package io.strangler.api;

import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * An asynchronous call made on one side of a route. A call that throws instead of returning a failed stage is
 * treated like one that returned a failed stage.
 *
 * @param <T> the route's interface
 * @param <R> the result type, which may be nullable: the stage may complete with {@code null}
 */
@FunctionalInterface
public interface AsyncRouteCall<T, R extends @Nullable Object> {

    /**
     * Calls {@code implementation}.
     *
     * @param implementation the legacy or the modern implementation
     * @return the stage that completes with the call's outcome
     */
    CompletionStage<R> call(T implementation);
}
