package io.strangler.core.dualwrite;

import io.strangler.core.testing.PostgresSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.StranglerException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** What needs no database: the checks on creation, and the failure when the database can't be reached. */
class JdbcReconciliationLogSettingsTest {

    private final DataSource dataSource = PostgresSupport.dataSource();

    @Test
    void acceptsSqlIdentifiers() {
        assertThat(JdbcReconciliationLog.of(dataSource, "recon").tableName()).isEqualTo("recon");
        assertThat(JdbcReconciliationLog.of(dataSource, "_Recon_2").tableName()).isEqualTo("_Recon_2");
        assertThat(JdbcReconciliationLog.of(dataSource, "a".repeat(63)).tableName()).hasSize(63);
        assertThat(JdbcReconciliationLog.of(dataSource).tableName())
                .isEqualTo(JdbcReconciliationLog.DEFAULT_TABLE_NAME).isEqualTo("strangler_reconciliation");
    }

    @Test
    void rejectsOtherTableNamesNamingThem() {
        for (String bad : new String[] {"", "1recon", "recon-log", "recon log", "recon;drop table x", "public.recon",
                "\"recon\"", "réconciliation", "a".repeat(64)}) {
            assertThatThrownBy(() -> JdbcReconciliationLog.of(dataSource, bad))
                    .as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("tableName must be an SQL identifier")
                    .hasMessageEndingWith("was '" + bad + "'");
        }
    }

    @Test
    void rejectsNulls() {
        assertThatThrownBy(() -> JdbcReconciliationLog.of(null, "recon")).isInstanceOf(NullPointerException.class)
                .hasMessage("dataSource");
        assertThatThrownBy(() -> JdbcReconciliationLog.of(dataSource, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("tableName");
        assertThatThrownBy(() -> JdbcReconciliationLog.of(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("dataSource");
    }

    @Test
    void anUnreachableDatabaseFailsNamingTheTableAndTheOperation() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/test");
        nowhere.setUser("postgres");
        nowhere.setConnectTimeout(2);
        JdbcReconciliationLog log = JdbcReconciliationLog.of(nowhere, "recon_nowhere");

        assertThatThrownBy(log::size).isInstanceOf(StranglerException.class)
                .hasMessageStartingWith("Reconciliation log table 'recon_nowhere': size failed: ")
                .hasCauseInstanceOf(java.sql.SQLException.class);
        assertThatThrownBy(log::createTableIfMissing).isInstanceOf(StranglerException.class)
                .hasMessageContaining("'recon_nowhere'").hasMessageContaining("createTableIfMissing failed");
        assertThat(log).hasToString("JdbcReconciliationLog{table=recon_nowhere}");
    }
}
