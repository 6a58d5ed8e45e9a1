package io.strangler.api.spi;

import io.strangler.api.RouteState;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where route states are kept, with the one operation FF4J's stores lack: compare-and-set on the version, so that
 * two instances changing a route at once can't undo each other. The default implementation keeps each state in
 * an FF4J feature store. Implementations must be thread-safe.
 */
public interface RouteStateStore {

    /**
     * Reads a route's state.
     *
     * @param route the route's name
     * @return the state, or empty when the store holds none
     * @throws io.strangler.api.InvalidStateRecordException if the stored record can't be read
     * @throws io.strangler.api.StranglerException if the store can't be reached
     */
    Optional<RouteState> load(String route);

    /**
     * Stores {@code initial} unless the store holds a state for its route already.
     *
     * @param initial the state to store
     * @return the state the store holds afterwards: the existing one, or {@code initial}
     * @throws io.strangler.api.InvalidStateRecordException if an existing record can't be read
     * @throws io.strangler.api.StranglerException if the store can't be reached
     */
    RouteState createIfAbsent(RouteState initial);

    /**
     * Replaces the state of {@code next.route()} with {@code next} if the stored version is
     * {@code expectedVersion}.
     *
     * @param expectedVersion the version the change was computed from
     * @param next the new state
     * @return {@code true} if the state was replaced, {@code false} if the stored version differed
     * @throws io.strangler.api.StranglerException if the store can't be reached
     */
    boolean compareAndSet(long expectedVersion, RouteState next);

    /**
     * Asks the store to tell {@code changed} the name of a route as soon as its state changes in the store, made by
     * any instance or by a person (push). The router then refreshes that route at once, on its refresh thread; its
     * periodic refresh stays the safety net, so a store may lose a notification, call {@code changed} for a route
     * that did not change, or call it on any thread. A store that can't push keeps the default, which tells nothing.
     *
     * @param changed told the name of a route whose state changed; must return quickly
     * @return ends the subscription
     */
    default Subscription watch(Consumer<String> changed) {
        return () -> {
        };
    }

    /** What {@link #watch} returns: closing it ends the notifications. */
    @FunctionalInterface
    interface Subscription extends AutoCloseable {

        /** Ends the notifications; a second call does nothing. */
        @Override
        void close();
    }
}
