package io.strangler.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Side;
import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import io.strangler.api.reconcile.ReconciliationEntry;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sides that are themselves proxies ({@code @Transactional} under CGLIB and under JDK proxies) on a real PostgreSQL,
 * and dual writes inside a Spring transaction: the second write runs after commit, is committed itself, never runs
 * for a rolled-back transaction, and a failed one goes to the reconciliation log.
 */
class TransactionsAndProxiesTest {

    /** The routed interface. */
    public interface NoteStore {
        void save(@RoutingKey String id, String text);

        @Read
        String find(@RoutingKey String id);
    }

    /** A JDBC store, transactional, in a table of its own. */
    @Transactional
    public static class JdbcNoteStore implements NoteStore {
        private final JdbcTemplate jdbc;
        private final String table;

        public JdbcNoteStore(JdbcTemplate jdbc, String table) {
            this.jdbc = jdbc;
            this.table = table;
        }

        @Override
        public void save(String id, String text) {
            jdbc.update("INSERT INTO " + table + " (id, text) VALUES (?, ?)", id, text);
        }

        @Override
        public String find(String id) {
            List<String> found = jdbc.queryForList("SELECT text FROM " + table + " WHERE id = ?", String.class, id);
            return found.isEmpty() ? null : found.get(0);
        }
    }

    /** A caller whose transaction wraps the routed write. */
    public static class NoteService {
        private final NoteStore notes;

        public NoteService(NoteStore notes) {
            this.notes = notes;
        }

        @Transactional
        public void save(String id, boolean fail) {
            notes.save(id, "note " + id);
            if (fail) {
                throw new IllegalStateException("the caller fails after the write");
            }
        }
    }

    static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    static final String LEGACY = "notes_legacy_" + SUFFIX;
    static final String MODERN = "notes_modern_" + SUFFIX;

    @Configuration(proxyBeanMethods = false)
    static class Stores {
        @Bean
        DataSource dataSource() {
            return TestDatabase.require();
        }

        @Bean
        JdbcTemplate jdbcTemplate(DataSource ds) {
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            for (String table : new String[] {LEGACY, MODERN}) {
                jdbc.execute("CREATE TABLE IF NOT EXISTS " + table + " (id TEXT PRIMARY KEY, text TEXT)");
            }
            return jdbc;
        }

        @Bean
        PlatformTransactionManager transactionManager(DataSource ds) {
            return new DataSourceTransactionManager(ds);
        }

        @Bean
        @StranglerRoute(value = "notes", side = Side.LEGACY)
        JdbcNoteStore legacyNotes(JdbcTemplate jdbc) {
            return new JdbcNoteStore(jdbc, LEGACY);
        }

        @Bean
        @StranglerRoute(value = "notes", side = Side.MODERN)
        JdbcNoteStore modernNotes(JdbcTemplate jdbc) {
            return new JdbcNoteStore(jdbc, MODERN);
        }

        @Bean
        NoteService noteService(NoteStore notes) {
            return new NoteService(notes);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement(proxyTargetClass = true)
    @Import(Stores.class)
    static class Cglib {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement(proxyTargetClass = false)
    @Import(Stores.class)
    static class JdkProxies {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StranglerAutoConfiguration.class))
            .withPropertyValues("strangler.rollout.enabled=false", "strangler.routes.notes.stage=dual-write",
                    "strangler.routes.notes.dual-write-mode=sync");

    @Test
    void transactionalSidesUnderCglibAreRoutedAndTheSecondWriteWaitsForTheCommit() {
        check(Cglib.class, true);
    }

    @Test
    void transactionalSidesUnderJdkProxiesAreRoutedAndTheSecondWriteWaitsForTheCommit() {
        check(JdkProxies.class, false);
    }

    private void check(Class<?> configuration, boolean cglib) {
        TestDatabase.require();   // skips (fails under CI=true) before a context is made
        runner.withUserConfiguration(configuration).run(context -> {
            assertThat(context).hasNotFailed();
            Object legacy = context.getBean("legacyNotes");
            assertThat(AopUtils.isAopProxy(legacy)).isTrue();
            assertThat(AopUtils.isCglibProxy(legacy)).isEqualTo(cglib);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            NoteService service = context.getBean(NoteService.class);
            String committed = "c-" + UUID.randomUUID();
            String rolledBack = "r-" + UUID.randomUUID();

            service.save(committed, false);
            try {
                service.save(rolledBack, true);
            } catch (IllegalStateException expected) {
                // the caller's transaction rolls back
            }

            assertThat(count(jdbc, LEGACY, committed)).isEqualTo(1);
            assertThat(count(jdbc, MODERN, committed)).as("the second write ran after commit, and was committed")
                    .isEqualTo(1);
            assertThat(count(jdbc, LEGACY, rolledBack)).isZero();
            assertThat(count(jdbc, MODERN, rolledBack)).as("never for a rolled-back transaction").isZero();
            assertThat(context.getBean(NoteStore.class).find(committed)).isEqualTo("note " + committed);

            String failing = "f-" + UUID.randomUUID();
            jdbc.execute("ALTER TABLE " + MODERN + " RENAME TO " + MODERN + "_away");
            try {
                service.save(failing, false);
            } finally {
                jdbc.execute("ALTER TABLE " + MODERN + "_away RENAME TO " + MODERN);
            }
            assertThat(count(jdbc, LEGACY, failing)).isEqualTo(1);
            List<ReconciliationEntry> pending = context.getBean(MigrationRouter.class).reconciliationLog()
                    .list("notes", 100);
            assertThat(pending).as("the failed second write is in the reconciliation log")
                    .anySatisfy(e -> assertThat(e.key()).isEqualTo(failing));
        });
    }

    private static int count(JdbcTemplate jdbc, String table, String id) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE id = ?", Integer.class, id);
    }
}
