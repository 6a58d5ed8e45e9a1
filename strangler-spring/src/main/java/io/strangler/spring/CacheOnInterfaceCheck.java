package io.strangler.spring;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Warns at start-up about Spring's caching annotations declared on a route's interface. They apply to both sides with
 * one cache name and one key: whatever legacy put in the cache, modern answers from it without running, so the
 * shadow compares legacy with itself and a canary measures the cache. The warning names the route, the method and the
 * cache, and the two fixes: a cache per side (the annotation on each implementation, with its own cache name), or
 * the cache above the route (on the caller's side of the proxy).
 */
final class CacheOnInterfaceCheck {

    private static final Logger LOG = LoggerFactory.getLogger(CacheOnInterfaceCheck.class);
    private static final String[] CACHE_ANNOTATIONS = {"org.springframework.cache.annotation.Cacheable",
        "org.springframework.cache.annotation.CachePut", "org.springframework.cache.annotation.CacheEvict",
        "org.springframework.cache.annotation.Caching"};

    /**
     * The warnings for one route, logged, and returned for tests.
     *
     * @return one sentence per cached method; empty when Spring's caching is absent or unused on the interface
     */
    List<String> check(String route, Class<?> type, String legacyBean, String modernBean) {
        List<String> warnings = new ArrayList<>();
        List<Class<? extends Annotation>> annotations = annotations(type.getClassLoader());
        if (annotations.isEmpty()) {
            return warnings;
        }
        for (Method method : type.getMethods()) {
            Set<String> caches = new LinkedHashSet<>();
            for (Class<? extends Annotation> a : annotations) {
                for (Annotation found : AnnotatedElementUtils.findAllMergedAnnotations(method, a)) {
                    caches.addAll(names(found));
                }
                Annotation config = AnnotatedElementUtils.findMergedAnnotation(method.getDeclaringClass(), a);
                if (config != null) {
                    caches.addAll(names(config));
                }
            }
            if (!caches.isEmpty()) {
                String warning = "route '" + route + "': " + type.getSimpleName() + "." + method.getName()
                        + " is cached on the interface (cache " + caches + "), so the cache applies to both sides, "
                        + "'" + legacyBean + "' and '" + modernBean + "', under the same name and key: modern answers "
                        + "from entries legacy filled and never runs, and comparisons compare legacy with itself. Give "
                        + "each side its own cache (the annotation on each implementation with its own name), or "
                        + "cache above the route (in the caller)";
                LOG.warn(warning);
                warnings.add(warning);
            }
        }
        return warnings;
    }

    private static Set<String> names(Annotation annotation) {
        Set<String> out = new LinkedHashSet<>();
        for (String attribute : new String[] {"cacheNames", "value"}) {
            try {
                Object v = annotation.annotationType().getMethod(attribute).invoke(annotation);
                if (v instanceof String[] names) {
                    out.addAll(Arrays.asList(names));
                }
            } catch (ReflectiveOperationException e) {
                // @Caching has neither; its nested annotations are found on their own
            }
        }
        if (out.isEmpty()) {
            out.add("(default)");
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends Annotation>> annotations(ClassLoader loader) {
        List<Class<? extends Annotation>> out = new ArrayList<>();
        for (String name : CACHE_ANNOTATIONS) {
            if (ClassUtils.isPresent(name, loader)) {
                out.add((Class<? extends Annotation>) ClassUtils.resolveClassName(name, loader));
            }
        }
        return out;
    }
}
