package io.strangler.core.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strangler.core.state.Ff4jRouteStateStore;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.ff4j.store.JdbcFeatureStore;
import org.ff4j.store.JdbcQueryBuilder;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL the JDBC tests use: {@code jdbc:postgresql://127.0.0.1:5432/test} as {@value #USER}, trust auth.
 * When it can't be reached the tests that need it are skipped, unless the environment variable {@code CI} is
 * {@code true}: then they fail, so that CI never passes without having run them. Shared with strangler-test's
 * tests through this module's test jar.
 */
public final class PostgresSupport {

    /**
     * The test database; the system property {@code strangler.test.postgresUrl}, or else the environment variable
     * {@code STRANGLER_TEST_PG_URL}, points the tests elsewhere.
     */
    public static final String URL = System.getProperty("strangler.test.postgresUrl",
            System.getenv().getOrDefault("STRANGLER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test"));
    /** The user the tests connect as. */
    public static final String USER = "postgres";

    /** Null once PostgreSQL answered; otherwise why it didn't. Computed once per JVM. */
    private static volatile String problem;
    private static volatile boolean checked;

    private PostgresSupport() {
    }

    /** A data source on the test database, whether or not it is reachable. */
    public static DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(URL);
        ds.setUser(USER);
        ds.setConnectTimeout(5);
        ds.setLoginTimeout(5);
        return ds;
    }

    /** The test database's host and port, from {@link #URL}. */
    public static InetSocketAddress address() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(URL);
        return InetSocketAddress.createUnresolved(ds.getServerNames()[0], ds.getPortNumbers()[0] == 0 ? 5432
                : ds.getPortNumbers()[0]);
    }

    /**
     * A data source on the test database through {@code proxy} (a proxy to {@link #address()}), with short
     * timeouts, so that a cut connection fails fast.
     */
    public static DataSource dataSourceThrough(TcpProxy proxy) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(URL);
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {proxy.port()});
        ds.setUser(USER);
        ds.setConnectTimeout(2);
        ds.setLoginTimeout(2);
        ds.setSocketTimeout(2);
        return ds;
    }

    /**
     * A data source on the test database, after checking it answers: skips the calling test when it doesn't
     * (fails it when {@code CI=true}).
     */
    public static DataSource requirePostgres() {
        String why = problem();
        if (why != null) {
            String message = "PostgreSQL at " + URL + " (user " + USER + ") is not reachable: " + why;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " -- CI=true, so the tests that need PostgreSQL fail instead of being skipped");
            }
            assumeTrue(false, message + " -- skipping the tests that need it (with CI=true they would fail)");
        }
        return dataSource();
    }

    private static synchronized String problem() {
        if (!checked) {
            try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT 1");
                problem = null;
            } catch (SQLException e) {
                problem = e.getMessage();
            }
            checked = true;
        }
        return problem;
    }

    /** A table name no other test run uses: {@code prefix_} and 12 random hex digits. */
    public static String uniqueTableName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Drops {@code table} and whatever depends on it, if it exists. */
    public static void dropTable(DataSource dataSource, String table) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test table " + table, e);
        }
    }

    /**
     * FF4J's {@link JdbcFeatureStore} on tables of its own (a random prefix), made with FF4J's own schema
     * ({@code createSchema()}) and its property column widened as the README says, the fleet setup of the README.
     * Adds the tables' names to {@code tables}, for {@link #dropTable}.
     */
    public static JdbcFeatureStore ff4jFeatureStore(DataSource dataSource, List<String> tables) {
        JdbcFeatureStore store = ff4jFeatureStoreAsFf4jMakesIt(dataSource, tables);
        // FF4J's schema keeps a property value in VARCHAR(255), too short for a state record: the deployment step.
        Ff4jRouteStateStore.widenValueColumn(store);
        return store;
    }

    /**
     * FF4J's {@link JdbcFeatureStore} on tables of its own, exactly as FF4J's {@code createSchema()} makes them (a
     * property value in {@code VARCHAR(255)}). Adds the tables' names to {@code tables}.
     */
    public static JdbcFeatureStore ff4jFeatureStoreAsFf4jMakesIt(DataSource dataSource, List<String> tables) {
        JdbcQueryBuilder queries = new JdbcQueryBuilder(uniqueTableName("strangler_t") + "_", "");
        JdbcFeatureStore store = new JdbcFeatureStore(dataSource);
        store.setQueryBuilder(queries);
        tables.add(queries.getTableNameCustomProperties());
        tables.add(queries.getTableNameRoles());
        tables.add(queries.getTableNameFeatures());
        store.createSchema();
        return store;
    }
}
