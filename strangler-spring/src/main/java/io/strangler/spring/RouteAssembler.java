package io.strangler.spring;

import io.micrometer.observation.ObservationRegistry;
import io.strangler.api.MigrationRouter;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.dualwrite.DualWriteSettings;
import io.strangler.api.resilience.CircuitBreakerSettings;
import io.strangler.api.resilience.RetrySettings;
import io.strangler.api.routing.KeySettings;
import io.strangler.api.shadow.ShadowSettings;
import io.strangler.api.spi.RoutingKeyResolver;
import io.strangler.core.shadow.compare.StructuralComparator;
import io.strangler.spring.StranglerProperties.Breaker;
import io.strangler.spring.StranglerProperties.RouteProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Builds a route's {@link RouteDefinition} from its two beans and its {@code strangler.routes.<name>.*} properties,
 * and registers it with the router. Each property is applied on its own, so that a value the library refuses (a
 * percentage of 150) stops start-up with the property's name and value, not a message from deep inside.
 */
final class RouteAssembler {

    private final MigrationRouter router;
    private final StranglerProperties properties;
    private final @Nullable RoutingKeyResolver resolver;
    private final @Nullable ObservationRegistry observations;
    private final List<StranglerRouteCustomizer> customizers;
    private final CacheOnInterfaceCheck cacheCheck = new CacheOnInterfaceCheck();

    RouteAssembler(MigrationRouter router, StranglerProperties properties, @Nullable RoutingKeyResolver resolver,
            @Nullable ObservationRegistry observations, List<StranglerRouteCustomizer> customizers) {
        this.router = router;
        this.properties = properties;
        this.resolver = resolver;
        this.observations = observations;
        this.customizers = List.copyOf(customizers);
    }

    <T> T register(String route, Class<T> type, String legacyBean, T legacy, String modernBean, T modern) {
        RouteProperties p = properties.getRoutes().getOrDefault(route, new RouteProperties());
        String prefix = "strangler.routes." + route + ".";
        cacheCheck.check(route, type, legacyBean, modernBean);
        UnaryOperator<RouteState.Builder> state = initialState(prefix, p);
        state.apply(RouteState.builder(route));    // every refused value fails here, named
        RouteDefinition.Builder<T> b = RouteDefinition.builder(route, type).legacy(legacy).modern(modern)
                .initialState(state)
                .circuitBreaker(breaker(prefix + "breaker.", p.getBreaker()))
                .reads(p.getReads().toArray(String[]::new))
                .writes(p.getWrites().toArray(String[]::new))
                .idempotentWrites(p.getIdempotent().toArray(String[]::new));
        if (resolver != null) {
            b.keys(KeySettings.custom().resolver(resolver).build());
        }
        if (p.getRetry().getMaxAttempts() > 1) {
            b.retry(apply(prefix + "retry.max-attempts", p.getRetry().getMaxAttempts(),
                    () -> RetrySettings.of(p.getRetry().getMaxAttempts(), p.getRetry().getWait())));
        } else if (p.getRetry().getMaxAttempts() < 1) {
            throw new StranglerConfigurationException(prefix + "retry.max-attempts", p.getRetry().getMaxAttempts(),
                    "must be at least 1 (1 does not retry)", "Set it to 1 or more.");
        }
        b.shadow(shadow(prefix, p));
        if (p.isStateless()) {
            b.dualWrites(DualWriteSettings.stateless());
        }
        customizers.forEach(c -> c.customize(route, b));
        RouteDefinition<T> definition = apply("strangler.routes." + route, null, b::build);
        T proxy = router.register(definition).proxy();
        return observations == null ? proxy : ObservedRoute.wrap(type, route, proxy, observations);
    }

    private static ShadowSettings shadow(String prefix, RouteProperties p) {
        ShadowSettings.Builder s = ShadowSettings.custom();
        if (p.getShadowTimeout() != null) {
            apply(prefix + "shadow-timeout", p.getShadowTimeout(), () -> s.timeout(p.getShadowTimeout()));
        }
        if (!p.getShadowIgnore().isEmpty() || !p.getShadowUnordered().isEmpty() || p.getShadowTolerance() != null) {
            StructuralComparator.Builder c = StructuralComparator.builder();
            p.getShadowIgnore().forEach(path -> apply(prefix + "shadow-ignore", path, () -> c.ignore(path)));
            p.getShadowUnordered().forEach(path -> apply(prefix + "shadow-unordered", path, () -> c.unordered(path)));
            if (p.getShadowTolerance() != null) {
                apply(prefix + "shadow-tolerance", p.getShadowTolerance(), () -> c.tolerance(p.getShadowTolerance()));
            }
            s.comparator(apply(prefix + "shadow-ignore", p.getShadowIgnore(), c::build));
        }
        return apply(prefix + "shadow", null, s::build);
    }

    private static UnaryOperator<RouteState.Builder> initialState(String prefix, RouteProperties p) {
        List<Consumer<RouteState.Builder>> steps = new ArrayList<>();
        add(steps, prefix + "stage", p.getStage(), (s, v) -> s.stage(v));
        add(steps, prefix + "percentage", p.getPercentage(), (s, v) -> s.percentage(v));
        add(steps, prefix + "enabled", p.getEnabled(), (s, v) -> s.enabled(v));
        add(steps, prefix + "cohort", p.getCohort(), (s, v) -> s.cohort(v));
        add(steps, prefix + "fallback-to-legacy", p.getFallbackToLegacy(), (s, v) -> s.fallbackToLegacy(v));
        add(steps, prefix + "shadow-sample", p.getShadowSample(), (s, v) -> s.shadowSample(v));
        add(steps, prefix + "dual-write-mode", p.getDualWriteMode(), (s, v) -> s.dualWriteMode(v));
        add(steps, prefix + "read-preference", p.getReadPreference(), (s, v) -> s.readPreference(v));
        return s -> {
            steps.forEach(step -> step.accept(s));
            return s;
        };
    }

    private static <V> void add(List<Consumer<RouteState.Builder>> steps, String property, @Nullable V value,
            java.util.function.BiConsumer<RouteState.Builder, V> setter) {
        if (value != null) {
            steps.add(s -> apply(property, value, () -> {
                setter.accept(s, value);
                return s;
            }));
        }
    }

    private static CircuitBreakerSettings breaker(String prefix, Breaker p) {
        CircuitBreakerSettings.Builder b = CircuitBreakerSettings.custom();
        if (p.getFailureRateThreshold() != null) {
            apply(prefix + "failure-rate-threshold", p.getFailureRateThreshold(),
                    () -> b.failureRateThreshold(p.getFailureRateThreshold()));
        }
        if (p.getSlowCallRateThreshold() != null) {
            apply(prefix + "slow-call-rate-threshold", p.getSlowCallRateThreshold(),
                    () -> b.slowCallRateThreshold(p.getSlowCallRateThreshold()));
        }
        if (p.getSlowCallDuration() != null) {
            apply(prefix + "slow-call-duration", p.getSlowCallDuration(),
                    () -> b.slowCallDuration(p.getSlowCallDuration()));
        }
        if (p.getSlidingWindowSize() != null) {
            apply(prefix + "sliding-window-size", p.getSlidingWindowSize(),
                    () -> b.slidingWindowSize(p.getSlidingWindowSize()));
        }
        if (p.getMinimumCalls() != null) {
            apply(prefix + "minimum-calls", p.getMinimumCalls(), () -> b.minimumNumberOfCalls(p.getMinimumCalls()));
        }
        if (p.getWaitInOpenState() != null) {
            apply(prefix + "wait-in-open-state", p.getWaitInOpenState(),
                    () -> b.waitDurationInOpenState(p.getWaitInOpenState()));
        }
        return apply(prefix.substring(0, prefix.length() - 1), null, b::build);
    }

    /** Runs {@code step}; what the library refuses becomes a {@link StranglerConfigurationException}. */
    static <R> R apply(String property, @Nullable Object value, java.util.function.Supplier<R> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
            if (e instanceof StranglerConfigurationException c) {
                throw c;
            }
            throw new StranglerConfigurationException(property, value, String.valueOf(e.getMessage()),
                    "Fix " + property + " in the application's properties.");
        }
    }
}
