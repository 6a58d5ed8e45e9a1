package io.strangler.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.strangler.api.Route;
import io.strangler.api.Stage;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.rollout.RolloutPlan;
import io.strangler.core.testing.ControllerFixture;
import io.strangler.core.testing.Traffic;
import io.strangler.test.SimulatedService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Notifiers hear every rollback stage, every approval request and every pause, off the call path; a notifier that
 * throws, and a webhook that fails or can't be reached, never stop a rollback. The webhook posts JSON to a real local
 * HTTP server.
 */
class NotificationsTest {

    private final ControllerFixture f = new ControllerFixture();
    private final List<String> posted = Collections.synchronizedList(new ArrayList<>());
    private final List<String> contentTypes = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;
    private volatile int status = 200;

    @AfterEach
    void close() {
        f.close();
        if (server != null) {
            server.stop(0);
        }
    }

    private URI startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    private static void await(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    @Test
    void aWebhookHearsEveryStageOfARollbackAsJson() throws IOException {
        Route<SimulatedService> route = f.route("search", f.side("legacy", 0), f.side("modern", 1.0), Stage.CANARY,
                50);
        List<RolloutNotification> heard = Collections.synchronizedList(new ArrayList<>());
        try (WebhookNotifier hook = WebhookNotifier.builder(startServer()).header("Authorization", "Bearer t0k")
                .build()) {
            RolloutController controller = f.controller().plan("search", ControllerFixture.PLAN)
                    .notifier(n -> {
                        throw new IllegalStateException("a broken notifier");
                    })
                    .notifier(heard::add).notifier(hook).build();
            new Traffic(f.clock, controller, 1, 50).seconds(90, route);

            assertThat(controller.rollbacks()).singleElement().extracting(RollbackEvent::status)
                    .isEqualTo(RollbackEvent.Status.COMPLETED);
            assertThat(heard).extracting(RolloutNotification::kind, RolloutNotification::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(RolloutNotification.Kind.ROLLBACK, "INITIATED"),
                    org.assertj.core.groups.Tuple.tuple(RolloutNotification.Kind.ROLLBACK, "COMPLETED"));
            await("two posts answered", () -> hook.sent() == 2);
            assertThat(posted).hasSize(2);
            assertThat(posted.get(0)).startsWith("{\"text\":\"[strangler] ROLLBACK search INITIATED: IMMEDIATE ")
                    .contains("\"kind\":\"ROLLBACK\"").contains("\"route\":\"search\"")
                    .contains("\"status\":\"INITIATED\"").contains("\"actor\":\"strangler-controller\"");
            assertThat(posted.get(1)).contains("\"status\":\"COMPLETED\"");
            assertThat(contentTypes).allSatisfy(c -> assertThat(c)
                    .isEqualTo("application/json; charset=utf-8 Bearer t0k"));
            assertThat(hook.failures()).isZero();
        }
    }

    @Test
    void approvalRequestsAndPausesAreHeard() {
        Route<SimulatedService> route = f.healthyRoute("search", Stage.DUAL_WRITE, 0);
        List<RolloutNotification> heard = Collections.synchronizedList(new ArrayList<>());
        RolloutController controller = f.controller()
                .plan("search", RolloutPlan.from(ControllerFixture.PLAN).approvalAt(50).build())
                .notifier(heard::add).build();
        Traffic traffic = new Traffic(f.clock, controller, 1, 20);
        traffic.seconds(400, route);
        controller.pause("search", "alice");
        route.setPercentage(30, "bob", "by hand");
        controller.resume("search", "alice");
        traffic.seconds(2, route);

        assertThat(heard).extracting(RolloutNotification::kind).containsExactly(
                RolloutNotification.Kind.APPROVAL_REQUESTED, RolloutNotification.Kind.PAUSED);
        assertThat(heard.get(0).text()).contains("needs approval");
        assertThat(heard.get(1).actor()).isEqualTo("alice");
    }

    @Test
    void aFailingOrUnreachableWebhookNeverStopsARollback() throws IOException {
        Route<SimulatedService> route = f.route("search", f.side("legacy", 0), f.side("modern", 1.0), Stage.CANARY,
                50);
        status = 500;
        URI failing = startServer();
        try (WebhookNotifier answers500 = WebhookNotifier.builder(failing).build();
                WebhookNotifier nobody = WebhookNotifier.builder(URI.create("http://127.0.0.1:9/hook"))
                        .timeout(Duration.ofMillis(500)).build()) {
            RolloutController controller = f.controller().plan("search", ControllerFixture.PLAN)
                    .notifier(answers500).notifier(nobody).build();
            new Traffic(f.clock, controller, 1, 50).seconds(10, route);

            assertThat(route.state().percentageBasisPoints()).isZero();
            await("the failures counted", () -> answers500.failures() == 1 && nobody.failures() == 1);
        }
    }

    @Test
    void aBadWebhookIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> WebhookNotifier.builder(URI.create("")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("url must be an http or https URL with a host, was ''");
        assertThatThrownBy(() -> WebhookNotifier.builder(URI.create("ftp://example.com/hook")))
                .hasMessage("url must be an http or https URL with a host, was 'ftp://example.com/hook'");
        assertThatThrownBy(() -> WebhookNotifier.builder(URI.create("http://127.0.0.1:1/x"))
                .timeout(Duration.ZERO)).hasMessage("timeout must be between 1 ms and 1 min, was PT0S");
    }
}
