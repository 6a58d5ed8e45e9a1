package io.strangler.spring.web;

import java.security.Principal;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Everything that names a Spring Security type, in a class of its own: it is loaded only when Spring Security is on
 * the classpath ({@link RequestRouting#SECURITY_PRESENT}), so the filters work without it.
 */
final class SecurityPrincipals {

    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    private SecurityPrincipals() {
    }

    /** The authenticated user's name in this thread's security context. */
    static @Nullable String currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? null : RequestRouting.principalName(authentication);
    }

    static boolean isUser(Principal principal) {
        if (principal instanceof Authentication authentication) {
            return authentication.isAuthenticated() && !TRUST.isAnonymous(authentication);
        }
        return true;
    }
}
