package io.strangler.examples.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.strangler.core.RouterBuilder;
import io.strangler.core.Strangler;
import io.strangler.core.dualwrite.JdbcReconciliationLog;
import io.strangler.core.rollout.RolloutController;
import io.strangler.postgres.PostgresFleetStore;
import io.strangler.postgres.PostgresRouteStateStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ff4j.store.JdbcFeatureStore;
import org.ff4j.store.JdbcQueryBuilder;

/**
 * A fleet on PostgreSQL, set up as a service would be: per instance a connection pool of its own, FF4J's feature
 * store (the kill switches) and {@link PostgresRouteStateStore} (the states, pushed with {@code LISTEN/NOTIFY}), a
 * {@link PostgresFleetStore} (counters, lease, journal); one {@link JdbcReconciliationLog} for the fleet. Every table
 * is named after a prefix of the run's own, and dropped at the end.
 */
final class PostgresBackend implements StoreBackend {

    private final String url;
    private final String user;
    private final String prefix = FleetSettings.uniqueName("strangler_demo_");
    private final Map<String, HikariDataSource> pools = new LinkedHashMap<>();
    private final HikariDataSource admin;
    private final JdbcReconciliationLog log;

    /** Checks that PostgreSQL answers and makes the run's tables. */
    PostgresBackend(String url, String user) {
        this.url = url;
        this.user = user;
        this.admin = pool("demo-admin", url, user, 2);
        try {
            try (Connection c = admin.getConnection()) {
                c.isValid(2);
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL at " + url + " (user " + user + ") can't be reached: "
                        + e.getMessage(), e);
            }
            features(admin).createSchema();                          // FF4J's tables: the kill switches
            PostgresRouteStateStore.createSchema(admin, statesTable());
            PostgresFleetStore.createSchema(admin, fleetPrefix());
            this.log = JdbcReconciliationLog.of(admin, prefix + "_reconciliation").createTableIfMissing();
        } catch (RuntimeException e) {
            try {
                dropTables();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            admin.close();
            throw e;
        }
    }

    private static HikariDataSource pool(String name, String url, String user, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(size);
        config.setPoolName(name);
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(-1);    // the check above says what is wrong, in one line
        // Each instance publishes its counters at every tick, some 4,000 commits in a run that takes under a
        // minute; waiting for each to be flushed to disk would make the run wait on the disk. The demo's tables are
        // dropped at the end, so a commit lost to a crash costs nothing; a service keeps the default.
        config.setConnectionInitSql("SET synchronous_commit = off");
        return new HikariDataSource(config);
    }

    private JdbcFeatureStore features(HikariDataSource pool) {
        JdbcFeatureStore features = new JdbcFeatureStore(pool);
        features.setQueryBuilder(new JdbcQueryBuilder(prefix + "_ff4j_", ""));
        return features;
    }

    private String statesTable() {
        return prefix + "_route_state";
    }

    private String fleetPrefix() {
        return prefix + "_fleet";
    }

    private HikariDataSource instancePool(String instance) {
        // a pool per instance, as each process of a service has: its own connections, its own LISTEN
        return pools.computeIfAbsent(instance, id -> pool("demo-" + id, url, user, 4));
    }

    @Override
    public RouterBuilder router(String instance) {
        HikariDataSource pool = instancePool(instance);
        return Strangler.router()
                .stateStore(PostgresRouteStateStore.builder(pool, features(pool)).table(statesTable()).build())
                .reconciliationLog(log);
    }

    @Override
    public RolloutController.Builder controller(RolloutController.Builder builder, String instance) {
        return builder.fleet(PostgresFleetStore.builder(instancePool(instance)).tablePrefix(fleetPrefix()).build())
                .instance(instance)
                .leaseTime(FleetSettings.LEASE);
    }

    @Override
    public String describe() {
        return "PostgreSQL " + url + ", tables " + prefix + "_*";
    }

    @Override
    public void close() {
        pools.values().forEach(HikariDataSource::close);
        try {
            dropTables();
        } finally {
            admin.close();
        }
    }

    /** Drops every table of the run: its prefix is its own. */
    private void dropTables() {
        try (Connection c = admin.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE ?")) {
                s.setString(1, prefix + "\\_%");
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        tables.add(r.getString(1));
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                for (String table : tables) {
                    s.execute("DROP TABLE IF EXISTS " + table + " CASCADE");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the demo's tables " + prefix + "_* in " + url + ": "
                    + e.getMessage(), e);
        }
    }
}
