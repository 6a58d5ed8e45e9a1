package io.strangler.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.strangler.api.MigrationRouter;
import io.strangler.api.event.RouterListener;
import io.strangler.api.health.RollbackAction;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings;
import io.strangler.api.reconcile.ReconciliationLog;
import io.strangler.api.rollout.RolloutPlan;
import io.strangler.api.spi.RouteStateStore;
import io.strangler.api.spi.RoutingKeyResolver;
import io.strangler.api.spi.WriteSynchronization;
import io.strangler.core.RouterBuilder;
import io.strangler.core.Strangler;
import io.strangler.core.rollout.RolloutController;
import io.strangler.core.rollout.RolloutNotifier;
import io.strangler.spring.StranglerProperties.Plan;
import io.strangler.spring.StranglerProperties.RouteProperties;
import io.strangler.spring.StranglerProperties.Step;
import io.strangler.spring.StranglerProperties.Triggers;
import java.time.Clock;
import java.util.function.LongSupplier;
import java.util.Map;
import javax.sql.DataSource;
import org.ff4j.FF4j;
import org.ff4j.core.FeatureStore;
import org.ff4j.store.InMemoryFeatureStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of Strangler: a {@link MigrationRouter} over the store {@code strangler.store.type} names (the
 * application's {@code FF4j} when it has one; an in-memory FF4J else; PostgreSQL on the application's
 * {@code DataSource}; Redis), with the application's {@code MeterRegistry}, {@link RouterListener}s, and its
 * {@link RouteStateStore}, {@link ReconciliationLog}, {@link RoutingKeyResolver} or {@code Clock} beans when it has
 * them; a routing proxy per route (see {@link StranglerRoute}), each call observed ({@code strangler.call}) when the
 * application has an {@code ObservationRegistry}; second writes deferred to after commit inside Spring transactions;
 * and a {@link RolloutController} that advances the routes' plans and rolls back on its own, run by a
 * {@link StranglerRolloutLifecycle}. Every bean backs off for one of the application's own. Off with
 * {@code strangler.enabled=false}.
 *
 * <p>Ordered after the Micrometer, DataSource and transaction auto-configurations of both Boot lines (their classes
 * moved in Boot 4; naming both lines' classes matches whichever is present).
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
    "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
    "org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration"})
@ConditionalOnProperty(prefix = "strangler", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(StranglerProperties.class)
public class StranglerAutoConfiguration {

    /** The name of the optional {@code LongSupplier} bean that is the router's nanosecond ticker. */
    public static final String TICKER_BEAN = "stranglerTicker";

    /** The auto-configuration; Boot makes it. */
    public StranglerAutoConfiguration() {
    }

    /**
     * Finds the routes and registers their proxies, before any bean is made.
     *
     * @return the registrar
     */
    @Bean
    static StranglerRouteRegistrar stranglerRouteRegistrar() {
        return new StranglerRouteRegistrar();
    }

    /**
     * The router.
     *
     * @param properties Strangler's properties
     * @param ff4j the application's FF4J, if any
     * @param store the application's route-state store (or the JDBC or Redis store configured), if any
     * @param meterRegistry the application's meter registry, if any
     * @param writeSynchronization the after-commit synchronisation, if Spring's transactions are present
     * @param reconciliationLog the application's reconciliation log, if any
     * @param listeners the application's router listeners
     * @param clock the application's {@code Clock}, if it has exactly one (mark one {@code @Primary} if it has
     *     several): the router's and the controller's time (a test's virtual clock, say)
     * @param ticker a {@code LongSupplier} bean named {@value #TICKER_BEAN}, if any: the router's nanosecond ticker
     *     for latencies, breaker slow calls and shadow timeouts ({@code VirtualTime::nanoTime} in a test)
     * @return the router, closed with the context
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public MigrationRouter stranglerRouter(StranglerProperties properties, ObjectProvider<FF4j> ff4j,
            ObjectProvider<RouteStateStore> store, ObjectProvider<MeterRegistry> meterRegistry,
            ObjectProvider<WriteSynchronization> writeSynchronization,
            ObjectProvider<ReconciliationLog> reconciliationLog, ObjectProvider<RouterListener> listeners,
            ObjectProvider<Clock> clock, @Qualifier(TICKER_BEAN) ObjectProvider<LongSupplier> ticker) {
        StranglerProperties.Router r = properties.getRouter();
        RouterBuilder b = Strangler.router();
        clock.ifUnique(b::clock);
        ticker.ifAvailable(b::ticker);
        RouteAssembler.apply("strangler.router.refresh-interval", r.getRefreshInterval(),
                () -> b.refreshInterval(r.getRefreshInterval()));
        RouteAssembler.apply("strangler.router.legacy-timing-one-in", r.getLegacyTimingOneIn(),
                () -> b.legacyTimingOneIn(r.getLegacyTimingOneIn()));
        b.startWithoutStore(r.isStartWithoutStore());
        RouteStateStore s = store.getIfUnique();
        if (s != null) {
            b.stateStore(s);
        } else {
            ff4j.ifUnique(b::ff4j);
        }
        meterRegistry.ifUnique(b::meterRegistry);
        writeSynchronization.ifUnique(b::writeSynchronization);
        reconciliationLog.ifUnique(b::reconciliationLog);
        listeners.orderedStream().forEach(b::listener);
        return RouteAssembler.apply("strangler", null, b::build);
    }

    /**
     * Builds and registers each route's definition; the routes' proxies ask it.
     *
     * @param router the router
     * @param properties Strangler's properties
     * @param resolver the application's routing-key resolver, if any
     * @param observations the application's observation registry, if any: each routed call is then observed, unless
     *     {@code strangler.router.observe-calls=false}
     * @param customizers the application's route customizers, in order
     * @return the assembler
     */
    @Bean
    @ConditionalOnMissingBean
    RouteAssembler stranglerRouteAssembler(MigrationRouter router, StranglerProperties properties,
            ObjectProvider<RoutingKeyResolver> resolver, ObjectProvider<ObservationRegistry> observations,
            ObjectProvider<StranglerRouteCustomizer> customizers) {
        return new RouteAssembler(router, properties, resolver.getIfUnique(),
                properties.getRouter().isObserveCalls() ? observations.getIfUnique() : null,
                customizers.orderedStream().toList());
    }

    /** The rollout controller, when {@code strangler.rollout.enabled} (the default). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "strangler.rollout", name = "enabled", matchIfMissing = true)
    static class Rollouts {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        RolloutController stranglerRolloutController(MigrationRouter router, StranglerRoutes routes,
                StranglerProperties properties, ObjectProvider<MeterRegistry> meterRegistry,
                ObjectProvider<RolloutNotifier> notifiers, ObjectProvider<StranglerRolloutCustomizer> customizers) {
            routes.registerAll();
            StranglerProperties.Rollout p = properties.getRollout();
            RolloutController.Builder b = Strangler.controller(router);
            RouteAssembler.apply("strangler.rollout.window", p.getWindow(), () -> b.window(p.getWindow()));
            RouteAssembler.apply("strangler.rollout.actor", p.getActor(), () -> b.actor(p.getActor()));
            RouteAssembler.apply("strangler.rollout.baseline-window", p.getBaselineWindow(),
                    () -> b.baselineGate(p.getBaselineWindow(), p.getBaselineTimedCalls()));
            meterRegistry.ifUnique(b::meterRegistry);
            notifiers.orderedStream().forEach(b::notifier);
            for (Map.Entry<String, RouteProperties> e : properties.getRoutes().entrySet()) {
                configure(b, e.getKey(), e.getValue(), routes);
            }
            customizers.orderedStream().forEach(c -> c.customize(b));
            return RouteAssembler.apply("strangler.rollout", null, b::build);
        }

        @Bean
        @ConditionalOnMissingBean
        StranglerRolloutLifecycle stranglerRolloutLifecycle(RolloutController controller,
                StranglerProperties properties) {
            return new StranglerRolloutLifecycle(controller, properties.getRollout().getTickInterval());
        }

        private static void configure(RolloutController.Builder b, String route, RouteProperties p,
                StranglerRoutes routes) {
            String prefix = "strangler.routes." + route + ".";
            Plan plan = p.getRollout();
            if (plan.getPreset() != null || !plan.getSteps().isEmpty()) {
                RolloutPlan built = RouteAssembler.apply(prefix + "rollout", plan.getPreset(), () -> plan(plan));
                b.plan(route, built);
            }
            b.triggers(route, triggers(prefix + "triggers.", p.getTriggers()));
            for (String dependency : p.getDependsOn()) {
                if (!routes.names().contains(dependency)) {
                    throw new StranglerConfigurationException(prefix + "depends-on", dependency, "there is no route "
                            + "named '" + dependency + "' (routes: " + routes.names() + ")",
                            "Name a route in " + prefix + "depends-on, or remove it.");
                }
                RouteAssembler.apply(prefix + "depends-on", dependency, () -> b.dependsOn(route, dependency));
            }
            if (p.getPhase() != null) {
                RouteAssembler.apply(prefix + "phase", p.getPhase(), () -> b.phase(route, p.getPhase()));
            }
        }

        private static RolloutPlan plan(Plan p) {
            if (p.getSteps().isEmpty()) {
                RolloutPlan preset = RolloutPlan.preset(p.getPreset());
                return p.getMinimumSamples() == null ? preset
                        : RolloutPlan.from(preset).minimumSamples(p.getMinimumSamples()).build();
            }
            RolloutPlan.Builder b = RolloutPlan.custom();
            double[] approvals = p.getSteps().stream().filter(Step::isApproval).mapToDouble(Step::getPercentage)
                    .toArray();
            for (Step step : p.getSteps()) {
                b.step(step.getPercentage(), step.getBake());
            }
            if (approvals.length > 0) {
                b.approvalAt(approvals);
            }
            if (p.getMinimumSamples() != null) {
                b.minimumSamples(p.getMinimumSamples());
            }
            return b.build();
        }

        private static TriggerSettings triggers(String prefix, Triggers t) {
            TriggerSettings.Builder b = TriggerSettings.custom();
            threshold(b, prefix + "error-rate", TriggerKind.ERROR_RATE, t.getErrorRate());
            threshold(b, prefix + "latency-ratio", TriggerKind.LATENCY, t.getLatencyRatio());
            threshold(b, prefix + "throughput-ratio", TriggerKind.THROUGHPUT, t.getThroughputRatio());
            threshold(b, prefix + "mismatch-rate", TriggerKind.MISMATCH_RATE, t.getMismatchRate());
            if (t.getBaselineThroughputRatio() != null) {
                threshold(b, prefix + "baseline-throughput-ratio", TriggerKind.BASELINE_THROUGHPUT,
                        t.getBaselineThroughputRatio());
                b.enabled(TriggerKind.BASELINE_THROUGHPUT, true);
            }
            if (t.getDataIntegrityFailures() != null) {
                threshold(b, prefix + "data-integrity-failures", TriggerKind.DATA_INTEGRITY,
                        t.getDataIntegrityFailures().doubleValue());
            }
            if (t.getConfidence() != null) {
                RouteAssembler.apply(prefix + "confidence", t.getConfidence(), () -> b.confidence(t.getConfidence()));
            }
            t.getDisabled().forEach(kind -> b.enabled(kind, false));
            t.getDryRun().forEach(kind -> b.dryRun(kind, true));
            for (Map.Entry<TriggerKind, RollbackAction> e : t.getActions().entrySet()) {
                RouteAssembler.apply(prefix + "actions." + e.getKey(), e.getValue(),
                        () -> b.action(e.getKey(), e.getValue()));
            }
            return b.build();
        }

        private static void threshold(TriggerSettings.Builder b, String property, TriggerKind kind, Double value) {
            if (value != null) {
                RouteAssembler.apply(property, value, () -> b.threshold(kind, value));
            }
        }
    }

    /** Second writes after commit, when Spring's transactions are on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.transaction.support.TransactionSynchronizationManager")
    static class Transactions {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(WriteSynchronization.class)
        SpringTransactionWriteSynchronization stranglerWriteSynchronization() {
            return new SpringTransactionWriteSynchronization();
        }
    }

    /** Route states in PostgreSQL on the application's {@code DataSource}: {@code strangler.store.type=jdbc}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.strangler.postgres.PostgresRouteStateStore")
    @ConditionalOnProperty(prefix = "strangler.store", name = "type", havingValue = "jdbc")
    @ConditionalOnBean(DataSource.class)
    static class JdbcStore {

        @Bean
        @ConditionalOnMissingBean(RouteStateStore.class)
        RouteStateStore stranglerJdbcStateStore(DataSource dataSource, StranglerProperties properties,
                ObjectProvider<FF4j> ff4j) {
            String table = properties.getStore().getPrefix() + "_route_state";
            if (properties.getStore().isCreateSchema()) {
                RouteAssembler.apply("strangler.store.prefix", properties.getStore().getPrefix(),
                        () -> {
                            io.strangler.postgres.PostgresRouteStateStore.createSchema(dataSource, table);
                            return table;
                        });
            }
            return io.strangler.postgres.PostgresRouteStateStore.builder(dataSource, featureStore(ff4j))
                    .table(table).build();
        }
    }

    /** Route states in Redis: {@code strangler.store.type=redis} and {@code strangler.store.redis-uri}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.strangler.redis.RedisRouteStateStore")
    @ConditionalOnProperty(prefix = "strangler.store", name = "type", havingValue = "redis")
    static class RedisStore {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(RouteStateStore.class)
        io.strangler.redis.RedisRouteStateStore stranglerRedisStateStore(StranglerProperties properties, ObjectProvider<FF4j> ff4j) {
            String uri = properties.getStore().getRedisUri();
            if (uri == null || uri.isBlank()) {
                throw new StranglerConfigurationException("strangler.store.redis-uri", uri, "the Redis store needs "
                        + "a Redis URI", "Set strangler.store.redis-uri, e.g. redis://localhost:6379.");
            }
            return RouteAssembler.apply("strangler.store.redis-uri", uri,
                    () -> io.strangler.redis.RedisRouteStateStore.builder(uri, featureStore(ff4j))
                            .keyPrefix(properties.getStore().getPrefix() + ":").build());
        }
    }

    /** The kill switches' feature store: the application's FF4J's, else one in memory. */
    static FeatureStore featureStore(ObjectProvider<FF4j> ff4j) {
        FF4j app = ff4j.getIfUnique();
        return app != null ? app.getFeatureStore() : new InMemoryFeatureStore();
    }
}
