package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Operation;
import io.strangler.api.shadow.ReadPreference;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.shadow.ShadowSettings;
import io.strangler.api.Stage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A FASTEST read must not wait behind a shadow pool that stuck shadow calls occupy. */
class FastestStallTest {

    private static final Operation FASTEST = Operation.read("lookup").preferring(ReadPreference.FASTEST);

    @Test
    @Timeout(10) // before the fix this read waited forever
    void whenNeitherCallCanStartTheReadIsServedOnTheCallersThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch stuck = new CountDownLatch(1);
        Function<String, String> legacy = k -> "legacy " + k;
        Function<String, String> modern = k -> {
            if (k.equals("hang")) {
                stuck.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    // the watchdog interrupts; keep hanging like a call that ignores interrupts
                    try {
                        release.await();
                    } catch (InterruptedException again) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            return "modern " + k;
        };
        try (MigrationRouter router = Strangler.router().refreshInterval(Duration.ZERO)
                .shadowThreads(1).shadowQueueCapacity(1).build()) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            Route<Function<String, String>> route = (Route) router.register(
                    RouteDefinition.builder("lookup", Function.class).legacy(legacy).modern(modern)
                            .shadow(ShadowSettings.custom().timeout(Duration.ofMillis(50)).build())
                            .initialState(s -> s.stage(Stage.SHADOW).shadowSample(100)).build());
            // A shadowed read whose modern call hangs takes the pool's only thread.
            String served = route.read("hang", f -> f.apply("hang"));
            assertThat(served).isEqualTo("legacy hang");
            assertThat(stuck.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            String answer = route.execute(FASTEST, "k-1", f -> f.apply("k-1"));

            assertThat(answer).isEqualTo("legacy k-1");
            release.countDown();
        }
    }
    @Test
    @Timeout(value = 5, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // before the fix: the 30 s shadow timeout
    void aReadDoesNotWaitBehindAShadowCallThatIsStuckWhenTheQueueHasRoom() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch stuck = new CountDownLatch(1);
        List<Thread> legacyThreads = new CopyOnWriteArrayList<>();
        Function<String, String> legacy = k -> {
            legacyThreads.add(Thread.currentThread());
            return "legacy " + k;
        };
        Function<String, String> modern = k -> {
            if (k.equals("hang")) {
                stuck.countDown();
                ShadowTestSupport.awaitUninterruptibly(release);
            }
            return "modern " + k;
        };
        try (MigrationRouter router = Strangler.router().refreshInterval(Duration.ZERO)
                .shadowThreads(1).shadowQueueCapacity(10).build()) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            Route<Function<String, String>> route = (Route) router.register(
                    RouteDefinition.builder("lookup", Function.class).legacy(legacy).modern(modern)
                            .shadow(ShadowSettings.custom().timeout(Duration.ofSeconds(30)).build())
                            .initialState(s -> s.stage(Stage.SHADOW).shadowSample(100)).build());
            String served = route.read("hang", f -> f.apply("hang"));
            assertThat(served).isEqualTo("legacy hang");
            assertThat(stuck.await(5, TimeUnit.SECONDS)).as("the shadow call holds the pool's only thread").isTrue();
            legacyThreads.clear();

            String answer = route.execute(FASTEST, "k-1", f -> f.apply("k-1"));

            assertThat(answer).isEqualTo("legacy k-1");
            assertThat(legacyThreads).as("the decided side, on the caller's thread").containsExactly(
                    Thread.currentThread());
            release.countDown();
        }
    }
}
