package io.strangler.core.state;

import io.strangler.api.Revision;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.api.Side;
import io.strangler.core.RouteStateTestSupport.Service;
import io.strangler.core.RouteStateTestSupport.FakeSide;
import io.strangler.core.Strangler;
import io.strangler.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.ff4j.FF4j;
import org.ff4j.core.Feature;
import org.ff4j.core.FeatureStore;
import org.ff4j.property.Property;
import org.ff4j.property.PropertyInt;
import org.ff4j.property.PropertyString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link Ff4jRouteStateStore} must do on any FF4J feature store; subclasses run it on a concrete one. Two
 * routers on one FF4J stand for two instances of a service sharing the store.
 */
abstract class Ff4jStoreContract {

    static final String ROUTE = "cv-analyzer";
    static final String FEATURE = "strangler.cv-analyzer";

    final MutableClock clock = MutableClock.startingAt("2026-11-21T10:00:00Z");
    FeatureStore featureStore;
    FF4j ff4j;
    private final List<MigrationRouter> routers = new ArrayList<>();

    /** A new, empty feature store. */
    abstract FeatureStore newFeatureStore();

    @BeforeEach
    void createStore() {
        featureStore = newFeatureStore();
        ff4j = new FF4j();
        ff4j.setFeatureStore(featureStore);
    }

    @AfterEach
    void closeRouters() {
        routers.forEach(MigrationRouter::close);
    }

    MigrationRouter router() {
        MigrationRouter router = Strangler.router().clock(clock).ff4j(ff4j).refreshInterval(Duration.ZERO).build();
        routers.add(router);
        return router;
    }

    static Route<Service> register(MigrationRouter router, UnaryOperator<RouteState.Builder> initial) {
        return router.register(RouteDefinition.builder(ROUTE, Service.class).legacy(new FakeSide("legacy"))
                .modern(new FakeSide("modern")).initialState(initial).build());
    }

    String record() {
        return featureStore.read(FEATURE).getCustomProperties().get(Ff4jRouteStateStore.STATE_PROPERTY).asString();
    }

    /** Writes {@code json} as the state record, as an operator editing the feature in the FF4J console would. */
    void writeRecord(String json) {
        Feature copy = new Feature(featureStore.read(FEATURE));
        Map<String, Property<?>> properties = new HashMap<>(copy.getCustomProperties());
        properties.put(Ff4jRouteStateStore.STATE_PROPERTY, new PropertyString(Ff4jRouteStateStore.STATE_PROPERTY,
                json));
        copy.setCustomProperties(properties);
        featureStore.update(copy);
    }

    @Test
    void theStateIsOneJsonPropertyOnTheRoutesFeature() {
        Route<Service> route = register(router(), s -> s.stage(Stage.CANARY).percentage(10).forceModern("internal"));
        assertThat(featureStore.exist(FEATURE)).isTrue();
        Feature feature = featureStore.read(FEATURE);
        assertThat(feature.isEnable()).isTrue();
        assertThat(feature.getGroup()).isEqualTo(Ff4jRouteStateStore.FEATURE_GROUP);
        assertThat(feature.getCustomProperties()).containsOnlyKeys(Ff4jRouteStateStore.STATE_PROPERTY);
        assertThat(record()).isEqualTo(RouteStateCodec.encode(route.state()));
        assertThat(RouteStateCodec.decode(ROUTE, record(), true)).isEqualTo(route.state());

        RouteState next = route.setPercentage(25, "alice", "step 2");
        assertThat(RouteStateCodec.decode(ROUTE, record(), true)).isEqualTo(next);
        route.setEnabled(false, "alice", "incident");
        assertThat(featureStore.read(FEATURE).isEnable()).isFalse();
        assertThat(new Ff4jRouteStateStore(ff4j).load(ROUTE)).contains(route.state());
    }

    @Test
    void otherAttributesOfTheFeatureAreKeptOnEveryWrite() {
        Feature own = new Feature(FEATURE, false, "owned by the hiring team", "hiring-team", Set.of("ADMIN", "OPS"));
        own.addProperty(new PropertyString("owner", "team-hiring"));
        own.addProperty(new PropertyInt("ticket", 4242));
        featureStore.create(own);

        Route<Service> route = register(router(), s -> s.stage(Stage.CANARY).percentage(10));
        // A feature made by hand keeps its enabled flag: it is the kill switch.
        assertThat(route.state().enabled()).isFalse();
        assertThat(route.decide("user-1")).isEqualTo(Side.LEGACY);
        assertKept(featureStore.read(FEATURE));

        route.setEnabled(true, "alice", "go");
        route.setPercentage(50, "alice", "step");
        route.rollback("bob", "errors");
        Feature after = featureStore.read(FEATURE);
        assertKept(after);
        assertThat(after.isEnable()).isTrue();
        assertThat(RouteStateCodec.decode(ROUTE, record(), true).revision().changedBy()).isEqualTo("bob");
    }

    private static void assertKept(Feature f) {
        assertThat(f.getDescription()).isEqualTo("owned by the hiring team");
        assertThat(f.getGroup()).isEqualTo("hiring-team");
        assertThat(f.getPermissions()).containsExactlyInAnyOrder("ADMIN", "OPS");
        assertThat(f.getCustomProperties()).containsKeys("owner", "ticket", Ff4jRouteStateStore.STATE_PROPERTY);
        assertThat(f.getCustomProperties().get("owner").asString()).isEqualTo("team-hiring");
        assertThat(f.getCustomProperties().get("ticket").asString()).isEqualTo("4242");
    }

    @Test
    void theStoredStateWinsOverTheInitialStateSoARestartDoesNotUndoARollout() {
        MigrationRouter first = router();
        Route<Service> route = register(first, s -> s.stage(Stage.CANARY).percentage(10));
        clock.advance(Duration.ofHours(2));
        RouteState advanced = route.setPercentage(40, "controller", "step 3");
        first.close();

        // The service restarts with the same definition: still 40 %, same version and audit fields.
        Route<Service> restarted = register(router(), s -> s.stage(Stage.CANARY).percentage(10));
        assertThat(restarted.state()).isEqualTo(advanced);
        assertThat(restarted.state().revision().changedAt()).isEqualTo(Instant.parse("2026-11-21T12:00:00Z"));

        // Nor a rollback, even when the definition says MODERN.
        RouteState rolledBack = restarted.rollback("oncall", "errors");
        Route<Service> again = register(router(), s -> s.stage(Stage.MODERN));
        assertThat(again.state()).isEqualTo(rolledBack);
        assertThat(again.decide("user-1")).isEqualTo(Side.LEGACY);
    }

    @Test
    void aChangeOnAnotherInstanceIsPickedUpByRefreshAndOneHereAppliesAtOnce() {
        MigrationRouter here = router();
        Route<Service> local = register(here, s -> s.stage(Stage.CANARY).percentage(0));
        Route<Service> remote = register(router(), s -> s);

        RouteState fromThere = remote.setPercentage(100, "controller", "all in");
        assertThat(local.decide("user-1")).as("not before the refresh").isEqualTo(Side.LEGACY);
        here.refresh();
        assertThat(local.state()).isEqualTo(fromThere);
        assertThat(local.decide("user-1")).isEqualTo(Side.MODERN);

        // A change here applies here without a refresh, and is in the store at once.
        RouteState rolledBack = local.rollback("oncall", "errors");
        assertThat(local.decide("user-1")).isEqualTo(Side.LEGACY);
        assertThat(RouteStateCodec.decode(ROUTE, record(), true)).isEqualTo(rolledBack);
    }

    @Test
    void aRecordEditedInTheStoreIsPickedUpByRefresh() {
        MigrationRouter router = router();
        Route<Service> route = register(router, s -> s.stage(Stage.CANARY).percentage(0));
        RouteState edited = route.state().toBuilder().stage(Stage.MODERN).build()
                .withRevision(new Revision(1, "ops", Instant.parse("2026-11-21T11:00:00Z"), "edited by hand"));
        writeRecord(RouteStateCodec.encode(edited));
        router.refresh();
        assertThat(route.state()).isEqualTo(edited);
        assertThat(route.decide("user-1")).isEqualTo(Side.MODERN);
    }

    @Test
    void aDeletedFeatureIsWrittenAgainFromTheCurrentState() {
        MigrationRouter router = router();
        Route<Service> route = register(router, s -> s.stage(Stage.CANARY).percentage(30));
        RouteState current = route.setPercentage(35, "alice", "step");
        featureStore.delete(FEATURE);
        router.refresh();
        assertThat(featureStore.exist(FEATURE)).isTrue();
        assertThat(RouteStateCodec.decode(ROUTE, record(), true)).isEqualTo(current);
        assertThat(route.state()).isEqualTo(current);
    }

    /**
     * What the store promises as a {@code RouteStateStore} (load, createIfAbsent, compareAndSet, round trips,
     * concurrent changes) is strangler-test's {@code RouteStateStoreContract}, which runs on this store over FF4J's
     * in-memory and JDBC stores; here, what is particular to FF4J.
     */
    @Test
    void theStoreNamesItsFeaturesAndReadsOnlyTheOnesWithARecord() {
        Ff4jRouteStateStore store = new Ff4jRouteStateStore(ff4j);
        assertThat(store.featureName(ROUTE)).isEqualTo(FEATURE);
        // Nothing to compare with: refused, and no feature created.
        assertThat(store.compareAndSet(0, RouteState.builder("other").build()
                .withRevision(new Revision(1, null, null, null)))).isFalse();
        assertThat(featureStore.exist("strangler.other")).isFalse();
        // A feature of that name without a state record holds no state.
        featureStore.create(new Feature("strangler.plain", true));
        assertThat(store.load("plain")).isEmpty();
        assertThat(store.toString()).contains("strangler.");
    }

    @Test
    void aCustomPrefixNamesTheFeatures() {
        Ff4jRouteStateStore store = new Ff4jRouteStateStore(featureStore, "myapp.routes.");
        MigrationRouter router = Strangler.router().clock(clock).stateStore(store).refreshInterval(Duration.ZERO)
                .build();
        routers.add(router);
        register(router, s -> s.stage(Stage.CANARY));
        assertThat(featureStore.exist("myapp.routes." + ROUTE)).isTrue();
        assertThat(featureStore.exist(FEATURE)).isFalse();
        assertThat(store.load(ROUTE)).map(RouteState::stage).contains(Stage.CANARY);
    }

    @Test
    void aLongReasonAndManySegmentsAreStored() {
        // What real operators write: a reason with a ticket link and an explanation, a dozen segments.
        String reason = "rollback: p95 of modern 2.4x legacy over 60 s (n=1200), see "
                + "https://tickets.example.com/browse/HIRING-4242 and the dashboard; ".repeat(3);
        Route<Service> route = register(router(), s -> s.stage(Stage.CANARY).percentage(10));
        List<String> segments = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            segments.add("tenant-group-" + i);
        }
        RouteState next = route.update("alice.long-name@example.com", reason, b -> b.forceModern(segments));
        Optional<RouteState> stored = new Ff4jRouteStateStore(ff4j).load(ROUTE);
        assertThat(stored).contains(next);
        assertThat(new HashSet<>(stored.orElseThrow().forcedModernSegments())).hasSize(12);
    }
}
