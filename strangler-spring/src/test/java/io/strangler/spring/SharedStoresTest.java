package io.strangler.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.api.spi.RouteStateStore;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The fleet stores from properties: {@code strangler.store.type=jdbc} on the application's {@code DataSource}; two
 * application contexts on one store see each other's changes, as two instances of a service do. On the local
 * PostgreSQL (skipped when it can't be reached, failed instead under {@code CI=true}). The Redis store's is
 * {@code RedisStoreTest}, on Boot 4 only: strangler-redis's Lettuce 7 needs Netty 4.2, and Boot 3.5 manages 4.1.
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
    void aRedisStoreWithoutAUriStopsStartUp() {
        runner.withPropertyValues("strangler.store.type=redis").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new StranglerFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("strangler.store.redis-uri")
                    .contains("the Redis store needs a Redis URI");
        });
    }

}
