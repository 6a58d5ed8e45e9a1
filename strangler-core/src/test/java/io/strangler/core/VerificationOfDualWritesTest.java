package io.strangler.core;

import io.strangler.api.dualwrite.DualWriteSettings;

import static io.strangler.core.ShadowTestSupport.await;
import static io.strangler.core.ShadowTestSupport.counter;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteStats;
import io.strangler.api.RoutingContext;
import io.strangler.api.Stage;
import io.strangler.api.dualwrite.VerificationReader;
import io.strangler.api.compare.Difference;
import io.strangler.api.event.DataIntegrityEvent;
import io.strangler.api.event.RouterListener;
import io.strangler.core.ShadowTestSupport.Catalog;
import io.strangler.core.ShadowTestSupport.FakeCatalog;
import io.strangler.core.ShadowTestSupport.Item;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code verifyWrites}: a sample of dual writes is read back from both sides, off the caller's thread, and
 * compared; a difference is a data-integrity failure, reported to listeners with the differing paths and counted.
 */
class VerificationOfDualWritesTest {

    private static final String ROUTE = "catalog";
    private static final VerificationReader<Catalog> READ_BACK = (catalog, key) -> catalog.find(key);

    private final FakeCatalog legacy = new FakeCatalog("legacy");
    private final FakeCatalog modern = new FakeCatalog("modern");
    private final Map<String, Item> legacyStore = new ConcurrentHashMap<>();
    private final Map<String, Item> modernStore = new ConcurrentHashMap<>();
    private final List<DataIntegrityEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> listenerThreads = Collections.synchronizedList(new ArrayList<>());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private MigrationRouter router;

    VerificationOfDualWritesTest() {
        legacy.onSave = (sku, item) -> {
            legacyStore.put(sku, item);
            return item;
        };
        legacy.onFind = legacyStore::get;
        modern.onSave = (sku, item) -> {
            modernStore.put(sku, item);
            return item;
        };
        modern.onFind = modernStore::get;
    }

    @AfterEach
    void close() {
        if (router != null) {
            router.close();
        }
    }

    private Route<Catalog> route(VerificationReader<Catalog> reader) {
        return route(reader, 4);
    }

    private Route<Catalog> route(VerificationReader<Catalog> reader, int shadowThreads) {
        router = ShadowTestSupport.router(registry).shadowThreads(shadowThreads).listener(new RouterListener() {
            @Override
            public void onDataIntegrity(DataIntegrityEvent event) {
                listenerThreads.add(Thread.currentThread());
                events.add(event);
            }
        }).build();
        return router.register(RouteDefinition.builder(ROUTE, Catalog.class).legacy(legacy).modern(modern)
                .dualWrites(DualWriteSettings.custom().verify(100, Catalog.class, reader).build())
                .initialState(s -> s.stage(Stage.DUAL_WRITE)).build());
    }

    private static RouteStats.SecondaryWrites secondary(Route<?> route) {
        return route.stats().secondaryWrites();
    }

    private double verifications(String result) {
        return counter(registry, "strangler.dualwrite.verifications", "route", ROUTE, "result", result);
    }

    @Test
    void sidesThatStoreDifferentDataAreADataIntegrityFailureWithTheDifferingPaths() {
        Route<Catalog> route = route(READ_BACK);
        modern.onSave = (sku, item) -> {
            Item stored = new Item(item.sku(), item.name(), item.price() * 100); // stores cents, say
            modernStore.put(sku, stored);
            return stored;
        };
        Item item = new Item("sku-1", "widget", 12);

        assertThat(route.proxy().save("sku-1", item)).isSameAs(item);

        await("the data-integrity event", () -> events.size() == 1);
        assertThat(events.get(0)).satisfies(e -> {
            assertThat(e.route()).isEqualTo(ROUTE);
            assertThat(e.key()).isEqualTo("sku-1");
            assertThat(e.operation()).isEqualTo("save");
            assertThat(e.differences()).extracting(Difference::path).containsExactly("$.price");
            assertThat(e.differences().get(0).legacy()).isEqualTo("12");
            assertThat(e.differences().get(0).modern()).isEqualTo("1200");
        });
        assertThat(listenerThreads).doesNotContain(Thread.currentThread());
        assertThat(secondary(route).integrityFailures()).isEqualTo(1);
        assertThat(secondary(route).verified()).isZero();
        assertThat(verifications("mismatch")).isEqualTo(1);
    }

    @Test
    void sidesThatStoreTheSameDataAreCountedAsVerified() {
        Route<Catalog> route = route(READ_BACK);

        for (int i = 1; i <= 3; i++) {
            route.proxy().save("sku-" + i, new Item("sku-" + i, "widget", i));
        }

        await("three verifications", () -> secondary(route).verified() == 3);
        assertThat(secondary(route).integrityFailures()).isZero();
        assertThat(events).isEmpty();
        assertThat(verifications("match")).isEqualTo(3);
    }

    @Test
    void theReadBackRunsInTheCallersRoutingContextMarkedAsAShadow() {
        Route<Catalog> route = route(READ_BACK);
        RoutingContext tenant = RoutingContext.builder().routingKey("user-7").segment("beta")
                .attribute("tenant", "acme").build();

        try (RoutingContext.Scope ignored = tenant.attach()) {
            route.proxy().save("sku-1", new Item("sku-1", "widget", 1));
        }

        await("the verification", () -> secondary(route).verified() == 1);
        assertThat(List.of(legacy.contexts.get(1), modern.contexts.get(1))).allSatisfy(read -> {
            assertThat(read.routingKey()).isEqualTo("user-7");
            assertThat(read.segments()).containsExactly("beta");
            assertThat(read.attributes()).containsEntry("tenant", "acme");
            assertThat(read.isShadow()).as("a read-back serves nobody").isTrue();
        });
    }

    @Test
    void aReaderThatFailsIsAVerificationErrorTheCallerNeverSees() {
        Route<Catalog> route = route((catalog, key) -> {
            throw new IllegalStateException("read-back failed");
        });
        Item item = new Item("sku-1", "widget", 12);

        assertThat(route.proxy().save("sku-1", item)).isSameAs(item);

        await("the verification error", () -> verifications("error") == 1);
        assertThat(secondary(route).verified()).isZero();
        assertThat(secondary(route).integrityFailures()).isZero();
        assertThat(events).isEmpty();
    }

    @Test
    void aFailedSecondWriteIsLoggedNotVerified() {
        Route<Catalog> route = route(READ_BACK, 1);
        modern.onSave = (sku, item) -> {
            throw new IllegalStateException("modern down");
        };

        route.proxy().save("sku-1", new Item("sku-1", "widget", 12));
        // A successful write after it: on the single shadow thread, its verification runs after any the failed
        // write could have asked for.
        modern.onSave = (sku, item) -> {
            modernStore.put(sku, item);
            return item;
        };
        route.proxy().save("sku-2", new Item("sku-2", "widget", 13));

        await("the second write's verification", () -> secondary(route).verified() == 1);
        assertThat(secondary(route).integrityFailures()).as("sku-1 is missing on modern, but it was not verified")
                .isZero();
        assertThat(router.reconciliationLog().list(ROUTE, 10)).extracting(e -> e.key()).containsExactly("sku-1");
    }
}
