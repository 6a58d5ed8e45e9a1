package io.strangler.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.RoutingContext;
import io.strangler.spring.web.StranglerWebProperties.KeySource;
import jakarta.servlet.FilterChain;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

class RoutingKeyFilterTest {

    private final AtomicReference<RoutingContext> seen = new AtomicReference<>();
    private final FilterChain chain = (request, response) -> seen.set(RoutingContext.current());

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
        assertThat(RoutingContext.current()).as("nothing left on the test thread").isSameAs(RoutingContext.EMPTY);
    }

    @Test
    void takesTheKeyFromTheHeader() throws Exception {
        filter(KeySource.HEADER_THEN_PRINCIPAL).doFilter(request("X-Routing-Key", "k-1"), response(), chain);

        assertThat(seen.get().routingKey()).isEqualTo("k-1");
    }

    @Test
    void aBlankHeaderIsAbsent() throws Exception {
        MockHttpServletRequest request = request("X-Routing-Key", "   ");
        request.setUserPrincipal(() -> "bob");

        filter(KeySource.HEADER_THEN_PRINCIPAL).doFilter(request, response(), chain);

        assertThat(seen.get().routingKey()).isEqualTo("bob");
    }

    @Test
    void passesThroughWithoutKeyOrSegments() throws Exception {
        filter(KeySource.HEADER_THEN_PRINCIPAL).doFilter(request(), response(), chain);

        assertThat(seen.get()).isSameAs(RoutingContext.EMPTY);
    }

    @Test
    void takesTheKeyFromSpringSecurityFirst() throws Exception {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("alice",
                null, AuthorityUtils.createAuthorityList("ROLE_USER")));
        MockHttpServletRequest request = request();
        request.setUserPrincipal(() -> "container-user");

        filter(KeySource.PRINCIPAL).doFilter(request, response(), chain);

        assertThat(seen.get().routingKey()).isEqualTo("alice");
    }

    @Test
    void takesTheKeyFromTheContainerPrincipalWhenSpringSecurityHasNoUser() throws Exception {
        MockHttpServletRequest request = request();
        request.setUserPrincipal(() -> "container-user");

        filter(KeySource.PRINCIPAL).doFilter(request, response(), chain);

        assertThat(seen.get().routingKey()).isEqualTo("container-user");
    }

    @Test
    void theAnonymousUserAndAnUnauthenticatedTokenAreNoUser() throws Exception {
        SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
        MockHttpServletRequest request = request();
        request.setUserPrincipal(UsernamePasswordAuthenticationToken.unauthenticated("mallory", "password"));

        filter(KeySource.PRINCIPAL).doFilter(request, response(), chain);

        assertThat(seen.get()).isSameAs(RoutingContext.EMPTY);
    }

    @Test
    void headerSourceIgnoresThePrincipal() throws Exception {
        MockHttpServletRequest request = request();
        request.setUserPrincipal(() -> "bob");

        filter(KeySource.HEADER).doFilter(request, response(), chain);

        assertThat(seen.get()).isSameAs(RoutingContext.EMPTY);
    }

    @Test
    void principalSourceIgnoresTheHeader() throws Exception {
        MockHttpServletRequest request = request("X-Routing-Key", "chosen-by-the-client");
        request.setUserPrincipal(() -> "bob");

        filter(KeySource.PRINCIPAL).doFilter(request, response(), chain);

        assertThat(seen.get().routingKey()).isEqualTo("bob");
    }

    @Test
    void segmentsComeFromEveryValueOfTheSegmentsHeader() throws Exception {
        MockHttpServletRequest request = request("X-Routing-Segments", "beta, internal,,");
        request.addHeader("X-Routing-Segments", "eu");

        filter(KeySource.HEADER).doFilter(request, response(), chain);

        assertThat(seen.get().routingKey()).isNull();
        assertThat(seen.get().segments()).containsExactly("beta", "internal", "eu");
    }

    @Test
    void readsTheConfiguredHeadersOnly() throws Exception {
        StranglerWebProperties properties = new StranglerWebProperties();
        properties.setKeyHeader("X-User");
        properties.setSegmentsHeader("");
        MockHttpServletRequest request = request("X-Routing-Key", "ignored", "X-User", "k-2");
        request.addHeader("X-Routing-Segments", "beta");

        new RoutingKeyFilter(properties).doFilter(request, response(), chain);

        assertThat(seen.get().routingKey()).isEqualTo("k-2");
        assertThat(seen.get().segments()).isEmpty();
    }

    @Test
    void detachesTheContextWhenTheRequestFails() {
        FilterChain failing = (request, response) -> {
            seen.set(RoutingContext.current());
            throw new IllegalStateException("handler failed");
        };

        assertThatThrownBy(() -> filter(KeySource.HEADER).doFilter(request("X-Routing-Key", "k-3"), response(),
                failing)).isInstanceOf(IllegalStateException.class);

        assertThat(seen.get().routingKey()).isEqualTo("k-3");
        assertThat(RoutingContext.current()).isSameAs(RoutingContext.EMPTY);
    }

    @Test
    void keepsAnOuterContextsAttributesAndRestoresIt() throws Exception {
        RoutingContext outer = RoutingContext.builder().routingKey("outer").attribute("tenant", "t1").build();

        try (RoutingContext.Scope scope = outer.attach()) {
            filter(KeySource.HEADER).doFilter(request("X-Routing-Key", "inner"), response(), chain);
            assertThat(RoutingContext.current()).isSameAs(outer);
        }

        assertThat(seen.get().routingKey()).isEqualTo("inner");
        assertThat(seen.get().attributes()).containsEntry("tenant", "t1");
    }

    @Test
    void hasTheConfiguredOrder() {
        StranglerWebProperties properties = new StranglerWebProperties();
        properties.setFilterOrder(42);

        assertThat(new RoutingKeyFilter(properties).getOrder()).isEqualTo(42);
        assertThat(new RoutingKeyFilter(new StranglerWebProperties()).getOrder())
                .isEqualTo(StranglerWebProperties.DEFAULT_FILTER_ORDER);
    }

    private static RoutingKeyFilter filter(KeySource source) {
        StranglerWebProperties properties = new StranglerWebProperties();
        properties.setKeySource(source);
        return new RoutingKeyFilter(properties);
    }

    private static MockHttpServletRequest request(String... headers) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        for (int i = 0; i < headers.length; i += 2) {
            request.addHeader(headers[i], headers[i + 1]);
        }
        return request;
    }

    private static MockHttpServletResponse response() {
        return new MockHttpServletResponse();
    }
}
