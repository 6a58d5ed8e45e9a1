package io.strangler.core.state;

import io.strangler.api.StranglerException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.ff4j.store.JdbcFeatureStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FF4J's JDBC schema as a state store needs it: FF4J keeps a feature property in {@code CURRENTVALUE VARCHAR(255)},
 * too short for a state record (about 300 characters, more with segments and a reason). A database that refuses the
 * write would make every change fail, a rollback too; so a store over such a table is refused when it is made,
 * with the call that widens the column.
 */
final class Ff4jJdbcSchema {

    private static final Logger LOG = LoggerFactory.getLogger(Ff4jRouteStateStore.class);
    /** FF4J's column for a property's value. */
    static final String VALUE_COLUMN = "CURRENTVALUE";
    /** The shortest column that holds a state record with a reason of a few hundred characters. */
    static final int MIN_LENGTH = 4000;

    private Ff4jJdbcSchema() {
    }

    /**
     * Refuses {@code store} if its property table exists with a value column shorter than {@value #MIN_LENGTH}. A
     * database that can't be reached, or tables not made yet, are not checked: the store's outage handling and
     * FF4J's own errors cover them.
     */
    static void requireWideValueColumn(JdbcFeatureStore store) {
        String table = store.getQueryBuilder().getTableNameCustomProperties();
        Column column;
        try (Connection c = store.getDataSource().getConnection()) {
            column = column(c.getMetaData(), table, VALUE_COLUMN);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("FF4J's table {} could not be checked: {}", table, e.toString());
            return;
        }
        if (column != null && column.size < MIN_LENGTH) {
            throw new StranglerException("FF4J's table " + table + " keeps feature properties in column "
                    + VALUE_COLUMN + " as " + column.type.toLowerCase(Locale.ROOT) + "(" + column.size + "), too "
                    + "short for a Strangler state record (about 300 characters, more with a reason): every change "
                    + "of a route, a rollback too, would fail to be stored. Widen it once with "
                    + "Ff4jRouteStateStore.widenValueColumn(featureStore) (on PostgreSQL: ALTER TABLE " + table
                    + " ALTER COLUMN " + VALUE_COLUMN + " TYPE TEXT), or keep the states in strangler-postgres's "
                    + "store");
        }
    }

    /** Makes the value column of {@code store}'s property table {@code TEXT} (PostgreSQL). */
    static void widenValueColumn(JdbcFeatureStore store) {
        String table = store.getQueryBuilder().getTableNameCustomProperties();
        try (Connection c = store.getDataSource().getConnection(); Statement s = c.createStatement()) {
            String product = c.getMetaData().getDatabaseProductName();
            if (!"PostgreSQL".equalsIgnoreCase(product)) {
                throw new StranglerException("widening FF4J's column " + table + "." + VALUE_COLUMN + " is done here "
                        + "for PostgreSQL only, not " + product + ": make it a text column of at least " + MIN_LENGTH
                        + " characters by hand");
            }
            s.executeUpdate("ALTER TABLE " + table + " ALTER COLUMN " + VALUE_COLUMN + " TYPE TEXT");
        } catch (SQLException e) {
            throw new StranglerException("widening FF4J's column " + table + "." + VALUE_COLUMN + " failed: " + e, e);
        }
    }

    private record Column(String type, int size) {
    }

    /** The column as the database spells its names (PostgreSQL folds unquoted names to lower case). */
    private static @Nullable Column column(DatabaseMetaData meta, String table, String column) throws SQLException {
        for (String t : new String[] {table, table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = meta.getColumns(null, null, t, null)) {
                while (rs.next()) {
                    if (rs.getString("COLUMN_NAME").equalsIgnoreCase(column)) {
                        return new Column(rs.getString("TYPE_NAME"), rs.getInt("COLUMN_SIZE"));
                    }
                }
            }
        }
        return null;
    }
}
