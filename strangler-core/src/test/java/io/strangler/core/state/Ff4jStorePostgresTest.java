package io.strangler.core.state;

import io.strangler.core.testing.PostgresSupport;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.ff4j.core.FeatureStore;
import org.ff4j.store.JdbcFeatureStore;
import org.junit.jupiter.api.AfterEach;

/**
 * The store contract on FF4J's {@link JdbcFeatureStore} over a real PostgreSQL, the fleet setup of the README, with
 * FF4J's own schema. Each test gets its own tables (a random prefix) and drops them. Skipped when PostgreSQL can't
 * be reached, unless {@code CI=true} ({@link PostgresSupport}).
 */
class Ff4jStorePostgresTest extends Ff4jStoreContract {

    private DataSource dataSource;
    private final List<String> tables = new ArrayList<>();

    /** Called by the contract's own {@code @BeforeEach}, which JUnit runs before any of this class. */
    @Override
    FeatureStore newFeatureStore() {
        dataSource = PostgresSupport.requirePostgres();
        return PostgresSupport.ff4jFeatureStore(dataSource, tables);
    }

    @AfterEach
    void dropTables() {
        for (String table : tables) {
            PostgresSupport.dropTable(dataSource, table);
        }
    }
}
