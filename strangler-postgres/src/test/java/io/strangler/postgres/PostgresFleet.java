package io.strangler.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.Stage;
import io.strangler.core.Strangler;
import io.strangler.core.testing.PostgresSupport;
import io.strangler.core.testing.PostgresTables;
import io.strangler.test.contract.FleetStoreContract.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.ff4j.store.JdbcFeatureStore;

/**
 * Instances of one service sharing route states on the test PostgreSQL: each router has its own
 * {@link PostgresRouteStateStore} (and its own data source) on one state table, and the kill switches in FF4J's
 * JDBC store on the same database. {@link #close()} closes the routers; the tables are dropped by
 * {@link PostgresTables}.
 */
final class PostgresFleet implements AutoCloseable {

    static final String ROUTE = "svc";

    final String table;
    final String fleetPrefix;
    final JdbcFeatureStore features;
    private final List<MigrationRouter> routers = new ArrayList<>();
    private final List<HikariDataSource> pools = new ArrayList<>();

    PostgresFleet(PostgresTables postgres) {
        this.table = postgres.newTable("strangler_state");
        JdbcFeatureStore made = postgres.ff4jFeatureStore();
        // The kill switches are read on every load: through a pool, as an application would.
        this.features = new JdbcFeatureStore(pool());
        features.setQueryBuilder(made.getQueryBuilder());
        PostgresRouteStateStore.createSchema(postgres.dataSource(), table);
        this.fleetPrefix = postgres.newTablePrefix("strangler_fleet", "stats", "lease", "documents");
        PostgresFleetStore.createSchema(postgres.dataSource(), fleetPrefix);
    }

    /** A fleet store on a pool of its own, on the fleet's tables. */
    PostgresFleetStore fleetStore() {
        return PostgresFleetStore.builder(pool()).tablePrefix(fleetPrefix).build();
    }

    /** A connection pool on the test database, as an instance of a service has. */
    DataSource pool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(PostgresSupport.URL);
        config.setUsername(PostgresSupport.USER);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        config.setPoolName("fleet-test");
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    /** A store on a pool of its own, with the fleet's table and features. */
    PostgresRouteStateStore store() {
        return store(pool());
    }

    PostgresRouteStateStore store(DataSource dataSource) {
        return PostgresRouteStateStore.builder(dataSource, features).table(table).listenPoll(Duration.ofMillis(50))
                .build();
    }

    /** A router on {@code store} with the route {@value #ROUTE} registered, CANARY at 10 % initially. */
    Instance instance(PostgresRouteStateStore store, Duration refreshInterval) {
        MigrationRouter router = Strangler.router().stateStore(store).refreshInterval(refreshInterval).build();
        routers.add(router);
        Route<Service> route = router.register(RouteDefinition.builder(ROUTE, Service.class)
                .legacy(input -> "legacy").modern(input -> "modern")
                .initialState(s -> s.stage(Stage.CANARY).percentage(10)).build());
        return new Instance(router, route, store);
    }

    /** Polls {@code condition} until it holds, failing with {@code what} after {@code timeout}. */
    static void awaitUntil(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            LockSupport.parkNanos(50_000);
        }
    }

    @Override
    public void close() {
        routers.forEach(MigrationRouter::close);
        pools.forEach(HikariDataSource::close);
    }


    /** One instance of the service: its router, its route, its store. */
    record Instance(MigrationRouter router, Route<Service> route, PostgresRouteStateStore store) {
    }
}
