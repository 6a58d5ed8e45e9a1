package io.strangler.spring.web;

import io.strangler.api.RoutingContext;
import java.security.Principal;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/** What the servlet and the reactive filter share: reading a key and segments from a request's headers. */
final class RequestRouting {

    static final boolean SECURITY_PRESENT = ClassUtils.isPresent(
            "org.springframework.security.core.context.SecurityContextHolder", RequestRouting.class.getClassLoader());

    private RequestRouting() {
    }

    /** The key a header value holds: a blank one counts as absent, so that an empty header can't pin a bucket. */
    static @Nullable String key(@Nullable String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            return null;
        }
        return headerValue.strip();
    }

    static Set<String> segments(@Nullable Iterable<String> headerValues) {
        if (headerValues == null) {
            return Collections.emptySet();
        }
        Set<String> segments = new LinkedHashSet<>();
        for (String value : headerValues) {
            for (String segment : value.split(",")) {
                if (!segment.isBlank()) {
                    segments.add(segment.strip());
                }
            }
        }
        return segments;
    }

    /**
     * The name of a principal that stands for an authenticated user: Spring Security's anonymous user and an
     * unauthenticated token are no user, and routing all of them by one name would put them all on one side.
     */
    static @Nullable String principalName(@Nullable Principal principal) {
        if (principal == null || SECURITY_PRESENT && !SecurityPrincipals.isUser(principal)) {
            return null;
        }
        return key(principal.getName());
    }

    /** The request's context, on top of the one an outer filter may have set (its attributes are kept). */
    static RoutingContext context(RoutingContext outer, @Nullable String key, Set<String> segments) {
        RoutingContext.Builder builder = outer.toBuilder();
        if (key != null) {
            builder.routingKey(key);
        }
        segments.forEach(builder::segment);
        return builder.build();
    }
}
