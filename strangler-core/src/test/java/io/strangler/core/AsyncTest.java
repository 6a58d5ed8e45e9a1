package io.strangler.core;

import io.strangler.api.resilience.FallbackSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.resilience.CircuitBreakerSettings;
import io.strangler.api.MigrationRouter;
import io.strangler.api.ModernUnavailableException;
import io.strangler.api.Operation;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.api.annotation.Idempotent;
import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import io.strangler.api.event.FallbackEvent;
import io.strangler.core.testing.FallbackRecordingRouter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** readAsync, writeAsync, executeAsync and proxy methods returning a stage. */
class AsyncTest {

    interface Quotes {
        @Read
        CompletableFuture<String> quote(@RoutingKey String symbol);

        CompletionStage<String> trade(@RoutingKey String symbol, int quantity);

        @Idempotent
        CompletionStage<String> cancel(@RoutingKey String orderId);
    }

    /** Answers every call with what {@link #behaviour} makes of "side what". */
    static final class FakeQuotes implements Quotes {
        final String side;
        final AtomicInteger calls = new AtomicInteger();
        volatile Function<String, CompletableFuture<String>> behaviour =
                answer -> CompletableFuture.completedFuture(answer);

        FakeQuotes(String side) {
            this.side = side;
        }

        private CompletableFuture<String> answer(String what) {
            calls.incrementAndGet();
            return behaviour.apply(side + " " + what);
        }

        @Override
        public CompletableFuture<String> quote(String symbol) {
            return answer("quote " + symbol);
        }

        @Override
        public CompletionStage<String> trade(String symbol, int quantity) {
            return answer("trade " + quantity + " " + symbol);
        }

        @Override
        public CompletionStage<String> cancel(String orderId) {
            return answer("cancel " + orderId);
        }

        void failWith(Throwable failure) {
            behaviour = answer -> CompletableFuture.failedFuture(failure);
        }

        void throwSynchronously(RuntimeException failure) {
            behaviour = answer -> {
                throw failure;
            };
        }

        void returnNull() {
            behaviour = answer -> null;
        }
    }

    private final FallbackRecordingRouter fixture = new FallbackRecordingRouter();
    private final SimpleMeterRegistry registry = fixture.registry;
    private final List<FallbackEvent> fallbacks = fixture.fallbacks;
    private final MigrationRouter router = fixture.router;
    private final FakeQuotes legacy = new FakeQuotes("legacy");
    private final FakeQuotes modern = new FakeQuotes("modern");

    @AfterEach
    void close() {
        router.close();
    }

    private Route<Quotes> route(UnaryOperator<RouteState.Builder> state) {
        return route(state, b -> b);
    }

    private Route<Quotes> route(UnaryOperator<RouteState.Builder> state,
            UnaryOperator<RouteDefinition.Builder<Quotes>> customise) {
        return router.register(customise.apply(RouteDefinition.builder("quotes", Quotes.class)
                .legacy(legacy)
                .modern(modern)
                .initialState(s -> state.apply(s.shadowSample(0))))
                .build());
    }

    private static Throwable failureOf(CompletionStage<?> stage) {
        return stage.toCompletableFuture().handle((value, failure) -> failure).join();
    }

    private static String valueOf(CompletionStage<String> stage) {
        return stage.toCompletableFuture().join();
    }

    @Test
    void readAsyncPassesModernsValue() {
        Route<Quotes> route = route(s -> s.stage(Stage.MODERN));

        CompletionStage<String> result = route.readAsync("ACME", q -> q.quote("ACME"));

        assertThat(valueOf(result)).isEqualTo("modern quote ACME");
        assertThat(legacy.calls).hasValue(0);
        assertThat(route.stats().modern().successes()).isEqualTo(1);
    }

    @Test
    void readAsyncPassesLegacysValueInLegacyStage() {
        Route<Quotes> route = route(s -> s.stage(Stage.LEGACY));

        assertThat(valueOf(route.readAsync("ACME", q -> q.quote("ACME")))).isEqualTo("legacy quote ACME");
        assertThat(modern.calls).hasValue(0);
        assertThat(route.stats().legacy().successes()).isEqualTo(1);
    }

    @Test
    void modernFailedStageFallsBackToLegacy() {
        Route<Quotes> route = route(s -> s.stage(Stage.MODERN));
        IllegalStateException failure = new IllegalStateException("modern feed down");
        modern.failWith(failure);

        CompletionStage<String> result = route.readAsync("ACME", q -> q.quote("ACME"));

        assertThat(valueOf(result)).isEqualTo("legacy quote ACME");
        assertThat(fallbacks).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(FallbackEvent.Reason.MODERN_FAILED);
            assertThat(e.cause()).isSameAs(failure);
        });
        assertThat(route.stats().modern().fallbacks()).isEqualTo(1);
        assertThat(route.stats().legacy().successes()).isEqualTo(1);
        assertThat(registry.get("strangler.calls").tags("route", "quotes", "target", "modern", "kind", "read",
                "outcome", "fallback").functionTimer().count()).isEqualTo(1);
    }

    @Test
    void fallbackHappensWhenModernsStageFailsNotBefore() {
        Route<Quotes> route = route(s -> s.stage(Stage.MODERN));
        CompletableFuture<String> pending = new CompletableFuture<>();
        modern.behaviour = answer -> pending;

        CompletionStage<String> result = route.readAsync("ACME", q -> q.quote("ACME"));

        assertThat(result.toCompletableFuture()).isNotDone();
        assertThat(legacy.calls).hasValue(0);

        pending.completeExceptionally(new IllegalStateException("late failure"));

        assertThat(valueOf(result)).isEqualTo("legacy quote ACME");
        assertThat(legacy.calls).hasValue(1);
    }

    @Test
    void callThatThrowsSynchronouslyIsTreatedAsAFailedStage() {
        Route<Quotes> route = route(s -> s.stage(Stage.MODERN));
        IllegalStateException failure = new IllegalStateException("threw before returning a stage");

        CompletionStage<String> result = route.readAsync("ACME", q -> {
            if (q == modern) {
                throw failure;
            }
            return q.quote("ACME");
        });

        assertThat(valueOf(result)).isEqualTo("legacy quote ACME");
        assertThat(fallbacks).singleElement().extracting(FallbackEvent::cause).isSameAs(failure);
    }

    @Test
    void synchronousThrowWithoutFallbackBecomesTheFailureOfTheReturnedStage() {
        Route<Quotes> route = route(s -> s.stage(Stage.MODERN).fallbackToLegacy(false));
        IllegalStateException failure = new IllegalStateException("threw before returning a stage");
        modern.throwSynchronously(failure);

        CompletionStage<String> result = route.readAsync("ACME", q -> q.quote("ACME"));

        assertThat(failureOf(result)).isSameAs(failure);
    }

    @Test
    void synchronousThrowOnModernFallsBackToLegacy() {
        Route<Quotes> route = route(s -> s.stage(Stage.MODERN));
        modern.throwSynchronously(new IllegalStateException("threw before returning a stage"));

        assertThat(valueOf(route.readAsync("ACME", q -> q.quote("ACME")))).isEqualTo("legacy quote ACME");
    }

    @Test
    void nullStageFromLegacyIsAFailedStageNotAnExceptionAtTheCaller() {
        Route<Quotes> route = route(s -> s.stage(Stage.LEGACY));
        legacy.returnNull();

        CompletionStage<String> result = route.readAsync("ACME", q -> q.quote("ACME"));

        assertThat(failureOf(result)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("quotes").hasMessageContaining("legacy");
    }

    @Test
    void nullStageFromModernIsAFailureThatFallsBack() {
        Route<Quotes> route = route(s -> s.stage(Stage.MODERN));
        modern.returnNull();

        assertThat(valueOf(route.readAsync("ACME", q -> q.quote("ACME")))).isEqualTo("legacy quote ACME");
        assertThat(fallbacks).singleElement().extracting(FallbackEvent::cause)
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void nullStageFromModernWithoutFallbackIsAFailedStage() {
        Route<Quotes> route = route(s -> s.stage(Stage.MODERN).fallbackToLegacy(false));
        modern.returnNull();

        CompletionStage<String> result = route.readAsync("ACME", q -> q.quote("ACME"));

        assertThat(failureOf(result)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("quotes").hasMessageContaining("modern");
    }

    @Test
    void failureInTheReturnedStageIsModernsOwnWhenThereIsNoFallback() throws InterruptedException {
        Route<Quotes> route = route(s -> s.stage(Stage.MODERN).fallbackToLegacy(false));
        IllegalStateException failure = new IllegalStateException("modern feed down");
        modern.failWith(failure);

        CompletionStage<String> result = route.readAsync("ACME", q -> q.quote("ACME"));

        assertThat(failureOf(result)).isSameAs(failure);
        assertThatThrownBy(() -> result.toCompletableFuture().get()).isInstanceOf(ExecutionException.class)
                .cause().isSameAs(failure);
        assertThat(legacy.calls).hasValue(0);
        assertThat(route.stats().modern().errors()).isEqualTo(1);
    }

    @Test
    void whenTheFallbackFailsTooTheStageHoldsLegacysOwnFailure() {
        Route<Quotes> route = route(s -> s.stage(Stage.MODERN));
        IllegalStateException legacyFailure = new IllegalStateException("legacy down too");
        modern.failWith(new IllegalStateException("modern down"));
        legacy.failWith(legacyFailure);

        assertThat(failureOf(route.readAsync("ACME", q -> q.quote("ACME")))).isSameAs(legacyFailure);
        assertThat(route.stats().legacy().errors()).isEqualTo(1);
    }

    @Test
    void writeAsyncFailingOnModernIsNotRepeatedOnLegacy() {
        Route<Quotes> route = route(s -> s.stage(Stage.MODERN), b -> b.fallback(FallbackSettings.custom().idempotentWrites(true).build()));
        IllegalStateException failure = new IllegalStateException("trade rejected");
        modern.failWith(failure);

        CompletionStage<String> result = route.writeAsync("ACME", q -> q.trade("ACME", 10));

        assertThat(failureOf(result)).isSameAs(failure);
        assertThat(legacy.calls).hasValue(0);
        assertThat(fallbacks).isEmpty();
    }

    @Test
    void executeAsyncIdempotentWriteFallsBackOnlyWhenTheRouteAllowsIt() {
        Route<Quotes> strict = route(s -> s.stage(Stage.MODERN));
        IllegalStateException failure = new IllegalStateException("modern down");
        modern.failWith(failure);
        Operation cancel = Operation.write("cancel").idempotent();

        assertThat(failureOf(strict.executeAsync(cancel, "o-1", q -> q.cancel("o-1")))).isSameAs(failure);
        assertThat(legacy.calls).hasValue(0);

        Route<Quotes> lenient = router.register(RouteDefinition.builder("quotes-lenient", Quotes.class)
                .legacy(legacy)
                .modern(modern)
                .fallback(FallbackSettings.custom().idempotentWrites(true).build())
                .initialState(s -> s.shadowSample(0).stage(Stage.MODERN))
                .build());
        assertThat(valueOf(lenient.executeAsync(cancel, "o-1", q -> q.cancel("o-1")))).isEqualTo("legacy cancel o-1");
        assertThat(legacy.calls).hasValue(1);
    }

    @Test
    void ignoredExceptionInAStageIsNotAFallbackAndCountsAsSuccess() {
        Route<Quotes> route = route(s -> s.stage(Stage.MODERN), b -> b.fallback(FallbackSettings.custom().ignoreExceptions(IllegalArgumentException.class).build()));
        IllegalArgumentException unknown = new IllegalArgumentException("unknown symbol");
        modern.failWith(unknown);

        assertThat(failureOf(route.readAsync("XXX", q -> q.quote("XXX")))).isSameAs(unknown);
        assertThat(legacy.calls).hasValue(0);
        assertThat(route.stats().modern().successes()).isEqualTo(1);
    }

    @Test
    void openBreakerSendsAsyncCallsToLegacyWithoutCallingModern() {
        Route<Quotes> route = route(s -> s.stage(Stage.MODERN), b -> b.circuitBreaker(
                CircuitBreakerSettings.custom().slidingWindowSize(2).minimumNumberOfCalls(2).build()));
        modern.failWith(new IllegalStateException("modern down"));
        valueOf(route.readAsync("A", q -> q.quote("A")));
        valueOf(route.readAsync("B", q -> q.quote("B")));
        fallbacks.clear();

        assertThat(valueOf(route.writeAsync("C", q -> q.trade("C", 1)))).isEqualTo("legacy trade 1 C");

        assertThat(modern.calls).hasValue(2);
        assertThat(fallbacks).singleElement().extracting(FallbackEvent::reason)
                .isEqualTo(FallbackEvent.Reason.BREAKER_OPEN);

        route.update("ops", "no fallback", s -> s.fallbackToLegacy(false));
        CompletionStage<String> refused = route.readAsync("D", q -> q.quote("D"));
        assertThat(failureOf(refused)).isInstanceOf(ModernUnavailableException.class).hasMessageContaining("quotes");
        assertThat(modern.calls).hasValue(2);
    }

    @Test
    void proxyMethodReturningCompletableFutureIsRoutedAsync() {
        Route<Quotes> route = route(s -> s.stage(Stage.MODERN));
        CompletableFuture<String> pending = new CompletableFuture<>();
        modern.behaviour = answer -> pending;

        CompletableFuture<String> result = route.proxy().quote("ACME");

        assertThat(result).isNotDone();
        pending.completeExceptionally(new IllegalStateException("modern down"));
        assertThat(result.join()).isEqualTo("legacy quote ACME");
    }

    @Test
    void proxyMethodReturningCompletionStageIsRoutedAsWriteAsync() {
        Route<Quotes> route = route(s -> s.stage(Stage.MODERN), b -> b.fallback(FallbackSettings.custom().idempotentWrites(true).build()));
        IllegalStateException failure = new IllegalStateException("trade rejected");
        modern.failWith(failure);
        Quotes quotes = route.proxy();

        assertThat(failureOf(quotes.trade("ACME", 5))).isSameAs(failure);
        assertThat(legacy.calls).hasValue(0);
        assertThat(valueOf(quotes.cancel("o-1"))).isEqualTo("legacy cancel o-1");
        assertThat(legacy.calls).hasValue(1);
    }

    @Test
    void proxyMethodThatThrowsSynchronouslyReturnsAFailedStage() {
        Route<Quotes> route = route(s -> s.stage(Stage.MODERN).fallbackToLegacy(false));
        IllegalStateException failure = new IllegalStateException("threw before returning a stage");
        modern.throwSynchronously(failure);

        CompletableFuture<String> result = route.proxy().quote("ACME");

        assertThat(failureOf(result)).isSameAs(failure);
    }

    @Test
    void proxyMethodReturningNullIsAFailedStage() {
        Route<Quotes> route = route(s -> s.stage(Stage.LEGACY));
        legacy.returnNull();

        CompletableFuture<String> result = route.proxy().quote("ACME");

        assertThat(result).isNotNull();
        assertThat(failureOf(result)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void legacyFailedStageIsCountedAsLegacyError() {
        Route<Quotes> route = route(s -> s.stage(Stage.LEGACY));
        IllegalStateException failure = new IllegalStateException("legacy down");
        legacy.failWith(failure);

        assertThat(failureOf(route.readAsync("ACME", q -> q.quote("ACME")))).isSameAs(failure);
        assertThat(route.stats().legacy().errors()).isEqualTo(1);
    }
}
