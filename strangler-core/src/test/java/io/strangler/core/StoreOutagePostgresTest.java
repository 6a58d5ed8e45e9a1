package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.core.RouteStateTestSupport.FakeSide;
import io.strangler.core.RouteStateTestSupport.Service;
import io.strangler.core.state.Ff4jRouteStateStore;
import io.strangler.core.testing.MutableClock;
import io.strangler.core.testing.PostgresSupport;
import io.strangler.core.testing.PostgresTables;
import io.strangler.core.testing.TcpProxy;
import java.io.IOException;
import java.time.Duration;
import org.ff4j.store.JdbcFeatureStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two instances on one real PostgreSQL (FF4J's JDBC store); the connection of one of them is cut by a proxy inside
 * the test, while it serves: its callers see no error, it routes on its last state, it fails safe to legacy past
 * {@code maxStaleness}, and a rollback made on it during the outage applies there at once and reaches the other
 * instance once the connection is back. Skipped without PostgreSQL, unless {@code CI=true}.
 */
class StoreOutagePostgresTest {

    private static final Duration MAX_STALENESS = Duration.ofSeconds(30);

    @RegisterExtension
    final PostgresTables postgres = new PostgresTables();
    private final MutableClock clock = MutableClock.startingAt("2026-11-26T10:00:00Z");
    private TcpProxy proxy;
    private MigrationRouter cutOff;
    private MigrationRouter other;

    @BeforeEach
    void start() throws IOException {
        JdbcFeatureStore shared = postgres.ff4jFeatureStore();
        proxy = new TcpProxy(PostgresSupport.address().getHostString(), PostgresSupport.address().getPort());
        JdbcFeatureStore throughProxy = new JdbcFeatureStore(PostgresSupport.dataSourceThrough(proxy));
        throughProxy.setQueryBuilder(shared.getQueryBuilder());
        cutOff = Strangler.router().clock(clock).stateStore(new Ff4jRouteStateStore(throughProxy, "strangler."))
                .maxStaleness(MAX_STALENESS).refreshInterval(Duration.ZERO).build();
        other = Strangler.router().clock(clock).stateStore(new Ff4jRouteStateStore(shared, "strangler."))
                .refreshInterval(Duration.ZERO).build();
    }

    @AfterEach
    void stop() {
        if (cutOff != null) {
            cutOff.close();
        }
        if (other != null) {
            other.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private static Route<Service> register(MigrationRouter router) {
        return router.register(RouteDefinition.builder("svc", Service.class).legacy(new FakeSide("legacy"))
                .modern(new FakeSide("modern")).initialState(s -> s.stage(Stage.CANARY).percentage(50)).build());
    }

    /** Serves 1,000 users; returns how many modern answered. Any exception fails the test. */
    private static int serveUsers(Route<Service> route) {
        int modern = 0;
        for (int i = 0; i < 1_000; i++) {
            String key = "user-" + i;
            if (route.read(key, s -> s.serve(key)).equals("modern")) {
                modern++;
            }
        }
        return modern;
    }

    @Test
    @Timeout(60)
    void anInstanceCutFromTheStoreServesOnAndItsRollbackReachesTheFleetWhenTheStoreIsBack() {
        Route<Service> here = register(cutOff);
        Route<Service> there = register(other);
        int modernBefore = serveUsers(here);
        assertThat(modernBefore).isBetween(400, 600);

        proxy.cut();
        cutOff.refresh();
        assertThat(serveUsers(here)).as("the last known state, and no caller error").isEqualTo(modernBefore);

        RouteState rolledBack = here.rollback("oncall", "modern fails, and the store is unreachable");
        assertThat(serveUsers(here)).as("the rollback applies here at once").isZero();
        other.refresh();
        assertThat(there.state().percentage()).as("not written yet").isEqualTo(50.0);

        clock.advance(MAX_STALENESS.plusSeconds(1));
        cutOff.refresh();
        assertThat(serveUsers(here)).as("stale: legacy").isZero();

        proxy.restore();
        cutOff.refresh();
        other.refresh();
        assertThat(there.state().percentage()).as("the rollback reached the other instance").isZero();
        assertThat(there.state().revision().changedBy()).isEqualTo("oncall");
        assertThat(here.state()).isEqualTo(there.state());
        assertThat(here.state().version()).isEqualTo(rolledBack.version());
        assertThat(serveUsers(there)).isZero();
    }
}
