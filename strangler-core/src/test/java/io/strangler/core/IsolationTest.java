package io.strangler.core;

import static io.strangler.core.ShadowTestSupport.await;
import static io.strangler.core.ShadowTestSupport.awaitUninterruptibly;
import static io.strangler.core.ShadowTestSupport.block;
import static io.strangler.core.ShadowTestSupport.counter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.MigrationRouter;
import io.strangler.api.shadow.Mismatch;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteStats;
import io.strangler.api.shadow.ShadowSettings;
import io.strangler.api.Stage;
import io.strangler.api.event.MismatchEvent;
import io.strangler.api.event.RouterListener;
import io.strangler.core.ShadowTestSupport.Catalog;
import io.strangler.core.ShadowTestSupport.FakeCatalog;
import io.strangler.core.ShadowTestSupport.Item;
import io.strangler.core.testing.LogCapture;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.strangler.core.testing.InlineExecutor;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Isolation of the caller: whatever the shadow side, the comparator, a listener, the meter registry or
 * a full executor do, the caller gets exactly the serving side's own result or exception (the very same object)
 * and returns without waiting for the shadow. The route is in SHADOW with every read sampled, so legacy serves and
 * modern is the shadow.
 */
class IsolationTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();
    private final FakeCatalog legacy = new FakeCatalog("legacy");
    private final FakeCatalog modern = new FakeCatalog("modern");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** Holds modern's shadow calls at the gate until the test opens it. */
    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicInteger leftTheGate = new AtomicInteger();
    private MigrationRouter router;

    @AfterEach
    void close() {
        gate.countDown();
        if (router != null) {
            router.close();
        }
    }

    private Route<Catalog> route(UnaryOperator<RouterBuilder> routerSettings,
            UnaryOperator<RouteDefinition.Builder<Catalog>> definition) {
        router = routerSettings.apply(ShadowTestSupport.router(registry)).build();
        return router.register(definition.apply(RouteDefinition.builder("catalog", Catalog.class)
                        .legacy(legacy).modern(modern)
                        .initialState(s -> s.stage(Stage.SHADOW).shadowSample(100)))
                .build());
    }

    private Route<Catalog> route() {
        return route(UnaryOperator.identity(), UnaryOperator.identity());
    }

    /** Modern's shadow calls wait at the gate, then do {@code misbehaviour}. Returns a latch of their arrivals. */
    private CountDownLatch gateModern(int calls, Function<String, Item> misbehaviour) {
        CountDownLatch arrived = new CountDownLatch(calls);
        modern.onFind = sku -> {
            arrived.countDown();
            block(gate);
            leftTheGate.incrementAndGet();
            return misbehaviour.apply(sku);
        };
        return arrived;
    }

    /**
     * Two reads while modern's shadow calls are held at the gate: one that legacy answers and one that legacy
     * refuses. Each caller gets legacy's own answer or exception, the same object, before any shadow call left the
     * gate.
     */
    private void callersGetLegacysOwnOutcomesWhileTheShadowsAreHeld(Route<Catalog> route, CountDownLatch arrived) {
        Item served = new Item("sku-1", "legacy's widget", 10);
        IllegalArgumentException refused = new IllegalArgumentException("legacy refuses sku-2");
        legacy.onFind = sku -> {
            if (sku.equals("sku-2")) {
                throw refused;
            }
            return served;
        };
        Catalog catalog = route.proxy();

        assertThat(catalog.find("sku-1")).isSameAs(served);
        assertThatThrownBy(() -> catalog.find("sku-2")).isSameAs(refused);

        await(arrived, "both shadow calls to reach modern");
        assertThat(leftTheGate).as("the callers returned while every shadow call was still held").hasValue(0);
        assertThat(modern.threads()).as("no shadow call ran on the caller's thread")
                .doesNotContain(Thread.currentThread());
    }

    private RouteStats.ShadowStats shadow(Route<?> route) {
        return route.stats().shadow();
    }

    @Test
    void aShadowSideThatThrowsARuntimeExceptionIsAMismatchTheCallerNeverSees() {
        Route<Catalog> route = route();
        CountDownLatch arrived = gateModern(2, sku -> {
            throw new IllegalStateException("modern is down");
        });

        callersGetLegacysOwnOutcomesWhileTheShadowsAreHeld(route, arrived);

        gate.countDown();
        await("two mismatches", () -> shadow(route).mismatches() == 2);
        assertThat(route.mismatches()).extracting(Mismatch::modern)
                .containsOnly("threw java.lang.IllegalStateException: modern is down");
        assertThat(shadow(route).errors()).isZero();
    }

    @Test
    void aShadowSideThatOverflowsItsStackIsAMismatchAndTheExecutorKeepsWorking() {
        Route<Catalog> route = route();
        CountDownLatch arrived = gateModern(2, sku -> new Item(sku, "deep", recurse(0)));

        callersGetLegacysOwnOutcomesWhileTheShadowsAreHeld(route, arrived);

        gate.countDown();
        await("two mismatches", () -> shadow(route).mismatches() == 2);
        assertThat(route.mismatches()).extracting(Mismatch::modern)
                .allSatisfy(summary -> assertThat(summary).startsWith("threw java.lang.StackOverflowError"));

        Item served = new Item("sku-3", "legacy's widget", 10);
        legacy.onFind = sku -> served;
        assertThat(route.proxy().find("sku-3")).isSameAs(served);
        await("a third shadow comparison after the errors", () -> shadow(route).mismatches() == 3);
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @Test
    void aShadowSideThatNeverReturnsIsATimeoutAtTheDeadlineAndItsLateAnswerIsNotCompared() {
        Route<Catalog> route = route(r -> r.shadowThreads(1),
                d -> d.shadow(ShadowSettings.custom().timeout(Duration.ofMillis(50)).build()));
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch returned = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        modern.onFind = sku -> {
            arrived.countDown();
            interrupted.set(awaitUninterruptibly(gate));
            returned.countDown();
            return new Item(sku, "modern's late widget", 99);
        };
        Item served = new Item("sku-1", "legacy's widget", 10);
        legacy.onFind = sku -> served;

        assertThat(route.proxy().find("sku-1")).isSameAs(served);
        await(arrived, "the shadow call to start");
        assertThat(returned.getCount()).as("the caller returned while the shadow call was blocked").isEqualTo(1);

        await("the shadow to time out", () -> shadow(route).timeouts() == 1);
        assertThat(returned.getCount()).as("counted as a timeout while still blocked").isEqualTo(1);
        assertThat(shadow(route).compared()).isZero();

        gate.countDown();
        await(returned, "the blocked shadow call to return");
        assertThat(interrupted).as("the deadline interrupted the shadow call").isTrue();
        // The single shadow thread runs the next comparison only after it has finished with the late answer.
        legacy.onFind = sku -> new Item(sku, "widget", 10);
        modern.onFind = sku -> new Item(sku, "widget", 10);
        route.proxy().find("sku-2");
        await("the next comparison", () -> shadow(route).matches() == 1);
        assertThat(shadow(route).mismatches()).as("the late, different answer was not compared").isZero();
        assertThat(shadow(route).timeouts()).isEqualTo(1);
        assertThat(counter(registry, "strangler.shadow.comparisons", "route", "catalog", "result", "timeout"))
                .isEqualTo(1);
    }

    @Test
    void aShadowSideThatReturnsNullIsAMismatchTheCallerNeverSees() {
        Route<Catalog> route = route();
        CountDownLatch arrived = gateModern(2, sku -> null);

        callersGetLegacysOwnOutcomesWhileTheShadowsAreHeld(route, arrived);

        gate.countDown();
        await("two mismatches", () -> shadow(route).mismatches() == 2);
        assertThat(route.mismatches()).extracting(Mismatch::modern).containsOnly("null");
    }

    /** A list element that counts how often it is rendered as text. */
    enum Mark {
        OPEN, CLOSED;

        static final AtomicLong RENDERED = new AtomicLong();

        @Override
        public String toString() {
            RENDERED.incrementAndGet();
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    interface Ledger {
        @io.strangler.api.annotation.Read
        List<Mark> marks(@io.strangler.api.annotation.RoutingKey String account);
    }

    @Test
    void aHugeShadowAnswerIsComparedAndSummarisedWithBoundedWork() {
        int size = 2_000_000;
        List<Mark> legacyMarks = new ArrayList<>(Collections.nCopies(size, Mark.OPEN));
        List<Mark> modernMarks = new ArrayList<>(legacyMarks);
        modernMarks.set(0, Mark.CLOSED);
        CountDownLatch arrived = new CountDownLatch(1);
        Ledger legacyLedger = account -> legacyMarks;
        Ledger modernLedger = account -> {
            arrived.countDown();
            block(gate);
            return modernMarks;
        };
        router = ShadowTestSupport.router(registry).build();
        Route<Ledger> route = router.register(RouteDefinition.builder("ledger", Ledger.class)
                .legacy(legacyLedger).modern(modernLedger)
                .initialState(s -> s.stage(Stage.SHADOW).shadowSample(100))
                .build());
        Mark.RENDERED.set(0);

        assertThat(route.proxy().marks("acct-1")).isSameAs(legacyMarks);
        await(arrived, "the shadow call to start");

        gate.countDown();
        // Typically well under a second; the comparator reads both lists whole (to tell an order difference from
        // others), which a loaded machine may take seconds over.
        await("the mismatch to be recorded", Duration.ofSeconds(10), () -> route.mismatches().size() == 1);
        Mismatch mismatch = route.mismatches().get(0);
        assertThat(mismatch.differences()).singleElement()
                .satisfies(d -> assertThat(d.path()).isEqualTo("$[0]"));
        assertThat(mismatch.legacy()).hasSizeLessThan(300);
        assertThat(mismatch.modern()).hasSizeLessThan(300).startsWith("[closed, open, open");
        assertThat(Mark.RENDERED).as("elements rendered as text to record the mismatch of two lists of " + size)
                .hasValueLessThan(1_000);
    }

    @Test
    void aComparatorThatThrowsIsACountedErrorTheCallerNeverSees() {
        Route<Catalog> route = route(UnaryOperator.identity(), d -> d.shadow(ShadowSettings.custom().comparator((l, m) -> {
            throw new IllegalStateException("comparator bug");
        }).build()));
        CountDownLatch arrived = gateModern(2, sku -> new Item(sku, "widget", 10));

        callersGetLegacysOwnOutcomesWhileTheShadowsAreHeld(route, arrived);

        gate.countDown();
        // sku-1: both answered, the comparator threw. sku-2: legacy threw and modern answered, which needs no
        // comparator: a mismatch.
        await("an error and a mismatch", () -> shadow(route).errors() == 1 && shadow(route).mismatches() == 1);
        assertThat(counter(registry, "strangler.shadow.comparisons", "route", "catalog", "result", "error"))
                .isEqualTo(1);
    }

    @Test
    void anExceptionEquivalenceThatThrowsIsACountedErrorTheCallerNeverSees() {
        Route<Catalog> route = route(UnaryOperator.identity(), d -> d.shadow(ShadowSettings.custom().exceptionEquivalence((l, m) -> {
            throw new IllegalStateException("equivalence bug");
        }).build()));
        IllegalArgumentException refused = new IllegalArgumentException("legacy refuses");
        legacy.onFind = sku -> {
            throw refused;
        };
        modern.onFind = sku -> {
            throw new IllegalArgumentException("modern refuses");
        };

        assertThatThrownBy(() -> route.proxy().find("sku-1")).isSameAs(refused);

        await("the error", () -> shadow(route).errors() == 1);
        assertThat(shadow(route).compared()).isZero();
    }

    @Test
    void aListenerThatThrowsOnMismatchNeitherReachesTheCallerNorStopsTheShadows() {
        List<Thread> listenerThreads = Collections.synchronizedList(new ArrayList<>());
        Route<Catalog> route = route(r -> r.listener(new RouterListener() {
            @Override
            public void onMismatch(MismatchEvent event) {
                listenerThreads.add(Thread.currentThread());
                throw new IllegalStateException("listener bug");
            }
        }), UnaryOperator.identity());
        CountDownLatch arrived = gateModern(2, sku -> new Item(sku, "modern's other widget", 11));

        callersGetLegacysOwnOutcomesWhileTheShadowsAreHeld(route, arrived);

        gate.countDown();
        await("two mismatches reported to the listener", () -> listenerThreads.size() == 2);
        assertThat(listenerThreads).doesNotContain(Thread.currentThread());
        await("the listener's failures to be counted",
                () -> counter(registry, "strangler.listener.errors") == 2);
        assertThat(shadow(route).mismatches()).isEqualTo(2);
        assertThat(route.mismatches()).hasSize(2);
    }

    @Test
    void aMismatchWhoseListenerThrowsAnErrorOfTheJvmIsCountedOnceAsAMismatch() {
        Route<Catalog> route = route(r -> r.shadowExecutor(new InlineExecutor()).listener(new RouterListener() {
            @Override
            public void onMismatch(MismatchEvent event) {
                throw new OutOfMemoryError("thrown by a listener");
            }
        }), UnaryOperator.identity());
        modern.onFind = sku -> new Item(sku, "modern's other widget", 11);

        Item served = route.read("sku-1", c -> c.find("sku-1"));

        assertThat(served).isEqualTo(new Item("sku-1", "widget", 10));

        assertThat(shadow(route).mismatches()).isEqualTo(1);
        assertThat(shadow(route).errors()).as("one comparison, one result").isZero();
        assertThat(shadow(route).compared()).isEqualTo(1);
        assertThat(route.mismatches()).hasSize(1);
        assertThat(counter(registry, "strangler.listener.errors")).isEqualTo(1);
    }

    /** A registry built against another Micrometer: every meter fails to link. */
    static final class MislinkedRegistry extends SimpleMeterRegistry {
        final AtomicInteger refused = new AtomicInteger();

        private Error mislink(Meter.Id id) {
            refused.incrementAndGet();
            return new NoClassDefFoundError("io/micrometer/core/instrument/" + id.getName() + "$Missing");
        }

        @Override
        protected <T> Gauge newGauge(Meter.Id id, T obj, ToDoubleFunction<T> valueFunction) {
            throw mislink(id);
        }

        @Override
        protected <T> FunctionCounter newFunctionCounter(Meter.Id id, T obj, ToDoubleFunction<T> countFunction) {
            throw mislink(id);
        }

        @Override
        protected <T> FunctionTimer newFunctionTimer(Meter.Id id, T obj, ToLongFunction<T> countFunction,
                ToDoubleFunction<T> totalTimeFunction, TimeUnit totalTimeFunctionUnit) {
            throw mislink(id);
        }

        @Override
        protected Timer newTimer(Meter.Id id, DistributionStatisticConfig distributionStatisticConfig,
                PauseDetector pauseDetector) {
            throw mislink(id);
        }

        @Override
        protected Counter newCounter(Meter.Id id) {
            throw mislink(id);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aMeterRegistryThatFailsWithAnErrorCostsTheMetricsNotTheRouting(boolean resilience4jEventMetrics) {
        MislinkedRegistry mislinked = new MislinkedRegistry();
        router = Strangler.router().refreshInterval(Duration.ZERO).meterRegistry(mislinked)
                .resilience4jEventMetrics(resilience4jEventMetrics).build();
        Route<Catalog> route = router.register(RouteDefinition.builder("catalog", Catalog.class)
                .legacy(legacy).modern(modern)
                .initialState(s -> s.stage(Stage.CANARY).percentage(100).shadowSample(0))
                .build());
        assertThat(mislinked.refused).as("the router tried to register meters").hasPositiveValue();

        assertThat(route.proxy().find("sku-1").sku()).isEqualTo("sku-1");
        assertThat(modern.finds).hasValue(1);
        assertThat(route.stats().modern().successes()).isEqualTo(1);
        assertThat(log.lines("WARN")).as("a person learns why the meters are missing").isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("registering the meters of ")
                        .endsWith(" failed; it routes without (some of) them"));
        assertThat(log.exceptionClasses()).contains(NoClassDefFoundError.class.getName());
    }

    /** A registry that refuses every meter. */
    static final class RefusingRegistry extends SimpleMeterRegistry {
        final AtomicInteger refused = new AtomicInteger();

        private RuntimeException refuse(Meter.Id id) {
            refused.incrementAndGet();
            return new IllegalStateException("this registry refuses " + id.getName());
        }

        @Override
        protected <T> Gauge newGauge(Meter.Id id, T obj, ToDoubleFunction<T> valueFunction) {
            throw refuse(id);
        }

        @Override
        protected <T> FunctionCounter newFunctionCounter(Meter.Id id, T obj, ToDoubleFunction<T> countFunction) {
            throw refuse(id);
        }

        @Override
        protected <T> FunctionTimer newFunctionTimer(Meter.Id id, T obj, ToLongFunction<T> countFunction,
                ToDoubleFunction<T> totalTimeFunction, TimeUnit totalTimeFunctionUnit) {
            throw refuse(id);
        }
    }

    @Test
    void aMeterRegistryThatRefusesEveryMeterCostsTheMetricsNotTheRouting() {
        RefusingRegistry refusing = new RefusingRegistry();
        router = Strangler.router().refreshInterval(Duration.ZERO).meterRegistry(refusing).build();
        Route<Catalog> route = router.register(RouteDefinition.builder("catalog", Catalog.class)
                .legacy(legacy).modern(modern)
                .initialState(s -> s.stage(Stage.SHADOW).shadowSample(100))
                .build());
        assertThat(refusing.refused).as("the router tried to register meters").hasPositiveValue();
        CountDownLatch arrived = gateModern(2, sku -> new Item(sku, "modern's other widget", 11));

        callersGetLegacysOwnOutcomesWhileTheShadowsAreHeld(route, arrived);

        gate.countDown();
        await("two mismatches", () -> shadow(route).mismatches() == 2);
        Item saved = route.proxy().save("sku-3", new Item("sku-3", "widget", 12));
        assertThat(saved.name()).isEqualTo("legacy saved");
        assertThat(modern.saves).as("the second write was made").hasValue(1);
        assertThat(route.stats().secondaryWrites().succeeded()).isEqualTo(1);
    }

    @Test
    @Timeout(10)
    void aSaturatedExecutorDropsShadowsAndNeverMakesTheCallerWaitOrRunThem() {
        Route<Catalog> route = route(r -> r.shadowThreads(1).shadowQueueCapacity(1),
                d -> d.shadow(ShadowSettings.custom().timeout(Duration.ofSeconds(30)).build()));
        Item served = new Item("sku-0", "widget", 10);
        CountDownLatch arrived = gateModern(1, sku -> new Item("sku-0", "widget", 10));
        Catalog catalog = route.proxy();
        legacy.onFind = sku -> served;

        assertThat(catalog.find("sku-0")).isSameAs(served);
        await(arrived, "the first shadow call to occupy the only shadow thread");
        for (int i = 1; i <= 5; i++) {
            // The second shadow call waits in the queue; the queue is full for the next four.
            assertThat(catalog.find("sku-" + i)).isSameAs(served);
        }
        assertThat(shadow(route).dropped()).isEqualTo(4);
        assertThat(counter(registry, "strangler.shadow.comparisons", "route", "catalog", "result", "dropped"))
                .isEqualTo(4);
        assertThat(leftTheGate).hasValue(0);

        gate.countDown();
        await("the held and the queued shadow calls", () -> shadow(route).matches() == 2);
        assertThat(modern.finds).hasValue(2);
        assertThat(modern.threads()).hasSize(2).doesNotContain(Thread.currentThread());
        assertThat(shadow(route).dropped()).isEqualTo(4);
    }

    @Test
    @Timeout(60)
    void aHangingShadowSideLeaksNoThreadsOverAHundredThousandCalls() {
        int shadowThreads = 2;
        int baseline = ManagementFactory.getThreadMXBean().getThreadCount();
        Route<Catalog> route = route(r -> r.shadowThreads(shadowThreads),
                d -> d.shadow(ShadowSettings.custom().timeout(Duration.ofMillis(50)).build()));
        modern.onFind = sku -> {
            awaitUninterruptibly(gate);
            return new Item(sku, "widget", 10);
        };
        int peak = 0;
        for (int i = 0; i < 100_000; i++) {
            String key = "sku-" + i;
            route.read(key, c -> c.find(key));
            if (i % 1_000 == 0) {
                peak = Math.max(peak, ManagementFactory.getThreadMXBean().getThreadCount());
            }
        }
        peak = Math.max(peak, ManagementFactory.getThreadMXBean().getThreadCount());

        assertThat(peak).as("live threads, baseline " + baseline).isLessThanOrEqualTo(baseline + shadowThreads + 5);
        assertThat(shadow(route).dropped()).as("everything past the hung threads and the queue was dropped")
                .isGreaterThanOrEqualTo(100_000 - shadowThreads - 1_000);
        assertThat(shadow(route).timeouts()).isLessThanOrEqualTo(shadowThreads);
        gate.countDown();
    }
}
