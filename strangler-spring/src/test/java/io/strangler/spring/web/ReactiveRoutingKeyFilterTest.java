package io.strangler.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.RoutingContext;
import io.strangler.spring.web.StranglerWebProperties.KeySource;
import java.security.Principal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

class ReactiveRoutingKeyFilterTest {

    private final AtomicReference<RoutingContext> seen = new AtomicReference<>();
    private final WebFilterChain chain = exchange -> ReactiveRouting.context().doOnNext(seen::set).then();

    @Test
    void putsTheHeadersKeyAndSegmentsIntoTheReactorContext() {
        run(KeySource.HEADER_THEN_PRINCIPAL, exchange(MockServerHttpRequest.get("/")
                .header("X-Routing-Key", "k-1").header("X-Routing-Segments", "beta, internal")));

        assertThat(seen.get().routingKey()).isEqualTo("k-1");
        assertThat(seen.get().segments()).containsExactly("beta", "internal");
    }

    @Test
    void attachesNothingToTheThread() {
        WebFilterChain threadChain = exchange -> Mono.fromRunnable(() -> seen.set(RoutingContext.current()));

        filter(KeySource.HEADER).filter(exchange(MockServerHttpRequest.get("/").header("X-Routing-Key", "k-1")),
                threadChain).block(Duration.ofSeconds(10));

        assertThat(seen.get()).isSameAs(RoutingContext.EMPTY);
    }

    @Test
    void takesTheKeyFromThePrincipalWhenTheHeaderIsBlank() {
        run(KeySource.HEADER_THEN_PRINCIPAL, withPrincipal(exchange(MockServerHttpRequest.get("/")
                .header("X-Routing-Key", " ")), UsernamePasswordAuthenticationToken.authenticated("alice", null,
                        AuthorityUtils.createAuthorityList("ROLE_USER"))));

        assertThat(seen.get().routingKey()).isEqualTo("alice");
    }

    @Test
    void theHeaderBeatsThePrincipal() {
        run(KeySource.HEADER_THEN_PRINCIPAL, withPrincipal(exchange(MockServerHttpRequest.get("/")
                .header("X-Routing-Key", "k-header")), () -> "alice"));

        assertThat(seen.get().routingKey()).isEqualTo("k-header");
    }

    @Test
    void principalSourceIgnoresTheHeader() {
        run(KeySource.PRINCIPAL, withPrincipal(exchange(MockServerHttpRequest.get("/")
                .header("X-Routing-Key", "chosen-by-the-client")), () -> "bob"));

        assertThat(seen.get().routingKey()).isEqualTo("bob");
    }

    @Test
    void headerSourceIgnoresThePrincipal() {
        run(KeySource.HEADER, withPrincipal(exchange(MockServerHttpRequest.get("/")), () -> "bob"));

        assertThat(seen.get()).isSameAs(RoutingContext.EMPTY);
    }

    @Test
    void theAnonymousUserIsNoUser() {
        run(KeySource.PRINCIPAL, withPrincipal(exchange(MockServerHttpRequest.get("/")),
                new AnonymousAuthenticationToken("key", "anonymousUser",
                        AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"))));

        assertThat(seen.get()).isSameAs(RoutingContext.EMPTY);
    }

    @Test
    void aRequestWithoutKeyOrSegmentsKeepsTheChainsContext() {
        RoutingContext outer = RoutingContext.builder().routingKey("outer").attribute("tenant", "t1").build();

        filter(KeySource.HEADER_THEN_PRINCIPAL).filter(exchange(MockServerHttpRequest.get("/")), chain)
                .contextWrite(ReactiveRouting.with(outer)).block(Duration.ofSeconds(10));

        assertThat(seen.get()).isSameAs(outer);
    }

    @Test
    void keepsAnOuterContextsAttributes() {
        RoutingContext outer = RoutingContext.builder().routingKey("outer").attribute("tenant", "t1").build();

        filter(KeySource.HEADER).filter(exchange(MockServerHttpRequest.get("/").header("X-Routing-Key", "inner")),
                chain).contextWrite(ReactiveRouting.with(outer)).block(Duration.ofSeconds(10));

        assertThat(seen.get().routingKey()).isEqualTo("inner");
        assertThat(seen.get().attributes()).containsEntry("tenant", "t1");
    }

    @Test
    void hasTheConfiguredOrder() {
        StranglerWebProperties properties = new StranglerWebProperties();
        properties.setFilterOrder(-7);

        assertThat(new ReactiveRoutingKeyFilter(properties).getOrder()).isEqualTo(-7);
    }

    private void run(KeySource source, ServerWebExchange exchange) {
        filter(source).filter(exchange, chain).block(Duration.ofSeconds(10));
    }

    private static ReactiveRoutingKeyFilter filter(KeySource source) {
        StranglerWebProperties properties = new StranglerWebProperties();
        properties.setKeySource(source);
        return new ReactiveRoutingKeyFilter(properties);
    }

    private static ServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
        return MockServerWebExchange.from(request);
    }

    private static ServerWebExchange withPrincipal(ServerWebExchange exchange, Principal principal) {
        return exchange.mutate().principal(Mono.just(principal)).build();
    }
}
