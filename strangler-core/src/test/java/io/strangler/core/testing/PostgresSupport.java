package io.strangler.core.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL the JDBC tests use: {@code jdbc:postgresql://127.0.0.1:5432/test} as {@value #USER}, trust auth. When it can't be reached the
 * tests that need it are skipped, unless the environment variable {@code CI} is {@code true}: then they fail, so
 * that CI never passes without having run them.
 */
public final class PostgresSupport {

    /** The test database; the system property {@code strangler.test.postgresUrl} points the tests elsewhere. */
    public static final String URL = System.getProperty("strangler.test.postgresUrl", "jdbc:postgresql://127.0.0.1:5432/test");
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

    public static void dropTable(DataSource dataSource, String table) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test table " + table, e);
        }
    }
}
