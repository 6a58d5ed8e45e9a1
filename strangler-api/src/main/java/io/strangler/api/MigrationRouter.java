package io.strangler.api;

import io.strangler.api.event.RollbackEvent;
import io.strangler.api.event.RouterListener;
import io.strangler.api.reconcile.ReconciliationLog;
import io.strangler.api.spi.RouteStateStore;
import java.time.Clock;
import java.util.Collection;
import java.util.Optional;

/**
 * The registry of a service's routes. Build one with {@code io.strangler.core.Strangler.router()} (plain Java) or
 * let the Spring Boot auto-configuration create it.
 *
 * <pre>{@code
 * MigrationRouter router = Strangler.router().meterRegistry(registry).build();
 * Route<CvAnalyzer> route = router.register(RouteDefinition.builder("cv-analyzer", CvAnalyzer.class)
 *         .legacy(legacy).modern(modern)
 *         .initialState(s -> s.stage(Stage.CANARY).percentage(10))
 *         .build());
 * }</pre>
 *
 * <p>Implementations are thread-safe. Close the router when the service stops (it is {@link AutoCloseable}): that
 * stops its background refresh and its shadow threads; routes keep routing on their last state.
 */
public interface MigrationRouter extends AutoCloseable {

    /**
     * Registers a route. When the store already holds a state for the route, that state wins over the
     * definition's initial state, so that a restart never undoes a rollout or a rollback. For the same reason a
     * store that can't be reached makes registration fail, unless the router was built to start on the initial
     * state then (Strangler's {@code RouterBuilder.startWithoutStore}).
     *
     * @param definition the route
     * @param <T> the interface both implementations share
     * @return the registered route
     * @throws IllegalArgumentException if a route of that name is registered already
     * @throws InvalidStateRecordException if the store holds a state for the route that can't be read
     * @throws StranglerException if the store can't be reached and the router does not start without it
     */
    <T> Route<T> register(RouteDefinition<T> definition);

    /**
     * The route called {@code name}.
     *
     * @param name the route's name
     * @return the route
     * @throws RouteNotFoundException if no route has that name
     */
    Route<?> route(String name);

    /**
     * The route called {@code name}, typed.
     *
     * @param name the route's name
     * @param type the route's interface
     * @param <T> that interface
     * @return the route
     * @throws RouteNotFoundException if no route has that name
     * @throws IllegalArgumentException if the route's interface is not {@code type}
     */
    <T> Route<T> route(String name, Class<T> type);

    /**
     * The route called {@code name}, if registered.
     *
     * @param name the route's name
     * @return the route, or empty
     */
    Optional<Route<?>> findRoute(String name);

    /**
     * Every registered route.
     *
     * @return the routes, in registration order
     */
    Collection<Route<?>> routes();

    /**
     * Reads every route's state from the store now, instead of waiting for the background refresh, and writes
     * changes that could not be written while the store was down.
     */
    void refresh();

    /**
     * Adds a listener of routing and state events. Listeners run on the thread that produced the event. Nothing a
     * listener throws, an {@link Error} included, ever reaches the caller: it is counted
     * ({@code strangler.listener.errors}) and logged, and the call goes on as if the listener had returned.
     *
     * @param listener the listener
     */
    void addListener(RouterListener listener);

    /**
     * Removes a listener.
     *
     * @param listener the listener
     */
    void removeListener(RouterListener listener);

    /**
     * Delivers a rollback event to this router's listeners ({@link RouterListener#onRollback}), guarded like the
     * router's own events: for the components that roll routes back, such as a rollout controller, so that one
     * listener on the router hears everything about its routes.
     *
     * @param event the event
     * @throws NullPointerException if {@code event} is null
     */
    void publish(RollbackEvent event);

    /**
     * The router's time source: of state changes, key pins, the breakers' rest periods and staleness. A rollout
     * controller of this router keeps its time by it unless told otherwise.
     *
     * @return the clock
     */
    Clock clock();

    /**
     * Where the routes' states are kept.
     *
     * @return the store the router reads and writes
     */
    RouteStateStore stateStore();

    /**
     * Where failed second writes are kept until they are replayed: list them, replay them with your own function,
     * clear them.
     *
     * @return the router's reconciliation log
     */
    ReconciliationLog reconciliationLog();

    /**
     * Stops the background refresh, the store's notifications and the shadow executor, and waits for the refresh to
     * end: once this returns,
     * the router's refresh thread has ended (unless a store call ignores the interrupt for more than ten seconds,
     * which is logged). Routes keep serving on their last state. Calling it again does nothing.
     */
    @Override
    void close();
}
