package io.strangler.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.Stage;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings;
import io.strangler.core.Strangler;
import io.strangler.core.dualwrite.InMemoryReconciliationLog;
import io.strangler.test.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A full reconciliation log that drops entries loses second writes no one can replay: modern's data is no longer
 * known to match. The route counts them, and the data-integrity trigger fails on them with a sentence that says how
 * many and what to do.
 */
class LostSecondWritesTest {

    /** A store of one value per key; modern's fails every write while {@code failing}. */
    interface Store {
        /**
         * Saves a value.
         *
         * @param key the key
         * @param value the value
         * @return the value
         */
        String save(String key, String value);
    }

    private final VirtualTime clock = VirtualTime.startingAt(Instant.parse("2026-11-26T10:00:00Z"));
    private final MigrationRouter router = Strangler.router().clock(clock).ticker(clock::nanoTime)
            .refreshInterval(Duration.ZERO).reconciliationLog(InMemoryReconciliationLog.withCapacity(10)).build();

    @AfterEach
    void close() {
        router.close();
    }

    @Test
    void secondWritesEvictedFromAFullLogAreDataIntegrityFailures() {
        Route<Store> route = router.register(RouteDefinition.builder("orders", Store.class)
                .legacy((key, value) -> value)
                .modern((key, value) -> {
                    throw new IllegalStateException("modern's store is down");
                })
                .initialState(s -> s.stage(Stage.DUAL_WRITE)).build());
        RolloutController controller = Strangler.controller(router).clock(clock)
                .triggers("orders", TriggerSettings.ofDefaults()).build();
        controller.tick();

        for (int i = 0; i < 25; i++) {
            String key = "order-" + i;
            route.write(key, s -> s.save(key, "v"));
        }
        clock.advance(Duration.ofSeconds(1));
        controller.tick();

        assertThat(route.stats().secondaryWrites().failed() + route.stats().secondaryWrites().skipped())
                .as("failed, or skipped once modern's breaker opened: each in the log").isEqualTo(25);
        assertThat(route.stats().secondaryWrites().lost()).as("the log keeps 10").isEqualTo(15);
        assertThat(controller.rollbacks()).singleElement().satisfies(e -> {
            assertThat(e.trigger()).isEqualTo(TriggerKind.DATA_INTEGRITY);
            assertThat(e.reason()).contains("15 data-integrity failures (15 second writes lost from a full "
                    + "reconciliation log").contains("backfill modern from legacy");
        });
        assertThat(controller.status("orders").reason()).contains("rolled back");
    }
}
