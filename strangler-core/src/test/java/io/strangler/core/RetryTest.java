package io.strangler.core;

import io.strangler.api.resilience.FallbackSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.resilience.CircuitBreakerSettings;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Operation;
import io.strangler.api.resilience.RetrySettings;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.Stage;
import io.strangler.api.annotation.Idempotent;
import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import io.strangler.api.event.FallbackEvent;
import io.strangler.core.testing.FailureSwitch;
import io.strangler.core.testing.FallbackRecordingRouter;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retry of modern reads and idempotent writes, before they fall back. */
class RetryTest {

    interface Catalog {
        @Read
        String lookup(@RoutingKey String id);

        String create(@RoutingKey String id);

        @Idempotent
        String upsert(@RoutingKey String id);
    }

    /** Counts its calls and throws whatever its {@link FailureSwitch} says, then answers. */
    static final class FakeCatalog implements Catalog {
        final String side;
        final FailureSwitch failure = new FailureSwitch();
        int calls;

        FakeCatalog(String side) {
            this.side = side;
        }

        private String answer(String what) {
            calls++;
            failure.check();
            return side + " " + what;
        }

        @Override
        public String lookup(String id) {
            return answer("lookup " + id);
        }

        @Override
        public String create(String id) {
            return answer("create " + id);
        }

        @Override
        public String upsert(String id) {
            return answer("upsert " + id);
        }
    }

    private final FallbackRecordingRouter fixture = new FallbackRecordingRouter();
    private final SimpleMeterRegistry registry = fixture.registry;
    private final List<FallbackEvent> fallbacks = fixture.fallbacks;
    private final MigrationRouter router = fixture.router;
    private final FakeCatalog legacy = new FakeCatalog("legacy");
    private final FakeCatalog modern = new FakeCatalog("modern");

    @AfterEach
    void close() {
        router.close();
    }

    private Route<Catalog> route(UnaryOperator<RouteDefinition.Builder<Catalog>> customise) {
        return router.register(customise.apply(RouteDefinition.builder("catalog", Catalog.class)
                .legacy(legacy)
                .modern(modern)
                .retry(RetrySettings.of(3, Duration.ZERO))
                .initialState(s -> s.shadowSample(0).stage(Stage.MODERN)))
                .build());
    }

    @Test
    void readThatFailsTwiceThenSucceedsReturnsModernsValue() {
        Route<Catalog> route = route(b -> b);
        modern.failure.next(new IllegalStateException("blip 1"), new java.io.IOException("blip 2"));

        String result = route.read("id-1", c -> c.lookup("id-1"));

        assertThat(result).isEqualTo("modern lookup id-1");
        assertThat(modern.calls).isEqualTo(3);
        assertThat(legacy.calls).isZero();
        assertThat(fallbacks).isEmpty();
        assertThat(route.stats().modern().successes()).isEqualTo(1);
        assertThat(route.stats().modern().calls()).isEqualTo(1);
    }

    @Test
    void readThroughTheProxyIsRetried() {
        Route<Catalog> route = route(b -> b);
        modern.failure.next(new IllegalStateException("blip"));

        assertThat(route.proxy().lookup("id-1")).isEqualTo("modern lookup id-1");
        assertThat(modern.calls).isEqualTo(2);
    }

    @Test
    void withoutRetrySettingsAFailedReadIsNotRetried() {
        Route<Catalog> route = route(b -> b.retry(RetrySettings.none()));
        modern.failure.next(new IllegalStateException("blip"));

        String result = route.read("id-1", c -> c.lookup("id-1"));

        assertThat(result).isEqualTo("legacy lookup id-1");
        assertThat(modern.calls).isEqualTo(1);
    }

    @Test
    void nonIdempotentWriteIsNeverRetried() {
        Route<Catalog> route = route(b -> b.fallback(FallbackSettings.custom().idempotentWrites(true).build()));
        IllegalStateException failure = new IllegalStateException("timed out, may have written");
        // Were the write retried, its next attempt would fail with "boom" and the one after would succeed.
        modern.failure.next(failure, new IllegalStateException("boom"));

        assertThatThrownBy(() -> route.write("id-1", c -> c.create("id-1"))).isSameAs(failure);
        assertThatThrownBy(() -> route.execute(Operation.write("create"), "id-2", c -> c.create("id-2")))
                .isInstanceOf(IllegalStateException.class).hasMessage("boom");

        assertThat(modern.calls).isEqualTo(2);
        assertThat(legacy.calls).isZero();
    }

    @Test
    void nonIdempotentWriteThroughTheProxyIsNeverRetried() {
        Route<Catalog> route = route(b -> b);
        IllegalStateException failure = new IllegalStateException("timed out, may have written");
        modern.failure.next(failure);

        assertThatThrownBy(() -> route.proxy().create("id-1")).isSameAs(failure);
        assertThat(modern.calls).isEqualTo(1);
    }

    @Test
    void idempotentWriteIsRetried() {
        Route<Catalog> route = route(b -> b);
        modern.failure.next(new IllegalStateException("blip 1"), new IllegalStateException("blip 2"));

        String result = route.execute(Operation.write("upsert").idempotent(), "id-1", c -> c.upsert("id-1"));

        assertThat(result).isEqualTo("modern upsert id-1");
        assertThat(modern.calls).isEqualTo(3);

        modern.failure.next(new IllegalStateException("blip 3"));
        assertThat(route.proxy().upsert("id-2")).isEqualTo("modern upsert id-2");
        assertThat(modern.calls).isEqualTo(5);
    }

    @Test
    void exhaustedRetriesThenFallBackWithTheLastFailure() {
        Route<Catalog> route = route(b -> b);
        IllegalStateException third = new IllegalStateException("third");
        modern.failure.next(new IllegalStateException("first"), new IllegalStateException("second"), third);

        String result = route.read("id-1", c -> c.lookup("id-1"));

        assertThat(result).isEqualTo("legacy lookup id-1");
        assertThat(modern.calls).isEqualTo(3);
        assertThat(legacy.calls).isEqualTo(1);
        assertThat(fallbacks).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(FallbackEvent.Reason.MODERN_FAILED);
            assertThat(e.cause()).isSameAs(third);
        });
        assertThat(route.stats().modern().fallbacks()).isEqualTo(1);
        assertThat(route.stats().modern().calls()).as("one call, however many attempts").isEqualTo(1);
    }

    @Test
    void exhaustedRetriesWithoutFallbackThrowTheLastFailure() {
        Route<Catalog> route = route(b -> b.initialState(s -> s.shadowSample(0).stage(Stage.MODERN).fallbackToLegacy(false)));
        IllegalStateException third = new IllegalStateException("third");
        modern.failure.next(new IllegalStateException("first"), new IllegalStateException("second"), third);

        assertThatThrownBy(() -> route.read("id-1", c -> c.lookup("id-1"))).isSameAs(third);
        assertThat(modern.calls).isEqualTo(3);
        assertThat(legacy.calls).isZero();
    }

    @Test
    void exhaustedRetriesOfAnIdempotentWriteFallBackOnlyWhenTheRouteAllowsIt() {
        Route<Catalog> route = route(b -> b.fallback(FallbackSettings.custom().idempotentWrites(true).build()));
        modern.failure.set(new IllegalStateException("down"));

        assertThat(route.proxy().upsert("id-1")).isEqualTo("legacy upsert id-1");
        assertThat(modern.calls).isEqualTo(3);
        assertThat(legacy.calls).isEqualTo(1);
    }

    @Test
    void ignoredExceptionIsNotRetried() {
        Route<Catalog> route = route(b -> b.fallback(FallbackSettings.custom().ignoreExceptions(IllegalArgumentException.class).build()));
        IllegalArgumentException notFound = new IllegalArgumentException("no such id");
        modern.failure.next(notFound);

        assertThatThrownBy(() -> route.read("id-1", c -> c.lookup("id-1"))).isSameAs(notFound);
        assertThat(modern.calls).isEqualTo(1);
        assertThat(legacy.calls).isZero();
    }

    @Test
    void interruptedReadIsNotRetried() {
        Route<Catalog> route = route(b -> b);
        InterruptedException interrupted = new InterruptedException("stop");
        modern.failure.next(interrupted);

        assertThatThrownBy(() -> route.read("id-1", c -> c.lookup("id-1"))).isSameAs(interrupted);
        assertThat(modern.calls).isEqualTo(1);
        assertThat(legacy.calls).isZero();
    }

    @Test
    void idempotentWriteIsNotRepeatedOnLegacyWhenTheBreakerOpensBetweenAttempts() {
        // The first attempt reaches modern and fails; that failure opens the breaker. Modern has seen the write,
        // so the open breaker is no licence to repeat it on legacy: the route does not allow fallback of
        // idempotent writes.
        Route<Catalog> route = route(b -> b.circuitBreaker(CircuitBreakerSettings.custom()
                .slidingWindowSize(1).minimumNumberOfCalls(1).build()));
        IllegalStateException failure = new IllegalStateException("modern failed after a partial write");
        modern.failure.set(failure);

        assertThatThrownBy(() -> route.proxy().upsert("id-1")).isSameAs(failure);

        assertThat(modern.calls).isEqualTo(1);
        assertThat(legacy.calls).isZero();
        assertThat(fallbacks).isEmpty();
    }

    @Test
    void readWhoseRetryFindsTheBreakerOpenFallsBackAsAModernFailure() {
        Route<Catalog> route = route(b -> b.circuitBreaker(CircuitBreakerSettings.custom()
                .slidingWindowSize(1).minimumNumberOfCalls(1).build()));
        IllegalStateException failure = new IllegalStateException("modern failed");
        modern.failure.set(failure);

        String result = route.read("id-1", c -> c.lookup("id-1"));

        assertThat(result).isEqualTo("legacy lookup id-1");
        assertThat(modern.calls).isEqualTo(1);
        // Modern was called and failed: the fallback is MODERN_FAILED with modern's exception, not BREAKER_OPEN,
        // whose documented meaning is that modern was not called.
        assertThat(fallbacks).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(FallbackEvent.Reason.MODERN_FAILED);
            assertThat(e.cause()).isSameAs(failure);
        });
    }

    @Test
    void readWhoseRetryFindsTheBreakerOpenWithoutFallbackThrowsModernsOwnException() {
        Route<Catalog> route = route(b -> b.initialState(s -> s.shadowSample(0).stage(Stage.MODERN).fallbackToLegacy(false))
                .circuitBreaker(CircuitBreakerSettings.custom().slidingWindowSize(1).minimumNumberOfCalls(1).build()));
        IllegalStateException failure = new IllegalStateException("modern failed");
        modern.failure.set(failure);

        // Modern was called and failed: the caller sees that failure, not a ModernUnavailableException saying
        // that modern was not called.
        assertThatThrownBy(() -> route.read("id-1", c -> c.lookup("id-1"))).isSameAs(failure);
        assertThat(modern.calls).isEqualTo(1);
        assertThat(legacy.calls).isZero();
    }
}
