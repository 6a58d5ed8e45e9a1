package io.strangler.spring.web;

import io.strangler.api.RoutingContext;
import io.strangler.spring.web.StranglerWebProperties.KeySource;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Puts a WebFlux request's {@link RoutingContext} into the Reactor context of the request's chain, under
 * {@link ReactiveRouting#CONTEXT_KEY}: the key from the key header, from the authenticated principal, or the header
 * then the principal ({@link StranglerWebProperties#getKeySource()}), and the segments header's values as segments.
 *
 * <p>It attaches nothing to a thread: a reactive request runs on whatever threads its operators pick, and a
 * thread-bound context attached here would be seen by the wrong requests or by none. A handler makes the route call
 * inside {@link ReactiveRouting#fromCallable(java.util.concurrent.Callable)} or {@link ReactiveRouting#defer}, which
 * attach the request's context around the call; what that covers, and what it does not, is said there.
 *
 * <p>The principal is {@link ServerWebExchange#getPrincipal()}, which Spring Security's WebFlux chain fills from
 * its {@code ReactiveSecurityContextHolder}; its anonymous user and an unauthenticated token are no user. For Spring
 * Security to have authenticated the request, this filter must come after its {@code WebFilterChainProxy}, which the
 * default {@linkplain StranglerWebProperties#DEFAULT_FILTER_ORDER order} does.
 */
public class ReactiveRoutingKeyFilter implements WebFilter, Ordered {

    private final KeySource keySource;
    private final String keyHeader;
    private final String segmentsHeader;
    private final int order;

    /**
     * A filter reading the key as {@code properties} say.
     *
     * @param properties the key's source, the headers and the order; read once, here
     */
    public ReactiveRoutingKeyFilter(StranglerWebProperties properties) {
        this.keySource = Objects.requireNonNull(properties.getKeySource(), "keySource");
        this.keyHeader = properties.getKeyHeader();
        this.segmentsHeader = properties.getSegmentsHeader();
        this.order = properties.getFilterOrder();
    }

    /**
     * Runs the rest of the chain with the request's routing context in its Reactor context.
     *
     * @param exchange the request and response
     * @param chain the rest of the chain
     * @return the rest of the chain's completion
     */
    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        String headerKey = keySource.readsHeader() ? RequestRouting.key(headers.getFirst(keyHeader)) : null;
        Set<String> segments = segmentsHeader.isEmpty() ? Set.of() : RequestRouting.segments(headers.get(segmentsHeader));
        if (headerKey != null || !keySource.readsPrincipal()) {
            return filter(exchange, chain, headerKey, segments);
        }
        return exchange.getPrincipal()
                .flatMap(principal -> Mono.justOrEmpty(RequestRouting.principalName(principal)))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(user -> filter(exchange, chain, user.orElse(null), segments));
    }

    private static Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain, @Nullable String key,
            Set<String> segments) {
        if (key == null && segments.isEmpty()) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange).contextWrite(reactorContext -> reactorContext.put(ReactiveRouting.CONTEXT_KEY,
                RequestRouting.context(ReactiveRouting.of(reactorContext), key, segments)));
    }

    /**
     * This filter's place among the web filters.
     *
     * @return {@link StranglerWebProperties#getFilterOrder()}
     */
    @Override
    public int getOrder() {
        return order;
    }
}
