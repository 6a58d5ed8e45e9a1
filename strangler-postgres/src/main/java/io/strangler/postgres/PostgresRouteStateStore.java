package io.strangler.postgres;

import io.strangler.api.InvalidStateRecordException;
import io.strangler.api.RouteState;
import io.strangler.api.StranglerException;
import io.strangler.api.spi.RouteStateStore;
import io.strangler.core.state.FeatureKillSwitches;
import io.strangler.core.state.Ff4jRouteStateStore;
import io.strangler.core.state.RouteStateCodec;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.ff4j.core.FeatureStore;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route states in a PostgreSQL table of Strangler's own, for every instance of a service on one database:
 *
 * <ul>
 *   <li><b>Records</b> in the table ({@value #DEFAULT_TABLE} by default): {@code route} (primary key),
 *       {@code version}, {@code record} (the JSON of {@link RouteStateCodec}) and {@code updated_at}. Make it once
 *       with {@link #createSchema(DataSource, String)}; {@link Builder#build()} refuses a missing table or column,
 *       naming it and that call.</li>
 *   <li><b>Compare-and-set</b> is one statement, {@code UPDATE … WHERE route = ? AND version = ?}, atomic for every
 *       instance: of two changes made from the same version, exactly one is written.</li>
 *   <li><b>Push.</b> A trigger on the table sends the route's name with {@code pg_notify} on a channel named after
 *       the table, for every insert and update, whoever makes it; {@link #watch} listens on its own connection
 *       and, after a reconnect, reports every route so that a change made meanwhile is not late.</li>
 *   <li><b>Kill switch</b>: the enabled flag of the route's FF4J feature ({@code strangler.<route>} by default), as
 *       with {@link Ff4jRouteStateStore}, flipped by a person in the FF4J console; see
 *       {@link FeatureKillSwitches}. A flip changes no version; it is pushed too once
 *       {@link #createKillSwitchTrigger} has put a trigger on FF4J's feature table, and seen at the next refresh
 *       otherwise.</li>
 * </ul>
 *
 * <p>Thread-safe. Each call takes a connection from the data source and gives it back; give it a pool in
 * production.
 */
public final class PostgresRouteStateStore implements RouteStateStore {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresRouteStateStore.class);
    /** The default table. */
    public static final String DEFAULT_TABLE = "strangler_route_state";
    /** The columns the table must have. */
    static final List<String> COLUMNS = List.of("route", "version", "record", "updated_at");
    /** The trigger function, shared by every table of states in a database: it notifies on the table's name. */
    static final String NOTIFY_FUNCTION = "strangler_notify_route_state";
    /** The trigger function on FF4J's feature table: notifies a state table's channel of a flipped kill switch. */
    static final String KILL_SWITCH_FUNCTION = "strangler_notify_kill_switch";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final String table;
    private final FeatureKillSwitches killSwitches;
    private final Duration listenPoll;

    private PostgresRouteStateStore(Builder b) {
        this.dataSource = b.dataSource;
        this.table = b.table;
        this.killSwitches = new FeatureKillSwitches(b.featureStore, b.featurePrefix, "PostgreSQL table " + b.table);
        this.listenPoll = b.listenPoll;
    }

    /**
     * A builder of a store on {@code dataSource} whose kill switches are features of {@code featureStore}.
     *
     * @param dataSource the database
     * @param featureStore the FF4J feature store of the kill switches (FF4J's {@code JdbcFeatureStore} on the same
     *     database, say)
     * @return the builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(DataSource dataSource, FeatureStore featureStore) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"),
                Objects.requireNonNull(featureStore, "featureStore"));
    }

    /**
     * Makes the table and its notification trigger if they are missing; run it once per database (it is
     * idempotent), e.g. from a migration.
     *
     * @param dataSource the database
     * @param table the table's name: lower-case letters, digits and underscores, not starting with a digit
     * @throws IllegalArgumentException if {@code table} is not such a name
     * @throws StranglerException if the statements fail
     */
    public static void createSchema(DataSource dataSource, String table) {
        requireIdentifier(table);
        String[] statements = {
            "CREATE TABLE IF NOT EXISTS " + table + " (route TEXT PRIMARY KEY, version BIGINT NOT NULL, "
                    + "record TEXT NOT NULL, updated_at TIMESTAMPTZ NOT NULL DEFAULT now())",
            "CREATE OR REPLACE FUNCTION " + NOTIFY_FUNCTION + "() RETURNS trigger AS $$ BEGIN "
                    + "PERFORM pg_notify(TG_TABLE_NAME, NEW.route); RETURN NEW; END $$ LANGUAGE plpgsql",
            "DROP TRIGGER IF EXISTS " + table + "_notify ON " + table,
            "CREATE TRIGGER " + table + "_notify AFTER INSERT OR UPDATE ON " + table
                    + " FOR EACH ROW EXECUTE FUNCTION " + NOTIFY_FUNCTION + "()",
        };
        try (Connection c = Objects.requireNonNull(dataSource, "dataSource").getConnection();
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new StranglerException("making Strangler's state table '" + table + "' failed: " + e, e);
        }
    }

    /**
     * Makes a flip of a route's kill switch in FF4J's JDBC feature table push too: a trigger on
     * {@code featuresTable} (FF4J's {@code FF4J_FEATURES} by default) notifies the channel of the state table
     * {@code table} with the route's name whenever a feature named {@code featurePrefix + route} is inserted or
     * updated, a flip in the FF4J console included. Optional, and it alters a table of FF4J's, so it is a call of its
     * own; without it, instances see a flip at their next periodic refresh. Idempotent.
     *
     * @param dataSource the database
     * @param table the state table whose channel is notified (see {@link #createSchema})
     * @param featuresTable FF4J's feature table: letters, digits and underscores
     * @param featurePrefix the kill switches' feature prefix (Strangler's default
     *     {@value Ff4jRouteStateStore#DEFAULT_FEATURE_PREFIX})
     * @throws IllegalArgumentException if a name is not a plain SQL name
     * @throws StranglerException if the statements fail
     */
    public static void createKillSwitchTrigger(DataSource dataSource, String table, String featuresTable,
            String featurePrefix) {
        requireIdentifier(table);
        Objects.requireNonNull(featuresTable, "featuresTable");
        if (!Pattern.matches("[A-Za-z_][A-Za-z0-9_]{0,62}", featuresTable)) {
            throw new IllegalArgumentException("featuresTable must be a plain SQL name, was '" + featuresTable + "'");
        }
        String prefix = Objects.requireNonNull(featurePrefix, "featurePrefix").replace("'", "''");
        String trigger = table + "_kill_switch";
        String[] statements = {
            "CREATE OR REPLACE FUNCTION " + KILL_SWITCH_FUNCTION + "() RETURNS trigger AS $$ BEGIN "
                    + "IF left(NEW.feat_uid, length(TG_ARGV[1])) = TG_ARGV[1] THEN "
                    + "PERFORM pg_notify(TG_ARGV[0], substr(NEW.feat_uid, length(TG_ARGV[1]) + 1)); END IF; "
                    + "RETURN NEW; END $$ LANGUAGE plpgsql",
            "DROP TRIGGER IF EXISTS " + trigger + " ON " + featuresTable,
            "CREATE TRIGGER " + trigger + " AFTER INSERT OR UPDATE ON " + featuresTable + " FOR EACH ROW EXECUTE "
                    + "FUNCTION " + KILL_SWITCH_FUNCTION + "('" + table + "', '" + prefix + "')",
        };
        try (Connection c = Objects.requireNonNull(dataSource, "dataSource").getConnection();
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new StranglerException("making the kill-switch trigger on FF4J's table '" + featuresTable
                    + "' failed: " + e, e);
        }
    }

    /**
     * The table the records are in.
     *
     * @return its name
     */
    public String table() {
        return table;
    }

    /**
     * The name of the FF4J feature whose flag is {@code route}'s kill switch.
     *
     * @param route a route
     * @return the feature's name
     */
    public String featureName(String route) {
        return killSwitches.featureName(route);
    }

    @Override
    public Optional<RouteState> load(String route) {
        Objects.requireNonNull(route, "route");
        Stored stored = select(route);
        if (stored == null) {
            return Optional.empty();
        }
        return Optional.of(decode(route, stored, killSwitches.read(route)));
    }

    @Override
    public RouteState createIfAbsent(RouteState initial) {
        Objects.requireNonNull(initial, "initial");
        String route = initial.route();
        int inserted = update("createIfAbsent", route, "INSERT INTO " + table + " (route, version, record) "
                + "VALUES (?, ?, ?) ON CONFLICT (route) DO NOTHING", route, initial.version(),
                RouteStateCodec.encode(initial));
        boolean enabled = killSwitches.created(route, inserted == 1, initial.enabled());
        Stored stored = select(route);
        if (stored == null) {
            throw new StranglerException("route '" + route + "': its row in table '" + table + "' vanished right "
                    + "after it was created");
        }
        return decode(route, stored, enabled);
    }

    @Override
    public boolean compareAndSet(long expectedVersion, RouteState next) {
        Objects.requireNonNull(next, "next");
        String route = next.route();
        String record = RouteStateCodec.encode(next);
        boolean written = update("compareAndSet", route, "UPDATE " + table + " SET version = ?, record = ?, "
                + "updated_at = now() WHERE route = ? AND version = ?", next.version(), record, route,
                expectedVersion) == 1;
        if (!written) {
            written = repairUnreadable(route, next, record);
        }
        if (written) {
            killSwitches.written(route, next.enabled());
        }
        return written;
    }

    /**
     * A record nobody can read has no version to compare with: a change made through a router repairs it (the
     * router served its last good state meanwhile), unless the row changed since it was read.
     */
    private boolean repairUnreadable(String route, RouteState next, String record) {
        Stored stored = select(route);
        if (stored == null) {
            return false;
        }
        try {
            decode(route, stored, true);
            return false;
        } catch (InvalidStateRecordException unreadable) {
            boolean repaired = update("compareAndSet (repair of an unreadable record)", route, "UPDATE " + table
                    + " SET version = ?, record = ?, updated_at = now() WHERE route = ? AND version = ? AND record = ?",
                    next.version(), record, route, stored.version, stored.record) == 1;
            if (repaired) {
                LOG.warn("route '{}': replaced the unreadable state record in table '{}' with version {}", route,
                        table, next.version());
            }
            return repaired;
        }
    }

    private record Stored(long version, String record) {
    }

    private @Nullable Stored select(String route) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT version, record FROM " + table + " WHERE route = ?")) {
            s.setString(1, route);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Stored(rs.getLong(1), rs.getString(2)) : null;
            }
        } catch (SQLException e) {
            throw failed("load", route, e);
        }
    }

    private int update(String operation, String route, String sql, Object... arguments) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                s.setObject(i + 1, arguments[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw failed(operation, route, e);
        }
    }

    private StranglerException failed(String operation, String route, SQLException e) {
        return new StranglerException("PostgreSQL state table '" + table + "': " + operation + " of route '" + route
                + "' failed: " + e.getMessage(), e);
    }

    /** The record, checked against the row's version: a row whose two versions differ was not written by a store. */
    private RouteState decode(String route, Stored stored, boolean enabled) {
        RouteState state = RouteStateCodec.decode(route, stored.record, enabled);
        if (state.version() != stored.version) {
            throw new InvalidStateRecordException("route '" + route + "': state record in table '" + table + "' has "
                    + "version " + state.version() + " but its row has version " + stored.version);
        }
        return state;
    }

    /**
     * Listens on the table's channel on a connection of its own, on a daemon thread
     * ({@code strangler-pg-listen}): {@code changed} is told the name of every route inserted or updated in the
     * table, by any instance or by hand. A lost connection is made again (after 100 ms, doubling up to 5 s, logged
     * once per outage); once listening again, {@code changed} is told every route in the table, so that a change
     * made meanwhile is not late.
     *
     * @param changed told the name of a route whose state changed
     * @return stops the thread and closes its connection, waiting for it (at most a few seconds)
     */
    @Override
    public Subscription watch(Consumer<String> changed) {
        Objects.requireNonNull(changed, "changed");
        Listener listener = new Listener(changed);
        listener.thread.start();
        return listener::close;
    }

    /** The listening thread and its connection. */
    private final class Listener {
        private final Consumer<String> changed;
        private final Thread thread;
        private volatile boolean closed;
        private volatile @Nullable Connection connection;

        Listener(Consumer<String> changed) {
            this.changed = changed;
            this.thread = new Thread(this::run, "strangler-pg-listen");
            thread.setDaemon(true);
        }

        private void run() {
            long backoff = 100;
            boolean first = true;
            boolean failing = false;
            while (!closed) {
                try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                    connection = c;
                    c.setAutoCommit(true);
                    s.execute("LISTEN " + table);
                    PGConnection pg = c.unwrap(PGConnection.class);
                    if (!first) {
                        everyRoute(c).forEach(this::tell);
                    }
                    if (failing) {
                        LOG.info("listening on PostgreSQL channel '{}' again", table);
                        failing = false;
                    }
                    first = false;
                    backoff = 100;
                    while (!closed) {
                        PGNotification[] notifications = pg.getNotifications((int) listenPoll.toMillis());
                        if (notifications != null) {
                            for (PGNotification n : notifications) {
                                tell(n.getParameter());
                            }
                        }
                    }
                } catch (SQLException | RuntimeException e) {
                    if (closed) {
                        return;
                    }
                    first = false;
                    if (!failing) {
                        failing = true;
                        LOG.warn("listening on PostgreSQL channel '{}' failed; changes made elsewhere are read by the "
                                + "periodic refresh until it listens again: {}", table, e.toString());
                    }
                    try {
                        Thread.sleep(backoff);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                    backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
                } finally {
                    connection = null;
                }
            }
        }

        private void tell(String route) {
            try {
                changed.accept(route);
            } catch (RuntimeException e) {
                LOG.warn("a listener of PostgreSQL channel '{}' failed on route '{}'", table, route, e);
            }
        }

        private Set<String> everyRoute(Connection c) throws SQLException {
            Set<String> routes = new TreeSet<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT route FROM " + table)) {
                while (rs.next()) {
                    routes.add(rs.getString(1));
                }
            }
            return routes;
        }

        void close() {
            if (closed) {
                return;
            }
            closed = true;
            thread.interrupt();
            Connection c = connection;
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException e) {
                    // closing anyway
                }
            }
            try {
                thread.join(MAX_BACKOFF.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String requireIdentifier(String table) {
        Objects.requireNonNull(table, "table");
        if (!IDENTIFIER.matcher(table).matches()) {
            throw new IllegalArgumentException("table must be a plain PostgreSQL name (lower-case letters, digits and "
                    + "underscores, not starting with a digit, at most 63), was '" + table + "'");
        }
        return table;
    }

    /** Refuses a table that is missing or lacks a column, naming it and {@link #createSchema}. */
    private static void checkSchema(DataSource dataSource, String table) {
        List<String> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getColumns(null, null, table, null)) {
                while (rs.next()) {
                    found.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
        } catch (SQLException e) {
            LOG.warn("PostgreSQL state table '{}' could not be checked (the database is unreachable?): {}", table,
                    e.toString());
            return;
        }
        if (found.isEmpty()) {
            throw new StranglerException("PostgreSQL state table '" + table + "' does not exist: make it once with "
                    + "PostgresRouteStateStore.createSchema(dataSource, \"" + table + "\")");
        }
        for (String column : COLUMNS) {
            if (!found.contains(column)) {
                throw new StranglerException("PostgreSQL state table '" + table + "' has no column '" + column
                        + "' (it has " + found + "): it was not made by PostgresRouteStateStore.createSchema"
                        + "(dataSource, \"" + table + "\"), which makes it with its notification trigger");
            }
        }
    }

    @Override
    public String toString() {
        return "PostgresRouteStateStore{table=" + table + "}";
    }

    /** Settings of a {@link PostgresRouteStateStore}. */
    public static final class Builder {
        private final DataSource dataSource;
        private final FeatureStore featureStore;
        private String table = DEFAULT_TABLE;
        private String featurePrefix = Ff4jRouteStateStore.DEFAULT_FEATURE_PREFIX;
        private Duration listenPoll = Duration.ofMillis(500);

        private Builder(DataSource dataSource, FeatureStore featureStore) {
            this.dataSource = dataSource;
            this.featureStore = featureStore;
        }

        /**
         * The table of the records; default {@value PostgresRouteStateStore#DEFAULT_TABLE}. Its name is the
         * notification channel too.
         *
         * @param table lower-case letters, digits and underscores, not starting with a digit
         * @return this builder
         * @throws IllegalArgumentException if {@code table} is not such a name
         */
        public Builder table(String table) {
            this.table = requireIdentifier(table);
            return this;
        }

        /**
         * The prefix of the kill switches' feature names; default
         * {@value Ff4jRouteStateStore#DEFAULT_FEATURE_PREFIX}, as {@link Ff4jRouteStateStore}'s.
         *
         * @param featurePrefix prepended to a route's name; may be empty
         * @return this builder
         */
        public Builder featurePrefix(String featurePrefix) {
            this.featurePrefix = Objects.requireNonNull(featurePrefix, "featurePrefix");
            return this;
        }

        /**
         * How long the listening connection waits for a notification at a time, which bounds how long closing a
         * subscription takes; default 500 ms.
         *
         * @param listenPoll between 1 ms and 10 s
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder listenPoll(Duration listenPoll) {
            Objects.requireNonNull(listenPoll, "listenPoll");
            if (listenPoll.toMillis() < 1 || listenPoll.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new IllegalArgumentException("listenPoll must be between 1 ms and 10 s, was " + listenPoll);
            }
            this.listenPoll = listenPoll;
            return this;
        }

        /**
         * Builds the store, after checking the table: one that is missing or lacks a column is refused, naming it
         * and {@link PostgresRouteStateStore#createSchema}. A database that can't be reached is not checked (it is
         * logged): the router's own handling of an unreachable store applies.
         *
         * @return the store
         * @throws StranglerException if the table is missing or lacks a column
         */
        public PostgresRouteStateStore build() {
            checkSchema(dataSource, table);
            return new PostgresRouteStateStore(this);
        }
    }
}
