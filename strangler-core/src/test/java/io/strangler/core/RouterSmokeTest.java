package io.strangler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.Stage;
import io.strangler.api.Side;
import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RouterSmokeTest {

    interface Greeter {
        @Read
        String greet(@RoutingKey String user) throws IOException;
    }

    @Test
    void routesCanaryStickyAndFallsBack() throws IOException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (MigrationRouter router = Strangler.router().meterRegistry(registry).refreshInterval(Duration.ZERO)
                .build()) {
            Route<Greeter> route = router.register(RouteDefinition.builder("greeter", Greeter.class)
                    .legacy(u -> "legacy " + u)
                    .modern(u -> {
                        if (u.startsWith("bad")) {
                            throw new IOException("modern broke for " + u);
                        }
                        return "modern " + u;
                    })
                    .initialState(s -> s.shadowSample(0).stage(Stage.CANARY).percentage(50))
                    .build());
            Greeter greeter = route.proxy();
            int modern = 0;
            for (int i = 0; i < 1000; i++) {
                String user = "user-" + i;
                String answer = greeter.greet(user);
                assertThat(answer).endsWith(user);
                if (answer.startsWith("modern")) {
                    modern++;
                    assertThat(route.decide(user)).isEqualTo(Side.MODERN);
                }
            }
            assertThat(modern).isBetween(400, 600);
            String bad = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "bad-" + i)
                    .filter(k -> route.decide(k) == Side.MODERN).findFirst().orElseThrow();
            assertThat(greeter.greet(bad)).isEqualTo("legacy " + bad);
            assertThat(route.stats().modern().fallbacks()).isEqualTo(1);
            assertThat(registry.get("strangler.calls").tags("target", "modern", "kind", "read", "outcome", "fallback")
                    .functionTimer().count())
                    .isEqualTo(1);
            route.update("test", "no fallback", b -> b.fallbackToLegacy(false));
            assertThatThrownBy(() -> greeter.greet(bad)).isInstanceOf(IOException.class)
                    .hasMessage("modern broke for " + bad);
            route.rollback("test", "smoke");
            assertThat(greeter.greet(bad)).isEqualTo("legacy " + bad);
            assertThat(route.state().version()).isEqualTo(2);
            assertThat(greeter.toString()).contains("greeter");
        }
    }
    private static Set<Thread> refreshThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("strangler-refresh"))
                .collect(Collectors.toSet());
    }

    @RepeatedTest(20)
    void closeReturnsOnlyOnceTheRouterHasNoRefreshThreadLeft() {
        Set<Thread> others = refreshThreads();
        MigrationRouter router = Strangler.router().meterRegistry(new SimpleMeterRegistry())
                .refreshInterval(Duration.ofMillis(1)).build();
        router.register(RouteDefinition.builder("greeter", Greeter.class)
                .legacy(u -> "legacy " + u).modern(u -> "modern " + u)
                .initialState(s -> s.stage(Stage.CANARY).percentage(10)).build());
        Set<Thread> started = refreshThreads();
        started.removeAll(others);
        assertThat(started).as("the router's refresh thread").hasSize(1);

        router.close();

        assertThat(started).as("refresh threads alive once close() returned").noneMatch(Thread::isAlive);
    }
}
