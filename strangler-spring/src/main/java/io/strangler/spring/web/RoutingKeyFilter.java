package io.strangler.spring.web;

import io.strangler.api.RoutingContext;
import io.strangler.spring.web.StranglerWebProperties.KeySource;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Attaches a {@link RoutingContext} to the thread serving a servlet request, so that every route the request passes
 * through routes by the request's key: from the key header, from the authenticated principal, or the header then the
 * principal ({@link StranglerWebProperties#getKeySource()}). The segments header's comma-separated values become the
 * context's segments. The context is detached when the request leaves the filter, however it leaves.
 *
 * <p>The principal is Spring Security's authenticated user ({@code SecurityContextHolder}; the anonymous user is no
 * user) when Spring Security is on the classpath, else {@link HttpServletRequest#getUserPrincipal()}. For Spring
 * Security to have authenticated the request, this filter must come after its filter chain, which the default
 * {@linkplain StranglerWebProperties#DEFAULT_FILTER_ORDER order} does.
 *
 * <p>A request with neither key nor segments passes through with the thread's context as it is. Work the request
 * hands to another thread carries the context only if the hand-over does: {@code @Async} methods and MVC's
 * {@code Callable} handlers on Boot's task executor do, through {@link RoutingContextTaskDecorator}; a
 * {@code DeferredResult} completed by some other thread does not, and neither do async and error dispatches, which
 * this filter (as a {@link OncePerRequestFilter}) leaves alone.
 */
public class RoutingKeyFilter extends OncePerRequestFilter implements Ordered {

    private final KeySource keySource;
    private final String keyHeader;
    private final String segmentsHeader;
    private final int order;

    /**
     * A filter reading the key as {@code properties} say.
     *
     * @param properties the key's source, the headers and the order; read once, here
     */
    public RoutingKeyFilter(StranglerWebProperties properties) {
        this.keySource = Objects.requireNonNull(properties.getKeySource(), "keySource");
        this.keyHeader = properties.getKeyHeader();
        this.segmentsHeader = properties.getSegmentsHeader();
        this.order = properties.getFilterOrder();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = keySource.readsHeader() ? RequestRouting.key(request.getHeader(keyHeader)) : null;
        if (key == null && keySource.readsPrincipal()) {
            key = principal(request);
        }
        Set<String> segments = segments(request);
        if (key == null && segments.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        try (RoutingContext.Scope scope = RequestRouting.context(RoutingContext.current(), key, segments).attach()) {
            chain.doFilter(request, response);
        }
    }

    private Set<String> segments(HttpServletRequest request) {
        Enumeration<String> values = segmentsHeader.isEmpty() ? null : request.getHeaders(segmentsHeader);
        return values == null ? Set.of() : RequestRouting.segments(Collections.list(values));
    }

    private static @Nullable String principal(HttpServletRequest request) {
        if (RequestRouting.SECURITY_PRESENT) {
            String user = SecurityPrincipals.currentUser();
            if (user != null) {
                return user;
            }
        }
        // Container authentication, or a request Spring Security left alone.
        return RequestRouting.principalName(request.getUserPrincipal());
    }

    /**
     * This filter's place among the servlet filters.
     *
     * @return {@link StranglerWebProperties#getFilterOrder()}
     */
    @Override
    public int getOrder() {
        return order;
    }
}
