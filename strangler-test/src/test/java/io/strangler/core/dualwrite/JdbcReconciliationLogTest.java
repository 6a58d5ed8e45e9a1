package io.strangler.core.dualwrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.StranglerException;
import io.strangler.api.Side;
import io.strangler.api.reconcile.ReconciliationEntry;
import io.strangler.api.reconcile.ReconciliationLog;
import io.strangler.api.reconcile.ReplayReport;
import io.strangler.core.testing.PostgresSupport;
import io.strangler.core.testing.PostgresTables;
import io.strangler.test.contract.ReconciliationLogContract;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reconciliation-log contract on the JDBC log over a real PostgreSQL, and what is its own: restarts, the table,
 * time precision, errors naming the table. Each test on tables of its own, dropped afterwards; skipped when
 * PostgreSQL can't be reached, unless {@code CI=true}.
 */
class JdbcReconciliationLogTest extends ReconciliationLogContract {

    @RegisterExtension
    final PostgresTables postgres = new PostgresTables();
    private DataSource dataSource;

    @BeforeEach
    void connect() {
        dataSource = postgres.dataSource();
    }

    private String newTable() {
        return postgres.newTable("recon_test");
    }

    @Override
    protected ReconciliationLog newLog() {
        return JdbcReconciliationLog.of(dataSource, newTable()).createTableIfMissing();
    }

    @Override
    protected int concurrentAppendsPerThread() {
        return 50;
    }

    @Test
    void aRestartLosesNothing() {
        String table = newTable();
        JdbcReconciliationLog before = JdbcReconciliationLog.of(dataSource, table).createTableIfMissing();
        ReconciliationEntry a = before.append(entry("orders", "k1"));
        ReconciliationEntry b = before.append(entry("users", null));
        before.recordFailedAttempt(b.id());

        JdbcReconciliationLog after = JdbcReconciliationLog.of(PostgresSupport.dataSource(), table)
                .createTableIfMissing();

        assertThat(after.size()).isEqualTo(2);
        assertThat(after.list(null, 10)).containsExactly(a, b.withAttempts(1));
        ReconciliationEntry c = after.append(entry("orders", "k3"));
        assertThat(c.id()).isGreaterThan(b.id());
        ReplayReport report = after.replay("orders", e -> { }, 10);
        assertThat(report.replayed()).isEqualTo(2);
        assertThat(before.list(null, 10)).containsExactly(b.withAttempts(1));
    }

    @Test
    void createTableIfMissingIsIdempotentAndMakesTheDocumentedTable() throws Exception {
        String table = newTable();
        JdbcReconciliationLog log = JdbcReconciliationLog.of(dataSource, table);
        assertThat(log.createTableIfMissing()).isSameAs(log);
        log.append(entry("orders", "k1"));
        log.createTableIfMissing();
        assertThat(log.size()).isEqualTo(1);

        List<String> columns = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT column_name || ' ' || data_type FROM information_schema.columns"
                        + " WHERE table_name = '" + table + "' ORDER BY ordinal_position")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        assertThat(columns).containsExactly("id bigint", "route text", "routing_key text",
                "failed_at timestamp with time zone", "operation text", "failed_side text", "error_type text",
                "error_message text", "arguments text", "attempts integer");
    }

    @Test
    void timesAreKeptToTheMicrosecond() {
        ReconciliationLog log = newLog();
        Instant nanos = Instant.parse("2025-03-01T10:15:30.123456789Z");
        ReconciliationEntry stored = log.append(ReconciliationEntry.of("orders", "k", nanos, "save", Side.MODERN,
                new IOException("x"), List.of()));
        assertThat(stored.time()).isEqualTo(Instant.parse("2025-03-01T10:15:30.123456Z"));
        assertThat(log.get(stored.id())).contains(stored);
    }

    @Test
    void aNulCharacterInTheErrorMessageIsReplaced() {
        ReconciliationLog log = newLog();
        ReconciliationEntry stored = log.append(ReconciliationEntry.of("orders", "k", Instant.EPOCH, "save",
                Side.MODERN, new IOException("bad\0byte"), List.of("arg\0with nul")));
        assertThat(stored.errorMessage()).isEqualTo("bad\uFFFDbyte");
        assertThat(log.get(stored.id()).orElseThrow().errorMessage()).isEqualTo("bad\uFFFDbyte");
        assertThat(log.get(stored.id()).orElseThrow().arguments()).containsExactly("arg\0with nul");
    }

    @Test
    void aMissingTableFailsNamingTheTableAndTheOperation() {
        String table = PostgresSupport.uniqueTableName("recon_missing");
        JdbcReconciliationLog log = JdbcReconciliationLog.of(dataSource, table);

        assertThatThrownBy(() -> log.append(entry("orders", "k1"))).isInstanceOf(StranglerException.class)
                .hasMessageContaining("'" + table + "'").hasMessageContaining("append failed")
                .hasCauseInstanceOf(java.sql.SQLException.class);
        assertThatThrownBy(() -> log.list(null, 10)).isInstanceOf(StranglerException.class)
                .hasMessageContaining(table).hasMessageContaining("list failed");
        assertThatThrownBy(() -> log.get(1)).isInstanceOf(StranglerException.class)
                .hasMessageContaining(table).hasMessageContaining("get failed");
        assertThatThrownBy(() -> log.remove(1)).isInstanceOf(StranglerException.class)
                .hasMessageContaining(table).hasMessageContaining("remove failed");
        assertThatThrownBy(() -> log.clear(null)).isInstanceOf(StranglerException.class)
                .hasMessageContaining(table).hasMessageContaining("clear failed");
        assertThatThrownBy(() -> log.recordFailedAttempt(1)).isInstanceOf(StranglerException.class)
                .hasMessageContaining(table).hasMessageContaining("recordFailedAttempt failed");
        assertThatThrownBy(log::size).isInstanceOf(StranglerException.class)
                .hasMessageContaining(table).hasMessageContaining("size failed");
        assertThat(log.overflowCount()).isZero();
    }

    @Test
    void anUnreadableRowFailsNamingTheTableAndTheEntry() throws Exception {
        String table = newTable();
        JdbcReconciliationLog log = JdbcReconciliationLog.of(dataSource, table).createTableIfMissing();
        ReconciliationEntry stored = log.append(entry("orders", "k1"));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE " + table + " SET arguments = 'not json' WHERE id = " + stored.id());
        }
        assertThatThrownBy(() -> log.get(stored.id())).isInstanceOf(StranglerException.class)
                .hasMessageContaining(table).hasMessageContaining("entry #" + stored.id());
    }

    @Test
    void commitsOnConnectionsWithoutAutoCommit() {
        String table = newTable();
        DataSource manualCommit = manualCommit(dataSource);
        JdbcReconciliationLog manual = JdbcReconciliationLog.of(manualCommit, table).createTableIfMissing();
        ReconciliationEntry a = manual.append(entry("orders", "k1"));
        ReconciliationEntry b = manual.append(entry("orders", "k2"));
        manual.recordFailedAttempt(a.id());
        manual.remove(b.id());

        JdbcReconciliationLog auto = JdbcReconciliationLog.of(dataSource, table);
        assertThat(auto.list(null, 10)).containsExactly(a.withAttempts(1));
    }

    /** The same data source, but its connections come with auto-commit off, as some pools hand them out. */
    private static DataSource manualCommit(DataSource delegate) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = method.invoke(delegate, args);
                    if (result instanceof Connection) {
                        ((Connection) result).setAutoCommit(false);
                    }
                    return result;
                });
    }
}
