package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.api.event.RouterListener;
import io.strangler.api.event.StageChangeEvent;
import io.strangler.api.spi.RouteStateStore;
import io.strangler.core.RouteStateTestSupport.FakeSide;
import io.strangler.core.RouteStateTestSupport.ForwardingStore;
import io.strangler.core.RouteStateTestSupport.Service;
import io.strangler.core.state.Ff4jRouteStateStore;
import io.strangler.core.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.ff4j.FF4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A store that pushes: the router refreshes a route as soon as the store says it changed, on its refresh thread,
 * even with the periodic refresh off; it ends the subscription when closed.
 */
class StorePushTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();
    private final FF4j ff4j = new FF4j();
    private final Ff4jRouteStateStore backing = new Ff4jRouteStateStore(ff4j);

    /** The FF4J store, with notifications the test sends by hand. */
    static class PushingStore extends ForwardingStore {
        volatile Consumer<String> changed;
        final AtomicInteger closed = new AtomicInteger();

        PushingStore(RouteStateStore delegate) {
            super(delegate);
        }

        @Override
        public Subscription watch(Consumer<String> changed) {
            this.changed = changed;
            return closed::incrementAndGet;
        }
    }

    private static Route<Service> register(MigrationRouter router) {
        return router.register(RouteDefinition.builder("svc", Service.class).legacy(new FakeSide("legacy"))
                .modern(new FakeSide("modern")).initialState(s -> s.stage(Stage.CANARY).percentage(10)).build());
    }

    @Test
    @Timeout(10)
    void aRouteTheStoreSaysChangedIsRefreshedAtOnceOnTheRefreshThread() throws InterruptedException {
        PushingStore store = new PushingStore(backing);
        BlockingQueue<Thread> pickedUpOn = new LinkedBlockingQueue<>();
        try (MigrationRouter router = Strangler.router().stateStore(store).refreshInterval(Duration.ZERO)
                .listener(new RouterListener() {
                    @Override
                    public void onStageChange(StageChangeEvent event) {
                        if (!event.local()) {
                            pickedUpOn.add(Thread.currentThread());
                        }
                    }
                }).build();
                MigrationRouter other = Strangler.router().ff4j(ff4j).refreshInterval(Duration.ZERO).build()) {
            Route<Service> here = register(router);
            RouteState rolledBack = register(other).rollback("oncall", "errors");
            assertThat(here.state().percentage()).as("no periodic refresh").isEqualTo(10.0);

            store.changed.accept("svc");

            Thread thread = pickedUpOn.poll(5, TimeUnit.SECONDS);
            assertThat(thread).isNotNull();
            assertThat(thread.getName()).isEqualTo("strangler-refresh");
            assertThat(here.state()).isEqualTo(rolledBack);

            store.changed.accept("no-such-route");
            store.changed.accept("svc");
        }
        assertThat(store.closed).as("the subscription ends with the router").hasValue(1);
        store.changed.accept("svc");
        assertThat(pickedUpOn).isEmpty();
    }

    @Test
    void aStoreWhoseSubscriptionFailsIsReadByThePeriodicRefreshAlone() {
        RouteStateStore failing = new PushingStore(backing) {
            @Override
            public Subscription watch(Consumer<String> changed) {
                throw new IllegalStateException("LISTEN refused");
            }
        };
        try (MigrationRouter router = Strangler.router().stateStore(failing).refreshInterval(Duration.ZERO).build()) {
            Route<Service> route = register(router);
            assertThat(route.state().percentage()).isEqualTo(10.0);
        }
        assertThat(log.lines("WARN")).isEqualTo(List.of("the state store's notifications could not be subscribed to; "
                + "changes made elsewhere are read by the periodic refresh alone"));
    }
}
