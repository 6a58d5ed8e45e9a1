package io.strangler.core;

import io.strangler.api.resilience.FallbackSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.resilience.CircuitBreakerSettings;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Operation;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteStats;
import io.strangler.api.Stage;
import io.strangler.api.Side;
import io.strangler.api.annotation.Idempotent;
import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import io.strangler.api.event.FallbackEvent;
import io.strangler.core.testing.FailureSwitch;
import io.strangler.core.testing.FallbackRecordingRouter;
import io.strangler.core.testing.MutableClock;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When legacy serves a call modern failed, and when it must not. */
class FallbackTest {

    interface Inventory {
        @Read
        String find(@RoutingKey String sku) throws IOException;

        String reserve(@RoutingKey String sku, int quantity);

        @Idempotent
        String setStock(@RoutingKey String sku, int quantity);
    }

    /** An implementation that counts its calls and throws whatever its {@link FailureSwitch} says. */
    static final class FakeInventory implements Inventory {
        final String side;
        final AtomicInteger finds = new AtomicInteger();
        final AtomicInteger reserves = new AtomicInteger();
        final AtomicInteger setStocks = new AtomicInteger();
        final FailureSwitch failure = new FailureSwitch();

        FakeInventory(String side) {
            this.side = side;
        }

        @Override
        public String find(String sku) throws IOException {
            finds.incrementAndGet();
            failIfTold();
            return side + " " + sku;
        }

        @Override
        public String reserve(String sku, int quantity) {
            reserves.incrementAndGet();
            failIfTold();
            return side + " reserved " + quantity + " " + sku;
        }

        @Override
        public String setStock(String sku, int quantity) {
            setStocks.incrementAndGet();
            failIfTold();
            return side + " stock " + quantity + " " + sku;
        }

        private void failIfTold() {
            failure.check();
        }
    }

    static class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }

    static final class SkuNotFound extends NotFound {
        private static final long serialVersionUID = 1L;

        SkuNotFound(String message) {
            super(message);
        }
    }

    private final FallbackRecordingRouter fixture = new FallbackRecordingRouter();
    private final MutableClock clock = fixture.clock;
    private final SimpleMeterRegistry registry = fixture.registry;
    private final List<FallbackEvent> fallbacks = fixture.fallbacks;
    private final MigrationRouter router = fixture.router;
    private final FakeInventory legacy = new FakeInventory("legacy");
    private final FakeInventory modern = new FakeInventory("modern");

    @AfterEach
    void close() {
        router.close();
    }

    private Route<Inventory> route(Stage stage) {
        return route(stage, b -> b);
    }

    private Route<Inventory> route(Stage stage,
            UnaryOperator<RouteDefinition.Builder<Inventory>> customise) {
        return router.register(customise.apply(RouteDefinition.builder("inventory", Inventory.class)
                .legacy(legacy)
                .modern(modern)
                .initialState(s -> s.shadowSample(0).stage(stage)))
                .build());
    }

    private double calls(String target, String kind, String outcome) {
        return registry.get("strangler.calls")
                .tags("route", "inventory", "target", target, "kind", kind, "outcome", outcome)
                .functionTimer().count();
    }

    @Test
    void readFailingOnModernIsServedByLegacy() throws IOException {
        Route<Inventory> route = route(Stage.MODERN);
        modern.failure.set(new IOException("modern is down"));

        String result = route.read("sku-1", inv -> inv.find("sku-1"));

        assertThat(result).isEqualTo("legacy sku-1");
        assertThat(modern.finds).hasValue(1);
        assertThat(legacy.finds).hasValue(1);
    }

    @Test
    void fallbackIsCountedAsModernFallbackInStatsAndMicrometer() throws IOException {
        Route<Inventory> route = route(Stage.MODERN);
        modern.failure.set(new IOException("modern is down"));

        route.read("sku-1", inv -> inv.find("sku-1"));

        RouteStats stats = route.stats();
        assertThat(stats.modern().fallbacks()).isEqualTo(1);
        assertThat(stats.modern().errors()).isZero();
        assertThat(stats.modern().successes()).isZero();
        assertThat(stats.legacy().successes()).isEqualTo(1);
        assertThat(stats.legacy().fallbacks()).isZero();
        assertThat(calls("modern", "read", "fallback")).isEqualTo(1);
        assertThat(calls("modern", "read", "error")).isZero();
        assertThat(calls("modern", "read", "success")).isZero();
        assertThat(calls("legacy", "read", "success")).isEqualTo(1);
    }

    @Test
    void fallbackPublishesEventWithReasonAndModernsCause() throws IOException {
        Route<Inventory> route = route(Stage.MODERN);
        IOException failure = new IOException("modern is down");
        modern.failure.set(failure);

        route.read("sku-1", inv -> inv.find("sku-1"));

        assertThat(fallbacks).hasSize(1);
        FallbackEvent event = fallbacks.get(0);
        assertThat(event.route()).isEqualTo("inventory");
        assertThat(event.key()).isEqualTo("sku-1");
        assertThat(event.operation()).isEqualTo(Operation.READ);
        assertThat(event.reason()).isEqualTo(FallbackEvent.Reason.MODERN_FAILED);
        assertThat(event.cause()).isSameAs(failure);
    }

    @Test
    void canaryKeyServedByModernFallsBackToo() throws IOException {
        Route<Inventory> route = route(Stage.CANARY, b -> b.initialState(s -> s.shadowSample(0).stage(Stage.CANARY).percentage(30)));
        String key = IntStream.range(0, 10_000).mapToObj(i -> "sku-" + i)
                .filter(k -> route.decide(k) == Side.MODERN).findFirst().orElseThrow();
        modern.failure.set(new IllegalStateException("boom"));

        String result = route.read(key, inv -> inv.find(key));
        assertThat(result).isEqualTo("legacy " + key);
        assertThat(modern.finds).hasValue(1);
        assertThat(fallbacks).singleElement().extracting(FallbackEvent::key).isEqualTo(key);
    }

    @Test
    void withFallbackOffTheCallerGetsModernsOwnException() {
        Route<Inventory> route = route(Stage.MODERN,
                b -> b.initialState(s -> s.shadowSample(0).stage(Stage.MODERN).fallbackToLegacy(false)));
        IOException failure = new IOException("modern is down");
        modern.failure.set(failure);

        assertThatThrownBy(() -> route.read("sku-1", inv -> inv.find("sku-1"))).isSameAs(failure);
        assertThat(legacy.finds).hasValue(0);
        assertThat(fallbacks).isEmpty();
        assertThat(route.stats().modern().errors()).isEqualTo(1);
        assertThat(route.stats().modern().fallbacks()).isZero();
        assertThat(calls("modern", "read", "error")).isEqualTo(1);
    }

    @Test
    void turningFallbackOffAtRuntimeAppliesToTheNextCall() throws IOException {
        Route<Inventory> route = route(Stage.MODERN);
        IllegalStateException failure = new IllegalStateException("modern is down");
        modern.failure.set(failure);
        String served = route.read("sku-1", inv -> inv.find("sku-1"));
        assertThat(served).isEqualTo("legacy sku-1");

        route.update("ops", "modern must answer for itself", s -> s.fallbackToLegacy(false));

        assertThatThrownBy(() -> route.read("sku-1", inv -> inv.find("sku-1"))).isSameAs(failure);
        assertThat(legacy.finds).hasValue(1);
    }

    @Test
    void nonIdempotentWriteFailingOnModernIsNotRepeatedOnLegacy() {
        Route<Inventory> route = route(Stage.MODERN, b -> b.fallback(FallbackSettings.custom().idempotentWrites(true).build()));
        IllegalStateException failure = new IllegalStateException("modern timed out after writing half");
        modern.failure.set(failure);

        assertThatThrownBy(() -> route.write("sku-1", inv -> inv.reserve("sku-1", 2))).isSameAs(failure);

        assertThat(modern.reserves).hasValue(1);
        assertThat(legacy.reserves).hasValue(0);
        assertThat(fallbacks).isEmpty();
        assertThat(route.stats().modern().errors()).isEqualTo(1);
        assertThat(calls("modern", "write", "error")).isEqualTo(1);
        assertThat(calls("modern", "write", "fallback")).isZero();
    }

    @Test
    void nonIdempotentWriteThroughTheProxyIsNotRepeatedOnLegacy() {
        Route<Inventory> route = route(Stage.MODERN, b -> b.fallback(FallbackSettings.custom().idempotentWrites(true).build()));
        IllegalStateException failure = new IllegalStateException("modern timed out");
        modern.failure.set(failure);

        assertThatThrownBy(() -> route.proxy().reserve("sku-1", 2)).isSameAs(failure);
        assertThat(legacy.reserves).hasValue(0);
    }

    @Test
    void idempotentWriteDoesNotFallBackByDefault() {
        Route<Inventory> route = route(Stage.MODERN);
        IllegalStateException failure = new IllegalStateException("modern is down");
        modern.failure.set(failure);

        assertThatThrownBy(() -> route.execute(Operation.write("setStock").idempotent(), "sku-1",
                inv -> inv.setStock("sku-1", 5))).isSameAs(failure);
        assertThatThrownBy(() -> route.proxy().setStock("sku-1", 5)).isSameAs(failure);

        assertThat(modern.setStocks).hasValue(2);
        assertThat(legacy.setStocks).hasValue(0);
        assertThat(fallbacks).isEmpty();
    }

    @Test
    void idempotentWriteFallsBackWhenTheRouteAllowsIt() {
        Route<Inventory> route = route(Stage.MODERN, b -> b.fallback(FallbackSettings.custom().idempotentWrites(true).build()));
        IllegalStateException failure = new IllegalStateException("modern is down");
        modern.failure.set(failure);

        Operation setStock = Operation.write("setStock").idempotent();
        String first = route.execute(setStock, "sku-1", inv -> inv.setStock("sku-1", 5));
        String second = route.execute(Operation.IDEMPOTENT_WRITE, "sku-2", inv -> inv.setStock("sku-2", 6));
        assertThat(first).isEqualTo("legacy stock 5 sku-1");
        assertThat(second).isEqualTo("legacy stock 6 sku-2");
        assertThat(route.proxy().setStock("sku-3", 7)).isEqualTo("legacy stock 7 sku-3");

        assertThat(modern.setStocks).hasValue(3);
        assertThat(legacy.setStocks).hasValue(3);
        assertThat(fallbacks).extracting(FallbackEvent::operation)
                .containsExactly(setStock, Operation.IDEMPOTENT_WRITE, setStock);
        assertThat(calls("modern", "write", "fallback")).isEqualTo(3);
    }

    @Test
    void idempotentWriteDoesNotFallBackWhenTheStateTurnsFallbackOff() {
        Route<Inventory> route = route(Stage.MODERN, b -> b.fallback(FallbackSettings.custom().idempotentWrites(true).build())
                .initialState(s -> s.shadowSample(0).stage(Stage.MODERN).fallbackToLegacy(false)));
        IllegalStateException failure = new IllegalStateException("modern is down");
        modern.failure.set(failure);

        assertThatThrownBy(() -> route.proxy().setStock("sku-1", 5)).isSameAs(failure);
        assertThat(legacy.setStocks).hasValue(0);
    }

    @Test
    void interruptedExceptionDoesNotFallBack() {
        Route<Inventory> route = route(Stage.MODERN);
        InterruptedException interrupted = new InterruptedException("caller asked to stop");

        assertThatThrownBy(() -> route.read("sku-1", inv -> {
            inv.find("sku-1");
            throw interrupted;
        })).isSameAs(interrupted);

        assertThat(modern.finds).hasValue(1);
        assertThat(legacy.finds).hasValue(0);
        assertThat(fallbacks).isEmpty();
        assertThat(route.stats().modern().errors()).isEqualTo(1);
    }

    @Test
    void outOfMemoryErrorDoesNotFallBack() {
        Route<Inventory> route = route(Stage.MODERN);
        OutOfMemoryError oom = new OutOfMemoryError("simulated");
        modern.failure.set(oom);

        assertThatThrownBy(() -> route.read("sku-1", inv -> inv.find("sku-1"))).isSameAs(oom);
        assertThat(legacy.finds).hasValue(0);
        assertThat(fallbacks).isEmpty();
    }

    @Test
    void stackOverflowErrorFallsBack() throws IOException {
        Route<Inventory> route = route(Stage.MODERN);
        StackOverflowError overflow = new StackOverflowError("recursive mapper");
        modern.failure.set(overflow);

        String result = route.read("sku-1", inv -> inv.find("sku-1"));
        assertThat(result).isEqualTo("legacy sku-1");
        assertThat(fallbacks).singleElement().extracting(FallbackEvent::cause).isSameAs(overflow);
    }

    @Test
    void retiredRouteNeverFallsBack() {
        Route<Inventory> route = route(Stage.RETIRED, b -> b.fallback(FallbackSettings.custom().idempotentWrites(true).build()));
        assertThat(route.state().fallbackToLegacy()).isTrue();
        IllegalStateException failure = new IllegalStateException("modern is down");
        modern.failure.set(failure);

        assertThatThrownBy(() -> route.read("sku-1", inv -> inv.find("sku-1"))).isSameAs(failure);
        assertThatThrownBy(() -> route.proxy().setStock("sku-1", 1)).isSameAs(failure);

        assertThat(legacy.finds).hasValue(0);
        assertThat(legacy.setStocks).hasValue(0);
        assertThat(fallbacks).isEmpty();
    }

    @Test
    void ignoredExceptionReachesTheCallerWithoutFallbackAndCountsAsSuccess() {
        Route<Inventory> route = route(Stage.MODERN, b -> b.fallback(FallbackSettings.custom().ignoreExceptions(NotFound.class).build()));
        SkuNotFound notFound = new SkuNotFound("no sku-1"); // a subclass of the declared type
        modern.failure.set(notFound);

        assertThatThrownBy(() -> route.read("sku-1", inv -> inv.find("sku-1"))).isSameAs(notFound);

        assertThat(legacy.finds).hasValue(0);
        assertThat(fallbacks).isEmpty();
        RouteStats stats = route.stats();
        assertThat(stats.modern().successes()).isEqualTo(1);
        assertThat(stats.modern().errors()).isZero();
        assertThat(stats.modern().fallbacks()).isZero();
        assertThat(calls("modern", "read", "success")).isEqualTo(1);
        assertThat(calls("modern", "read", "error")).isZero();
    }

    @Test
    void ignoredExceptionNeverOpensTheBreaker() {
        Route<Inventory> route = route(Stage.MODERN, b -> b.fallback(FallbackSettings.custom().ignoreExceptions(NotFound.class).build())
                .circuitBreaker(CircuitBreakerSettings.custom().slidingWindowSize(4).minimumNumberOfCalls(2)
                        .failureRateThreshold(50).build()));
        modern.failure.set(new NotFound("nothing here"));

        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> route.read("sku-1", inv -> inv.find("sku-1"))).isInstanceOf(NotFound.class);
        }

        assertThat(modern.finds).hasValue(20);
        assertThat(legacy.finds).hasValue(0);
        assertThat(registry.get("resilience4j.circuitbreaker.state").tags("name", "inventory", "state", "closed")
                .gauge().value()).isEqualTo(1);
        assertThat(registry.get("resilience4j.circuitbreaker.failure.rate").tags("name", "inventory")
                .gauge().value()).isNotPositive();
    }

    @Test
    void ignoredExceptionOnLegacyCountsAsLegacySuccess() {
        Route<Inventory> route = route(Stage.LEGACY, b -> b.fallback(FallbackSettings.custom().ignoreExceptions(NotFound.class).build()));
        NotFound notFound = new NotFound("no sku-1");
        legacy.failure.set(notFound);

        assertThatThrownBy(() -> route.read("sku-1", inv -> inv.find("sku-1"))).isSameAs(notFound);
        assertThat(route.stats().legacy().successes()).isEqualTo(1);
        assertThat(route.stats().legacy().errors()).isZero();
    }
}
