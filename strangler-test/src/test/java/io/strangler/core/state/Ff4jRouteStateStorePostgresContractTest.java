package io.strangler.core.state;

import io.strangler.api.spi.RouteStateStore;
import io.strangler.core.testing.PostgresTables;
import io.strangler.test.contract.RouteStateStoreContract;
import org.ff4j.store.JdbcFeatureStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The route-state store contract on {@link Ff4jRouteStateStore} over FF4J's {@link JdbcFeatureStore} on a real
 * PostgreSQL, with FF4J's own schema: the fleet setup of the README. Each test on tables of its own, dropped
 * afterwards; skipped when PostgreSQL can't be reached, unless {@code CI=true}.
 */
class Ff4jRouteStateStorePostgresContractTest extends RouteStateStoreContract {

    @RegisterExtension
    final PostgresTables postgres = new PostgresTables();

    /** FF4J's JDBC store takes a new connection for every read and write: fewer rounds keep the test short. */
    @Override
    protected int concurrentRounds() {
        return 5;
    }

    @Override
    protected RouteStateStore newStore() {
        return new Ff4jRouteStateStore(postgres.ff4jFeatureStore(), "strangler.");
    }
}
