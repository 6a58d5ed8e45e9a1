package io.strangler.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.api.StranglerException;
import io.strangler.api.spi.RouteStateStore;
import io.strangler.core.testing.LogCapture;
import io.strangler.core.testing.PostgresTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What is the PostgreSQL store's own: its table is checked when it is built, a bad name is refused, the listening
 * thread ends with its subscription, and a listening connection that is killed is made again and reports every
 * route. Real PostgreSQL; skipped when it can't be reached, unless {@code CI=true}.
 */
class PostgresStoreTest {

    @RegisterExtension
    final PostgresTables postgres = new PostgresTables();
    @RegisterExtension
    final LogCapture log = new LogCapture();

    private void execute(String sql) {
        try (Connection c = postgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMissingTableIsRefusedNamingItAndTheCallThatMakesIt() {
        String table = postgres.newTable("strangler_missing");

        assertThatThrownBy(() -> PostgresRouteStateStore.builder(postgres.dataSource(), postgres.ff4jFeatureStore())
                .table(table).build())
                .isInstanceOf(StranglerException.class)
                .hasMessage("PostgreSQL state table '" + table + "' does not exist: make it once with "
                        + "PostgresRouteStateStore.createSchema(dataSource, \"" + table + "\")");
    }

    @Test
    void aTableWithoutAColumnIsRefusedNamingTheColumn() {
        String table = postgres.newTable("strangler_partial");
        execute("CREATE TABLE " + table + " (route TEXT PRIMARY KEY, version BIGINT NOT NULL)");

        assertThatThrownBy(() -> PostgresRouteStateStore.builder(postgres.dataSource(), postgres.ff4jFeatureStore())
                .table(table).build())
                .isInstanceOf(StranglerException.class)
                .hasMessageContaining("has no column 'record'")
                .hasMessageContaining("PostgresRouteStateStore.createSchema(dataSource, \"" + table + "\")");
    }

    @Test
    void aTableNameThatIsNotAPlainNameIsRefusedNamingIt() {
        assertThatThrownBy(() -> PostgresRouteStateStore.builder(postgres.dataSource(), postgres.ff4jFeatureStore())
                .table("states; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("table must be a plain PostgreSQL name")
                .hasMessageContaining("'states; DROP TABLE x'");
        assertThatThrownBy(() -> PostgresRouteStateStore.builder(postgres.dataSource(), postgres.ff4jFeatureStore())
                .listenPoll(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listenPoll").hasMessageContaining("PT0S");
    }

    @Test
    void createSchemaIsIdempotent() {
        PostgresFleet fleet = new PostgresFleet(postgres);
        PostgresRouteStateStore.createSchema(postgres.dataSource(), fleet.table);
        assertThat(fleet.store().load("svc")).isEmpty();
    }

    private static List<String> listenThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter("strangler-pg-listen"::equals).toList();
    }

    @Test
    @Timeout(30)
    void aClosedSubscriptionLeavesNoThreadAndAKilledConnectionIsMadeAgainAndReportsEveryRoute() {
        PostgresFleet fleet = new PostgresFleet(postgres);
        PostgresRouteStateStore store = fleet.store();
        RouteState initial = store.createIfAbsent(RouteState.builder("svc").stage(Stage.CANARY).percentage(10)
                .build());
        List<String> told = new CopyOnWriteArrayList<>();
        int before = listenThreads().size();
        RouteStateStore.Subscription subscription = store.watch(told::add);
        try {
            PostgresFleet.awaitUntil(Duration.ofSeconds(5), "listening", () -> listening(fleet.table) == 1);
            RouteState next = initial.toBuilder().percentage(20).build()
                    .withRevision(initial.revision().next("alice", initial.revision().changedAt() == null
                            ? java.time.Instant.EPOCH : initial.revision().changedAt(), "step"));
            assertThat(store.compareAndSet(initial.version(), next)).isTrue();
            PostgresFleet.awaitUntil(Duration.ofSeconds(5), "told of the change", () -> told.contains("svc"));

            told.clear();
            execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN " + fleet.table
                    + "'");
            PostgresFleet.awaitUntil(Duration.ofSeconds(10), "told every route after listening again",
                    () -> told.contains("svc"));
            assertThat(log.lines("WARN")).anySatisfy(line -> assertThat(line)
                    .startsWith("listening on PostgreSQL channel '" + fleet.table + "' failed"));
        } finally {
            subscription.close();
        }
        assertThat(listenThreads()).hasSize(before);
        subscription.close();
    }

    private int listening(String table) {
        try (Connection c = postgres.dataSource().getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE query = 'LISTEN " + table + "'")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Timeout(30)
    void aKillSwitchFlippedInFf4jsTableIsPushedOnceItsTriggerIsMade() {
        PostgresFleet fleet = new PostgresFleet(postgres);
        PostgresRouteStateStore.createKillSwitchTrigger(postgres.dataSource(), fleet.table,
                fleet.features.getQueryBuilder().getTableNameFeatures(), "strangler.");
        PostgresRouteStateStore.createKillSwitchTrigger(postgres.dataSource(), fleet.table,
                fleet.features.getQueryBuilder().getTableNameFeatures(), "strangler.");
        try {
            PostgresFleet.Instance here = fleet.instance(fleet.store(), Duration.ofHours(1));
            assertThat(here.route().state().enabled()).isTrue();
            PostgresFleet.awaitUntil(Duration.ofSeconds(5), "listening", () -> listening(fleet.table) == 1);

            fleet.features.disable("strangler.svc");

            PostgresFleet.awaitUntil(Duration.ofSeconds(5), "the flip pushed to the instance",
                    () -> !here.route().state().enabled());
            fleet.features.enable("strangler.svc");
            PostgresFleet.awaitUntil(Duration.ofSeconds(5), "the switch back pushed too",
                    () -> here.route().state().enabled());
        } finally {
            fleet.close();
        }
    }

    @Test
    void aKillSwitchTriggerOnATableThatIsNotAPlainNameIsRefused() {
        assertThatThrownBy(() -> PostgresRouteStateStore.createKillSwitchTrigger(postgres.dataSource(),
                "strangler_route_state", "FF4J FEATURES", "strangler."))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'FF4J FEATURES'");
    }

    @Test
    void anUnreachableDatabaseIsNotCheckedAtBuildTime() {
        DataSource nowhere = new org.postgresql.ds.PGSimpleDataSource();
        ((org.postgresql.ds.PGSimpleDataSource) nowhere).setURL("jdbc:postgresql://127.0.0.1:1/test");
        assertThat(PostgresRouteStateStore.builder(nowhere, postgres.ff4jFeatureStore()).build()).isNotNull();
        assertThat(log.lines("WARN")).anySatisfy(line -> assertThat(line)
                .startsWith("PostgreSQL state table 'strangler_route_state' could not be checked"));
    }
}
