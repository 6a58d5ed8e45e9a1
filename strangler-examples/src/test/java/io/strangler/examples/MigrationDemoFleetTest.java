package io.strangler.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.strangler.core.testing.PostgresSupport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a fleet of two instances on PostgreSQL and on Redis: the same promises as on the memory store, and
 * nothing left in the store afterwards. A run takes 30 to 60 s (each instance publishes its counters through the
 * store at every tick), so these run only when asked: {@code -Dstrangler.demo.fleet=true}. Then, as the project's
 * other store tests, they skip when the store can't be reached, and fail instead under {@code CI=true}.
 */
@EnabledIfSystemProperty(named = "strangler.demo.fleet", matches = "true",
        disabledReason = "a fleet run takes 30 to 60 s; -Dstrangler.demo.fleet=true runs it")
class MigrationDemoFleetTest {

    private static final String REDIS = System.getProperty("strangler.test.redisUri", "redis://127.0.0.1:6379");

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void onPostgres() throws SQLException {
        DataSource db = PostgresSupport.requirePostgres();

        DemoRuns.Run run = DemoRuns.run(dir, "--store", "postgres", "--jdbc", PostgresSupport.URL, "--jdbc-user",
                PostgresSupport.USER);

        assertFleetRun(run);
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'strangler_demo_"
                        + idOf(run) + "%'")) {
            r.next();
            assertThat(r.getLong(1)).as("tables left behind").isZero();
        }
    }

    @Test
    @Timeout(300)
    void onRedis() {
        requireRedis();

        DemoRuns.Run run = DemoRuns.run(dir, "--store", "redis", "--redis", REDIS);

        assertFleetRun(run);
        RedisClient client = RedisClient.create(REDIS);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            assertThat(c.sync().scan(ScanArgs.Builder.matches("strangler-demo:" + idOf(run) + "*").limit(1000))
                    .getKeys()).as("keys left behind").isEmpty();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static void assertFleetRun(DemoRuns.Run run) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.summary()).containsEntry("ok", true).containsEntry("instances", 2L);
        List<Map<String, Object>> rollbacks = run.list("rollbacks");
        assertThat(rollbacks).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("route", "recommendation-generator").containsEntry("trigger", "ERROR_RATE")
                .containsEntry("status", "COMPLETED"));
        assertThat(run.list("routes")).filteredOn(r -> (Boolean) r.get("expectedToComplete")).hasSize(5)
                .allSatisfy(r -> assertThat(r).containsEntry("completed", true));
        assertThat(run.list("dualWrites")).allSatisfy(d -> assertThat(d).containsEntry("ok", true));
    }

    /** The run's own prefix, from the title line: tables {@code strangler_demo_<id>_*}, keys {@code ...:<id>:*}. */
    private static String idOf(DemoRuns.Run run) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("strangler[_-]demo[_:]([0-9a-f]{12})")
                .matcher(run.out());
        assertThat(m.find()).as("the store's prefix in the output").isTrue();
        return m.group(1);
    }

    private static void requireRedis() {
        RedisURI uri = RedisURI.create(REDIS);
        uri.setTimeout(Duration.ofSeconds(2));
        RedisClient client = RedisClient.create(uri);
        String problem;
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            problem = "PONG".equals(c.sync().ping()) ? null : "PING was not answered PONG";
        } catch (RuntimeException e) {
            problem = e.toString();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (problem != null) {
            String message = "Redis at " + REDIS + " is not reachable: " + problem;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " -- CI=true, so the tests that need Redis fail instead of being skipped");
            }
            assumeTrue(false, message + " -- skipping the tests that need it (with CI=true they would fail)");
        }
    }
}
