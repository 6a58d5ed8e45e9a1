package io.strangler.core;

import static io.strangler.core.ShadowTestSupport.await;
import static io.strangler.core.ShadowTestSupport.counter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Operation;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.RoutingContext;
import io.strangler.api.Stage;
import io.strangler.api.resilience.CircuitBreakerState;
import io.strangler.api.shadow.ReadPreference;
import io.strangler.api.shadow.ShadowSettings;
import io.strangler.core.ShadowTestSupport.Catalog;
import io.strangler.core.ShadowTestSupport.FakeCatalog;
import io.strangler.core.ShadowTestSupport.Item;
import io.strangler.core.testing.ExecuteOnlyExecutor;
import io.strangler.core.testing.InlineExecutor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Read preferences ({@link ReadPreference}): LEGACY and MODERN pick the answering side where
 * both sides hold the data (SHADOW, CANARY, MODERN) and nowhere else; an operation's own preference wins over the
 * route's; FASTEST races both sides and returns the first success; writes take no preference.
 */
class ReadPreferenceTest {

    private static final String ROUTE = "catalog";

    private final FakeCatalog legacy = new FakeCatalog("legacy");
    private final FakeCatalog modern = new FakeCatalog("modern");
    private final Item legacyAnswer = new Item("sku-1", "legacy's widget", 10);
    private final Item modernAnswer = new Item("sku-1", "modern's widget", 10);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CountDownLatch gate = new CountDownLatch(1);
    private MigrationRouter router;

    ReadPreferenceTest() {
        legacy.onFind = sku -> legacyAnswer;
        modern.onFind = sku -> modernAnswer;
    }

    @AfterEach
    void close() {
        gate.countDown();
        if (router != null) {
            router.close();
        }
    }

    private Route<Catalog> route(boolean inline, UnaryOperator<RouteState.Builder> state) {
        // A race waits for its calls to start as long as a busy test machine may take to start a thread.
        RouterBuilder builder = ShadowTestSupport.router(registry).fastestStartTimeout(Duration.ofSeconds(5));
        router = (inline ? builder.shadowExecutor(new InlineExecutor()) : builder).build();
        return router.register(RouteDefinition.builder(ROUTE, Catalog.class).legacy(legacy).modern(modern)
                .initialState(state).build());
    }

    private Item read(Route<Catalog> route) {
        return route.read("sku-1", c -> c.find("sku-1"));
    }

    private Item read(Route<Catalog> route, Operation operation) {
        return route.execute(operation, "sku-1", c -> c.find("sku-1"));
    }

    // ------------------------------------------------------------------ LEGACY and MODERN

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = {"SHADOW", "CANARY", "MODERN"})
    void preferenceLegacyMakesLegacyAnswerWhereBothSidesHoldTheData(Stage stage) {
        Route<Catalog> route = route(true, s -> s.stage(stage).percentage(100).shadowSample(0)
                .readPreference(ReadPreference.LEGACY));

        assertThat(read(route)).isSameAs(legacyAnswer);
        assertThat(modern.finds).hasValue(0);
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = {"SHADOW", "CANARY", "MODERN"})
    void preferenceModernMakesModernAnswerWhereBothSidesHoldTheData(Stage stage) {
        Route<Catalog> route = route(true, s -> s.stage(stage).percentage(0).shadowSample(0)
                .readPreference(ReadPreference.MODERN));

        assertThat(read(route)).isSameAs(modernAnswer);
        assertThat(legacy.finds).hasValue(0);
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = {"LEGACY", "DUAL_WRITE"})
    void preferenceModernIsIgnoredWhereModernMayNotHoldTheDataYet(Stage stage) {
        Route<Catalog> route = route(true, s -> s.stage(stage).shadowSample(100)
                .readPreference(ReadPreference.MODERN));

        assertThat(read(route)).isSameAs(legacyAnswer);
        assertThat(read(route, Operation.read("x").preferring(ReadPreference.MODERN))).isSameAs(legacyAnswer);
        assertThat(modern.finds).hasValue(0);
    }

    @Test
    void preferenceLegacyIsIgnoredWhenTheRouteIsRetired() {
        Route<Catalog> route = route(true, s -> s.stage(Stage.RETIRED).readPreference(ReadPreference.LEGACY));

        assertThat(read(route)).isSameAs(modernAnswer);
        assertThat(legacy.finds).hasValue(0);
    }

    @Test
    void preferenceModernIsIgnoredWhenTheRouteIsDisabled() {
        Route<Catalog> route = route(true, s -> s.stage(Stage.MODERN).enabled(false)
                .readPreference(ReadPreference.MODERN));

        assertThat(read(route)).isSameAs(legacyAnswer);
        assertThat(modern.finds).hasValue(0);
    }

    @Test
    void anOperationsOwnPreferenceWinsOverTheRoutes() {
        Route<Catalog> route = route(true, s -> s.stage(Stage.SHADOW).shadowSample(0)
                .readPreference(ReadPreference.LEGACY));

        assertThat(read(route, Operation.read("x").preferring(ReadPreference.MODERN))).isSameAs(modernAnswer);
        assertThat(read(route, Operation.read("x").preferring(ReadPreference.SERVING))).as("SERVING: the stage's side").isSameAs(legacyAnswer);
        assertThat(read(route)).isSameAs(legacyAnswer);
    }

    @Test
    void whenModernIsPreferredLegacyIsTheShadow() {
        Route<Catalog> route = route(true, s -> s.stage(Stage.SHADOW).shadowSample(100)
                .readPreference(ReadPreference.MODERN));

        assertThat(read(route)).isSameAs(modernAnswer);
        assertThat(legacy.contexts).singleElement().satisfies(c -> assertThat(c.isShadow()).isTrue());
        assertThat(modern.contexts).singleElement().satisfies(c -> assertThat(c.isShadow()).isFalse());
        assertThat(route.stats().shadow().mismatches()).isEqualTo(1);
        assertThat(route.mismatches().get(0).served()).isEqualTo(io.strangler.api.Side.MODERN);
    }

    // ------------------------------------------------------------------ FASTEST

    private Route<Catalog> fastest(Stage stage) {
        return route(false, s -> s.stage(stage).shadowSample(0).readPreference(ReadPreference.FASTEST));
    }

    /**
     * {@code side} signals {@code entered}, then waits at the gate until the test opens it or the read cancels it.
     * Returns a latch of its interruption.
     */
    private CountDownLatch holdAtTheGate(FakeCatalog side, Item answer, CountDownLatch entered) {
        CountDownLatch interrupted = new CountDownLatch(1);
        side.onFind = sku -> {
            entered.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw new IllegalStateException("cancelled", e);
            }
            return answer;
        };
        return interrupted;
    }

    /** {@code side} answers once the other side's call has started. */
    private static void answerOnce(FakeCatalog side, Item answer, CountDownLatch otherEntered) {
        side.onFind = sku -> {
            ShadowTestSupport.block(otherEntered);
            return answer;
        };
    }

    private double wins(String winner) {
        return counter(registry, "strangler.reads.fastest", "route", ROUTE, "winner", winner);
    }

    @Test
    @Timeout(10)
    void fastestReturnsModernsAnswerWhenLegacyIsSlowAndInterruptsLegacy() {
        Route<Catalog> route = fastest(Stage.SHADOW);
        CountDownLatch legacyEntered = new CountDownLatch(1);
        CountDownLatch legacyCancelled = holdAtTheGate(legacy, legacyAnswer, legacyEntered);
        answerOnce(modern, modernAnswer, legacyEntered);

        assertThat(read(route)).isSameAs(modernAnswer);

        await(legacyCancelled, "the slower legacy call to be interrupted");
        await("modern's win to be counted", () -> wins("modern") == 1);
        assertThat(wins("legacy")).isZero();
        assertThat(modern.threads()).doesNotContain(Thread.currentThread());
    }

    @Test
    @Timeout(10)
    void fastestReturnsLegacysAnswerWhenModernIsSlowAndInterruptsModern() {
        Route<Catalog> route = fastest(Stage.MODERN);
        CountDownLatch modernEntered = new CountDownLatch(1);
        CountDownLatch modernCancelled = holdAtTheGate(modern, modernAnswer, modernEntered);
        answerOnce(legacy, legacyAnswer, modernEntered);

        assertThat(read(route)).isSameAs(legacyAnswer);

        await(modernCancelled, "the slower modern call to be interrupted");
        await("legacy's win to be counted", () -> wins("legacy") == 1);
        assertThat(wins("modern")).isZero();
    }

    @Test
    @Timeout(10)
    void aLoserWhoseCallHasNotStartedWhenTheWinnerAnswersIsNeverCalled() {
        // The inline executor makes the extreme case certain: the decided side's call (legacy's, in SHADOW) is
        // handed over first, and has run and won before modern's call was even submitted.
        Route<Catalog> route = route(true, s -> s.stage(Stage.SHADOW).shadowSample(0)
                .readPreference(ReadPreference.FASTEST));

        assertThat(read(route)).isSameAs(legacyAnswer);

        assertThat(modern.finds).as("modern calls made after the race was over").hasValue(0);
        assertThat(wins("legacy")).isEqualTo(1);
    }

    @Test
    @Timeout(10)
    void fastestReturnsTheFirstSuccessNotTheFirstAnswer() {
        Route<Catalog> route = fastest(Stage.SHADOW);
        CountDownLatch legacyFailed = new CountDownLatch(1);
        legacy.onFind = sku -> {
            legacyFailed.countDown();
            throw new IllegalStateException("legacy fails fast");
        };
        modern.onFind = sku -> {
            ShadowTestSupport.block(legacyFailed);
            return modernAnswer;
        };

        assertThat(read(route)).isSameAs(modernAnswer);
        await("modern's win to be counted", () -> wins("modern") == 1);
        assertThat(wins("legacy")).isZero();
    }

    /** Both sides fail, {@code first} before {@code second}. */
    private void bothFail(FakeCatalog first, RuntimeException firstFailure, FakeCatalog second,
            RuntimeException secondFailure) {
        CountDownLatch firstFailed = new CountDownLatch(1);
        first.onFind = sku -> {
            firstFailed.countDown();
            throw firstFailure;
        };
        second.onFind = sku -> {
            ShadowTestSupport.block(firstFailed);
            throw secondFailure;
        };
    }

    @Test
    @Timeout(10)
    void whenBothSidesFailTheCallerGetsTheDecidedSidesExceptionWhicheverFailedFirst() {
        IllegalStateException legacyFailure = new IllegalStateException("legacy down");
        IllegalStateException modernFailure = new IllegalStateException("modern down");
        Route<Catalog> route = fastest(Stage.SHADOW);

        bothFail(legacy, legacyFailure, modern, modernFailure);
        assertThatThrownBy(() -> read(route)).as("SHADOW decides legacy; legacy failed first")
                .isSameAs(legacyFailure);
        bothFail(modern, modernFailure, legacy, legacyFailure);
        assertThatThrownBy(() -> read(route)).as("SHADOW decides legacy; legacy failed last")
                .isSameAs(legacyFailure);

        route.setStage(Stage.MODERN, "alice", "modern serves");
        bothFail(legacy, legacyFailure, modern, modernFailure);
        assertThatThrownBy(() -> read(route)).as("MODERN decides modern").isSameAs(modernFailure);
    }

    /**
     * An executor that takes one task and refuses every other: it runs the task it took on a thread of its own, or
     * holds it until the test runs it.
     */
    static final class TakesOneTask extends ExecuteOnlyExecutor {
        final boolean runs;
        final List<Runnable> taken = new CopyOnWriteArrayList<>();

        TakesOneTask(boolean runs) {
            this.runs = runs;
        }

        @Override
        public void execute(Runnable task) {
            if (!taken.isEmpty()) {
                throw new RejectedExecutionException("takes one task");
            }
            taken.add(task);
            if (runs) {
                new Thread(task, "takes-one-task").start();
            }
        }
    }

    private Route<Catalog> fastestOn(ExecutorService executor, Stage stage) {
        router = ShadowTestSupport.router(registry).shadowExecutor(executor).build();
        return router.register(RouteDefinition.builder(ROUTE, Catalog.class).legacy(legacy).modern(modern)
                .shadow(ShadowSettings.custom().timeout(Duration.ofSeconds(30)).build())
                .initialState(s -> s.stage(stage).shadowSample(0).readPreference(ReadPreference.FASTEST)).build());
    }

    @Test
    @Timeout(10)
    void whenTheExecutorTakesOnlyOneCallTheDecidedSideAnswersNotTheOtherAlone() {
        Route<Catalog> route = fastestOn(new TakesOneTask(true), Stage.MODERN);

        assertThat(read(route)).as("MODERN decides modern").isSameAs(modernAnswer);

        assertThat(legacy.finds).as("no legacy call raced alone").hasValue(0);
        assertThat(wins("legacy") + wins("modern")).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = {"SHADOW", "MODERN"})
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void whenTheExecutorTakesOnlyOneCallTheDecidedSideAnswersOnTheCallersThreadAtOnce(Stage stage) {
        TakesOneTask executor = new TakesOneTask(false);
        Route<Catalog> route = fastestOn(executor, stage);
        FakeCatalog decided = stage == Stage.SHADOW ? legacy : modern;
        FakeCatalog other = stage == Stage.SHADOW ? modern : legacy;

        assertThat(read(route)).isSameAs(stage == Stage.SHADOW ? legacyAnswer : modernAnswer);

        assertThat(decided.threads()).containsExactly(Thread.currentThread());
        executor.taken.forEach(Runnable::run);
        assertThat(decided.finds).as("the call the executor took was withdrawn").hasValue(1);
        assertThat(other.finds).hasValue(0);
        assertThat(wins("legacy") + wins("modern")).isZero();
        assertThat(route.circuitBreakerState()).isEqualTo(CircuitBreakerState.CLOSED);
    }

    /** An executor that holds the first task it gets and runs every other at once, on a thread of its own. */
    static final class HoldsTheFirstTask extends ExecuteOnlyExecutor {
        final List<Runnable> held = new CopyOnWriteArrayList<>();

        @Override
        public void execute(Runnable task) {
            if (held.isEmpty()) {
                held.add(task);
            } else {
                new Thread(task, "runs-at-once").start();
            }
        }
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void whenTheDecidedSidesCallDoesNotStartInTimeTheCallerMakesItAndTheOtherSideIsCancelled() {
        HoldsTheFirstTask executor = new HoldsTheFirstTask();
        Route<Catalog> route = fastestOn(executor, Stage.MODERN);
        CountDownLatch legacyEntered = new CountDownLatch(1);
        CountDownLatch legacyCancelled = holdAtTheGate(legacy, legacyAnswer, legacyEntered);

        assertThat(read(route)).as("MODERN decides modern; legacy never answers").isSameAs(modernAnswer);

        assertThat(modern.threads()).containsExactly(Thread.currentThread());
        await(legacyCancelled, "legacy's call, which ran alone, to be interrupted");
        await("the cancelled call to be counted", () -> counter(registry, "strangler.reads.fastest.cancelled",
                "route", ROUTE) == 1);
        executor.held.forEach(Runnable::run);
        assertThat(modern.finds).as("modern's withdrawn call never ran").hasValue(1);
        assertThat(wins("legacy") + wins("modern")).isZero();
        assertThat(route.stats().legacy().errors()).as("a cancelled call is not legacy's error").isZero();
    }

    @Test
    void whenModernsBreakerIsOpenAFastestReadIsServedAsAnyReadTheBreakerRefused() {
        Route<Catalog> route = route(true, s -> s.stage(Stage.MODERN).shadowSample(0)
                .readPreference(ReadPreference.FASTEST));
        route.transitionCircuitBreaker(CircuitBreakerState.FORCED_OPEN);

        assertThat(read(route)).as("legacy serves in modern's place").isSameAs(legacyAnswer);

        assertThat(modern.finds).hasValue(0);
        assertThat(legacy.threads()).containsExactly(Thread.currentThread());
        assertThat(route.stats().modern().shortCircuited()).isEqualTo(1);
        assertThat(wins("legacy") + wins("modern")).isZero();
    }

    @Test
    void fastestRacesOnlyWhereBothSidesHoldTheData() {
        Route<Catalog> route = route(true, s -> s.stage(Stage.DUAL_WRITE).readPreference(ReadPreference.FASTEST));

        assertThat(read(route)).isSameAs(legacyAnswer);
        assertThat(modern.finds).hasValue(0);
        assertThat(legacy.contexts).singleElement().isSameAs(RoutingContext.current());
        assertThat(legacy.threads()).containsExactly(Thread.currentThread());
    }

    // ------------------------------------------------------------------ writes take no preference

    @ParameterizedTest
    @EnumSource(value = ReadPreference.class, names = {"LEGACY", "MODERN", "FASTEST"})
    void aWriteRefusesAReadPreferenceNamingTheOperationAndThePreference(ReadPreference preference) {
        assertThatThrownBy(() -> Operation.write("x").preferring(preference))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x'")
                .hasMessageContaining(preference.name());
        assertThat(Operation.write("x").preferring(ReadPreference.SERVING).preference())
                .isEqualTo(ReadPreference.SERVING);
    }
}
