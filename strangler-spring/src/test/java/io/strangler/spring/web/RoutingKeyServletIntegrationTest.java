package io.strangler.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.RoutingContext;
import io.strangler.api.Side;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The routing key of servlet requests over real HTTP, to a real route, with Spring Security authenticating and
 * Boot's task executor running {@code @Async} work. One Tomcat worker thread, so that a context left behind by one
 * request would be seen by the next.
 */
@SpringBootTest(classes = RoutingKeyServletIntegrationTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestApps.NO_DATASOURCE, "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1",
                // The request that fails on purpose would log its stack trace.
                "logging.level.org.apache.catalina.core.ContainerBase=off"})
class RoutingKeyServletIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Autowired
    private Environment environment;

    @Autowired
    private ProbeController controller;

    @Autowired
    private ApplicationContext context;

    @Test
    void routesByTheKeyHeader() throws Exception {
        String modernKey = controller.probe.keyFor(Side.MODERN);
        String legacyKey = controller.probe.keyFor(Side.LEGACY);

        assertThat(seen(get("/probe", "X-Routing-Key", modernKey))).isEqualTo("MODERN|" + modernKey + "|");
        assertThat(seen(get("/probe", "X-Routing-Key", legacyKey))).isEqualTo("LEGACY|" + legacyKey + "|");
    }

    @Test
    void segmentsComeFromTheSegmentsHeader() throws Exception {
        assertThat(seen(get("/probe", "X-Routing-Key", "k-seg", "X-Routing-Segments", "beta, internal")))
                .isEqualTo(controller.probe.expected("k-seg", "beta", "internal"));
    }

    @Test
    void routesByTheAuthenticatedPrincipal() throws Exception {
        assertThat(seen(get("/probe", "Authorization", basic()))).isEqualTo(controller.probe.expected(TestApps.USER));
    }

    @Test
    void theHeaderBeatsThePrincipal() throws Exception {
        assertThat(seen(get("/probe", "Authorization", basic(), "X-Routing-Key", "k-header")))
                .isEqualTo(controller.probe.expected("k-header"));
    }

    @Test
    void anAnonymousRequestWithoutHeaderHasNoKey() throws Exception {
        assertThat(seen(get("/probe"))).isEqualTo("LEGACY|null|");
        assertThat(seen(get("/probe", "X-Routing-Key", "  "))).isEqualTo("LEGACY|null|");
    }

    @Test
    void theContextIsGoneAfterTheRequest() throws Exception {
        HttpResponse<String> keyed = get("/probe", "X-Routing-Key", "k-leak");
        HttpResponse<String> next = get("/probe");

        assertThat(seen(keyed)).isEqualTo(controller.probe.expected("k-leak"));
        assertThat(seen(next)).isEqualTo("LEGACY|null|");
        assertThat(thread(next)).as("both requests on the one worker thread").isEqualTo(thread(keyed));
    }

    @Test
    void theContextIsGoneAfterAFailedRequest() throws Exception {
        HttpResponse<String> failed = get("/fail", "X-Routing-Key", "k-fail");
        HttpResponse<String> next = get("/probe");

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(seen(next)).isEqualTo("LEGACY|null|");
        assertThat(controller.failedOn).isEqualTo(thread(next));
    }

    @Test
    void asyncWorkSeesTheCallersKey() throws Exception {
        HttpResponse<String> response = get("/async", "X-Routing-Key", "k-async");

        assertThat(response.statusCode()).isEqualTo(200);
        String[] keyAndThread = response.body().split("\\|");
        assertThat(keyAndThread[0]).isEqualTo("k-async");
        assertThat(keyAndThread[1]).as("Boot's task executor").startsWith("task-");
    }

    @Test
    void theFilterComesAfterSpringSecurity() {
        int security = context.getBean("securityFilterChainRegistration", Ordered.class).getOrder();
        int filter = context.getBean(RoutingKeyFilter.class).getOrder();

        assertThat(filter).isGreaterThan(security).isEqualTo(StranglerWebProperties.DEFAULT_FILTER_ORDER);
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + environment.getRequiredProperty("local.server.port") + path))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The route's answer, without the thread name the endpoint adds. */
    private static String seen(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().substring(0, response.body().lastIndexOf('|'));
    }

    private static String thread(HttpResponse<String> response) {
        return response.body().substring(response.body().lastIndexOf('|') + 1);
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder()
                .encodeToString((TestApps.USER + ":" + TestApps.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableAsync
    @Import({ProbeController.class, AsyncProbe.class})
    static class App {

        @Bean
        SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .httpBasic(Customizer.withDefaults())
                    .build();
        }

        @Bean
        InMemoryUserDetailsManager users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername(TestApps.USER).password("{noop}" + TestApps.PASSWORD).roles("USER").build());
        }
    }

    @RestController
    static class ProbeController implements AutoCloseable {

        final ProbeRoute probe = new ProbeRoute();
        private final AsyncProbe async;
        volatile String failedOn;

        ProbeController(AsyncProbe async) {
            this.async = async;
        }

        @GetMapping("/probe")
        String probe() {
            return probe.call() + "|" + Thread.currentThread().getName();
        }

        @GetMapping("/fail")
        String fail() {
            failedOn = Thread.currentThread().getName();
            throw new IllegalStateException("failing on purpose with key " + RoutingContext.current().routingKey());
        }

        @GetMapping("/async")
        String async() throws Exception {
            return async.key().get(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            probe.close();
        }
    }

    static class AsyncProbe {

        @Async
        public CompletableFuture<String> key() {
            return CompletableFuture.completedFuture(
                    RoutingContext.current().routingKey() + "|" + Thread.currentThread().getName());
        }
    }
}
