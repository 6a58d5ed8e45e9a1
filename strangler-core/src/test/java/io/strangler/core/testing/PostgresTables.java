package io.strangler.core.testing;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.ff4j.store.JdbcFeatureStore;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Tables of a test's own in the test PostgreSQL, dropped after each test. Registered on an instance field with
 * {@code @RegisterExtension}; before each test it checks that PostgreSQL answers, and skips the test when it doesn't
 * (fails it when {@code CI=true}, see {@link PostgresSupport}).
 */
public final class PostgresTables implements BeforeEachCallback, AfterEachCallback {

    private final List<String> tables = new ArrayList<>();
    private DataSource dataSource;

    @Override
    public void beforeEach(ExtensionContext context) {
        dataSource();
    }

    /** The test database, checked once to answer. */
    public DataSource dataSource() {
        if (dataSource == null) {
            dataSource = PostgresSupport.requirePostgres();
        }
        return dataSource;
    }

    /** A table name no other test run uses, dropped after this test. */
    public String newTable(String prefix) {
        String table = PostgresSupport.uniqueTableName(prefix);
        tables.add(table);
        return table;
    }

    /**
     * A prefix no other test run uses, whose tables {@code <prefix>_<suffix>} are dropped after this test.
     *
     * @param prefix the start of the prefix
     * @param suffixes the suffixes of the tables made with it
     * @return the prefix
     */
    public String newTablePrefix(String prefix, String... suffixes) {
        String unique = PostgresSupport.uniqueTableName(prefix);
        for (String suffix : suffixes) {
            tables.add(unique + "_" + suffix);
        }
        return unique;
    }

    /** FF4J's {@link JdbcFeatureStore} on tables of its own, dropped after this test. */
    public JdbcFeatureStore ff4jFeatureStore() {
        return PostgresSupport.ff4jFeatureStore(dataSource(), tables);
    }

    /** FF4J's {@link JdbcFeatureStore} on tables of its own as FF4J makes them, not widened; dropped after this test. */
    public JdbcFeatureStore ff4jFeatureStoreAsFf4jMakesIt() {
        return PostgresSupport.ff4jFeatureStoreAsFf4jMakesIt(dataSource(), tables);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (dataSource != null) {
            for (String table : tables) {
                PostgresSupport.dropTable(dataSource, table);
            }
        }
        tables.clear();
    }
}
