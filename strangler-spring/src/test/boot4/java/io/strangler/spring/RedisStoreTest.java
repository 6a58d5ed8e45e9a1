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
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The Redis store from properties, shared by two application contexts as by two instances, on the local Redis
 * (skipped when it can't be reached, failed instead under {@code CI=true}). Boot 4 only: strangler-redis's Lettuce 7
 * needs Netty 4.2, which Boot 4 manages and Boot 3.5 (Netty 4.1) does not.
 */
class RedisStoreTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StranglerAutoConfiguration.class))
            .withUserConfiguration(StranglerAutoConfigurationTest.AnnotatedMethods.class)
            .withPropertyValues("strangler.rollout.enabled=false");

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
