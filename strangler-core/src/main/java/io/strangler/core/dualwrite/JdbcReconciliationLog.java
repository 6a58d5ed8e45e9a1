package io.strangler.core.dualwrite;

import io.strangler.api.StranglerException;
import io.strangler.api.Side;
import io.strangler.api.reconcile.ReconciliationEntry;
import io.strangler.api.reconcile.ReconciliationLog;
import io.strangler.core.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A {@link ReconciliationLog} in one table of a PostgreSQL database, reached through a {@link DataSource}: the
 * entries survive a restart and are shared by every instance that uses the same table. It has no bound, so
 * {@link #overflowCount()} is always 0.
 *
 * <pre>{@code
 * JdbcReconciliationLog log = JdbcReconciliationLog.of(dataSource, "strangler_reconciliation");
 * log.createTableIfMissing(); // or create the table with your migration tool, see below
 * }</pre>
 *
 * <p>The table, as {@link #createTableIfMissing()} creates it:
 *
 * <pre>{@code
 * CREATE TABLE IF NOT EXISTS <table> (
 *     id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
 *     route         text        NOT NULL,
 *     routing_key   text,
 *     failed_at     timestamptz NOT NULL,
 *     operation     text        NOT NULL,
 *     failed_side   text        NOT NULL,   -- LEGACY or MODERN
 *     error_type    text        NOT NULL,
 *     error_message text,
 *     arguments     text        NOT NULL,   -- a JSON array of strings and nulls
 *     attempts      integer     NOT NULL DEFAULT 0
 * );
 * CREATE INDEX IF NOT EXISTS <table>_route_id_idx ON <table> (route, id);
 * }</pre>
 *
 * <p>Ids come from the identity column: they increase in the order of appending, with gaps where an insert was
 * rolled back. Times are stored with microsecond precision: {@link #append append} truncates the entry's time to
 * microseconds and returns the entry as stored. PostgreSQL text can't hold the character U+0000: in an error
 * message it is replaced by U+FFFD; in the route, key, operation or error type it makes {@code append} fail.
 *
 * <p>Every statement is a {@link PreparedStatement}; the table name, checked when the log is created, is the only
 * text put into SQL. Thread-safe: each call takes its own connection from the data source and gives it back. A
 * connection with auto-commit off is committed after each call, and rolled back if the call failed. Every
 * {@link SQLException} is thrown as a {@link StranglerException} whose message names the table and the operation.
 */
public final class JdbcReconciliationLog implements ReconciliationLog {

    /** The table name of {@link #of(DataSource)}. */
    public static final String DEFAULT_TABLE_NAME = "strangler_reconciliation";

    /** The longest table name: PostgreSQL's limit on identifiers. */
    public static final int MAX_TABLE_NAME_LENGTH = 63;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String INDEX_SUFFIX = "_route_id_idx";
    private static final String COLUMNS =
            "id, route, routing_key, failed_at, operation, failed_side, error_type, error_message, arguments, attempts";

    private final DataSource dataSource;
    private final String tableName;
    private final String createTable;
    private final String createIndex;
    private final String insert;
    private final String selectAll;
    private final String selectRoute;
    private final String selectId;
    private final String delete;
    private final String deleteAll;
    private final String deleteRoute;
    private final String incrementAttempts;
    private final String count;

    private JdbcReconciliationLog(DataSource dataSource, String tableName) {
        this.dataSource = dataSource;
        this.tableName = tableName;
        String t = tableName;
        String index = t.substring(0, Math.min(t.length(), MAX_TABLE_NAME_LENGTH - INDEX_SUFFIX.length()))
                + INDEX_SUFFIX;
        this.createTable = "CREATE TABLE IF NOT EXISTS " + t + " ("
                + "id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                + "route text NOT NULL, "
                + "routing_key text, "
                + "failed_at timestamptz NOT NULL, "
                + "operation text NOT NULL, "
                + "failed_side text NOT NULL, "
                + "error_type text NOT NULL, "
                + "error_message text, "
                + "arguments text NOT NULL, "
                + "attempts integer NOT NULL DEFAULT 0)";
        this.createIndex = "CREATE INDEX IF NOT EXISTS " + index + " ON " + t + " (route, id)";
        this.insert = "INSERT INTO " + t + " (route, routing_key, failed_at, operation, failed_side, error_type,"
                + " error_message, arguments, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
        this.selectAll = "SELECT " + COLUMNS + " FROM " + t + " ORDER BY id LIMIT ?";
        this.selectRoute = "SELECT " + COLUMNS + " FROM " + t + " WHERE route = ? ORDER BY id LIMIT ?";
        this.selectId = "SELECT " + COLUMNS + " FROM " + t + " WHERE id = ?";
        this.delete = "DELETE FROM " + t + " WHERE id = ?";
        this.deleteAll = "DELETE FROM " + t;
        this.deleteRoute = "DELETE FROM " + t + " WHERE route = ?";
        this.incrementAttempts = "UPDATE " + t + " SET attempts = attempts + 1 WHERE id = ? AND attempts < ?";
        this.count = "SELECT count(*) FROM " + t;
    }

    /**
     * A log in the table {@value #DEFAULT_TABLE_NAME}.
     *
     * @param dataSource where the connections come from
     * @return the log; the table is neither checked nor created
     * @throws NullPointerException if {@code dataSource} is null
     */
    public static JdbcReconciliationLog of(DataSource dataSource) {
        return of(dataSource, DEFAULT_TABLE_NAME);
    }

    /**
     * A log in the table {@code tableName}. The name is put into SQL unquoted, so PostgreSQL folds it to lower
     * case, and it must not be a reserved word.
     *
     * @param dataSource where the connections come from
     * @param tableName the table: an SQL identifier, {@code [A-Za-z_][A-Za-z0-9_]*}, of at most
     *     {@value #MAX_TABLE_NAME_LENGTH} characters
     * @return the log; the table is neither checked nor created
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code tableName} is not such an identifier
     */
    public static JdbcReconciliationLog of(DataSource dataSource, String tableName) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(tableName, "tableName");
        if (!IDENTIFIER.matcher(tableName).matches() || tableName.length() > MAX_TABLE_NAME_LENGTH) {
            throw new IllegalArgumentException("tableName must be an SQL identifier ([A-Za-z_][A-Za-z0-9_]*) of at"
                    + " most " + MAX_TABLE_NAME_LENGTH + " characters, was '" + tableName + "'");
        }
        return new JdbcReconciliationLog(dataSource, tableName);
    }

    /**
     * The table this log keeps its entries in.
     *
     * @return the table name, as given
     */
    public String tableName() {
        return tableName;
    }

    /**
     * Creates the table and its index unless they exist. Uses PostgreSQL's DDL (see the class description).
     *
     * @return this log
     * @throws StranglerException if the database can't be reached or refuses the DDL
     */
    public JdbcReconciliationLog createTableIfMissing() {
        inConnection("createTableIfMissing", c -> {
            try (Statement s = c.createStatement()) {
                s.execute(createTable);
                s.execute(createIndex);
            }
            return null;
        });
        return this;
    }

    /**
     * Stores {@code entry} under a new id. The entry's own {@link ReconciliationEntry#id() id} is ignored; its
     * {@link ReconciliationEntry#attempts() attempts} are kept.
     *
     * <p>The returned entry's time is truncated to microseconds, as stored.
     *
     * @param entry the entry to store
     * @return the entry as stored, with its id
     * @throws NullPointerException if {@code entry} is null
     * @throws io.strangler.api.StranglerException if the database can't be reached
     */
    @Override
    public ReconciliationEntry append(ReconciliationEntry entry) {
        Objects.requireNonNull(entry, "entry");
        ReconciliationEntry truncated = new ReconciliationEntry(entry.id(), entry.route(), entry.key(),
                entry.time().truncatedTo(ChronoUnit.MICROS), entry.operation(), entry.failedSide(),
                entry.errorType(), entry.errorMessage() == null ? null : entry.errorMessage().replace('\0', '\uFFFD'),
                entry.arguments(), entry.attempts());
        long id = inConnection("append", c -> {
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                ps.setString(1, truncated.route());
                ps.setString(2, truncated.key());
                ps.setObject(3, OffsetDateTime.ofInstant(truncated.time(), ZoneOffset.UTC));
                ps.setString(4, truncated.operation());
                ps.setString(5, truncated.failedSide().name());
                ps.setString(6, truncated.errorType());
                ps.setString(7, truncated.errorMessage());
                ps.setString(8, Json.write(truncated.arguments()));
                ps.setInt(9, truncated.attempts());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("INSERT ... RETURNING id returned no row");
                    }
                    return rs.getLong(1);
                }
            }
        });
        return truncated.withId(id);
    }

    @Override
    public List<ReconciliationEntry> list(String route, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return inConnection("list", c -> {
            try (PreparedStatement ps = c.prepareStatement(route == null ? selectAll : selectRoute)) {
                int i = 1;
                if (route != null) {
                    ps.setString(i++, route);
                }
                ps.setInt(i, limit);
                List<ReconciliationEntry> result = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(read(rs));
                    }
                }
                return result;
            }
        });
    }

    @Override
    public Optional<ReconciliationEntry> get(long id) {
        return inConnection("get", c -> {
            try (PreparedStatement ps = c.prepareStatement(selectId)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean remove(long id) {
        return inConnection("remove", c -> {
            try (PreparedStatement ps = c.prepareStatement(delete)) {
                ps.setLong(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public long clear(String route) {
        return inConnection("clear", c -> {
            try (PreparedStatement ps = c.prepareStatement(route == null ? deleteAll : deleteRoute)) {
                if (route != null) {
                    ps.setString(1, route);
                }
                return (long) ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean recordFailedAttempt(long id) {
        return inConnection("recordFailedAttempt", c -> {
            try (PreparedStatement ps = c.prepareStatement(incrementAttempts)) {
                ps.setLong(1, id);
                ps.setInt(2, Integer.MAX_VALUE);
                if (ps.executeUpdate() > 0) {
                    return true;
                }
            }
            // Not updated: either there is no such entry, or its attempts are at the maximum already.
            try (PreparedStatement ps = c.prepareStatement(selectId)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public long size() {
        return inConnection("size", c -> {
            try (PreparedStatement ps = c.prepareStatement(count); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * How many entries were lost because the log was full: none, the table has no bound.
     *
     * @return always 0
     */
    @Override
    public long overflowCount() {
        return 0;
    }

    @Override
    public String toString() {
        return "JdbcReconciliationLog{table=" + tableName + "}";
    }

    private ReconciliationEntry read(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        try {
            return new ReconciliationEntry(id, rs.getString("route"), rs.getString("routing_key"),
                    rs.getObject("failed_at", OffsetDateTime.class).toInstant(), rs.getString("operation"),
                    Side.valueOf(rs.getString("failed_side")), rs.getString("error_type"),
                    rs.getString("error_message"), arguments(rs.getString("arguments")), rs.getInt("attempts"));
        } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
            throw new StranglerException("Reconciliation log table '" + tableName + "': entry #" + id
                    + " can't be read: " + e.getMessage(), e);
        }
    }

    private static List<String> arguments(String json) {
        Object parsed = Json.parse(json);
        if (!(parsed instanceof List)) {
            throw new IllegalArgumentException("arguments are not a JSON array: " + json);
        }
        List<String> arguments = new ArrayList<>();
        for (Object item : (List<?>) parsed) {
            arguments.add(item == null ? null : item.toString());
        }
        return arguments;
    }

    private String describe(String operation) {
        return "Reconciliation log table '" + tableName + "': " + operation + " failed";
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inConnection(String operation, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean manualCommit = !c.getAutoCommit();
            try {
                T result = work.run(c);
                if (manualCommit) {
                    c.commit();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                if (manualCommit) {
                    try {
                        c.rollback();
                    } catch (SQLException rollback) {
                        e.addSuppressed(rollback);
                    }
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StranglerException(describe(operation) + ": " + e.getMessage(), e);
        }
    }
}
