package io.strangler.spring.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where web requests take their routing key from: {@code strangler.web.*}.
 *
 * <p>The key header is chosen by the client: a client that sends it picks its own key, and so the side that serves
 * it. That is what a gateway or a test wants; where clients must not choose, take the key from the principal
 * ({@code key-source=principal}) or strip the header at the edge. The same holds for the segments header.
 */
@ConfigurationProperties("strangler.web")
public class StranglerWebProperties {

    /**
     * Default order of the routing-key filters: after Spring Security's filter chain (order -100 by default), so
     * that the authenticated principal is known, and before filters registered without an order:
     * {@code Ordered.LOWEST_PRECEDENCE - 100}.
     */
    // A literal, so that the configuration metadata shows the default (the processor does not evaluate arithmetic).
    public static final int DEFAULT_FILTER_ORDER = 2147483547;

    /**
     * Whether to attach a routing context to each web request, from its header or its authenticated principal.
     */
    private boolean enabled = true;

    /**
     * Where a request's routing key comes from.
     */
    private KeySource keySource = KeySource.HEADER_THEN_PRINCIPAL;

    /**
     * Request header holding the routing key. A blank value counts as absent.
     */
    private String keyHeader = "X-Routing-Key";

    /**
     * Request header whose comma-separated values become the routing context's segments. Empty to read no segments.
     */
    private String segmentsHeader = "X-Routing-Segments";

    /**
     * Order of the routing-key filter among the servlet filters or the WebFlux web filters. Must be after Spring
     * Security's filter chain for the key to come from the principal.
     */
    private int filterOrder = DEFAULT_FILTER_ORDER;

    /** Properties with the defaults. */
    public StranglerWebProperties() {
    }

    /**
     * Whether the filters are on.
     *
     * @return whether to attach a routing context to each web request
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Turns the filters on or off.
     *
     * @param enabled whether to attach a routing context to each web request
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Where a request's routing key comes from.
     *
     * @return the key's source
     */
    public KeySource getKeySource() {
        return keySource;
    }

    /**
     * Sets where a request's routing key comes from.
     *
     * @param keySource the key's source
     * @throws IllegalArgumentException if {@code keySource} is null
     */
    public void setKeySource(KeySource keySource) {
        if (keySource == null) {
            throw new IllegalArgumentException("strangler.web.key-source must be set");
        }
        this.keySource = keySource;
    }

    /**
     * The request header holding the routing key.
     *
     * @return the header's name
     */
    public String getKeyHeader() {
        return keyHeader;
    }

    /**
     * Sets the request header holding the routing key.
     *
     * @param keyHeader an HTTP header name
     * @throws IllegalArgumentException if {@code keyHeader} is blank or not a header name
     */
    public void setKeyHeader(String keyHeader) {
        this.keyHeader = requireHeaderName("strangler.web.key-header", keyHeader);
    }

    /**
     * The request header holding the segments.
     *
     * @return the header's name, empty when no segments are read
     */
    public String getSegmentsHeader() {
        return segmentsHeader;
    }

    /**
     * Sets the request header holding the segments.
     *
     * @param segmentsHeader an HTTP header name, or empty (or null) to read no segments
     * @throws IllegalArgumentException if {@code segmentsHeader} is neither empty nor a header name
     */
    public void setSegmentsHeader(String segmentsHeader) {
        // Empty turns the header off: segments can select a cohort, and not every service lets clients pick one.
        this.segmentsHeader = segmentsHeader == null || segmentsHeader.isEmpty() ? ""
                : requireHeaderName("strangler.web.segments-header", segmentsHeader);
    }

    /**
     * The filters' order.
     *
     * @return the order of the routing-key filter
     */
    public int getFilterOrder() {
        return filterOrder;
    }

    /**
     * Sets the filters' order.
     *
     * @param filterOrder the order of the routing-key filter
     */
    public void setFilterOrder(int filterOrder) {
        this.filterOrder = filterOrder;
    }

    // A misspelt header name would silently route every request by the fallback, so it stops start-up instead.
    private static String requireHeaderName(String property, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(property + " must not be blank");
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isTokenChar(value.charAt(i))) {
                throw new IllegalArgumentException(property + " must be an HTTP header name (RFC 9110 token), was '"
                        + value + "'");
            }
        }
        return value;
    }

    private static boolean isTokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** Where a request's routing key comes from. */
    public enum KeySource {

        /** Only the key header. */
        HEADER,

        /** Only the authenticated principal's name. */
        PRINCIPAL,

        /** The key header when the request has one, else the authenticated principal's name. */
        HEADER_THEN_PRINCIPAL;

        boolean readsHeader() {
            return this != PRINCIPAL;
        }

        boolean readsPrincipal() {
            return this != HEADER;
        }
    }
}
