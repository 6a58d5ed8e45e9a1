package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.resilience.CircuitBreakerSettings;
import io.strangler.api.InvalidStateRecordException;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Operation;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.RouteStats;
import io.strangler.api.Stage;
import io.strangler.api.StranglerException;
import io.strangler.api.Side;
import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import io.strangler.api.spi.RouteStateStore;
import io.strangler.core.testing.FailureSwitch;
import io.strangler.core.testing.MutableClock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Meter names, tags and values as documented (README, {@code RouterBuilder#meterRegistry}). */
class MetricsTest {

    private static final String ROUTE = "orders";

    interface Orders {
        @Read
        String find(@RoutingKey String customer);

        String place(@RoutingKey String customer);
    }

    static final class FakeOrders implements Orders {
        final String side;
        final FailureSwitch failure = new FailureSwitch();

        FakeOrders(String side) {
            this.side = side;
        }

        @Override
        public String find(String customer) {
            failure.check();
            return side + " found";
        }

        @Override
        public String place(String customer) {
            failure.check();
            return side + " placed";
        }
    }

    /** An in-memory store that can be made to fail or to hold a corrupt record. */
    static final class FlakyStore implements RouteStateStore {
        enum Mode { OK, DOWN, CORRUPT }

        final Map<String, RouteState> states = new ConcurrentHashMap<>();
        volatile Mode mode = Mode.OK;

        private void check(String route) {
            if (mode == Mode.DOWN) {
                throw new StranglerException("store unreachable");
            }
            if (mode == Mode.CORRUPT) {
                throw new InvalidStateRecordException("route '" + route + "': field 'stage' has value 'BANANA'");
            }
        }

        @Override
        public Optional<RouteState> load(String route) {
            check(route);
            return Optional.ofNullable(states.get(route));
        }

        @Override
        public RouteState createIfAbsent(RouteState initial) {
            check(initial.route());
            RouteState existing = states.putIfAbsent(initial.route(), initial);
            return existing != null ? existing : initial;
        }

        @Override
        public synchronized boolean compareAndSet(long expectedVersion, RouteState next) {
            check(next.route());
            RouteState current = states.get(next.route());
            if (current != null && current.version() != expectedVersion) {
                return false;
            }
            states.put(next.route(), next);
            return true;
        }
    }

    private final MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FlakyStore store = new FlakyStore();
    private final MigrationRouter router = Strangler.router().clock(clock).refreshInterval(Duration.ZERO)
            .meterRegistry(registry).stateStore(store).build();
    private final FakeOrders legacy = new FakeOrders("legacy");
    private final FakeOrders modern = new FakeOrders("modern");

    @AfterEach
    void close() {
        router.close();
    }

    private Route<Orders> route(UnaryOperator<RouteState.Builder> state) {
        return router.register(RouteDefinition.builder(ROUTE, Orders.class)
                .legacy(legacy)
                .modern(modern)
                .initialState(s -> state.apply(s.shadowSample(0)))
                .circuitBreaker(CircuitBreakerSettings.custom().slidingWindowSize(100).minimumNumberOfCalls(100)
                        .build())
                .build());
    }

    private FunctionTimer calls(String target, String kind, String outcome) {
        return registry.get("strangler.calls")
                .tags("route", ROUTE, "target", target, "kind", kind, "outcome", outcome)
                .functionTimer();
    }

    private double percentage() {
        return registry.get("strangler.route.percentage").tag("route", ROUTE).gauge().value();
    }

    private static Set<String> tagKeys(Meter meter) {
        return meter.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet());
    }

    @Test
    void everyMeterStillReadsTheRouteAfterAGarbageCollection() {
        Route<Orders> route = route(s -> s.stage(Stage.CANARY).percentage(25));
        route.read("c-1", o -> o.find("c-1"));

        // The registry holds what its meters read only weakly; the router must hold it.
        for (int i = 0; i < 3; i++) {
            System.gc();
        }

        assertThat(registry.getMeters()).isNotEmpty().allSatisfy(meter -> assertThat(meter.measure())
                .as(meter.getId().toString()).allSatisfy(m -> assertThat(m.getValue()).isNotNaN()));
        assertThat(percentage()).isEqualTo(25);
        assertThat(registry.get("strangler.reads.fastest").tags("route", ROUTE, "winner", "modern")
                .functionCounter().count()).isZero();
        assertThat(registry.get("strangler.listener.errors").functionCounter().count()).isZero();
    }

    @Test
    void callsAreFunctionTimersWithExactlyRouteTargetKindAndOutcomeTags() {
        route(s -> s.stage(Stage.LEGACY));

        Collection<Meter> meters = registry.find("strangler.calls").meters();

        assertThat(meters).hasSize(2 * 2 * 3).allSatisfy(m -> {
            assertThat(m).isInstanceOf(FunctionTimer.class);
            assertThat(tagKeys(m)).containsExactlyInAnyOrder("route", "target", "kind", "outcome");
            assertThat(m.getId().getTag("route")).isEqualTo(ROUTE);
            assertThat(m.getId().getTag("target")).isIn("legacy", "modern");
            assertThat(m.getId().getTag("kind")).isIn("read", "write");
            assertThat(m.getId().getTag("outcome")).isIn("success", "error", "fallback");
        });
        assertThat(meters.stream().map(m -> m.getId().getTags()).distinct()).hasSize(12);
    }

    @Test
    void callsCountEveryCallBySideKindAndOutcome() {
        Route<Orders> route = route(s -> s.stage(Stage.MODERN));

        route.read("c-1", o -> o.find("c-1"));
        route.read("c-2", o -> o.find("c-2"));
        route.execute(Operation.write("place").idempotent(), "c-3", o -> o.place("c-3"));
        modern.failure.set(new IllegalStateException("modern down"));
        route.read("c-4", o -> o.find("c-4"));
        assertThatThrownBy(() -> route.write("c-5", o -> o.place("c-5"))).isSameAs(modern.failure.get());
        modern.failure.set(null);
        route.setStage(Stage.LEGACY, "ops", "back");
        legacy.failure.set(new IllegalStateException("legacy down"));
        assertThatThrownBy(() -> route.read("c-6", o -> o.find("c-6"))).isSameAs(legacy.failure.get());

        assertThat(calls("modern", "read", "success").count()).isEqualTo(2);
        assertThat(calls("modern", "write", "success").count()).isEqualTo(1);
        assertThat(calls("modern", "read", "fallback").count()).isEqualTo(1);
        assertThat(calls("modern", "write", "error").count()).isEqualTo(1);
        assertThat(calls("modern", "read", "error").count()).isZero();
        assertThat(calls("legacy", "read", "success").count()).isEqualTo(1);
        assertThat(calls("legacy", "read", "error").count()).isEqualTo(1);
        assertThat(calls("legacy", "write", "success").count()).isZero();
        assertThat(calls("modern", "read", "success").totalTime(TimeUnit.NANOSECONDS)).isPositive();

        RouteStats stats = route.stats();
        assertThat(stats.modern().successes()).isEqualTo(3);
        assertThat(stats.modern().fallbacks()).isEqualTo(1);
        assertThat(stats.modern().errors()).isEqualTo(1);
        assertThat(stats.legacy().successes()).isEqualTo(1);
        assertThat(stats.legacy().errors()).isEqualTo(1);
        assertThat(stats.modern().timedCalls()).isEqualTo(5);
    }

    @Test
    void legacyCallsAreAllCountedThoughOnlyASampleIsTimed() {
        Route<Orders> route = route(s -> s.stage(Stage.LEGACY));

        for (int i = 0; i < 1000; i++) {
            route.read("c", o -> o.find("c"));
        }

        assertThat(calls("legacy", "read", "success").count()).isEqualTo(1000);
        assertThat(route.stats().legacy().successes()).isEqualTo(1000);
        assertThat(route.stats().legacy().timedCalls()).isBetween(1L, 999L);
    }

    @Test
    void percentageGaugeIsTheEffectivePercentage() {
        Route<Orders> route = route(s -> s.stage(Stage.LEGACY).percentage(40));
        Gauge gauge = registry.get("strangler.route.percentage").tag("route", ROUTE).gauge();
        assertThat(tagKeys(gauge)).containsExactly("route");
        assertThat(percentage()).as("LEGACY").isZero();

        route.update("ops", "canary", s -> s.stage(Stage.CANARY).percentage(12.5));
        assertThat(percentage()).as("CANARY 12.5 %").isEqualTo(12.5);

        route.setStage(Stage.MODERN, "ops", "all in");
        assertThat(percentage()).as("MODERN").isEqualTo(100);

        route.setEnabled(false, "ops", "kill switch");
        assertThat(percentage()).as("disabled").isZero();

        route.update("ops", "canary again", s -> s.enabled(true).stage(Stage.CANARY));
        assertThat(percentage()).as("CANARY keeps its percentage").isEqualTo(12.5);

        for (Stage legacyOnly : List.of(Stage.DUAL_WRITE, Stage.SHADOW)) {
            route.setStage(legacyOnly, "ops", "step back");
            assertThat(percentage()).as(legacyOnly.name()).isZero();
        }

        route.setStage(Stage.RETIRED, "ops", "done");
        assertThat(percentage()).as("RETIRED").isEqualTo(100);
    }

    @Test
    void percentageGaugeAgreesWithRoutingWhenARetiredRouteIsSwitchedOff() {
        // An operator flips the FF4J kill switch of a RETIRED route: routing ignores it (legacy no longer
        // receives writes), so modern still serves every key, and the gauge must say so.
        Route<Orders> route = route(s -> s.stage(Stage.RETIRED).enabled(false));

        long modernKeys = IntStream.range(0, 100).filter(i -> route.decide("c-" + i) == Side.MODERN).count();

        assertThat(modernKeys).isEqualTo(100);
        assertThat(percentage()).isEqualTo(100);
    }

    @Test
    void storeErrorsCountUnavailableAndCorruptSeparately() {
        Route<Orders> route = route(s -> s.stage(Stage.LEGACY));
        FunctionCounter unavailable = registry.get("strangler.store.errors")
                .tags("route", ROUTE, "kind", "unavailable").functionCounter();
        FunctionCounter corrupt = registry.get("strangler.store.errors")
                .tags("route", ROUTE, "kind", "corrupt").functionCounter();
        assertThat(registry.find("strangler.store.errors").meters()).hasSize(2)
                .allSatisfy(m -> assertThat(tagKeys(m)).containsExactlyInAnyOrder("route", "kind"));
        assertThat(unavailable.count()).isZero();
        assertThat(corrupt.count()).isZero();

        store.mode = FlakyStore.Mode.DOWN;
        router.refresh();
        router.refresh();
        assertThat(unavailable.count()).isEqualTo(2);

        store.mode = FlakyStore.Mode.CORRUPT;
        router.refresh();
        assertThat(corrupt.count()).isEqualTo(1);
        assertThat(unavailable.count()).isEqualTo(2);

        store.mode = FlakyStore.Mode.OK;
        router.refresh();
        String served = route.read("c", o -> o.find("c"));
        assertThat(served).isEqualTo("legacy found");
        assertThat(unavailable.count()).isEqualTo(2);
        assertThat(corrupt.count()).isEqualTo(1);
    }

    @Test
    void listenerErrorsIsRegisteredWithoutTags() {
        FunctionCounter counter = registry.get("strangler.listener.errors").functionCounter();

        assertThat(counter.getId().getTags()).isEmpty();
        assertThat(counter.count()).isZero();
    }

    @Test
    void breakerMetricsUseResilience4jNamesWithTheRouteAsName() {
        route(s -> s.stage(Stage.MODERN));

        assertThat(registry.get("resilience4j.circuitbreaker.state").tags("name", ROUTE, "state", "closed")
                .gauge().value()).isEqualTo(1);
        assertThat(registry.get("resilience4j.circuitbreaker.state").tags("name", ROUTE, "state", "open")
                .gauge().value()).isZero();
        assertThat(registry.get("resilience4j.circuitbreaker.failure.rate").tag("name", ROUTE).gauge())
                .isNotNull();
        assertThat(registry.get("resilience4j.circuitbreaker.not.permitted.calls").tag("name", ROUTE)
                .functionCounter().count()).isZero();
    }

    @Test
    void noRoutingKeyEverBecomesATagValue() {
        Route<Orders> route = route(s -> s.stage(Stage.CANARY).percentage(50));
        for (int i = 0; i < 50; i++) {
            String key = "secret-customer-" + i + "@example.com";
            route.read(key, o -> o.find(key));
            route.write(key, o -> o.place(key));
        }
        modern.failure.set(new IllegalStateException("modern down for secret-customer"));
        for (int i = 0; i < 50; i++) {
            String key = "secret-customer-" + i + "@example.com";
            route.read(key, o -> o.find(key));
        }

        assertThat(registry.getMeters()).isNotEmpty().allSatisfy(m -> {
            assertThat(m.getId().getName()).doesNotContain("secret");
            assertThat(m.getId().getTags()).allSatisfy(t -> assertThat(t.getValue()).doesNotContain("secret"));
        });
    }

    @Test
    void routerWorksWithoutAMeterRegistry() {
        try (MigrationRouter bare = Strangler.router().clock(clock).refreshInterval(Duration.ZERO).build()) {
            FakeOrders bareModern = new FakeOrders("modern");
            Route<Orders> route = bare.register(RouteDefinition.builder(ROUTE, Orders.class)
                    .legacy(new FakeOrders("legacy"))
                    .modern(bareModern)
                    .circuitBreaker(CircuitBreakerSettings.custom().slidingWindowSize(2).minimumNumberOfCalls(2)
                            .build())
                    .initialState(s -> s.shadowSample(0).stage(Stage.MODERN))
                    .build());

            String served = route.read("c", o -> o.find("c"));
            assertThat(served).isEqualTo("modern found");
            bareModern.failure.set(new IllegalStateException("down"));
            for (int i = 0; i < 5; i++) {
                String fellBack = route.read("c", o -> o.find("c"));
                assertThat(fellBack).isEqualTo("legacy found");
            }
            route.setPercentage(10, "ops", "set");

            assertThat(route.stats().modern().successes()).isEqualTo(1);
            assertThat(route.stats().modern().fallbacks()).isEqualTo(5);
        }
        assertThat(registry.find("strangler.calls").tag("route", ROUTE).meters()).isEmpty();
    }
}
