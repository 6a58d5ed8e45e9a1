package io.strangler.core.state;

import io.strangler.api.spi.RouteStateStore;
import io.strangler.core.testing.PostgresSupport;
import io.strangler.test.contract.RouteStateStoreContract;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.ff4j.store.JdbcFeatureStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The route-state store contract on {@link Ff4jRouteStateStore} over FF4J's {@link JdbcFeatureStore} on a real
 * PostgreSQL, with FF4J's own schema: the fleet setup of the README. Each test on tables of its own, dropped
 * afterwards; skipped when PostgreSQL can't be reached, unless {@code CI=true}.
 */
class Ff4jRouteStateStorePostgresContractTest extends RouteStateStoreContract {

    private DataSource dataSource;
    private final List<String> tables = new ArrayList<>();

    @BeforeEach
    void connect() {
        dataSource = PostgresSupport.requirePostgres();
    }

    @AfterEach
    void dropTables() {
        for (String table : tables) {
            PostgresSupport.dropTable(dataSource, table);
        }
    }

    /** FF4J's JDBC store takes a new connection for every read and write: fewer rounds keep the test short. */
    @Override
    protected int concurrentRounds() {
        return 5;
    }

    @Override
    protected RouteStateStore newStore() {
        return new Ff4jRouteStateStore(PostgresSupport.ff4jFeatureStore(dataSource, tables), "strangler.");
    }
}
