package io.strangler.spring;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The local PostgreSQL of the Spring tests ({@code jdbc:postgresql://127.0.0.1:5432/test}, user postgres, trust
 * auth): a test that needs it is skipped when it can't be reached, and fails instead when {@code CI=true}.
 */
final class TestDatabase {

    private TestDatabase() {
    }

    static DataSource require() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(System.getProperty("strangler.test.postgresUrl", "jdbc:postgresql://127.0.0.1:5432/test"));
        ds.setUser("postgres");
        ds.setConnectTimeout(5);
        try (Connection c = ds.getConnection()) {
            return ds;
        } catch (SQLException e) {
            String why = "PostgreSQL at " + ds.getURL() + " can't be reached (" + e.getMessage() + ")";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + "; CI=true, so the test fails instead of being skipped");
            }
            assumeTrue(false, why + "; skipping (start PostgreSQL to run it)");
            return ds;
        }
    }
}
