package io.strangler.spring.web;

import io.strangler.api.RoutingContext;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Carries a {@link RoutingContext} through a reactive chain, where a thread-bound context can't go: the context
 * travels in the Reactor {@link Context} (under {@link #CONTEXT_KEY}, where {@link ReactiveRoutingKeyFilter} puts a
 * request's), and these operators attach it to the thread, around the code that calls a route, exactly while that
 * code runs.
 *
 * <pre>{@code
 * @GetMapping("/cv/{id}")
 * Mono<Report> analyze(@PathVariable String id) {
 *     return ReactiveRouting.fromCallable(() -> analyzer.analyze(id))   // routed by the request's key
 *             .subscribeOn(Schedulers.boundedElastic());               // a blocking side: off the event loop
 * }
 *
 * @GetMapping("/orders/{id}")
 * Mono<Order> order(@PathVariable String id) {
 *     return ReactiveRouting.defer(() -> orders.find(id));  // the route decides here; the Mono runs later
 * }
 * }</pre>
 *
 * <p><b>Covered:</b> a route called inside {@link #fromCallable(Callable)}, {@link #defer(Supplier)} or
 * {@link #deferMany(Supplier)}, on whatever thread the chain subscribes on: the route reads the key, and the side it
 * calls sees {@link RoutingContext#current()} while the call runs. A side that returns a {@code Mono} or {@code Flux}
 * can read the context anywhere in its own chain with {@link #context()}.
 *
 * <p><b>Not covered:</b> a route called anywhere else in a reactive chain (a plain {@code map}, {@code flatMap} or
 * {@code Mono.fromCallable}) sees no context and falls back to the route's resolver and null-key policy; nor does code
 * a reactive side runs after it returned its publisher (on other threads, later), except through {@link #context()}.
 * Nothing here propagates thread locals automatically (Reactor's automatic context propagation is not set up).
 */
public final class ReactiveRouting {

    /** The key under which the Reactor {@link Context} holds the {@link RoutingContext}. */
    public static final Class<RoutingContext> CONTEXT_KEY = RoutingContext.class;

    private ReactiveRouting() {
    }

    /**
     * The routing context of the subscribing chain.
     *
     * @return a {@code Mono} of the context, {@link RoutingContext#EMPTY} when the chain carries none
     */
    public static Mono<RoutingContext> context() {
        return Mono.deferContextual(view -> Mono.just(of(view)));
    }

    /**
     * The routing context a Reactor context holds.
     *
     * @param view a Reactor context
     * @return its routing context, {@link RoutingContext#EMPTY} when it holds none
     */
    public static RoutingContext of(ContextView view) {
        return view.getOrDefault(CONTEXT_KEY, RoutingContext.EMPTY);
    }

    /**
     * Puts a routing context into the Reactor context of the chain upstream, for a chain no request started (a
     * message listener, a scheduled job, a test): {@code mono.contextWrite(ReactiveRouting.with(context))}.
     *
     * @param context the routing context
     * @return the function to pass to {@code contextWrite}
     * @throws NullPointerException if {@code context} is null
     */
    public static Function<Context, Context> with(RoutingContext context) {
        Objects.requireNonNull(context, "context");
        return reactorContext -> reactorContext.put(CONTEXT_KEY, context);
    }

    /**
     * Like {@code Mono.fromCallable}, with the chain's routing context attached while {@code call} runs: the way to
     * make a blocking route call from a reactive handler.
     *
     * @param call the work that calls a route; may return null for an empty {@code Mono}
     * @param <T> the result type
     * @return a {@code Mono} of what {@code call} returns, or of its exception
     * @throws NullPointerException if {@code call} is null
     */
    public static <T> Mono<T> fromCallable(Callable<? extends @Nullable T> call) {
        Objects.requireNonNull(call, "call");
        return Mono.deferContextual(view -> {
            T result;
            try (RoutingContext.Scope scope = of(view).attach()) {
                result = call.call();
            } catch (Exception e) {
                return Mono.error(e);
            }
            return Mono.justOrEmpty(result);
        });
    }

    /**
     * Like {@code Mono.defer}, with the chain's routing context attached while {@code supplier} builds the
     * {@code Mono}: a route whose sides return a {@code Mono} chooses the side then. The {@code Mono} itself runs
     * after the context is detached.
     *
     * @param supplier builds the {@code Mono}, typically by calling a route
     * @param <T> the element type
     * @return the {@code Mono} {@code supplier} built
     * @throws NullPointerException if {@code supplier} is null
     */
    public static <T> Mono<T> defer(Supplier<? extends Mono<? extends T>> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        return Mono.deferContextual(view -> {
            try (RoutingContext.Scope scope = of(view).attach()) {
                return supplier.get();
            }
        });
    }

    /**
     * Like {@code Flux.defer}, with the chain's routing context attached while {@code supplier} builds the publisher.
     *
     * @param supplier builds the publisher, typically by calling a route
     * @param <T> the element type
     * @return a {@code Flux} of what {@code supplier} built
     * @throws NullPointerException if {@code supplier} is null
     */
    public static <T> Flux<T> deferMany(Supplier<? extends Publisher<? extends T>> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        return Flux.deferContextual(view -> {
            try (RoutingContext.Scope scope = of(view).attach()) {
                return Flux.from(supplier.get());
            }
        });
    }
}
