package io.strangler.spring.web;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RoutingContext;
import io.strangler.api.Side;
import io.strangler.api.Stage;
import io.strangler.core.Strangler;
import java.time.Duration;
import java.util.stream.IntStream;

/** A real Strangler route whose two sides answer with what they saw: which side served, the key, the segments. */
final class ProbeRoute implements AutoCloseable {

    /** The routed interface. */
    @FunctionalInterface
    interface Probe {
        String seen();
    }

    private final MigrationRouter router = Strangler.router().refreshInterval(Duration.ZERO).build();
    private final Route<Probe> route = router.register(RouteDefinition.builder("web-probe", Probe.class)
            .legacy(() -> seen(Side.LEGACY))
            .modern(() -> seen(Side.MODERN))
            .initialState(s -> s.shadowSample(0).stage(Stage.CANARY).percentage(50))
            .build());

    /** A call with no explicit key: the route takes it from the current routing context. */
    String call() {
        return route.read(null, Probe::seen);
    }

    /** What a call made for {@code key}, in {@code segments}, answers. */
    String expected(String key, String... segments) {
        Side side;
        try (RoutingContext.Scope scope = RoutingContext.builder().segments(segments).build().attach()) {
            side = route.decide(key);
        }
        return side + "|" + key + "|" + String.join(",", segments);
    }

    /** A key the route sends to {@code side}: shows the request's key does the routing. */
    String keyFor(Side side) {
        return IntStream.range(0, 1000).mapToObj(i -> "user-" + i).filter(k -> route.decide(k) == side).findFirst()
                .orElseThrow();
    }

    private static String seen(Side side) {
        RoutingContext context = RoutingContext.current();
        return side + "|" + context.routingKey() + "|" + String.join(",", context.segments());
    }

    @Override
    public void close() {
        router.close();
    }
}
