package io.strangler.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strangler.api.MigrationRouter;
import io.strangler.api.spi.RouteStateStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The fleet stores from properties: {@code strangler.store.type=jdbc} on the application's {@code DataSource} and
 * {@code redis}; two application contexts on one store see each other's changes, as two instances of a service do.
 * On the local PostgreSQL and Redis (skipped when they can't be reached, failed instead under {@code CI=true}).
 */
class SharedStoresTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StranglerAutoConfiguration.class))
            .withUserConfiguration(StranglerAutoConfigurationTest.AnnotatedMethods.class)
            .withPropertyValues("strangler.rollout.enabled=false");

    @Test
    void aJdbcStoreOnTheApplicationsDataSourceIsSharedByTwoInstances() {
        DataSource ds = TestDatabase.require();
        String prefix = "strangler_sp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        ApplicationContextRunner jdbc = runner.withBean(DataSource.class, () -> ds)
                .withPropertyValues("strangler.store.type=jdbc", "strangler.store.prefix=" + prefix);
        try {
            jdbc.run(first -> {
                assertThat(first).hasNotFailed();
                assertThat(first.getBean(RouteStateStore.class).getClass().getSimpleName())
                        .isEqualTo("PostgresRouteStateStore");
                first.getBean(MigrationRouter.class).route("greeter").setPercentage(30, "alice", "canary");
                jdbc.run(second -> assertThat(second.getBean(MigrationRouter.class).route("greeter").state()
                        .percentage()).as("the second instance reads the first one's change").isEqualTo(30.0));
            });
        } finally {
            new JdbcTemplate(ds).execute("DROP TABLE IF EXISTS " + prefix + "_route_state");
        }
    }

    @Test
    void aRedisStoreIsSharedByTwoInstances() {
        requireRedis();
        String prefix = "strangler-sp-" + UUID.randomUUID();
        ApplicationContextRunner redis = runner.withPropertyValues("strangler.store.type=redis",
                "strangler.store.redis-uri=redis://127.0.0.1:6379", "strangler.store.prefix=" + prefix);
        redis.run(first -> {
            assertThat(first).hasNotFailed();
            assertThat(first.getBean(RouteStateStore.class).getClass().getSimpleName())
                    .isEqualTo("RedisRouteStateStore");
            first.getBean(MigrationRouter.class).route("greeter").setPercentage(40, "alice", "canary");
            redis.run(second -> assertThat(second.getBean(MigrationRouter.class).route("greeter").state()
                    .percentage()).isEqualTo(40.0));
        });
    }

    @Test
    void aRedisStoreWithoutAUriStopsStartUp() {
        runner.withPropertyValues("strangler.store.type=redis").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new StranglerFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("strangler.store.redis-uri")
                    .contains("the Redis store needs a Redis URI");
        });
    }

    private static void requireRedis() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 6379), 2_000);
        } catch (IOException e) {
            String why = "Redis at 127.0.0.1:6379 can't be reached (" + e.getMessage() + ")";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + "; CI=true, so the test fails instead of being skipped");
            }
            assumeTrue(false, why + "; skipping (start Redis to run it)");
        }
    }
}
