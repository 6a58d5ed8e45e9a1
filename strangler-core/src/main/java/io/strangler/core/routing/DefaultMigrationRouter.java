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
import io.strangler.api.spi.RouteStateStore;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The router: a registry of routes, and the background refresh of their state from the store. */
public final class DefaultMigrationRouter implements MigrationRouter {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultMigrationRouter.class);

    private final RouterSettings settings;
    private final Listeners listeners = new Listeners();
    private final Map<String, DefaultRoute<?>> routes = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Object refreshLock = new Object();
    private final ScheduledExecutorService refresher;

    /**
     * Creates a router.
     *
     * @param settings what the routes share
     * @param refreshInterval how often states are read from the store; zero for never (call {@link #refresh()})
     * @param initialListeners listeners registered from the start
     */
    public DefaultMigrationRouter(RouterSettings settings, Duration refreshInterval,
            List<RouterListener> initialListeners) {
        this.settings = settings;
        initialListeners.forEach(listeners::add);
        if (settings.meterRegistry() != null) {
            bindMetrics(() -> RouterMetrics.bindRouter(settings.meterRegistry(), settings.shadowExecutor()::queued,
                    settings.reconciliationLog(), listeners.errors::sum), "the router");
        }
        if (refreshInterval.isZero()) {
            this.refresher = null;
        } else {
            this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "strangler-refresh");
                t.setDaemon(true);
                return t;
            });
            long millis = refreshInterval.toMillis();
            refresher.scheduleWithFixedDelay(this::refreshQuietly, millis, millis, TimeUnit.MILLISECONDS);
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
                bindMetrics(() -> RouterMetrics.bind(settings.meterRegistry(), route.meterSources()), "route '" + route.name() + "'");
            }
            LOG.info("registered route '{}' ({}) on state v{}: {} {}%", definition.name(),
                    definition.type().getSimpleName(), state.version(), state.stage(), state.percentage());
            return route;
        }
    }

    /** A meter registry that fails must cost the metrics, never the routing. */
    private static void bindMetrics(Runnable binding, String what) {
        try {
            binding.run();
        } catch (RuntimeException e) {
            LOG.warn("registering the meters of {} failed; it routes without (some of) them", what, e);
        }
    }

    private RouteState initialState(RouteDefinition<?> definition) {
        RouteState stored;
        try {
            stored = settings.store().createIfAbsent(definition.initialState());
        } catch (InvalidStateRecordException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("route '{}': state store unreachable at registration; starting on the initial state and "
                    + "reading the store in the background", definition.name(), e);
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

    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
        settings.shadowExecutor().close();
    }

    @Override
    public String toString() {
        return "MigrationRouter{routes=" + routes.keySet() + ", store=" + settings.store() + "}";
    }
}
