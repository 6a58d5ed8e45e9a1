package io.strangler.core;

import io.strangler.api.dualwrite.DualWriteSettings;

import io.strangler.api.resilience.FallbackSettings;

import static io.strangler.core.ShadowTestSupport.await;
import static io.strangler.core.ShadowTestSupport.block;
import static io.strangler.core.ShadowTestSupport.counter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.resilience.CircuitBreakerSettings;
import io.strangler.api.dualwrite.DualWriteMode;
import io.strangler.api.MigrationRouter;
import io.strangler.api.ModernUnavailableException;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.RouteStats;
import io.strangler.api.Stage;
import io.strangler.api.RoutingContext;
import io.strangler.api.Side;
import io.strangler.api.reconcile.ReconciliationEntry;
import io.strangler.api.reconcile.ReplayReport;
import java.lang.reflect.Proxy;
import java.lang.reflect.InvocationTargetException;
import io.strangler.core.dualwrite.InMemoryReconciliationLog;
import io.strangler.api.reconcile.ReconciliationLog;
import io.strangler.core.ShadowTestSupport.Catalog;
import io.strangler.core.ShadowTestSupport.FakeCatalog;
import io.strangler.core.ShadowTestSupport.Item;
import io.strangler.core.testing.LogCapture;
import io.strangler.core.testing.MutableClock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Dual writes: the authoritative side (the side serving the key) takes the
 * write first and its outcome is the caller's; then the other side takes it, and a second write that fails or can't
 * be made goes to the reconciliation log instead of the caller. Shadows are never involved: reads are not sampled.
 */
class DualWriteTest {

    private static final String ROUTE = "catalog";

    @RegisterExtension
    final LogCapture log = new LogCapture();
    private final List<String> journal = Collections.synchronizedList(new ArrayList<>());
    private final FakeCatalog legacy = new FakeCatalog("legacy", journal);
    private final FakeCatalog modern = new FakeCatalog("modern", journal);
    private final Item legacyResult = new Item("sku", "legacy's result", 1);
    private final Item modernResult = new Item("sku", "modern's result", 2);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = MutableClock.startingAt("2026-11-21T10:00:00Z");
    private final CountDownLatch gate = new CountDownLatch(1);
    private MigrationRouter router;

    DualWriteTest() {
        legacy.onSave = (sku, item) -> legacyResult;
        modern.onSave = (sku, item) -> modernResult;
    }

    @AfterEach
    void close() {
        gate.countDown();
        if (router != null) {
            router.close();
        }
    }

    private Route<Catalog> route(UnaryOperator<RouterBuilder> routerSettings, UnaryOperator<RouteState.Builder> state,
            UnaryOperator<RouteDefinition.Builder<Catalog>> definition) {
        router = routerSettings.apply(ShadowTestSupport.router(registry).clock(clock)).build();
        return router.register(definition.apply(RouteDefinition.builder(ROUTE, Catalog.class)
                .legacy(legacy).modern(modern)
                .initialState(s -> state.apply(s.shadowSample(0)))).build());
    }

    private Route<Catalog> route(UnaryOperator<RouteState.Builder> state) {
        return route(UnaryOperator.identity(), state, UnaryOperator.identity());
    }

    private static Item write(Route<Catalog> route, String key) {
        return route.write(key, c -> c.save(key, null));
    }

    private List<ReconciliationEntry> logged() {
        return router.reconciliationLog().list(ROUTE, 100);
    }

    private static RouteStats.SecondaryWrites secondary(Route<?> route) {
        return route.stats().secondaryWrites();
    }

    private double secondaryCounter(String result) {
        return counter(registry, "strangler.dualwrite.secondary", "route", ROUTE, "result", result);
    }

    /** Where a write goes, and which side is authoritative for it. */
    enum Case {
        DUAL_WRITE(Stage.DUAL_WRITE, Side.LEGACY),
        SHADOW(Stage.SHADOW, Side.LEGACY),
        CANARY_LEGACY_KEY(Stage.CANARY, Side.LEGACY),
        CANARY_MODERN_KEY(Stage.CANARY, Side.MODERN),
        MODERN(Stage.MODERN, Side.MODERN);

        final Stage stage;
        final Side authoritative;

        Case(Stage stage, Side authoritative) {
            this.stage = stage;
            this.authoritative = authoritative;
        }

        Route<Catalog> route(DualWriteTest test) {
            return test.route(s -> s.stage(stage).percentage(50));
        }

        String key(Route<Catalog> route) {
            return stage == Stage.CANARY ? ShadowSemanticsTest.keyServedBy(route, authoritative) : "sku-1";
        }
    }

    private FakeCatalog side(Side target) {
        return target == Side.LEGACY ? legacy : modern;
    }

    private Item result(Side target) {
        return target == Side.LEGACY ? legacyResult : modernResult;
    }

    // ------------------------------------------------------------------ order and outcome

    @ParameterizedTest
    @EnumSource(Case.class)
    void theAuthoritativeSideWritesFirstAndItsResultIsTheCallers(Case c) {
        Route<Catalog> route = c.route(this);
        String key = c.key(route);

        Item result = route.proxy().save(key, new Item(key, "widget", 10));

        assertThat(result).isSameAs(result(c.authoritative));
        String first = c.authoritative.name().toLowerCase(java.util.Locale.ROOT);
        String second = c.authoritative.other().name().toLowerCase(java.util.Locale.ROOT);
        assertThat(journal).containsExactly(first + ":save " + key, second + ":save " + key);
        assertThat(side(c.authoritative.other()).threads()).as("SYNC: on the caller's thread, before returning")
                .containsExactly(Thread.currentThread());
        assertThat(secondary(route)).isEqualTo(new RouteStats.SecondaryWrites(1, 0, 0, 0, 0));
        assertThat(secondaryCounter("success")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void whenTheAuthoritativeWriteFailsTheCallerGetsItsExceptionAndNoSecondWriteIsMade(Case c) {
        Route<Catalog> route = c.route(this);
        String key = c.key(route);
        IllegalStateException failure = new IllegalStateException("authoritative store refuses");
        side(c.authoritative).onSave = (sku, item) -> {
            throw failure;
        };

        assertThatThrownBy(() -> route.proxy().save(key, new Item(key, "widget", 10))).isSameAs(failure);

        assertThat(journal).containsExactly(c.authoritative.name().toLowerCase(java.util.Locale.ROOT) + ":save "
                + key);
        assertThat(secondary(route)).isEqualTo(new RouteStats.SecondaryWrites(0, 0, 0, 0, 0));
        assertThat(logged()).isEmpty();
    }

    // ------------------------------------------------------------------ failed second writes

    @Test
    void aFailedSecondWriteNeverReachesTheCallerAndIsCountedAndLoggedWithWhatIsNeededToReplayIt() {
        Route<Catalog> route = route(s -> s.stage(Stage.DUAL_WRITE));
        modern.onSave = (sku, item) -> {
            throw new IllegalStateException("modern disk full");
        };
        Item item = new Item("sku-1", "widget", 10);

        assertThat(route.proxy().save("sku-1", item)).isSameAs(legacyResult);

        assertThat(secondary(route).failed()).isEqualTo(1);
        assertThat(secondaryCounter("failure")).isEqualTo(1);
        assertThat(secondaryCounter("success")).isZero();
        assertThat(logged()).singleElement().satisfies(e -> {
            assertThat(e.route()).isEqualTo(ROUTE);
            assertThat(e.key()).isEqualTo("sku-1");
            assertThat(e.operation()).isEqualTo("save");
            assertThat(e.failedSide()).isEqualTo(Side.MODERN);
            assertThat(e.errorType()).isEqualTo("java.lang.IllegalStateException");
            assertThat(e.errorMessage()).isEqualTo("modern disk full");
            assertThat(e.arguments()).containsExactly("sku-1", item.toString());
            assertThat(e.time()).isEqualTo(clock.instant());
            assertThat(e.attempts()).isZero();
        });
    }

    @Test
    void aFailedSecondWriteToLegacyIsLoggedWithLegacyAsTheFailedSide() {
        Route<Catalog> route = route(s -> s.stage(Stage.MODERN));
        legacy.onSave = (sku, item) -> {
            throw new UnsupportedOperationException("legacy is read-only now");
        };

        assertThat(write(route, "sku-1")).isSameAs(modernResult);

        assertThat(logged()).singleElement().satisfies(e -> {
            assertThat(e.failedSide()).isEqualTo(Side.LEGACY);
            assertThat(e.operation()).isEqualTo("write");
            assertThat(e.errorType()).isEqualTo("java.lang.UnsupportedOperationException");
            assertThat(e.arguments()).as("a lambda's arguments are its own")
                    .isEqualTo(ReconciliationEntry.ARGUMENTS_NOT_RECORDED);
            assertThat(e.argumentsRecorded()).isFalse();
        });
    }

    /** A reconciliation log whose appends fail, as a full disk or an unreachable database would make them. */
    private static ReconciliationLog failingToAppend() {
        ReconciliationLog working = InMemoryReconciliationLog.create();
        return (ReconciliationLog) Proxy.newProxyInstance(ReconciliationLog.class.getClassLoader(),
                new Class<?>[] {ReconciliationLog.class}, (proxy, method, args) -> {
                    if (method.getName().equals("append")) {
                        throw new IllegalStateException("reconciliation table unreachable");
                    }
                    try {
                        return method.invoke(working, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aSecondWriteTheLogCannotRecordIsCountedAndLoggedWithEverythingNeededToRedoIt() {
        Route<Catalog> route = route(b -> b.reconciliationLog(failingToAppend()), s -> s.stage(Stage.DUAL_WRITE),
                UnaryOperator.identity());
        modern.onSave = (sku, item) -> {
            throw new IllegalStateException("modern store down");
        };

        assertThat(route.proxy().save("sku-1", new Item("sku-1", "kettle", 25))).as("the caller is not affected")
                .isSameAs(legacyResult);

        assertThat(secondaryCounter("failure")).isEqualTo(1);
        assertThat(counter(registry, "strangler.reconciliation.errors", "route", ROUTE)).isEqualTo(1);
        assertThat(log.lines("ERROR")).singleElement().asString()
                .startsWith("route 'catalog': second write save for key sku-1 on MODERN failed "
                        + "(java.lang.IllegalStateException: modern store down) AND the reconciliation log failed to "
                        + "record it; arguments: [sku-1, Item[sku=sku-1, name=kettle, price=25]]");
        assertThat(log.exceptionClasses()).containsExactly(IllegalStateException.class.getName());
    }

    @Test
    void replayingTheLogRemovesTheEntriesReplayedAndKeepsTheOnesThatFailAgain() {
        Route<Catalog> route = route(s -> s.stage(Stage.SHADOW));
        modern.onSave = (sku, item) -> {
            throw new IllegalStateException("modern down");
        };
        for (int i = 1; i <= 3; i++) {
            route.proxy().save("sku-" + i, new Item("sku-" + i, "widget", i));
        }
        assertThat(logged()).hasSize(3);
        modern.onSave = (sku, item) -> {
            if (sku.equals("sku-2")) {
                throw new IllegalStateException("still down for sku-2");
            }
            return modernResult;
        };

        ReplayReport report = router.reconciliationLog().replay(ROUTE,
                entry -> modern.save(entry.arguments().get(0), null), 10);

        assertThat(report.replayed()).isEqualTo(2);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(logged()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("sku-2");
            assertThat(e.attempts()).isEqualTo(1);
        });
    }

    // ------------------------------------------------------------------ ASYNC

    @Test
    @Timeout(10)
    void inAsyncModeTheSecondWriteRunsOffTheCallersThreadAndTheCallerDoesNotWaitForIt() {
        Route<Catalog> route = route(s -> s.stage(Stage.SHADOW).dualWriteMode(DualWriteMode.ASYNC));
        CountDownLatch entered = new CountDownLatch(1);
        modern.onSave = (sku, item) -> {
            entered.countDown();
            block(gate);
            return modernResult;
        };

        assertThat(route.proxy().save("sku-1", new Item("sku-1", "widget", 10))).isSameAs(legacyResult);

        await(entered, "the second write to start");
        assertThat(secondary(route).succeeded()).as("the caller returned while the second write was held")
                .isZero();
        assertThat(modern.threads()).singleElement().isNotSameAs(Thread.currentThread());
        gate.countDown();
        await("the second write", () -> secondary(route).succeeded() == 1);
    }

    @Test
    @Timeout(10)
    void inAsyncModeASecondWriteThatFindsTheExecutorFullIsSkippedAndLogged() {
        Route<Catalog> route = route(r -> r.shadowThreads(1).shadowQueueCapacity(1),
                s -> s.stage(Stage.DUAL_WRITE).dualWriteMode(DualWriteMode.ASYNC), UnaryOperator.identity());
        CountDownLatch entered = new CountDownLatch(1);
        modern.onSave = (sku, item) -> {
            entered.countDown();
            block(gate);
            return modernResult;
        };
        Catalog catalog = route.proxy();

        catalog.save("sku-1", new Item("sku-1", "widget", 1));
        await(entered, "the first second write to occupy the only thread");
        catalog.save("sku-2", new Item("sku-2", "widget", 2));
        assertThat(catalog.save("sku-3", new Item("sku-3", "widget", 3))).isSameAs(legacyResult);

        assertThat(secondary(route).skipped()).isEqualTo(1);
        assertThat(secondaryCounter("skipped")).isEqualTo(1);
        assertThat(logged()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("sku-3");
            assertThat(e.failedSide()).isEqualTo(Side.MODERN);
            assertThat(e.errorType()).isEqualTo(RejectedExecutionException.class.getName());
            assertThat(e.arguments()).containsExactly("sku-3", new Item("sku-3", "widget", 3).toString());
        });
        gate.countDown();
        await("the two second writes that found room", () -> secondary(route).succeeded() == 2);
        assertThat(modern.saves).hasValue(2);
    }

    // ------------------------------------------------------------------ modern's breaker

    @Test
    void aSecondWriteToModernWhoseBreakerIsOpenIsSkippedAndLogged() {
        Route<Catalog> route = route(UnaryOperator.identity(), s -> s.stage(Stage.DUAL_WRITE),
                d -> d.circuitBreaker(CircuitBreakerSettings.custom().slidingWindowSize(2).minimumNumberOfCalls(2)
                        .failureRateThreshold(50).build()));
        modern.onSave = (sku, item) -> {
            throw new IllegalStateException("modern down");
        };
        route.write("sku-1", c -> c.save("sku-1", null));
        route.write("sku-2", c -> c.save("sku-2", null));
        assertThat(secondary(route).failed()).as("failed second writes count against modern's breaker")
                .isEqualTo(2);
        modern.onSave = (sku, item) -> modernResult;

        assertThat(write(route, "sku-3")).isSameAs(legacyResult);

        assertThat(modern.saves).as("modern's breaker is open: no call").hasValue(2);
        assertThat(secondary(route).skipped()).isEqualTo(1);
        assertThat(logged()).hasSize(3).last().satisfies(e -> {
            assertThat(e.key()).isEqualTo("sku-3");
            assertThat(e.failedSide()).isEqualTo(Side.MODERN);
            assertThat(e.errorType()).isEqualTo(ModernUnavailableException.class.getName());
        });
    }

    @Test
    void whenAuthoritativeModernsBreakerIsOpenLegacyTakesTheWriteAndModernsMissIsLogged() {
        Route<Catalog> route = route(UnaryOperator.identity(), s -> s.stage(Stage.MODERN),
                d -> d.circuitBreaker(CircuitBreakerSettings.custom().slidingWindowSize(2).minimumNumberOfCalls(2)
                        .failureRateThreshold(50).build()));
        modern.onFind = sku -> {
            throw new IllegalStateException("modern down");
        };
        route.read("sku-0", c -> c.find("sku-0"));
        route.read("sku-0", c -> c.find("sku-0"));
        journal.clear();

        assertThat(write(route, "sku-1")).isSameAs(legacyResult);

        assertThat(journal).containsExactly("legacy:save sku-1");
        assertThat(secondary(route).skipped()).isEqualTo(1);
        assertThat(logged()).singleElement().satisfies(e -> {
            assertThat(e.failedSide()).isEqualTo(Side.MODERN);
            assertThat(e.errorType()).isEqualTo(ModernUnavailableException.class.getName());
        });
    }

    @Test
    void anIdempotentWriteModernFailedAndLegacyTookOverIsWrittenToLegacyOnceAndModernsMissIsLogged() {
        Route<Catalog> route = route(UnaryOperator.identity(), s -> s.stage(Stage.MODERN),
                d -> d.fallback(FallbackSettings.custom().idempotentWrites(true).build()));
        modern.onSave = (sku, item) -> {
            throw new IllegalStateException("modern timed out");
        };

        Item result = route.execute(io.strangler.api.Operation.write("restock").idempotent(), "sku-1",
                c -> c.save("sku-1", null));

        assertThat(result).isSameAs(legacyResult);
        assertThat(journal).containsExactly("modern:save sku-1", "legacy:save sku-1");
        assertThat(secondary(route)).isEqualTo(new RouteStats.SecondaryWrites(0, 0, 1, 0, 0));
        assertThat(logged()).singleElement().satisfies(e -> {
            assertThat(e.operation()).isEqualTo("restock");
            assertThat(e.failedSide()).isEqualTo(Side.MODERN);
            assertThat(e.errorMessage()).isEqualTo("modern timed out");
        });
    }

    // ------------------------------------------------------------------ no second write

    @ParameterizedTest
    @EnumSource(Case.class)
    void aStatelessRouteWritesOnlyTheServingSide(Case c) {
        Route<Catalog> route = route(UnaryOperator.identity(), s -> s.stage(c.stage).percentage(50),
                d -> d.dualWrites(DualWriteSettings.custom().stateless(true).build()));
        String key = c.key(route);

        assertThat(write(route, key)).isSameAs(result(c.authoritative));

        assertThat(journal).containsExactly(c.authoritative.name().toLowerCase(java.util.Locale.ROOT) + ":save "
                + key);
        assertThat(secondary(route)).isEqualTo(new RouteStats.SecondaryWrites(0, 0, 0, 0, 0));
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void dualWriteModeOffWritesOnlyTheServingSideOnARouteThatAllowsLossyRollback(Case c) {
        Route<Catalog> route = route(UnaryOperator.identity(),
                s -> s.stage(c.stage).percentage(50).dualWriteMode(DualWriteMode.OFF),
                d -> d.dualWrites(DualWriteSettings.custom().allowLossyRollback(true).build()));
        String key = c.key(route);

        assertThat(write(route, key)).isSameAs(result(c.authoritative));

        assertThat(journal).containsExactly(c.authoritative.name().toLowerCase(java.util.Locale.ROOT) + ":save "
                + key);
        assertThat(logged()).isEmpty();
    }

    @Test
    void anInitialStateWithDualWritesOffIsRefusedUnlessTheRouteAllowsLossyRollback() {
        RouteDefinition.Builder<Catalog> definition = RouteDefinition.builder(ROUTE, Catalog.class)
                .legacy(legacy).modern(modern)
                .initialState(s -> s.stage(Stage.CANARY).dualWriteMode(DualWriteMode.OFF));

        assertThatThrownBy(definition::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'" + ROUTE + "'")
                .hasMessageContaining("dualWriteMode OFF")
                .hasMessageContaining("allowLossyRollback(true)");
        assertThat(definition.dualWrites(DualWriteSettings.custom().allowLossyRollback(true).build()).build().initialState().dualWriteMode())
                .isEqualTo(DualWriteMode.OFF);
        assertThat(RouteDefinition.builder(ROUTE, Catalog.class).legacy(legacy).modern(modern).dualWrites(DualWriteSettings.custom().stateless(true).build())
                .initialState(s -> s.dualWriteMode(DualWriteMode.OFF)).build().initialState().dualWriteMode())
                .isEqualTo(DualWriteMode.OFF);
    }

    @Test
    void turningDualWritesOffIsRefusedUnlessTheRouteAllowsLossyRollback() {
        Route<Catalog> route = route(s -> s.stage(Stage.CANARY).percentage(10));
        RouteState before = route.state();

        assertThatThrownBy(() -> route.update("alice", "save money", b -> b.dualWriteMode(DualWriteMode.OFF)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + ROUTE + "'")
                .hasMessageContaining("dualWriteMode OFF")
                .hasMessageContaining("allowLossyRollback(true)");
        assertThat(route.state()).isEqualTo(before);

        route.write("sku-1", c -> c.save("sku-1", null));
        assertThat(secondary(route).succeeded()).as("still dual-written").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = {"LEGACY", "RETIRED"})
    void legacyAndRetiredWriteOneSideOnly(Stage stage) {
        Route<Catalog> route = route(s -> s.stage(stage));

        Item result = route.proxy().save("sku-1", new Item("sku-1", "widget", 1));

        Side only = stage == Stage.LEGACY ? Side.LEGACY : Side.MODERN;
        assertThat(result).isSameAs(result(only));
        assertThat(journal).containsExactly(only.name().toLowerCase(java.util.Locale.ROOT) + ":save sku-1");
        assertThat(secondary(route)).isEqualTo(new RouteStats.SecondaryWrites(0, 0, 0, 0, 0));
    }

    // ------------------------------------------------------------------ after commit

    @Test
    void aWriteSynchronizationThatDefersRunsTheSecondWriteOnlyAfterCommit() {
        List<Runnable> afterCommit = new ArrayList<>();
        Route<Catalog> route = route(r -> r.writeSynchronization(afterCommit::add), s -> s.stage(Stage.DUAL_WRITE),
                UnaryOperator.identity());

        assertThat(route.proxy().save("sku-1", new Item("sku-1", "widget", 1))).isSameAs(legacyResult);

        assertThat(journal).containsExactly("legacy:save sku-1");
        assertThat(afterCommit).hasSize(1);
        afterCommit.get(0).run();
        assertThat(journal).containsExactly("legacy:save sku-1", "modern:save sku-1");
        assertThat(secondary(route).succeeded()).isEqualTo(1);
    }

    @Test
    void aSecondWriteDeferredToCommitThatFailsIsLoggedWhenItRuns() {
        List<Runnable> afterCommit = new ArrayList<>();
        Route<Catalog> route = route(r -> r.writeSynchronization(afterCommit::add), s -> s.stage(Stage.SHADOW),
                UnaryOperator.identity());
        modern.onSave = (sku, item) -> {
            throw new IllegalStateException("modern down");
        };

        route.proxy().save("sku-1", new Item("sku-1", "widget", 1));
        assertThat(logged()).isEmpty();

        afterCommit.get(0).run();
        assertThat(logged()).singleElement().satisfies(e -> assertThat(e.key()).isEqualTo("sku-1"));
        assertThat(secondary(route).failed()).isEqualTo(1);
    }

    @Test
    void withoutATransactionTheSecondWriteRunsAtOnce() {
        Route<Catalog> route = route(r -> r.writeSynchronization(write -> false), s -> s.stage(Stage.DUAL_WRITE),
                UnaryOperator.identity());

        route.proxy().save("sku-1", new Item("sku-1", "widget", 1));

        assertThat(journal).containsExactly("legacy:save sku-1", "modern:save sku-1");
    }

    // ------------------------------------------------------------------ asynchronous writes

    @Test
    void anAsynchronousWriteIsDualWrittenToo() {
        Route<Catalog> route = route(s -> s.stage(Stage.SHADOW));

        CompletionStage<Item> result = route.writeAsync("sku-1", c -> c.saveAsync("sku-1", null));

        assertThat(result.toCompletableFuture().join()).isSameAs(legacyResult);
        await("the second write", () -> secondary(route).succeeded() == 1);
        assertThat(journal).containsExactly("legacy:save sku-1", "modern:save sku-1");
        assertThat(modern.threads()).singleElement().isNotSameAs(Thread.currentThread());
    }

    @Test
    void aFailedAsynchronousSecondWriteIsLoggedWithTheProxiedArguments() {
        Route<Catalog> route = route(s -> s.stage(Stage.DUAL_WRITE));
        modern.onSave = (sku, item) -> {
            throw new IllegalStateException("modern down");
        };
        Item item = new Item("sku-1", "widget", 1);

        assertThat(route.proxy().saveAsync("sku-1", item).toCompletableFuture().join()).isSameAs(legacyResult);

        await("the failed second write to be logged", () -> logged().size() == 1);
        assertThat(logged().get(0)).satisfies(e -> {
            assertThat(e.operation()).isEqualTo("saveAsync");
            assertThat(e.arguments()).containsExactly("sku-1", item.toString());
        });
        assertThat(secondary(route).failed()).isEqualTo(1);
    }
    // ------------------------------------------------------------------ the caller's context

    /** A tenant's context, as a servlet filter would attach it. */
    private static final RoutingContext TENANT = RoutingContext.builder().routingKey("user-7").segment("beta")
            .attribute("tenant", "acme").build();

    private static void assertTheCallersContext(RoutingContext seen) {
        assertThat(seen.routingKey()).isEqualTo("user-7");
        assertThat(seen.segments()).containsExactly("beta");
        assertThat(seen.attributes()).containsEntry("tenant", "acme");
        assertThat(seen.isShadow()).as("a second write is a real write, not a shadow").isFalse();
    }

    @Test
    @Timeout(10)
    void anAsyncModeSecondWriteRunsInTheCallersRoutingContextOnTheExecutor() {
        Route<Catalog> route = route(s -> s.stage(Stage.SHADOW).dualWriteMode(DualWriteMode.ASYNC));

        try (RoutingContext.Scope ignored = TENANT.attach()) {
            assertThat(route.proxy().save("sku-1", new Item("sku-1", "widget", 10))).isSameAs(legacyResult);
        }

        await("the second write", () -> secondary(route).succeeded() == 1);
        assertThat(modern.threads()).singleElement().isNotSameAs(Thread.currentThread());
        assertThat(modern.contexts).singleElement().satisfies(DualWriteTest::assertTheCallersContext);
    }

    @Test
    @Timeout(10)
    void theSecondWriteOfAnAsynchronousCallRunsInTheCallersRoutingContextWhicheverThreadCompletesTheFirst() {
        Route<Catalog> route = route(s -> s.stage(Stage.SHADOW));
        CompletableFuture<Item> legacyWrite = new CompletableFuture<>();

        CompletionStage<Item> result;
        try (RoutingContext.Scope ignored = TENANT.attach()) {
            result = route.writeAsync(null, c -> c == legacy ? legacyWrite : c.saveAsync("sku-1", null));
        }
        // Legacy's write completes later, on a thread with another context.
        RoutingContext.builder().routingKey("someone-else").build().run(() -> legacyWrite.complete(legacyResult));

        assertThat(result.toCompletableFuture().join()).isSameAs(legacyResult);
        await("the second write", () -> secondary(route).succeeded() == 1);
        assertThat(modern.contexts).singleElement().satisfies(DualWriteTest::assertTheCallersContext);
    }

    @Test
    void aSynchronousSecondWriteRunsInTheCallersRoutingContextToo() {
        Route<Catalog> route = route(s -> s.stage(Stage.SHADOW));

        try (RoutingContext.Scope ignored = TENANT.attach()) {
            write(route, "sku-1");
        }

        assertThat(modern.contexts).singleElement().satisfies(DualWriteTest::assertTheCallersContext);
    }

    // ------------------------------------------------------------------ what the log records

    /** A write without parameters. */
    interface Reset {
        void reset();
    }

    @Test
    void aProxiedWriteWithoutParametersIsLoggedWithNoArgumentsAndALambdaWriteWithArgumentsNotRecorded() {
        router = ShadowTestSupport.router(registry).clock(clock).build();
        Reset legacyReset = () -> { };
        Reset modernReset = () -> {
            throw new IllegalStateException("modern down");
        };
        Route<Reset> route = router.register(RouteDefinition.builder("reset", Reset.class)
                .legacy(legacyReset).modern(modernReset)
                .initialState(s -> s.stage(Stage.DUAL_WRITE)).build());

        route.proxy().reset();
        route.write("k-1", r -> {
            r.reset();
            return null;
        });

        List<ReconciliationEntry> entries = router.reconciliationLog().list("reset", 10);
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).satisfies(e -> {
            assertThat(e.operation()).isEqualTo("reset");
            assertThat(e.arguments()).as("a call without arguments").isEmpty();
            assertThat(e.argumentsRecorded()).isTrue();
        });
        assertThat(entries.get(1)).satisfies(e -> {
            assertThat(e.operation()).isEqualTo("write");
            assertThat(e.arguments()).isEqualTo(ReconciliationEntry.ARGUMENTS_NOT_RECORDED);
            assertThat(e.argumentsRecorded()).as("a lambda's arguments are not a call without arguments")
                    .isFalse();
        });
    }
}
