package io.strangler.postgres;

import io.strangler.api.RouteStats;
import io.strangler.api.StranglerException;
import io.strangler.core.fleet.ControllerLease;
import io.strangler.core.fleet.FleetStore;
import io.strangler.core.fleet.PublishedStats;
import io.strangler.core.fleet.RouteStatsCodec;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a fleet's rollout controllers share, in three PostgreSQL tables of Strangler's own beside the route states
 * (named after a prefix, {@value #DEFAULT_PREFIX} by default):
 *
 * <ul>
 *   <li>{@code <prefix>_stats}: each instance's latest counters of each route ({@code route}, {@code instance},
 *       {@code published_at} in epoch milliseconds, {@code stats} as {@link RouteStatsCodec}'s JSON), one upsert
 *       per route and tick;</li>
 *   <li>{@code <prefix>_lease}: the controller lease ({@code name}, {@code holder}, {@code epoch},
 *       {@code expires_at} in epoch milliseconds), taken or renewed by one statement,
 *       {@code INSERT … ON CONFLICT (name) DO UPDATE … WHERE holder = ? OR expires_at <= ?}, atomic for every
 *       instance;</li>
 *   <li>{@code <prefix>_documents}: the rollout journal's documents ({@code key}, {@code value}).</li>
 * </ul>
 *
 * Make the tables once with {@link #createSchema(DataSource)}; {@link Builder#build()} refuses a missing one, naming
 * it and that call. Thread-safe. Each call takes a connection from the data source and gives it back; give it a
 * pool in production.
 *
 * <pre>{@code
 * PostgresFleetStore.createSchema(dataSource);          // once per database (idempotent)
 * RolloutController controller = Strangler.controller(router)
 *         .plan("pricing", RolloutPlan.low())
 *         .fleet(PostgresFleetStore.builder(dataSource).build())
 *         .build();
 * }</pre>
 */
public final class PostgresFleetStore implements FleetStore {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresFleetStore.class);
    /** The default prefix of the tables' names. */
    public static final String DEFAULT_PREFIX = "strangler_fleet";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,52}");

    private final DataSource dataSource;
    private final String stats;
    private final String lease;
    private final String documents;

    private PostgresFleetStore(Builder b) {
        this.dataSource = b.dataSource;
        this.stats = b.prefix + "_stats";
        this.lease = b.prefix + "_lease";
        this.documents = b.prefix + "_documents";
    }

    /**
     * A builder of a store on {@code dataSource}.
     *
     * @param dataSource the database
     * @return the builder
     * @throws NullPointerException if {@code dataSource} is null
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /**
     * Makes the tables with the default prefix if they are missing; run it once per database (it is idempotent).
     *
     * @param dataSource the database
     * @throws StranglerException if the statements fail
     */
    public static void createSchema(DataSource dataSource) {
        createSchema(dataSource, DEFAULT_PREFIX);
    }

    /**
     * Makes the tables {@code <prefix>_stats}, {@code <prefix>_lease} and {@code <prefix>_documents} if they are
     * missing; idempotent.
     *
     * @param dataSource the database
     * @param prefix lower-case letters, digits and underscores, not starting with a digit, at most 53
     * @throws IllegalArgumentException if {@code prefix} is not such a name
     * @throws StranglerException if the statements fail
     */
    public static void createSchema(DataSource dataSource, String prefix) {
        requirePrefix(prefix);
        String[] statements = {
            "CREATE TABLE IF NOT EXISTS " + prefix + "_stats (route TEXT NOT NULL, instance TEXT NOT NULL, "
                    + "published_at BIGINT NOT NULL, stats TEXT NOT NULL, PRIMARY KEY (route, instance))",
            "CREATE TABLE IF NOT EXISTS " + prefix + "_lease (name TEXT PRIMARY KEY, holder TEXT NOT NULL, "
                    + "epoch BIGINT NOT NULL, expires_at BIGINT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS " + prefix + "_documents (key TEXT PRIMARY KEY, value TEXT NOT NULL, "
                    + "updated_at TIMESTAMPTZ NOT NULL DEFAULT now())",
        };
        try (Connection c = Objects.requireNonNull(dataSource, "dataSource").getConnection();
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new StranglerException("making Strangler's fleet tables '" + prefix + "_*' failed: " + e, e);
        }
    }

    @Override
    public void publish(String instance, Instant at, Collection<RouteStats> published) {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(at, "at");
        String sql = "INSERT INTO " + stats + " (route, instance, published_at, stats) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (route, instance) DO UPDATE SET published_at = EXCLUDED.published_at, "
                + "stats = EXCLUDED.stats";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (RouteStats r : published) {
                s.setString(1, r.route());
                s.setString(2, instance);
                s.setLong(3, at.toEpochMilli());
                s.setString(4, RouteStatsCodec.toJson(r));
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw failed("publishing the counters of instance '" + instance + "'", stats, e);
        }
    }

    @Override
    public List<PublishedStats> published() {
        List<PublishedStats> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT route, instance, published_at, stats FROM " + stats);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String route = rs.getString(1);
                String instance = rs.getString(2);
                try {
                    RouteStats read = RouteStatsCodec.fromJson("instance '" + instance + "', route '" + route + "'",
                            rs.getString(4));
                    if (!read.route().equals(route)) {
                        throw new IllegalArgumentException("the counters are of route '" + read.route() + "'");
                    }
                    out.add(new PublishedStats(instance, Instant.ofEpochMilli(rs.getLong(3)), read));
                } catch (IllegalArgumentException bad) {
                    LOG.warn("PostgreSQL table '{}': the counters of instance '{}', route '{}' can't be read, "
                            + "skipped: {}", stats, instance, route, bad.getMessage());
                }
            }
        } catch (SQLException e) {
            throw failed("reading the published counters", stats, e);
        }
        return out;
    }

    @Override
    public void forget(Instant before) {
        update("forgetting counters published before " + before, stats, "DELETE FROM " + stats
                + " WHERE published_at < ?", before.toEpochMilli());
    }

    @Override
    public ControllerLease acquire(String name, String holder, Instant now, Duration leaseTime) {
        ControllerLease.checkRequest(name, holder, now, leaseTime);
        long expires = now.plus(leaseTime).toEpochMilli();
        String sql = "INSERT INTO " + lease + " AS l (name, holder, epoch, expires_at) VALUES (?, ?, 1, ?) "
                + "ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at, "
                + "epoch = CASE WHEN l.holder = EXCLUDED.holder THEN l.epoch ELSE l.epoch + 1 END "
                + "WHERE l.holder = EXCLUDED.holder OR l.expires_at <= ? "
                + "RETURNING holder, epoch, expires_at";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, name);
            s.setString(2, holder);
            s.setLong(3, expires);
            s.setLong(4, now.toEpochMilli());
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return new ControllerLease(name, rs.getString(1), rs.getLong(2),
                            Instant.ofEpochMilli(rs.getLong(3)));
                }
            }
        } catch (SQLException e) {
            throw failed("asking for the lease '" + name + "' for '" + holder + "'", lease, e);
        }
        // held by another: its lease as it stands (it can't have vanished, leases are never deleted)
        return lease(name).orElseThrow(() -> new StranglerException("PostgreSQL table '" + lease + "': the lease '"
                + name + "' was refused to '" + holder + "' but can't be read"));
    }

    @Override
    public void release(String name, String holder) {
        update("giving up the lease '" + name + "'", lease, "UPDATE " + lease + " SET holder = '', expires_at = 0 "
                + "WHERE name = ? AND holder = ?", name, holder);
    }

    @Override
    public Optional<ControllerLease> lease(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT holder, epoch, expires_at FROM " + lease
                        + " WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new ControllerLease(name, rs.getString(1), rs.getLong(2),
                        Instant.ofEpochMilli(rs.getLong(3)))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed("reading the lease '" + name + "'", lease, e);
        }
    }

    @Override
    public void putDocument(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        update("saving document '" + key + "'", documents, "INSERT INTO " + documents + " (key, value) VALUES (?, ?) "
                + "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()", key, value);
    }

    @Override
    public Optional<String> document(String key) {
        Map<String, String> found = select("reading document '" + key + "'", "SELECT key, value FROM " + documents
                + " WHERE key = ?", key);
        return Optional.ofNullable(found.get(key));
    }

    @Override
    public List<String> documentKeys(String prefix) {
        return List.copyOf(select("listing documents '" + prefix + "*'", "SELECT key, '' FROM " + documents
                + " WHERE left(key, length(?)) = ?", prefix, prefix).keySet());
    }

    @Override
    public Map<String, String> documents(String prefix) {
        return select("reading documents '" + prefix + "*'", "SELECT key, value FROM " + documents
                + " WHERE left(key, length(?)) = ?", prefix, prefix);
    }

    @Override
    public void removeDocument(String key) {
        update("removing document '" + key + "'", documents, "DELETE FROM " + documents + " WHERE key = ?", key);
    }

    private Map<String, String> select(String operation, String sql, String... arguments) {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                s.setString(i + 1, Objects.requireNonNull(arguments[i], "key"));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw failed(operation, documents, e);
        }
        return out;
    }

    private int update(String operation, String table, String sql, Object... arguments) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                s.setObject(i + 1, Objects.requireNonNull(arguments[i], "argument"));
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw failed(operation, table, e);
        }
    }

    private static StranglerException failed(String operation, String table, SQLException e) {
        return new StranglerException("PostgreSQL fleet table '" + table + "': " + operation + " failed: "
                + e.getMessage(), e);
    }

    private static String requirePrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!IDENTIFIER.matcher(prefix).matches()) {
            throw new IllegalArgumentException("prefix must be a plain PostgreSQL name (lower-case letters, digits "
                    + "and underscores, not starting with a digit, at most 53), was '" + prefix + "'");
        }
        return prefix;
    }

    /** Refuses a missing table, naming it and {@link #createSchema}. */
    private static void checkSchema(DataSource dataSource, String prefix) {
        List<String> missing = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            for (String table : List.of(prefix + "_stats", prefix + "_lease", prefix + "_documents")) {
                try (ResultSet rs = meta.getTables(null, null, table, null)) {
                    if (!rs.next()) {
                        missing.add(table);
                    }
                }
            }
        } catch (SQLException e) {
            LOG.warn("PostgreSQL fleet tables '{}_*' could not be checked (the database is unreachable?): {}", prefix,
                    e.toString());
            return;
        }
        if (!missing.isEmpty()) {
            String call = prefix.equals(DEFAULT_PREFIX) ? "PostgresFleetStore.createSchema(dataSource)"
                    : "PostgresFleetStore.createSchema(dataSource, \"" + prefix + "\")";
            throw new StranglerException("PostgreSQL fleet table" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing.stream().map(t -> "'" + t + "'").toList()) + (missing.size() > 1
                    ? " do" : " does") + " not exist: make them once with " + call);
        }
    }

    @Override
    public String toString() {
        return "PostgresFleetStore{tables=" + stats + ", " + lease + ", " + documents + "}";
    }

    /** Settings of a {@link PostgresFleetStore}. */
    public static final class Builder {
        private final DataSource dataSource;
        private String prefix = DEFAULT_PREFIX;

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /**
         * The prefix of the tables' names; default {@value PostgresFleetStore#DEFAULT_PREFIX}.
         *
         * @param prefix lower-case letters, digits and underscores, not starting with a digit, at most 53
         * @return this builder
         * @throws IllegalArgumentException if {@code prefix} is not such a name
         */
        public Builder tablePrefix(String prefix) {
            this.prefix = requirePrefix(prefix);
            return this;
        }

        /**
         * Builds the store, after checking that its tables exist: a missing one is refused, naming it and
         * {@link PostgresFleetStore#createSchema}. A database that can't be reached is not checked (it is logged).
         *
         * @return the store
         * @throws StranglerException if a table is missing
         */
        public PostgresFleetStore build() {
            checkSchema(dataSource, prefix);
            return new PostgresFleetStore(this);
        }
    }
}
