package io.strangler.core.rollout;

import io.strangler.core.testing.ControllerFixture;
import io.strangler.core.testing.Traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.Stage;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.rollout.RolloutPlan;
import io.strangler.core.Strangler;
import io.strangler.test.SimulatedService;
import io.strangler.test.SimulatedSide;
import io.strangler.test.VirtualTime;
import io.strangler.core.testing.PostgresSupport;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.ff4j.FF4j;
import org.ff4j.audit.repository.JdbcEventRepository;
import org.ff4j.property.store.JdbcPropertyStore;
import org.ff4j.store.JdbcFeatureStore;
import org.ff4j.store.JdbcQueryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The journal on FF4J's JDBC stores over a real PostgreSQL: a second "process" (new FF4J, new router, new controller
 * over the same tables) finds the rollout where the first left it, with its rollback history and checkpoints.
 * Skipped when PostgreSQL can't be reached, failed instead when {@code CI=true} ({@link PostgresSupport}).
 */
class RolloutJournalPostgresTest {

    private static final RolloutPlan PLAN = ControllerFixture.PLAN;

    private static DataSource dataSource;
    private final String prefix = "strangler_j" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + "_";
    private final JdbcQueryBuilder queries = new JdbcQueryBuilder(prefix, "");
    private final VirtualTime clock = VirtualTime.startingAt(Instant.parse("2025-01-01T00:00:00Z"));

    @BeforeAll
    static void connect() {
        dataSource = PostgresSupport.requirePostgres();
    }

    /** One "process": FF4J over the shared tables, created and widened the first time. */
    private FF4j ff4j(boolean createSchema) throws SQLException {
        JdbcFeatureStore features = new JdbcFeatureStore(dataSource);
        features.setQueryBuilder(queries);
        JdbcPropertyStore properties = new JdbcPropertyStore(dataSource);
        properties.setQueryBuilder(queries);
        JdbcEventRepository events = new JdbcEventRepository(dataSource);
        events.setQueryBuilder(queries);
        if (createSchema) {
            features.createSchema();
            properties.createSchema();
            events.createSchema();
            // the deployment step the README gives: FF4J's columns are too narrow for Strangler's records
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("ALTER TABLE " + queries.getTableNameCustomProperties()
                        + " ALTER COLUMN CURRENTVALUE TYPE TEXT");
                s.executeUpdate("ALTER TABLE " + queries.getTableNameProperties()
                        + " ALTER COLUMN CURRENTVALUE TYPE TEXT");
                s.executeUpdate("ALTER TABLE " + queries.getTableNameAudit() + " ALTER COLUMN EVT_VALUE TYPE TEXT");
            }
        }
        FF4j ff4j = new FF4j();
        ff4j.setFeatureStore(features);
        ff4j.setPropertiesStore(properties);
        ff4j.setEventRepository(events);
        return ff4j;
    }

    private MigrationRouter router(FF4j ff4j) {
        MigrationRouter router = Strangler.router().ff4j(ff4j).clock(clock).ticker(clock::nanoTime)
                .refreshInterval(Duration.ZERO).build();
        router.register(RouteDefinition.builder("search", SimulatedService.class)
                .legacy(new SimulatedSide("legacy", clock, 1).latency(Duration.ofNanos(20_000)))
                .modern(new SimulatedSide("modern", clock, 2).latency(Duration.ofNanos(20_000)))
                .initialState(s -> s.stage(Stage.DUAL_WRITE).percentage(0).shadowSample(0))
                .build());
        return router;
    }

    @AfterEach
    void dropTables() throws SQLException {
        if (dataSource == null) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of(queries.getTableNameAudit(), queries.getTableNameProperties(),
                    queries.getTableNameCustomProperties(), queries.getTableNameRoles(),
                    queries.getTableNameFeatures())) {
                s.executeUpdate("DROP TABLE IF EXISTS " + table + " CASCADE");
            }
        }
    }

    @Test
    void aSecondProcessFindsProgressHistoryAndCheckpointsInPostgres() throws SQLException {
        String rollbackId;
        try (MigrationRouter router = router(ff4j(true))) {
            Route<SimulatedService> route = router.route("search", SimulatedService.class);
            RolloutController controller = Strangler.controller(router).clock(clock).baselineGate(Duration.ZERO, 0)
                    .plan("search", PLAN).build();
            Traffic traffic = new Traffic(clock, controller, 1, 20);
            traffic.seconds(305, route);
            assertThat(route.state().percentage()).isEqualTo(50.0);
            controller.abort("search", "dave", "pager went off");
            traffic.seconds(61, route);
            rollbackId = controller.rollbacks().get(0).id();
            controller.close();
        }

        try (MigrationRouter router = router(ff4j(false))) {
            Route<SimulatedService> route = router.route("search", SimulatedService.class);
            RolloutController controller = Strangler.controller(router).clock(clock).baselineGate(Duration.ZERO, 0)
                    .plan("search", PLAN).build();
            assertThat(route.state().effectivePercentageBasisPoints()).isZero();
            assertThat(controller.status("search").phase()).isEqualTo(RolloutStatus.Phase.ABORTED);
            assertThat(controller.rollbacks()).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo(rollbackId);
                assertThat(e.status()).isEqualTo(RollbackEvent.Status.COMPLETED);
                assertThat(e.actor()).isEqualTo("dave");
                assertThat(e.reason()).contains("pager went off");
            });
            List<Checkpoint> checkpoints = controller.checkpoints();
            assertThat(checkpoints).extracting(Checkpoint::transition).hasSize(3)
                    .last().asString().startsWith("abort of search");

            controller.restore(checkpoints.get(1).id(), "erin");
            assertThat(route.state().percentage()).isEqualTo(10.0);
            assertThat(controller.status("search").phase()).isEqualTo(RolloutStatus.Phase.RUNNING);
        }
    }
}
