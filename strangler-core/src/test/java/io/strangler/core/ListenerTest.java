package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Operation;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.api.Side;
import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import io.strangler.api.event.CallOutcome;
import io.strangler.api.event.FallbackEvent;
import io.strangler.api.event.RoutedEvent;
import io.strangler.api.event.RouterListener;
import io.strangler.api.event.StageChangeEvent;
import io.strangler.core.testing.FailureSwitch;
import io.strangler.core.testing.LogCapture;
import io.strangler.core.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Routing events, and listeners that misbehave without the caller noticing. */
class ListenerTest {

    interface Search {
        @Read
        String search(@RoutingKey String user, String query);

        String index(@RoutingKey String user, String document);
    }

    static final class FakeSearch implements Search {
        final String side;
        final AtomicInteger calls = new AtomicInteger();
        final FailureSwitch failure = new FailureSwitch();

        FakeSearch(String side) {
            this.side = side;
        }

        @Override
        public String search(String user, String query) {
            calls.incrementAndGet();
            failure.check();
            return side + " results for " + query;
        }

        @Override
        public String index(String user, String document) {
            calls.incrementAndGet();
            failure.check();
            return side + " indexed " + document;
        }
    }

    /** Records everything, in order. */
    static final class Recorder implements RouterListener {
        final List<Object> events = new CopyOnWriteArrayList<>();

        @Override
        public void onRouted(RoutedEvent event) {
            events.add(event);
        }

        @Override
        public void onFallback(FallbackEvent event) {
            events.add(event);
        }

        @Override
        public void onStageChange(StageChangeEvent event) {
            events.add(event);
        }

        List<RoutedEvent> routed() {
            return events.stream().filter(RoutedEvent.class::isInstance).map(RoutedEvent.class::cast).toList();
        }
    }

    /** Throws {@code failure} from every callback. */
    static final class Throwing implements RouterListener {
        final Throwable failure;
        final AtomicInteger invocations = new AtomicInteger();

        Throwing(Throwable failure) {
            this.failure = failure;
        }

        @Override
        public void onRouted(RoutedEvent event) {
            invocations.incrementAndGet();
            throw FailureSwitch.<RuntimeException>sneaky(failure);
        }

        @Override
        public void onFallback(FallbackEvent event) {
            invocations.incrementAndGet();
            throw FailureSwitch.<RuntimeException>sneaky(failure);
        }

        @Override
        public void onStageChange(StageChangeEvent event) {
            invocations.incrementAndGet();
            throw FailureSwitch.<RuntimeException>sneaky(failure);
        }
    }

    @RegisterExtension
    final LogCapture log = new LogCapture();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MigrationRouter router = Strangler.router()
            .clock(MutableClock.startingAt("2030-01-01T00:00:00Z"))
            .refreshInterval(Duration.ZERO)
            .meterRegistry(registry)
            .legacyTimingOneIn(1)
            .build();
    private final FakeSearch legacy = new FakeSearch("legacy");
    private final FakeSearch modern = new FakeSearch("modern");
    private final Recorder recorder = new Recorder();

    @AfterEach
    void close() {
        router.close();
    }

    private Route<Search> route(UnaryOperator<RouteState.Builder> state) {
        return router.register(RouteDefinition.builder("search", Search.class)
                .legacy(legacy)
                .modern(modern)
                .initialState(s -> state.apply(s.shadowSample(0)))
                .build());
    }

    private double listenerErrors() {
        return registry.get("strangler.listener.errors").functionCounter().count();
    }

    @Test
    void routedEventCarriesRouteKeyOperationTargetAndOutcome() {
        Route<Search> route = route(s -> s.stage(Stage.LEGACY));
        router.addListener(recorder);

        String result = route.read("u-1", s -> s.search("u-1", "shoes"));

        assertThat(result).isEqualTo("legacy results for shoes");
        assertThat(recorder.routed()).singleElement().satisfies(e -> {
            assertThat(e.route()).isEqualTo("search");
            assertThat(e.key()).isEqualTo("u-1");
            assertThat(e.operation()).isEqualTo(Operation.READ);
            assertThat(e.side()).isEqualTo(Side.LEGACY);
            assertThat(e.outcome()).isEqualTo(CallOutcome.SUCCESS);
            assertThat(e.durationNanos()).isNotNegative();
        });
    }

    @Test
    void routedEventOfAModernWriteThatFailed() {
        Route<Search> route = route(s -> s.stage(Stage.MODERN));
        router.addListener(recorder);
        modern.failure.set(new IllegalStateException("index full"));

        assertThatThrownBy(() -> route.proxy().index("u-2", "doc")).isSameAs(modern.failure.get());

        assertThat(recorder.routed()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("u-2");
            assertThat(e.operation()).isEqualTo(Operation.write("index"));
            assertThat(e.side()).isEqualTo(Side.MODERN);
            assertThat(e.outcome()).isEqualTo(CallOutcome.ERROR);
            assertThat(e.durationNanos()).isNotNegative();
        });
    }

    @Test
    void fallbackProducesModernFallbackThenTheFallbackEventThenLegacy() {
        Route<Search> route = route(s -> s.stage(Stage.MODERN));
        router.addListener(recorder);
        IllegalStateException failure = new IllegalStateException("modern down");
        modern.failure.set(failure);

        route.read("u-3", s -> s.search("u-3", "hats"));

        assertThat(recorder.events).hasSize(3);
        assertThat(recorder.events.get(0)).isInstanceOfSatisfying(RoutedEvent.class, e -> {
            assertThat(e.side()).isEqualTo(Side.MODERN);
            assertThat(e.outcome()).isEqualTo(CallOutcome.FALLBACK);
            assertThat(e.key()).isEqualTo("u-3");
        });
        assertThat(recorder.events.get(1)).isInstanceOfSatisfying(FallbackEvent.class, e -> {
            assertThat(e.reason()).isEqualTo(FallbackEvent.Reason.MODERN_FAILED);
            assertThat(e.cause()).isSameAs(failure);
        });
        assertThat(recorder.events.get(2)).isInstanceOfSatisfying(RoutedEvent.class, e -> {
            assertThat(e.side()).isEqualTo(Side.LEGACY);
            assertThat(e.outcome()).isEqualTo(CallOutcome.SUCCESS);
            assertThat(e.key()).isEqualTo("u-3");
        });
    }

    @Test
    void listenerThrowingRuntimeExceptionNeverReachesTheCaller() {
        Route<Search> route = route(s -> s.stage(Stage.MODERN));
        Throwing throwing = new Throwing(new IllegalStateException("listener bug"));
        router.addListener(throwing);

        String result = route.read("u-1", s -> s.search("u-1", "shoes"));

        assertThat(result).isEqualTo("modern results for shoes");
        assertThat(throwing.invocations).hasValue(1);
        assertThat(listenerErrors()).isEqualTo(1);
        assertThat(log.lines("WARN")).singleElement().asString().startsWith("Strangler listener ")
                .endsWith(" failed; the call it observed is unaffected");
        assertThat(log.exceptionClasses()).containsExactly(IllegalStateException.class.getName());
    }

    @Test
    void listenerThrowingStackOverflowErrorNeverReachesTheCaller() {
        Route<Search> route = route(s -> s.stage(Stage.MODERN));
        router.addListener(new Throwing(new StackOverflowError("recursive listener")));
        modern.failure.set(new IllegalStateException("modern down"));

        String result = route.read("u-1", s -> s.search("u-1", "shoes"));

        assertThat(result).isEqualTo("legacy results for shoes");
        assertThat(listenerErrors()).as("modern FALLBACK, fallback event, legacy SUCCESS").isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(classes = {OutOfMemoryError.class, InternalError.class, UnknownError.class})
    void listenerThrowingAnErrorOfTheJvmNeverReachesTheCallerAndIsCounted(Class<? extends VirtualMachineError> type)
            throws ReflectiveOperationException {
        Route<Search> route = route(s -> s.stage(Stage.MODERN));
        Throwing throwing = new Throwing(type.getConstructor(String.class).newInstance("thrown by a listener"));
        router.addListener(throwing);
        router.addListener(recorder);

        String result = route.read("u-1", s -> s.search("u-1", "shoes"));

        assertThat(result).isEqualTo("modern results for shoes");
        assertThat(listenerErrors()).isEqualTo(1);
        assertThat(recorder.routed()).as("the next listener still hears the event").hasSize(1);
    }

    @Test
    void listenerThrowingAnErrorOfTheJvmOnAFallbackLeavesTheFallbackAlone() {
        Route<Search> route = route(s -> s.stage(Stage.MODERN));
        router.addListener(new Throwing(new OutOfMemoryError("thrown by a listener")));
        modern.failure.set(new IllegalStateException("modern down"));

        String result = route.read("u-1", s -> s.search("u-1", "shoes"));

        assertThat(result).isEqualTo("legacy results for shoes");
        assertThat(listenerErrors()).as("modern FALLBACK, fallback event, legacy SUCCESS").isEqualTo(3);
    }

    @Test
    void listenerThrowingInterruptedExceptionLeavesTheCallersThreadInterrupted() {
        Route<Search> route = route(s -> s.stage(Stage.LEGACY));
        router.addListener(new Throwing(new InterruptedException("listener was interrupted")));

        String result;
        try {
            result = route.read("u-1", s -> s.search("u-1", "shoes"));
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt is kept, and cleared here").isTrue();
        }

        assertThat(result).isEqualTo("legacy results for shoes");
        assertThat(listenerErrors()).isEqualTo(1);
    }

    @Test
    void listenerThrowingCheckedExceptionNeverReachesTheCaller() {
        Route<Search> route = route(s -> s.stage(Stage.LEGACY));
        router.addListener(new Throwing(new Exception("checked, thrown sneakily")));

        String result = route.proxy().search("u-1", "shoes");

        assertThat(result).isEqualTo("legacy results for shoes");
        assertThat(listenerErrors()).isEqualTo(1);
    }

    @Test
    void listenerThrowingWhileTheCallFailsLeavesTheCallersExceptionAlone() {
        Route<Search> route = route(s -> s.stage(Stage.MODERN).fallbackToLegacy(false));
        router.addListener(new Throwing(new IllegalArgumentException("listener bug")));
        IllegalStateException failure = new IllegalStateException("modern down");
        modern.failure.set(failure);

        assertThatThrownBy(() -> route.read("u-1", s -> s.search("u-1", "shoes"))).isSameAs(failure);
        assertThat(failure.getSuppressed()).isEmpty();
        assertThat(listenerErrors()).isEqualTo(1);
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthers() {
        Route<Search> route = route(s -> s.stage(Stage.LEGACY));
        router.addListener(new Throwing(new IllegalStateException("first listener bug")));
        router.addListener(recorder);

        route.read("u-1", s -> s.search("u-1", "shoes"));

        assertThat(recorder.routed()).hasSize(1);
    }

    @Test
    void throwingStageChangeListenerDoesNotUndoTheChange() {
        Route<Search> route = route(s -> s.stage(Stage.LEGACY));
        router.addListener(new Throwing(new IllegalStateException("listener bug")));

        RouteState next = route.setStage(Stage.MODERN, "ops", "go");

        assertThat(next.stage()).isEqualTo(Stage.MODERN);
        assertThat(route.state().stage()).isEqualTo(Stage.MODERN);
        assertThat(listenerErrors()).isEqualTo(1);
    }

    @Test
    void listenerGivenToTheBuilderReceivesEvents() {
        Recorder fromBuilder = new Recorder();
        try (MigrationRouter other = Strangler.router().refreshInterval(Duration.ZERO).listener(fromBuilder)
                .build()) {
            Route<Search> route = other.register(RouteDefinition.builder("search", Search.class)
                    .legacy(legacy).modern(modern).build());

            route.read("u-1", s -> s.search("u-1", "shoes"));

            assertThat(fromBuilder.routed()).singleElement().extracting(RoutedEvent::route).isEqualTo("search");
        }
    }

    @Test
    void removedListenerReceivesNothingMore() {
        Route<Search> route = route(s -> s.stage(Stage.LEGACY));
        router.addListener(recorder);
        route.read("u-1", s -> s.search("u-1", "shoes"));

        router.removeListener(recorder);
        route.read("u-1", s -> s.search("u-1", "boots"));

        assertThat(recorder.routed()).hasSize(1);
    }
}
