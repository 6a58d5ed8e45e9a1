package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.resilience.CircuitBreakerSettings;
import io.strangler.api.MigrationRouter;
import io.strangler.api.ModernUnavailableException;
import io.strangler.api.Operation;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import io.strangler.api.event.FallbackEvent;
import io.strangler.core.testing.FailureSwitch;
import io.strangler.core.testing.FallbackRecordingRouter;
import io.strangler.core.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Modern's circuit breaker: opening, keeping modern untouched while open, half-open trials, closing. */
class CircuitBreakerTest {

    private static final String ROUTE = "pricing";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final CircuitBreakerSettings BREAKER = CircuitBreakerSettings.custom()
            .slidingWindowSize(10)
            .minimumNumberOfCalls(5)
            .failureRateThreshold(50)
            .waitDurationInOpenState(WAIT)
            .permittedCallsInHalfOpenState(2)
            .build();

    interface Pricing {
        @Read
        String price(@RoutingKey String sku);

        String order(@RoutingKey String sku);
    }

    static final class FakePricing implements Pricing {
        final String side;
        final AtomicInteger prices = new AtomicInteger();
        final AtomicInteger orders = new AtomicInteger();
        final FailureSwitch failure = new FailureSwitch();

        FakePricing(String side) {
            this.side = side;
        }

        @Override
        public String price(String sku) {
            prices.incrementAndGet();
            failure.check();
            return side + " price " + sku;
        }

        @Override
        public String order(String sku) {
            orders.incrementAndGet();
            failure.check();
            return side + " order " + sku;
        }
    }

    private final FallbackRecordingRouter fixture = new FallbackRecordingRouter();
    private final MutableClock clock = fixture.clock;
    private final SimpleMeterRegistry registry = fixture.registry;
    private final List<FallbackEvent> fallbacks = fixture.fallbacks;
    private final MigrationRouter router = fixture.router;
    private final FakePricing legacy = new FakePricing("legacy");
    private final FakePricing modern = new FakePricing("modern");

    @AfterEach
    void close() {
        router.close();
    }

    private Route<Pricing> route(UnaryOperator<RouteState.Builder> state) {
        return router.register(RouteDefinition.builder(ROUTE, Pricing.class)
                .legacy(legacy)
                .modern(modern)
                .circuitBreaker(BREAKER)
                .initialState(s -> state.apply(s.shadowSample(0)))
                .build());
    }

    private double breakerState(String state) {
        return registry.get("resilience4j.circuitbreaker.state").tags("name", ROUTE, "state", state).gauge().value();
    }

    private String price(Route<Pricing> route, String sku) {
        return route.read(sku, p -> p.price(sku));
    }

    /** Five failed modern reads out of five: 100 % over the minimum of 5 calls. */
    private void openTheBreaker(Route<Pricing> route) {
        modern.failure.set(new IllegalStateException("modern overloaded"));
        for (int i = 0; i < 5; i++) {
            assertThat(price(route, "sku-" + i)).isEqualTo("legacy price sku-" + i);
        }
        assertThat(breakerState("open")).isEqualTo(1);
    }

    @Test
    void opensAfterEnoughModernFailures() {
        Route<Pricing> route = route(s -> s.stage(Stage.MODERN));
        modern.failure.set(new IllegalStateException("modern overloaded"));

        for (int i = 0; i < 4; i++) {
            price(route, "sku-" + i);
            assertThat(breakerState("closed")).as("after %d failures", i + 1).isEqualTo(1);
        }
        price(route, "sku-4");

        assertThat(breakerState("open")).isEqualTo(1);
        assertThat(breakerState("closed")).isZero();
        assertThat(breakerState("half_open")).isZero();
        assertThat(registry.get("resilience4j.circuitbreaker.failure.rate").tags("name", ROUTE).gauge().value())
                .isEqualTo(100);
        assertThat(fallbacks).hasSize(5).allSatisfy(e -> {
            assertThat(e.reason()).isEqualTo(FallbackEvent.Reason.MODERN_FAILED);
            assertThat(e.cause()).isSameAs(modern.failure.get());
        });
    }

    @Test
    void openBreakerKeepsModernUntouchedAndReadsFallBackWithReasonBreakerOpen() {
        Route<Pricing> route = route(s -> s.stage(Stage.MODERN));
        openTheBreaker(route);
        fallbacks.clear();
        modern.failure.set(null); // modern has recovered, but the breaker does not know yet

        for (int i = 0; i < 10; i++) {
            assertThat(price(route, "sku-" + i)).isEqualTo("legacy price sku-" + i);
        }

        assertThat(modern.prices).hasValue(5);
        assertThat(legacy.prices).hasValue(15);
        assertThat(fallbacks).hasSize(10).allSatisfy(e -> {
            assertThat(e.reason()).isEqualTo(FallbackEvent.Reason.BREAKER_OPEN);
            assertThat(e.cause()).isNull();
            assertThat(e.route()).isEqualTo(ROUTE);
        });
        assertThat(route.stats().modern().fallbacks()).isEqualTo(15);
        assertThat(registry.get("resilience4j.circuitbreaker.not.permitted.calls").tags("name", ROUTE)
                .functionCounter().count()).isEqualTo(10);
        assertThat(registry.get("strangler.calls").tags("route", ROUTE, "target", "modern", "kind", "read",
                "outcome", "fallback").functionTimer().count()).isEqualTo(15);
    }

    @Test
    void nonIdempotentWriteWithBreakerOpenGoesToLegacyWhenFallbackIsOn() {
        Route<Pricing> route = route(s -> s.stage(Stage.MODERN));
        openTheBreaker(route);
        fallbacks.clear();

        String result = route.write("sku-9", p -> p.order("sku-9"));

        assertThat(result).isEqualTo("legacy order sku-9");
        assertThat(modern.orders).hasValue(0);
        assertThat(legacy.orders).hasValue(1);
        assertThat(fallbacks).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(FallbackEvent.Reason.BREAKER_OPEN);
            assertThat(e.operation()).isEqualTo(Operation.WRITE);
        });
        assertThat(registry.get("strangler.calls").tags("route", ROUTE, "target", "modern", "kind", "write",
                "outcome", "fallback").functionTimer().count()).isEqualTo(1);
    }

    @Test
    void nonIdempotentWriteThroughTheProxyWithBreakerOpenGoesToLegacy() {
        Route<Pricing> route = route(s -> s.stage(Stage.MODERN));
        openTheBreaker(route);

        assertThat(route.proxy().order("sku-9")).isEqualTo("legacy order sku-9");
        assertThat(modern.orders).hasValue(0);
    }

    @Test
    void withBreakerOpenAndFallbackOffCallsFailWithModernUnavailable() {
        Route<Pricing> route = route(s -> s.stage(Stage.MODERN));
        openTheBreaker(route);
        route.update("ops", "no more legacy", s -> s.fallbackToLegacy(false));

        ModernUnavailableException write = catchThrowableOfType(ModernUnavailableException.class,
                () -> route.write("sku-9", p -> p.order("sku-9")));
        ModernUnavailableException read = catchThrowableOfType(ModernUnavailableException.class,
                () -> price(route, "sku-9"));

        assertThat(write.route()).isEqualTo(ROUTE);
        assertThat(write).hasMessageContaining("'" + ROUTE + "'").hasMessageContaining("OPEN");
        assertThat(read.route()).isEqualTo(ROUTE);
        assertThat(modern.orders).hasValue(0);
        assertThat(legacy.orders).hasValue(0);
        assertThat(modern.prices).hasValue(5);
        assertThat(route.stats().modern().errors()).isEqualTo(2);
    }

    @Test
    void breakerOpensWithFallbackOffAndThenRefusesToCallModern() {
        Route<Pricing> route = route(s -> s.stage(Stage.MODERN).fallbackToLegacy(false));
        IllegalStateException failure = new IllegalStateException("modern overloaded");
        modern.failure.set(failure);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> price(route, "sku")).isSameAs(failure);
        }

        assertThatThrownBy(() -> price(route, "sku")).isInstanceOf(ModernUnavailableException.class)
                .hasMessageContaining(ROUTE);
        assertThat(modern.prices).hasValue(5);
        assertThat(legacy.prices).hasValue(0);
    }

    @Test
    void retiredRouteWithBreakerOpenFailsAndNamesTheReason() {
        Route<Pricing> route = route(s -> s.stage(Stage.RETIRED));
        modern.failure.set(new IllegalStateException("modern overloaded"));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> price(route, "sku")).isSameAs(modern.failure.get());
        }

        assertThatThrownBy(() -> price(route, "sku")).isInstanceOf(ModernUnavailableException.class)
                .hasMessageContaining(ROUTE).hasMessageContaining("RETIRED");
        assertThatThrownBy(() -> route.write("sku", p -> p.order("sku")))
                .isInstanceOf(ModernUnavailableException.class);
        assertThat(legacy.prices).hasValue(0);
        assertThat(legacy.orders).hasValue(0);
    }

    @Test
    void staysOpenUntilTheWaitDurationHasPassedOnTheRoutersClock() {
        Route<Pricing> route = route(s -> s.stage(Stage.MODERN));
        openTheBreaker(route);
        modern.failure.set(null);

        clock.advance(WAIT.minusSeconds(1));
        price(route, "sku");

        assertThat(modern.prices).hasValue(5);
        assertThat(breakerState("open")).isEqualTo(1);
    }

    @Test
    void letsTrialCallsThroughAfterTheWaitAndClosesAfterSuccesses() {
        Route<Pricing> route = route(s -> s.stage(Stage.MODERN));
        openTheBreaker(route);
        modern.failure.set(null);

        clock.advance(WAIT.plusSeconds(1));

        assertThat(price(route, "sku-a")).isEqualTo("modern price sku-a");
        assertThat(breakerState("half_open")).isEqualTo(1);
        assertThat(price(route, "sku-b")).isEqualTo("modern price sku-b");
        assertThat(breakerState("closed")).isEqualTo(1);
        assertThat(breakerState("open")).isZero();

        for (int i = 0; i < 5; i++) {
            assertThat(price(route, "sku-" + i)).isEqualTo("modern price sku-" + i);
        }
        assertThat(modern.prices).hasValue(5 + 2 + 5);
        assertThat(route.stats().modern().successes()).isEqualTo(7);
    }

    @Test
    void failingTrialCallsOpenTheBreakerAgain() {
        Route<Pricing> route = route(s -> s.stage(Stage.MODERN));
        openTheBreaker(route);

        clock.advance(WAIT.plusSeconds(1));
        assertThat(price(route, "sku-a")).isEqualTo("legacy price sku-a");
        assertThat(price(route, "sku-b")).isEqualTo("legacy price sku-b");

        assertThat(breakerState("open")).isEqualTo(1);
        assertThat(modern.prices).hasValue(7);
        price(route, "sku-c");
        assertThat(modern.prices).as("open again: modern is left alone").hasValue(7);
    }

    @Test
    void breakerCountsOnlyModernCalls() {
        Route<Pricing> route = route(s -> s.stage(Stage.LEGACY));
        legacy.failure.set(new IllegalStateException("legacy flaky"));

        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> price(route, "sku")).isSameAs(legacy.failure.get());
        }

        assertThat(breakerState("closed")).isEqualTo(1);
        legacy.failure.set(null);
        route.setStage(Stage.MODERN, "ops", "go");
        assertThat(price(route, "sku")).isEqualTo("modern price sku");
    }

    @Test
    void breakersOfTwoRoutesAreIndependent() {
        Route<Pricing> route = route(s -> s.stage(Stage.MODERN));
        FakePricing otherModern = new FakePricing("other-modern");
        Route<Pricing> other = router.register(RouteDefinition.builder("other", Pricing.class)
                .legacy(new FakePricing("other-legacy"))
                .modern(otherModern)
                .circuitBreaker(BREAKER)
                .initialState(s -> s.shadowSample(0).stage(Stage.MODERN))
                .build());
        openTheBreaker(route);

        String otherResult = other.read("sku", p -> p.price("sku"));

        assertThat(otherResult).isEqualTo("other-modern price sku");
        assertThat(registry.get("resilience4j.circuitbreaker.state").tags("name", "other", "state", "closed")
                .gauge().value()).isEqualTo(1);
    }
}
