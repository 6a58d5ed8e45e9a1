package io.strangler.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.api.StranglerException;
import io.strangler.core.testing.PostgresTables;
import java.time.Instant;
import org.ff4j.store.JdbcFeatureStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * FF4J's JDBC schema as FF4J makes it keeps property values in {@code VARCHAR(255)}, too short for a state record:
 * a store over it is refused when it is made, naming the table, the column and the call that widens it; once widened
 * it works. Real PostgreSQL; skipped when it can't be reached, unless {@code CI=true}.
 */
class Ff4jJdbcSchemaTest {

    @RegisterExtension
    final PostgresTables postgres = new PostgresTables();

    @Test
    void aStoreOverFf4jsNarrowColumnIsRefusedNamingTheTableTheColumnAndTheFix() {
        JdbcFeatureStore narrow = postgres.ff4jFeatureStoreAsFf4jMakesIt();
        String table = narrow.getQueryBuilder().getTableNameCustomProperties();

        assertThatThrownBy(() -> new Ff4jRouteStateStore(narrow, "strangler."))
                .isInstanceOf(StranglerException.class)
                .hasMessageContaining("FF4J's table " + table)
                .hasMessageContaining("column CURRENTVALUE as varchar(255)")
                .hasMessageContaining("Ff4jRouteStateStore.widenValueColumn(featureStore)")
                .hasMessageContaining("ALTER TABLE " + table + " ALTER COLUMN CURRENTVALUE TYPE TEXT");
    }

    @Test
    void onceWidenedTheStoreHoldsARecordWithALongReason() {
        JdbcFeatureStore narrow = postgres.ff4jFeatureStoreAsFf4jMakesIt();
        Ff4jRouteStateStore.widenValueColumn(narrow);
        Ff4jRouteStateStore store = new Ff4jRouteStateStore(narrow, "strangler.");

        RouteState initial = store.createIfAbsent(RouteState.builder("svc").stage(Stage.CANARY).percentage(10).build());
        RouteState next = initial.toBuilder().percentage(0).build()
                .withRevision(initial.revision().next("oncall", Instant.parse("2026-11-26T10:00:00Z"), "x".repeat(2_000)));

        assertThat(store.compareAndSet(initial.version(), next)).isTrue();
        assertThat(store.load("svc")).contains(next);
    }

    @Test
    void aStoreOverTablesNotMadeYetIsNotRefused() {
        JdbcFeatureStore narrow = postgres.ff4jFeatureStoreAsFf4jMakesIt();
        JdbcFeatureStore elsewhere = new JdbcFeatureStore(narrow.getDataSource());
        elsewhere.setQueryBuilder(new org.ff4j.store.JdbcQueryBuilder(postgres.newTable("strangler_none") + "_", ""));

        assertThat(new Ff4jRouteStateStore(elsewhere, "strangler.")).isNotNull();
    }
}
