package io.strangler.postgres;

import io.strangler.api.spi.RouteStateStore;
import io.strangler.core.testing.PostgresTables;
import io.strangler.test.contract.RouteStateStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The route-state store contract on {@link PostgresRouteStateStore} over a real PostgreSQL: a state table and FF4J's
 * JDBC features of each test's own, dropped afterwards; skipped when PostgreSQL can't be reached, unless
 * {@code CI=true}.
 */
class PostgresRouteStateStoreContractTest extends RouteStateStoreContract {

    @RegisterExtension
    final PostgresTables postgres = new PostgresTables();

    @Override
    protected RouteStateStore newStore() {
        return new PostgresFleet(postgres).store();
    }
}
