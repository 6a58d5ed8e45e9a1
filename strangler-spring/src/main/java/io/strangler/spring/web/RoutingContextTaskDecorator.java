package io.strangler.spring.web;

import io.strangler.api.RoutingContext;
import org.springframework.core.task.TaskDecorator;

/**
 * Runs a task with the {@link RoutingContext} of the thread that submitted it, so that {@code @Async} methods (and
 * MVC's {@code Callable} handlers) route by their caller's key. The worker thread's own context, if it had one, is
 * restored when the task ends; a caller without a context runs the task with none, whatever the worker had.
 *
 * <p>Spring Boot gives its auto-configured task executor the application's {@code TaskDecorator} bean. An
 * application that defines its own decorator gets none of Strangler's (the auto-configuration backs off, and Boot 3.5
 * applies only a unique decorator); to have both, compose them in its bean, with Spring Framework's
 * {@code CompositeTaskDecorator} (6.1+; each decorator wraps the one before it, all capture on the submitting
 * thread):
 *
 * <pre>{@code
 * @Bean
 * TaskDecorator taskDecorator() {
 *     return new CompositeTaskDecorator(List.of(new RoutingContextTaskDecorator(), new MyTaskDecorator()));
 * }
 * }</pre>
 *
 * <p>An executor Boot does not build gets it with {@code executor.setTaskDecorator(...)}.
 */
public class RoutingContextTaskDecorator implements TaskDecorator {

    /** A decorator; it holds no state. */
    public RoutingContextTaskDecorator() {
    }

    /**
     * Captures the current thread's context for {@code runnable}.
     *
     * @param runnable the submitted task
     * @return a task that runs {@code runnable} with the submitter's context attached
     */
    @Override
    public Runnable decorate(Runnable runnable) {
        // Captured now, on the submitting thread: by the time the task runs, the caller may have detached it.
        return RoutingContext.current().wrap(runnable);
    }
}
