package io.strangler.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.Side;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The routing key of WebFlux requests over real HTTP (Reactor Netty), to a real route, with Spring Security's WebFlux
 * chain authenticating. Both webmvc and webflux are on the test classpath, so the application asks to be reactive,
 * and for Netty: Boot 3.5 would otherwise serve WebFlux from Tomcat, which is there too.
 */
@SpringBootTest(classes = RoutingKeyReactiveIntegrationTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestApps.NO_DATASOURCE, "spring.main.web-application-type=reactive"})
class RoutingKeyReactiveIntegrationTest {

    @Autowired
    private Environment environment;

    @Autowired
    private ProbeController controller;

    private WebTestClient client;

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + environment.getRequiredProperty("local.server.port"))
                .build();
    }

    @Autowired
    private ApplicationContext context;

    @Test
    void servesFromNetty() {
        assertThat(context.getBean("nettyReactiveWebServerFactory").getClass().getSimpleName())
                .isEqualTo("NettyReactiveWebServerFactory");
    }

    @Test
    void routesByTheKeyHeaderInsideFromCallable() {
        String modernKey = controller.probe.keyFor(Side.MODERN);
        String legacyKey = controller.probe.keyFor(Side.LEGACY);

        assertThat(get("/probe", h -> h.set("X-Routing-Key", modernKey))).isEqualTo("MODERN|" + modernKey + "|");
        assertThat(get("/probe", h -> h.set("X-Routing-Key", legacyKey))).isEqualTo("LEGACY|" + legacyKey + "|");
    }

    @Test
    void routesByTheKeyOnABlockingScheduler() {
        String body = get("/probe/elastic", h -> {
            h.set("X-Routing-Key", "k-elastic");
            h.set("X-Routing-Segments", "beta");
        });

        assertThat(body).startsWith(controller.probe.expected("k-elastic", "beta") + "|")
                .contains("boundedElastic");
    }

    @Test
    void routesByTheAuthenticatedPrincipal() {
        assertThat(get("/probe", h -> h.setBasicAuth(TestApps.USER, TestApps.PASSWORD)))
                .isEqualTo(controller.probe.expected(TestApps.USER));
    }

    @Test
    void theHeaderBeatsThePrincipal() {
        assertThat(get("/probe", h -> {
            h.setBasicAuth(TestApps.USER, TestApps.PASSWORD);
            h.set("X-Routing-Key", "k-header");
        })).isEqualTo(controller.probe.expected("k-header"));
    }

    @Test
    void aRequestWithoutKeyHasNone() {
        assertThat(get("/probe", h -> { })).isEqualTo("LEGACY|null|");
        assertThat(get("/context", h -> { })).isEqualTo("null");
    }

    @Test
    void aDeferredPublisherReadsTheContext() {
        assertThat(get("/context", h -> h.set("X-Routing-Key", "k-context"))).isEqualTo("k-context");
    }

    /** What is not covered: a route called outside ReactiveRouting's operators sees no key. */
    @Test
    void aRouteCalledOutsideTheOperatorsSeesNoKey() {
        assertThat(get("/probe/plain", h -> h.set("X-Routing-Key", "k-plain"))).isEqualTo("LEGACY|null|");
    }

    private String get(String path, Consumer<HttpHeaders> headers) {
        return client.get().uri(path).headers(headers).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ProbeController.class, NettyServer.class})
    static class App {

        @Bean
        SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
            return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                    .httpBasic(Customizer.withDefaults())
                    .build();
        }

        @Bean
        MapReactiveUserDetailsService users() {
            return new MapReactiveUserDetailsService(
                    User.withUsername(TestApps.USER).password("{noop}" + TestApps.PASSWORD).roles("USER").build());
        }
    }

    /**
     * Registers Boot's Netty server factory, which Boot's own configurations then back off for. By name: its package
     * is not the same on Boot 3 and Boot 4. Registered with the application's configuration, so before Boot's.
     */
    static class NettyServer implements ImportBeanDefinitionRegistrar {

        private static final List<String> FACTORIES = List.of(
                "org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory",
                "org.springframework.boot.web.embedded.netty.NettyReactiveWebServerFactory");

        @Override
        public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
            ClassLoader loader = NettyServer.class.getClassLoader();
            String factory = FACTORIES.stream().filter(name -> ClassUtils.isPresent(name, loader)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Netty server factory in " + FACTORIES));
            registry.registerBeanDefinition("nettyReactiveWebServerFactory",
                    new RootBeanDefinition(ClassUtils.resolveClassName(factory, loader)));
        }
    }

    @RestController
    static class ProbeController implements AutoCloseable {

        final ProbeRoute probe = new ProbeRoute();

        @GetMapping("/probe")
        Mono<String> probe() {
            return ReactiveRouting.fromCallable(probe::call);
        }

        @GetMapping("/probe/elastic")
        Mono<String> probeOnElastic() {
            return ReactiveRouting.fromCallable(() -> probe.call() + "|" + Thread.currentThread().getName())
                    .subscribeOn(Schedulers.boundedElastic());
        }

        @GetMapping("/probe/plain")
        Mono<String> probePlain() {
            return Mono.fromCallable(probe::call);
        }

        @GetMapping("/context")
        Mono<String> context() {
            return ReactiveRouting.context().map(context -> String.valueOf(context.routingKey()));
        }

        @Override
        public void close() {
            probe.close();
        }
    }
}
