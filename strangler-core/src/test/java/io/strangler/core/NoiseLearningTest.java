package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.api.shadow.Mismatch;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteStats;
import io.strangler.api.shadow.ShadowSettings;
import io.strangler.api.Stage;
import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import io.strangler.api.compare.Difference;
import io.strangler.core.testing.InlineExecutor;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A/A noise learning: a sample of shadowed reads also runs legacy a second time, and the paths where legacy
 * disagrees with itself (timestamps, generated ids) become noise once they differed {@code noiseThreshold} times. A
 * difference only at noisy paths is IGNORED; a mismatch keeps its noisy differences apart. Shadows run inline.
 */
class NoiseLearningTest {

    record Quote(String sku, int price, String requestId) {
    }

    record Line(String sku, String traceId) {
    }

    record Basket(String user, List<Line> lines) {
    }

    interface Quotes {
        @Read
        Quote quote(@RoutingKey String sku);

        @Read
        Basket basket(@RoutingKey String user);
    }

    /** Puts a fresh request id in every answer, like a service that stamps its responses. */
    static final class StampingQuotes implements Quotes {
        final AtomicInteger quotes = new AtomicInteger();
        volatile int price = 10;

        @Override
        public Quote quote(String sku) {
            quotes.incrementAndGet();
            return new Quote(sku, price, UUID.randomUUID().toString());
        }

        @Override
        public Basket basket(String user) {
            return new Basket(user, List.of(new Line("a", UUID.randomUUID().toString()),
                    new Line("b", UUID.randomUUID().toString())));
        }
    }

    private static final ShadowSettings LEARNING = ShadowSettings.custom().noiseSamplePercentage(100)
            .noiseThreshold(2).build();

    private final StampingQuotes legacy = new StampingQuotes();
    private final StampingQuotes modern = new StampingQuotes();
    private MigrationRouter router;

    @AfterEach
    void close() {
        if (router != null) {
            router.close();
        }
    }

    private Route<Quotes> route(Stage stage, ShadowSettings shadow) {
        router = ShadowTestSupport.router().shadowExecutor(new InlineExecutor()).build();
        return router.register(RouteDefinition.builder("quotes", Quotes.class).legacy(legacy).modern(modern)
                .shadow(shadow).initialState(s -> s.stage(stage).shadowSample(100)).build());
    }

    private static RouteStats.ShadowStats shadow(Route<?> route) {
        return route.stats().shadow();
    }

    private static void quote(Route<Quotes> route, String sku) {
        route.proxy().quote(sku);
    }

    @Test
    void aPathLegacyDisagreesWithItselfOnBecomesNoiseAtTheThresholdAndIsIgnoredThere() {
        Route<Quotes> route = route(Stage.SHADOW, LEARNING);

        quote(route, "sku-1");
        assertThat(legacy.quotes).as("legacy served and answered the A/A comparison").hasValue(2);
        assertThat(route.noisyPaths()).as("one A/A difference, under the threshold of 2").isEmpty();
        assertThat(shadow(route).mismatches()).isEqualTo(1);

        quote(route, "sku-2");
        assertThat(route.noisyPaths()).containsExactly(java.util.Map.entry("$.requestId", 2L));
        assertThat(shadow(route).ignored()).isEqualTo(1);

        for (int i = 3; i <= 5; i++) {
            quote(route, "sku-" + i);
        }
        assertThat(shadow(route).ignored()).as("modern differs only in the request id").isEqualTo(4);
        assertThat(shadow(route).mismatches()).isEqualTo(1);
        assertThat(route.noisyPaths()).containsEntry("$.requestId", 5L);
    }

    @Test
    void aMismatchInARealFieldKeepsTheNoisyDifferencesApart() {
        Route<Quotes> route = route(Stage.SHADOW, LEARNING);
        quote(route, "sku-1");
        quote(route, "sku-2");
        long mismatchesBefore = shadow(route).mismatches();

        modern.price = 11;
        quote(route, "sku-3");

        assertThat(shadow(route).mismatches()).isEqualTo(mismatchesBefore + 1);
        Mismatch mismatch = route.mismatches().get(route.mismatches().size() - 1);
        assertThat(mismatch.key()).isEqualTo("sku-3");
        assertThat(mismatch.differences()).extracting(Difference::path).containsExactly("$.price");
        assertThat(mismatch.noise()).extracting(Difference::path).containsExactly("$.requestId");
        assertThat(route.noisyPaths()).containsKey("$.requestId");
    }

    @Test
    void withoutNoiseLearningTheSameDifferencesAreMismatches() {
        Route<Quotes> route = route(Stage.SHADOW, ShadowSettings.ofDefaults());
        for (int i = 1; i <= 5; i++) {
            quote(route, "sku-" + i);
        }
        assertThat(legacy.quotes).as("no A/A call").hasValue(5);
        assertThat(shadow(route).mismatches()).isEqualTo(5);
        assertThat(shadow(route).ignored()).isZero();
        assertThat(route.noisyPaths()).isEmpty();
        assertThat(route.mismatches()).allSatisfy(m ->
                assertThat(m.differences()).extracting(Difference::path).containsExactly("$.requestId"));
    }

    @Test
    void noiseIsLearnedFromLegacyAgainstItselfOnlyNotWhereModernServes() {
        Route<Quotes> route = route(Stage.MODERN, LEARNING);
        for (int i = 1; i <= 5; i++) {
            quote(route, "sku-" + i);
        }
        assertThat(legacy.quotes).as("legacy was only the shadow").hasValue(5);
        assertThat(route.noisyPaths()).isEmpty();
        assertThat(shadow(route).mismatches()).isEqualTo(5);
    }

    @Test
    void noisyPathsAreLearnedOverListIndexes() {
        Route<Quotes> route = route(Stage.SHADOW, LEARNING);
        Function<Route<Quotes>, Basket> basket = r -> r.proxy().basket("u-1");
        basket.apply(route);
        basket.apply(route);

        assertThat(route.noisyPaths()).containsOnlyKeys("$.lines[*].traceId");
        long ignored = shadow(route).ignored();
        basket.apply(route);
        assertThat(shadow(route).ignored()).isEqualTo(ignored + 1);
    }
}
