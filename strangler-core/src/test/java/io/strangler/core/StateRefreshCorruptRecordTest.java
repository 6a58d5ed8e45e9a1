package io.strangler.core;

import io.strangler.api.Revision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.InvalidStateRecordException;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.api.Side;
import io.strangler.core.RouteStateTestSupport.Service;
import io.strangler.core.RouteStateTestSupport.FakeSide;
import io.strangler.core.state.Ff4jRouteStateStore;
import io.strangler.core.state.RouteStateCodec;
import io.strangler.core.testing.LogCapture;
import io.strangler.core.testing.MutableClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.ff4j.FF4j;
import org.ff4j.core.Feature;
import org.ff4j.property.Property;
import org.ff4j.property.PropertyString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A state record in the store that can't be read: refused at registration with a message that says what is wrong
 * where; ignored after registration, keeping the last good state, with an error metric.
 */
class StateRefreshCorruptRecordTest {

    private static final String FEATURE = "strangler.svc";

    @RegisterExtension
    final LogCapture log = new LogCapture();
    private final MutableClock clock = MutableClock.startingAt("2026-11-21T10:00:00Z");
    private final FF4j ff4j = new FF4j();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MigrationRouter router = Strangler.router().clock(clock).ff4j(ff4j).meterRegistry(registry)
            .refreshInterval(Duration.ZERO).build();

    @AfterEach
    void close() {
        router.close();
    }

    private static RouteDefinition<Service> definition() {
        return RouteDefinition.builder("svc", Service.class).legacy(new FakeSide("legacy")).modern(new FakeSide("modern"))
                .initialState(s -> s.stage(Stage.CANARY).percentage(100)).build();
    }

    private void putRecord(String record) {
        Feature feature = ff4j.getFeatureStore().exist(FEATURE) ? new Feature(ff4j.getFeatureStore().read(FEATURE))
                : null;
        if (feature == null) {
            Feature created = new Feature(FEATURE, true);
            created.addProperty(new PropertyString(Ff4jRouteStateStore.STATE_PROPERTY, record));
            ff4j.getFeatureStore().create(created);
            return;
        }
        Map<String, Property<?>> properties = new HashMap<>(feature.getCustomProperties());
        properties.put(Ff4jRouteStateStore.STATE_PROPERTY, new PropertyString(Ff4jRouteStateStore.STATE_PROPERTY,
                record));
        feature.setCustomProperties(properties);
        ff4j.getFeatureStore().update(feature);
    }

    private static String goodRecord(UnaryOperator<RouteState.Builder> change) {
        return goodRecord(change, 0);
    }

    private static String goodRecord(UnaryOperator<RouteState.Builder> change, long version) {
        return RouteStateCodec.encode(change.apply(RouteState.builder("svc")).build()
                .withRevision(new Revision(version, null, null, null)));
    }

    private String withField(String field, String rawValue) {
        String good = goodRecord(b -> b.stage(Stage.CANARY).percentage(50), 3);
        return good.replaceFirst("\"" + field + "\":[^,}]*", "\"" + field + "\":" + rawValue);
    }

    private double errors(String kind) {
        return registry.get("strangler.store.errors").tags("route", "svc", "kind", kind).functionCounter().count();
    }

    // ------------------------------------------------------------------ at registration

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "stage                 | \"CANNARY\"  | CANNARY",
        "percentageBasisPoints | \"fifty\"    | fifty",
        "percentageBasisPoints | 20000       | 20000",
        "version               | -1          | -1",
        "changedAt             | \"monday\"   | monday",
        "forcedModernSegments  | 7           | 7",
    })
    void aBadFieldAtRegistrationIsRefusedNamingRouteFieldAndValue(String field, String raw, String shown) {
        putRecord(withField(field, raw));
        assertThatThrownBy(() -> router.register(definition()))
                .isInstanceOf(InvalidStateRecordException.class)
                .hasMessageContaining("svc")
                .hasMessageContaining(field)
                .hasMessageContaining(shown);
        assertThat(router.findRoute("svc")).isEmpty();
        // The record is left as it was for a person to look at: nothing was overwritten.
        assertThat(ff4j.getFeatureStore().read(FEATURE).getCustomProperties()
                .get(Ff4jRouteStateStore.STATE_PROPERTY).asString()).contains(raw);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {"garbage", "{\"stage\":", "[1,2,3]", "` `"})
    void aRecordThatIsNotJsonIsRefusedAtRegistration(String record) {
        putRecord(record);
        assertThatThrownBy(() -> router.register(definition()))
                .isInstanceOf(InvalidStateRecordException.class)
                .hasMessageContaining("svc");
        assertThat(router.findRoute("svc")).isEmpty();
    }

    @Test
    void aCorruptRecordStopsTheBuilderWhenTheRouteIsRegisteredThere() {
        putRecord(withField("stage", "\"CANNARY\""));
        assertThatThrownBy(() -> Strangler.router().ff4j(ff4j).refreshInterval(Duration.ZERO).route(definition())
                .build())
                .isInstanceOf(InvalidStateRecordException.class)
                .hasMessageContaining("CANNARY");
    }

    @Test
    void aRecordWrittenWithAnotherBucketingVersionIsRefusedAtRegistration() {
        putRecord(withField("bucketingVersion", "2"));
        assertThatThrownBy(() -> router.register(definition()))
                .isInstanceOf(InvalidStateRecordException.class)
                .hasMessageContaining("svc")
                .hasMessageContaining("bucketingVersion")
                .hasMessageContaining("2");
        assertThat(router.findRoute("svc")).isEmpty();
    }

    @Test
    void oncePutRightTheRouteRegisters() {
        putRecord("garbage");
        assertThatThrownBy(() -> router.register(definition())).isInstanceOf(InvalidStateRecordException.class);
        putRecord(goodRecord(b -> b.stage(Stage.MODERN), 9));
        Route<Service> route = router.register(definition());
        assertThat(route.state().stage()).isEqualTo(Stage.MODERN);
        assertThat(route.state().version()).isEqualTo(9);
    }

    // ------------------------------------------------------------------ after registration

    @Test
    void aCorruptRecordAfterRegistrationIsIgnoredAndCounted() {
        Route<Service> route = router.register(definition());
        RouteState good = route.setPercentage(60, "alice", "step");
        String in = DecisionTest.keyWith("svc", 6_000, true);
        assertThat(errors("corrupt")).isZero();

        putRecord(withField("stage", "\"CANNARY\""));
        router.refresh();
        assertThat(route.state()).isEqualTo(good);
        assertThat(route.decide(in)).isEqualTo(Side.MODERN);
        String served = route.read(in, s -> s.serve(in));
        assertThat(served).isEqualTo("modern");
        assertThat(errors("corrupt")).isEqualTo(1);
        assertThat(errors("unavailable")).isZero();
        assertThat(log.lines("ERROR")).singleElement().asString()
                .startsWith("route 'svc': ignoring a corrupt state record, keeping v1: ").contains("stage", "CANNARY");

        putRecord("{not json");
        router.refresh();
        router.refresh();
        assertThat(route.state()).isEqualTo(good);
        assertThat(errors("corrupt")).isEqualTo(3);
        assertThat(log.lines("ERROR")).as("counted every time, said once per record").hasSize(2);

        // Put right in the store: picked up, and the counter stops.
        RouteState fixed = good.toBuilder().percentageBasisPoints(7_000).build()
                .withRevision(new Revision(good.version() + 1, "ops", null, "fixed by hand"));
        putRecord(RouteStateCodec.encode(fixed));
        router.refresh();
        assertThat(route.state()).isEqualTo(fixed);
        assertThat(errors("corrupt")).isEqualTo(3);
    }

    @Test
    void aRecordWithAnotherBucketingVersionAfterRegistrationIsIgnoredNotUsed() {
        // A newer release elsewhere in the fleet writes bucketingVersion 2. This instance implements only version
        // 1: routing on that record would bucket users differently from the instance that wrote it.
        Route<Service> route = router.register(definition());
        RouteState good = route.setPercentage(60, "alice", "step");
        putRecord(RouteStateCodec.encode(good.toBuilder().bucketingVersion(2).percentageBasisPoints(9_000).build()
                .withRevision(new Revision(good.version() + 1, null, null, null))));
        router.refresh();
        assertThat(route.state()).isEqualTo(good);
        assertThat(route.state().bucketingVersion()).isEqualTo(1);
        assertThat(errors("corrupt")).isEqualTo(1);
    }
}
