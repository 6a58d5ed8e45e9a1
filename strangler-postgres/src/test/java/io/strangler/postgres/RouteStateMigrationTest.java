package io.strangler.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.Stage;
import io.strangler.core.Strangler;
import io.strangler.core.state.Ff4jRouteStateStore;
import io.strangler.core.state.RouteStateMigration;
import io.strangler.core.testing.PostgresTables;
import io.strangler.test.contract.FleetStoreContract.Service;
import java.util.List;
import org.ff4j.FF4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Moving a service's states from FF4J's store to the PostgreSQL fleet store keeps what they hold: a route rolled back
 * on FF4J is still rolled back on PostgreSQL, where a router would otherwise have started it from its definition's
 * 50 %. Real PostgreSQL; skipped when it can't be reached, unless {@code CI=true}.
 */
class RouteStateMigrationTest {

    @RegisterExtension
    final PostgresTables postgres = new PostgresTables();

    private static Route<Service> register(MigrationRouter router, String name) {
        return router.register(RouteDefinition.builder(name, Service.class).legacy(i -> "legacy")
                .modern(i -> "modern").initialState(s -> s.stage(Stage.CANARY).percentage(50)).build());
    }

    @Test
    void aRollbackMadeOnFf4jIsStillThereOnPostgres() {
        FF4j ff4j = new FF4j();
        try (MigrationRouter old = Strangler.router().ff4j(ff4j).build()) {
            register(old, "pricing").rollback("alice", "bad canary");
            register(old, "checkout").setPercentage(20, "bob", "step");
        }
        String table = postgres.newTable("strangler_state");
        PostgresRouteStateStore.createSchema(postgres.dataSource(), table);
        PostgresRouteStateStore target = PostgresRouteStateStore.builder(postgres.dataSource(),
                postgres.ff4jFeatureStore()).table(table).build();
        try (MigrationRouter first = Strangler.router().stateStore(target).build()) {
            register(first, "checkout").setPercentage(30, "carol", "already moved");
        }

        RouteStateMigration.Report report = RouteStateMigration.copy(new Ff4jRouteStateStore(ff4j), target,
                List.of("pricing", "checkout", "search"));

        assertThat(report.copied()).containsExactly("pricing");
        assertThat(report.kept()).containsExactly("checkout");
        assertThat(report.missing()).containsExactly("search");
        try (MigrationRouter moved = Strangler.router().stateStore(target).build()) {
            Route<Service> pricing = register(moved, "pricing");
            assertThat(pricing.state().percentage()).as("rolled back, not the definition's 50 %").isZero();
            assertThat(pricing.state().revision().changedBy()).isEqualTo("alice");
            assertThat(register(moved, "checkout").state().percentage()).isEqualTo(30.0);
        }
    }
}
