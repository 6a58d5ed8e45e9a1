package io.strangler.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.LatencyDistribution;
import io.strangler.api.RouteStats;
import io.strangler.api.Side;
import io.strangler.api.StranglerException;
import io.strangler.api.resilience.CircuitBreakerState;
import io.strangler.core.fleet.PublishedStats;
import io.strangler.core.testing.LogCapture;
import io.strangler.core.testing.PostgresSupport;
import io.strangler.core.testing.PostgresTables;
import io.strangler.core.testing.TcpProxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What is {@link PostgresFleetStore}'s own (the fleet contract in {@link PostgresFleetTest} checks the rest): missing
 * tables and bad names are refused, a row of counters that can't be read is skipped with a warning, and an outage
 * fails calls quickly with an error naming the table, after which the store works again. Real PostgreSQL; skipped
 * when it can't be reached, unless {@code CI=true}.
 */
class PostgresFleetStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @RegisterExtension
    final PostgresTables postgres = new PostgresTables();
    @RegisterExtension
    final LogCapture log = new LogCapture();

    private String madePrefix() {
        String prefix = postgres.newTablePrefix("strangler_fleet", "stats", "lease", "documents");
        PostgresFleetStore.createSchema(postgres.dataSource(), prefix);
        return prefix;
    }

    private static RouteStats stats(String route) {
        RouteStats.SideStats side = new RouteStats.SideStats(Side.LEGACY, 3, 0, 0, 0, LatencyDistribution.of(10, 20));
        return new RouteStats(route, side, new RouteStats.SideStats(Side.MODERN, 1, 0, 0, 0, LatencyDistribution.EMPTY),
                new RouteStats.ShadowStats(0, 0, 0, 0, 0, 0, 0, 0), new RouteStats.SecondaryWrites(0, 0, 0, 0, 0),
                CircuitBreakerState.CLOSED);
    }

    @Test
    void missingTablesAndBadNamesAreRefused() {
        String prefix = postgres.newTablePrefix("strangler_nothing", "stats", "lease", "documents");

        assertThatThrownBy(() -> PostgresFleetStore.builder(postgres.dataSource()).tablePrefix(prefix).build())
                .isInstanceOf(StranglerException.class)
                .hasMessage("PostgreSQL fleet tables '" + prefix + "_stats', '" + prefix + "_lease', '" + prefix
                        + "_documents' do not exist: make them once with PostgresFleetStore.createSchema(dataSource, \""
                        + prefix + "\")");
        assertThatThrownBy(() -> PostgresFleetStore.builder(postgres.dataSource()).tablePrefix("Fleet; DROP"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prefix must be a plain PostgreSQL name (lower-case letters, digits and underscores, not "
                        + "starting with a digit, at most 53), was 'Fleet; DROP'");
        assertThatThrownBy(() -> PostgresFleetStore.builder(null)).hasMessage("dataSource");
    }

    @Test
    void aRowOfCountersThatCantBeReadIsSkippedWithAWarning() throws SQLException {
        String prefix = madePrefix();
        PostgresFleetStore store = PostgresFleetStore.builder(postgres.dataSource()).tablePrefix(prefix).build();
        store.publish("a", T0, List.of(stats("good"), stats("bad")));
        try (Connection c = postgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("UPDATE " + prefix + "_stats SET stats = '{\"format\":1,\"route\":\"bad\",\"legacy\":7}' "
                    + "WHERE route = 'bad'");
        }

        assertThat(store.published()).containsExactly(new PublishedStats("a", T0, stats("good")));
        assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("WARN")
                .contains("the counters of instance 'a', route 'bad' can't be read, skipped")
                .contains("field 'shadow'"));
    }

    @Test
    @Timeout(60)
    void anOutageFailsCallsQuicklyNamingTheTableAndTheStoreWorksAgainAfterIt() throws Exception {
        String prefix = madePrefix();
        try (TcpProxy proxy = new TcpProxy(PostgresSupport.address().getHostString(),
                PostgresSupport.address().getPort())) {
            PostgresFleetStore store = PostgresFleetStore.builder(PostgresSupport.dataSourceThrough(proxy))
                    .tablePrefix(prefix).build();
            assertThat(store.acquire("lease", "a", T0, Duration.ofSeconds(15)).holder()).isEqualTo("a");

            proxy.cut();
            long start = System.nanoTime();
            assertThatThrownBy(() -> store.acquire("lease", "a", T0.plusSeconds(1), Duration.ofSeconds(15)))
                    .isInstanceOf(StranglerException.class)
                    .hasMessageStartingWith("PostgreSQL fleet table '" + prefix + "_lease': asking for the lease "
                            + "'lease' for 'a' failed");
            assertThatThrownBy(() -> store.publish("a", T0, List.of(stats("r"))))
                    .isInstanceOf(StranglerException.class).hasMessageContaining(prefix + "_stats");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

            proxy.restore();
            assertThat(store.acquire("lease", "a", T0.plusSeconds(2), Duration.ofSeconds(15)))
                    .satisfies(l -> {
                        assertThat(l.holder()).isEqualTo("a");
                        assertThat(l.epoch()).isEqualTo(1);
                        assertThat(l.expiresAt()).isEqualTo(T0.plusSeconds(17));
                    });
        }
    }
}
