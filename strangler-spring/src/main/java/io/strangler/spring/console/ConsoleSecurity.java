package io.strangler.spring.console;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * Everything that names a Spring Security type, in a class of its own: it is loaded only when Spring Security's web
 * classes are on the class path ({@link #CSRF_TOKEN_CLASS}), so the read-only console works without them.
 */
final class ConsoleSecurity {

    /** The class whose presence says Spring Security's web support is on the class path. */
    static final String CSRF_TOKEN_CLASS = "org.springframework.security.web.csrf.CsrfToken";

    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    private ConsoleSecurity() {
    }

    /**
     * The request's CSRF token, as Spring Security's {@code CsrfFilter} leaves it in the request's attributes.
     *
     * @return the header a command must carry and the token's value, or null when the request has no token (CSRF
     *     protection is off, or no security filter chain ran)
     */
    static @Nullable Csrf csrf(HttpServletRequest request) {
        Object attribute = request.getAttribute(CsrfToken.class.getName());
        if (attribute instanceof CsrfToken token) {
            // reading the value saves the token (in the session, by default): the page's commands then carry it
            return new Csrf(token.getHeaderName(), token.getToken());
        }
        return null;
    }

    /**
     * The name of the request's authenticated user.
     *
     * @return the name, or null when no one, or the anonymous user, is authenticated
     */
    static @Nullable String user(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            return null;
        }
        if (principal instanceof Authentication authentication
                && (!authentication.isAuthenticated() || TRUST.isAnonymous(authentication))) {
            return null;
        }
        String name = principal.getName();
        return name == null || name.isBlank() ? null : name;
    }

    /**
     * A request's CSRF token.
     *
     * @param headerName the header a command must carry it in
     * @param token the value the page is given
     */
    record Csrf(String headerName, String token) {
    }
}
