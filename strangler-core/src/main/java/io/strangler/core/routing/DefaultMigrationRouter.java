package io.strangler.core.routing;

import io.strangler.core.metrics.RouterMetrics;

import io.strangler.api.InvalidStateRecordException;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteNotFoundException;
import io.strangler.api.RouteState;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.event.RouterListener;
import io.strangler.api.reconcile.ReconciliationLog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import io.strangler.api.StranglerException;
import io.strangler.api.spi.RouteStateStore;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router: a registry of routes, and the background refresh of their state from the store. Thread-safe. See
 * {@link MigrationRouter} for the contract.
 */
public final class DefaultMigrationRouter implements MigrationRouter {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultMigrationRouter.class);
    /** The longest {@link #close()} waits for a refresh stuck in a store call that ignores interrupts. */
    private static final Duration REFRESH_END_TIMEOUT = Duration.ofSeconds(10);

    private final RouterSettings settings;
    private final Listeners listeners = new Listeners();
    private final Map<String, DefaultRoute<?>> routes = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Object refreshLock = new Object();
    /** Runs the periodic refresh and the refreshes a store's notifications ask for; made on first need. */
    private ScheduledExecutorService refresher;
    private boolean closed;
    /** The store's notifications of changed routes. */
    private final RouteStateStore.Subscription subscription;
    /** The refresh thread, once it exists; close() waits for it to end. */
    private volatile Thread refreshThread;
    /** Held here: the meter registry holds what its meters read only weakly. */
    private final IntSupplier shadowQueued;
    private final LongSupplier listenerErrors;

    /**
     * Creates a router.
     *
     * @param settings what the routes share
     * @param refreshInterval how often states are read from the store; zero for never (call {@link #refresh()})
     * @param initialListeners listeners registered from the start
     * @throws NullPointerException if an argument is null
     */
    public DefaultMigrationRouter(RouterSettings settings, Duration refreshInterval,
            List<RouterListener> initialListeners) {
        this.settings = settings;
        initialListeners.forEach(listeners::add);
        this.shadowQueued = settings.shadowExecutor()::queued;
        this.listenerErrors = listeners.errors::sum;
        if (settings.meterRegistry() != null) {
            RouterMetrics.bindSafely(() -> RouterMetrics.bindRouter(settings.meterRegistry(), shadowQueued,
                    settings.reconciliationLog(), listenerErrors), "the router");
        }
        if (!refreshInterval.isZero()) {
            long millis = refreshInterval.toMillis();
            refresher().scheduleWithFixedDelay(this::refreshQuietly, millis, millis, TimeUnit.MILLISECONDS);
        }
        this.subscription = watch(settings.store());
    }

    private synchronized ScheduledExecutorService refresher() {
        if (refresher == null) {
            refresher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "strangler-refresh");
                t.setDaemon(true);
                refreshThread = t;
                return t;
            });
        }
        return refresher;
    }

    private RouteStateStore.Subscription watch(RouteStateStore store) {
        try {
            return store.watch(this::changedInStore);
        } catch (RuntimeException e) {
            LOG.warn("the state store's notifications could not be subscribed to; changes made elsewhere are read "
                    + "by the periodic refresh alone", e);
            return () -> {
            };
        }
    }

    /** A store's notification: that route is refreshed at once, off the notifying thread. */
    private void changedInStore(String name) {
        ScheduledExecutorService executor;
        synchronized (this) {
            if (closed) {
                return;
            }
            executor = refresher();
        }
        try {
            executor.execute(() -> refreshRoute(name));
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void refreshRoute(String name) {
        DefaultRoute<?> route = routes.get(name);
        if (route == null) {
            return;
        }
        try {
            synchronized (refreshLock) {
                route.refresh();
            }
        } catch (Throwable t) {
            LOG.error("Strangler state refresh of route '{}' failed; it will run again", name, t);
        }
    }

    @Override
    public <T> Route<T> register(RouteDefinition<T> definition) {
        Objects.requireNonNull(definition, "definition");
        synchronized (routes) {
            if (routes.containsKey(definition.name())) {
                throw new IllegalArgumentException("route name '" + definition.name() + "' is registered already");
            }
            RouteState state = initialState(definition);
            DefaultRoute<T> route = new DefaultRoute<>(definition, state, settings, listeners);
            routes.put(definition.name(), route);
            if (settings.meterRegistry() != null) {
                RouterMetrics.bindSafely(() -> RouterMetrics.bind(settings.meterRegistry(), route.meterSources()),
                        "route '" + route.name() + "'");
            }
            LOG.info("registered route '{}' ({}) on state v{}: {} {}%", definition.name(),
                    definition.type().getSimpleName(), state.version(), state.stage(), state.percentage());
            return route;
        }
    }

    private RouteState initialState(RouteDefinition<?> definition) {
        RouteState stored;
        try {
            stored = settings.store().createIfAbsent(definition.initialState());
        } catch (InvalidStateRecordException e) {
            throw e;
        } catch (RuntimeException e) {
            if (!settings.startWithoutStore()) {
                throw new StranglerException("route '" + definition.name() + "': the state store can't be reached "
                        + "at registration (" + e + "); not starting on the initial state, which could undo a "
                        + "rollback or a kill switch stored there. Start when the store answers, or allow it with "
                        + "RouterBuilder.startWithoutStore(true)", e);
            }
            LOG.warn("route '{}': state store unreachable at registration; starting on the initial state "
                    + "(startWithoutStore) and reading the store in the background", definition.name(), e);
            return definition.initialState();
        }
        if (stored.bucketingVersion() != RouteState.CURRENT_BUCKETING_VERSION) {
            throw new InvalidStateRecordException("route '" + definition.name() + "': state record field "
                    + "'bucketingVersion' has value " + stored.bucketingVersion() + ", but this release implements "
                    + "only version " + RouteState.CURRENT_BUCKETING_VERSION + "; refusing to reshuffle users");
        }
        return stored;
    }

    @Override
    public Route<?> route(String name) {
        DefaultRoute<?> route = routes.get(name);
        if (route == null) {
            throw new RouteNotFoundException(name);
        }
        return route;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Route<T> route(String name, Class<T> type) {
        Route<?> route = route(name);
        if (route.type() != type) {
            throw new IllegalArgumentException("route '" + name + "' routes " + route.type().getName() + ", not "
                    + type.getName());
        }
        return (Route<T>) route;
    }

    @Override
    public Optional<Route<?>> findRoute(String name) {
        return Optional.ofNullable(routes.get(name));
    }

    @Override
    public Collection<Route<?>> routes() {
        synchronized (routes) {
            return List.copyOf(routes.values());
        }
    }

    @Override
    public void refresh() {
        List<DefaultRoute<?>> snapshot;
        synchronized (routes) {
            snapshot = new ArrayList<>(routes.values());
        }
        synchronized (refreshLock) {
            for (DefaultRoute<?> route : snapshot) {
                route.refresh();
            }
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (Throwable t) {
            LOG.error("Strangler state refresh failed; it will run again", t);
        }
    }

    @Override
    public void addListener(RouterListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(RouterListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void publish(RollbackEvent event) {
        listeners.rollback(Objects.requireNonNull(event, "event"));
    }

    @Override
    public Clock clock() {
        return settings.clock();
    }

    @Override
    public RouteStateStore stateStore() {
        return settings.store();
    }

    @Override
    public ReconciliationLog reconciliationLog() {
        return settings.reconciliationLog();
    }

    /**
     * Ends the store's notifications, stops the refresh, waits for it to end (at most ten seconds, for a store call that
     * ignores interrupts; a refresh closing its own router from a listener doesn't wait for itself), and closes the
     * shadow executor.
     */
    @Override
    public void close() {
        closeQuietly(subscription);
        ScheduledExecutorService executor;
        synchronized (this) {
            closed = true;
            executor = refresher;
        }
        if (executor != null) {
            executor.shutdownNow();
            awaitRefreshEnd();
        }
        settings.shadowExecutor().close();
    }

    private static void closeQuietly(RouteStateStore.Subscription subscription) {
        try {
            subscription.close();
        } catch (RuntimeException e) {
            LOG.warn("ending the state store's notifications failed", e);
        }
    }

    private void awaitRefreshEnd() {
        Thread thread = refreshThread;
        if (thread == null || thread == Thread.currentThread()) {
            return;
        }
        try {
            thread.join(REFRESH_END_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (thread.isAlive()) {
            LOG.warn("the Strangler state refresh has not ended {} after close(): a store call ignores interrupts; "
                    + "it ends when the call returns", REFRESH_END_TIMEOUT);
        }
    }

    @Override
    public String toString() {
        return "MigrationRouter{routes=" + routes.keySet() + ", store=" + settings.store() + "}";
    }
}
