package io.strangler.core.state;

import io.strangler.core.testing.PostgresSupport;
import io.strangler.core.testing.PostgresTables;
import org.ff4j.core.FeatureStore;
import org.ff4j.store.JdbcFeatureStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store contract on FF4J's {@link JdbcFeatureStore} over a real PostgreSQL, the fleet setup of the README, with
 * FF4J's own schema. Each test gets its own tables (a random prefix) and drops them. Skipped when PostgreSQL can't
 * be reached, unless {@code CI=true} ({@link PostgresSupport}).
 */
class Ff4jStorePostgresTest extends Ff4jStoreContract {

    @RegisterExtension
    final PostgresTables postgres = new PostgresTables();

    @Override
    FeatureStore newFeatureStore() {
        return postgres.ff4jFeatureStore();
    }
}
