package io.strangler.spring;

import io.strangler.api.Stage;
import io.strangler.api.dualwrite.DualWriteMode;
import io.strangler.api.health.RollbackAction;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.rollout.RolloutPlan;
import io.strangler.api.shadow.ReadPreference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Strangler's configuration properties, under {@code strangler}: the router's settings, the store of route states,
 * the rollout controller, and {@code strangler.routes.<name>.*} for each route. A route's properties set its initial
 * state and its settings; its sides come from {@link StranglerRoute} beans or from {@code legacy-bean} and
 * {@code modern-bean}. Values a route can't take (a percentage of 150, a {@code depends-on} naming no route) stop
 * start-up with a message naming the property and the value.
 *
 * <pre>{@code
 * strangler.routes.cv-analyzer.stage=canary
 * strangler.routes.cv-analyzer.percentage=10
 * strangler.routes.cv-analyzer.rollout.preset=medium
 * strangler.routes.cv-analyzer.triggers.error-rate=0.02
 * strangler.routes.vets.legacy-bean=vetRepository
 * strangler.routes.vets.modern-bean=jdbcVetRepository
 * strangler.routes.vets.reads=findAll,findById
 * }</pre>
 */
@ConfigurationProperties("strangler")
public class StranglerProperties {

    /** Whether to auto-configure Strangler. */
    private boolean enabled = true;

    /** Where route states are kept. */
    private final Store store = new Store();

    /** Router settings. */
    private final Router router = new Router();

    /** Rollout controller settings. */
    private final Rollout rollout = new Rollout();

    /** Routes by name: lower-case letters, digits and hyphens. */
    private final Map<String, RouteProperties> routes = new LinkedHashMap<>();

    /** Properties with their defaults. */
    public StranglerProperties() {
    }

    /**
     * Whether to auto-configure Strangler.
     *
     * @return whether to auto-configure Strangler
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether to auto-configure Strangler.
     *
     * @param enabled whether to auto-configure Strangler
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Where route states are kept.
     *
     * @return where route states are kept
     */
    public Store getStore() {
        return store;
    }

    /**
     * Router settings.
     *
     * @return router settings
     */
    public Router getRouter() {
        return router;
    }

    /**
     * Rollout controller settings.
     *
     * @return rollout controller settings
     */
    public Rollout getRollout() {
        return rollout;
    }

    /**
     * Routes by name.
     *
     * @return routes by name
     */
    public Map<String, RouteProperties> getRoutes() {
        return routes;
    }

    /** Kinds of store for route states. */
    public enum StoreType {
        /** FF4J: the application's {@code FF4j} bean when it has one, else an in-memory FF4J. */
        FF4J,
        /** PostgreSQL on the application's {@code DataSource}, shared by a fleet (needs strangler-postgres). */
        JDBC,
        /** Redis, shared by a fleet (needs strangler-redis and {@code strangler.store.redis-uri}). */
        REDIS
    }

    /** Where route states are kept. */
    public static class Store {

        /** Kind of store: FF4J (in memory unless the application has an FF4j bean), JDBC or REDIS. */
        private StoreType type = StoreType.FF4J;

        /** Prefix of the store's tables (JDBC) or keys (REDIS). */
        private String prefix = "strangler";

        /** Redis URI of the REDIS store, e.g. redis://localhost:6379. */
        private @Nullable String redisUri;

        /** Whether to create the JDBC store's tables at start-up when they are missing. */
        private boolean createSchema = true;

        /** Store settings with their defaults. */
        public Store() {
        }

        /**
         * Kind of store.
         *
         * @return kind of store
         */
        public StoreType getType() {
            return type;
        }

        /**
         * Sets the kind of store.
         *
         * @param type kind of store
         */
        public void setType(StoreType type) {
            this.type = type;
        }

        /**
         * Prefix of the store's tables or keys.
         *
         * @return prefix of the store's tables or keys
         */
        public String getPrefix() {
            return prefix;
        }

        /**
         * Sets the prefix of the store's tables or keys.
         *
         * @param prefix prefix of the store's tables or keys
         */
        public void setPrefix(String prefix) {
            this.prefix = prefix;
        }

        /**
         * Redis URI of the REDIS store.
         *
         * @return Redis URI of the REDIS store
         */
        public @Nullable String getRedisUri() {
            return redisUri;
        }

        /**
         * Sets the Redis URI of the REDIS store.
         *
         * @param redisUri Redis URI of the REDIS store
         */
        public void setRedisUri(@Nullable String redisUri) {
            this.redisUri = redisUri;
        }

        /**
         * Whether to create the JDBC store's tables at start-up when they are missing.
         *
         * @return whether to create the JDBC store's tables
         */
        public boolean isCreateSchema() {
            return createSchema;
        }

        /**
         * Sets whether to create the JDBC store's tables at start-up when they are missing.
         *
         * @param createSchema whether to create the JDBC store's tables
         */
        public void setCreateSchema(boolean createSchema) {
            this.createSchema = createSchema;
        }
    }

    /** Router settings. */
    public static class Router {

        /** How often each instance reads the store for changes made elsewhere; 0 to read only when pushed. */
        private Duration refreshInterval = Duration.ofSeconds(1);

        /** Whether to start when the store can't be reached, serving the routes' initial states. */
        private boolean startWithoutStore;

        /** Time one legacy call in this many. */
        private int legacyTimingOneIn = 16;

        /** Whether each routed call is a Micrometer observation when the application has an ObservationRegistry. */
        private boolean observeCalls = true;

        /** Router settings with their defaults. */
        public Router() {
        }

        /**
         * How often each instance reads the store for changes made elsewhere.
         *
         * @return how often each instance reads the store
         */
        public Duration getRefreshInterval() {
            return refreshInterval;
        }

        /**
         * Sets how often each instance reads the store for changes made elsewhere.
         *
         * @param refreshInterval how often each instance reads the store
         */
        public void setRefreshInterval(Duration refreshInterval) {
            this.refreshInterval = refreshInterval;
        }

        /**
         * Whether to start when the store can't be reached.
         *
         * @return whether to start when the store can't be reached
         */
        public boolean isStartWithoutStore() {
            return startWithoutStore;
        }

        /**
         * Sets whether to start when the store can't be reached.
         *
         * @param startWithoutStore whether to start when the store can't be reached
         */
        public void setStartWithoutStore(boolean startWithoutStore) {
            this.startWithoutStore = startWithoutStore;
        }

        /**
         * Time one legacy call in this many.
         *
         * @return time one legacy call in this many
         */
        public int getLegacyTimingOneIn() {
            return legacyTimingOneIn;
        }

        /**
         * Sets how many legacy calls one is timed in.
         *
         * @param legacyTimingOneIn time one legacy call in this many
         */
        public void setLegacyTimingOneIn(int legacyTimingOneIn) {
            this.legacyTimingOneIn = legacyTimingOneIn;
        }

        /**
         * Whether each routed call is a Micrometer observation.
         *
         * @return whether each routed call is observed
         */
        public boolean isObserveCalls() {
            return observeCalls;
        }

        /**
         * Sets whether each routed call is a Micrometer observation.
         *
         * @param observeCalls whether each routed call is observed
         */
        public void setObserveCalls(boolean observeCalls) {
            this.observeCalls = observeCalls;
        }
    }

    /** Rollout controller settings. */
    public static class Rollout {

        /** Whether to run a rollout controller: it advances the routes' rollouts and rolls back on its own. */
        private boolean enabled = true;

        /** How often the controller judges and advances; 0 to tick it yourself ({@code RolloutController.tick()}). */
        private Duration tickInterval = Duration.ofSeconds(1);

        /** Window the triggers judge. */
        private Duration window = Duration.ofSeconds(60);

        /** Who the controller's own changes are recorded as made by. */
        private String actor = "strangler-controller";

        /** How long legacy must be seen serving alone before a rollout's first step; 0 not to wait. */
        private Duration baselineWindow = Duration.ofSeconds(60);

        /** Timed legacy calls the pre-migration baseline needs; 0 not to wait. */
        private long baselineTimedCalls = 30;

        /** Rollout settings with their defaults. */
        public Rollout() {
        }

        /**
         * Whether to run a rollout controller.
         *
         * @return whether to run a rollout controller
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether to run a rollout controller.
         *
         * @param enabled whether to run a rollout controller
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * How often the controller judges and advances.
         *
         * @return how often the controller judges and advances
         */
        public Duration getTickInterval() {
            return tickInterval;
        }

        /**
         * Sets how often the controller judges and advances.
         *
         * @param tickInterval how often the controller judges and advances
         */
        public void setTickInterval(Duration tickInterval) {
            this.tickInterval = tickInterval;
        }

        /**
         * Window the triggers judge.
         *
         * @return window the triggers judge
         */
        public Duration getWindow() {
            return window;
        }

        /**
         * Sets the window the triggers judge.
         *
         * @param window window the triggers judge
         */
        public void setWindow(Duration window) {
            this.window = window;
        }

        /**
         * Who the controller's own changes are recorded as made by.
         *
         * @return the controller's actor
         */
        public String getActor() {
            return actor;
        }

        /**
         * Sets who the controller's own changes are recorded as made by.
         *
         * @param actor the controller's actor
         */
        public void setActor(String actor) {
            this.actor = actor;
        }

        /**
         * How long legacy must be seen serving alone before a rollout's first step.
         *
         * @return the baseline window
         */
        public Duration getBaselineWindow() {
            return baselineWindow;
        }

        /**
         * Sets how long legacy must be seen serving alone before a rollout's first step.
         *
         * @param baselineWindow the baseline window
         */
        public void setBaselineWindow(Duration baselineWindow) {
            this.baselineWindow = baselineWindow;
        }

        /**
         * Timed legacy calls the pre-migration baseline needs.
         *
         * @return timed legacy calls the baseline needs
         */
        public long getBaselineTimedCalls() {
            return baselineTimedCalls;
        }

        /**
         * Sets the timed legacy calls the pre-migration baseline needs.
         *
         * @param baselineTimedCalls timed legacy calls the baseline needs
         */
        public void setBaselineTimedCalls(long baselineTimedCalls) {
            this.baselineTimedCalls = baselineTimedCalls;
        }
    }

    /** One route's properties: {@code strangler.routes.<name>.*}. Unset values keep the library's defaults. */
    public static class RouteProperties {

        /** Name of the bean that is the legacy side, for a bean that can't be annotated. */
        private @Nullable String legacyBean;

        /** Name of the bean that is the modern side, for a bean that can't be annotated. */
        private @Nullable String modernBean;

        /** Interface the route routes, when the sides share more than one. */
        private @Nullable Class<?> type;

        /** Initial stage: legacy, shadow, dual-write, canary, modern or retired. */
        private @Nullable Stage stage;

        /** Initial percentage of routing keys sent to modern, 0 to 100. */
        private @Nullable Double percentage;

        /** Whether the route is on; off sends every call to legacy (the kill switch). */
        private @Nullable Boolean enabled;

        /** Cohort: routes of one cohort send the same keys to modern. */
        private @Nullable String cohort;

        /** Whether legacy answers a call modern failed. */
        private @Nullable Boolean fallbackToLegacy;

        /** Percentage of reads shadowed on the other side and compared, 0 to 100. */
        private @Nullable Double shadowSample;

        /** Longest a shadow call may take before it is abandoned. */
        private @Nullable Duration shadowTimeout;

        /** Field paths the shadow comparison ignores, e.g. $.requestId or $.**.updatedAt. */
        private List<String> shadowIgnore = new ArrayList<>();

        /** Field paths whose lists the shadow comparison compares in any order. */
        private List<String> shadowUnordered = new ArrayList<>();

        /** Relative tolerance of the shadow comparison for numbers, e.g. 1e-9. */
        private @Nullable Double shadowTolerance;

        /** How writes reach the other side: off, sync or async. */
        private @Nullable DualWriteMode dualWriteMode;

        /** Which side's answer a dual-write read returns. */
        private @Nullable ReadPreference readPreference;

        /** Whether the route keeps no data of its own, so dual writes may be off without losing anything. */
        private boolean stateless;

        /** Methods of the interface that are reads, for an interface that can't be annotated. */
        private List<String> reads = new ArrayList<>();

        /** Methods of the interface that are writes, whatever their annotations. */
        private List<String> writes = new ArrayList<>();

        /** Methods of the interface that are idempotent writes. */
        private List<String> idempotent = new ArrayList<>();

        /** Routes this one depends on: it starts after them and rolls back before them. */
        private List<String> dependsOn = new ArrayList<>();

        /** Migration phase, for phase-wide rollbacks and escalation. */
        private @Nullable String phase;

        /** Modern's circuit breaker. */
        private final Breaker breaker = new Breaker();

        /** Retry of modern reads and idempotent writes. */
        private final Retry retry = new Retry();

        /** Rollout plan. */
        private final Plan rollout = new Plan();

        /** Health triggers. */
        private final Triggers triggers = new Triggers();

        /** A route's properties, all unset. */
        public RouteProperties() {
        }

        /**
         * Name of the legacy bean.
         *
         * @return name of the legacy bean
         */
        public @Nullable String getLegacyBean() {
            return legacyBean;
        }

        /**
         * Sets: name of the legacy bean.
         *
         * @param legacyBean name of the legacy bean
         */
        public void setLegacyBean(@Nullable String legacyBean) {
            this.legacyBean = legacyBean;
        }

        /**
         * Name of the modern bean.
         *
         * @return name of the modern bean
         */
        public @Nullable String getModernBean() {
            return modernBean;
        }

        /**
         * Sets: name of the modern bean.
         *
         * @param modernBean name of the modern bean
         */
        public void setModernBean(@Nullable String modernBean) {
            this.modernBean = modernBean;
        }

        /**
         * Interface the route routes.
         *
         * @return interface the route routes
         */
        public @Nullable Class<?> getType() {
            return type;
        }

        /**
         * Sets: interface the route routes.
         *
         * @param type interface the route routes
         */
        public void setType(@Nullable Class<?> type) {
            this.type = type;
        }

        /**
         * Initial stage.
         *
         * @return initial stage
         */
        public @Nullable Stage getStage() {
            return stage;
        }

        /**
         * Sets: initial stage.
         *
         * @param stage initial stage
         */
        public void setStage(@Nullable Stage stage) {
            this.stage = stage;
        }

        /**
         * Initial percentage.
         *
         * @return initial percentage
         */
        public @Nullable Double getPercentage() {
            return percentage;
        }

        /**
         * Sets: initial percentage.
         *
         * @param percentage initial percentage
         */
        public void setPercentage(@Nullable Double percentage) {
            this.percentage = percentage;
        }

        /**
         * Whether the route is on.
         *
         * @return whether the route is on
         */
        public @Nullable Boolean getEnabled() {
            return enabled;
        }

        /**
         * Sets: whether the route is on.
         *
         * @param enabled whether the route is on
         */
        public void setEnabled(@Nullable Boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * Cohort.
         *
         * @return cohort
         */
        public @Nullable String getCohort() {
            return cohort;
        }

        /**
         * Sets: cohort.
         *
         * @param cohort cohort
         */
        public void setCohort(@Nullable String cohort) {
            this.cohort = cohort;
        }

        /**
         * Whether legacy answers a call modern failed.
         *
         * @return whether legacy answers a call modern failed
         */
        public @Nullable Boolean getFallbackToLegacy() {
            return fallbackToLegacy;
        }

        /**
         * Sets: whether legacy answers a call modern failed.
         *
         * @param fallbackToLegacy whether legacy answers a call modern failed
         */
        public void setFallbackToLegacy(@Nullable Boolean fallbackToLegacy) {
            this.fallbackToLegacy = fallbackToLegacy;
        }

        /**
         * Percentage of reads shadowed.
         *
         * @return percentage of reads shadowed
         */
        public @Nullable Double getShadowSample() {
            return shadowSample;
        }

        /**
         * Sets: percentage of reads shadowed.
         *
         * @param shadowSample percentage of reads shadowed
         */
        public void setShadowSample(@Nullable Double shadowSample) {
            this.shadowSample = shadowSample;
        }

        /**
         * Longest a shadow call may take.
         *
         * @return longest a shadow call may take
         */
        public @Nullable Duration getShadowTimeout() {
            return shadowTimeout;
        }

        /**
         * Sets: longest a shadow call may take.
         *
         * @param shadowTimeout longest a shadow call may take
         */
        public void setShadowTimeout(@Nullable Duration shadowTimeout) {
            this.shadowTimeout = shadowTimeout;
        }

        /**
         * Field paths the shadow comparison ignores.
         *
         * @return field paths the shadow comparison ignores
         */
        public List<String> getShadowIgnore() {
            return shadowIgnore;
        }

        /**
         * Sets: field paths the shadow comparison ignores.
         *
         * @param shadowIgnore field paths the shadow comparison ignores
         */
        public void setShadowIgnore(List<String> shadowIgnore) {
            this.shadowIgnore = shadowIgnore;
        }

        /**
         * Field paths whose lists are compared in any order.
         *
         * @return field paths whose lists are compared in any order
         */
        public List<String> getShadowUnordered() {
            return shadowUnordered;
        }

        /**
         * Sets: field paths whose lists are compared in any order.
         *
         * @param shadowUnordered field paths whose lists are compared in any order
         */
        public void setShadowUnordered(List<String> shadowUnordered) {
            this.shadowUnordered = shadowUnordered;
        }

        /**
         * Relative tolerance of the shadow comparison for numbers.
         *
         * @return relative tolerance for numbers
         */
        public @Nullable Double getShadowTolerance() {
            return shadowTolerance;
        }

        /**
         * Sets: relative tolerance of the shadow comparison for numbers.
         *
         * @param shadowTolerance relative tolerance for numbers
         */
        public void setShadowTolerance(@Nullable Double shadowTolerance) {
            this.shadowTolerance = shadowTolerance;
        }

        /**
         * How writes reach the other side.
         *
         * @return how writes reach the other side
         */
        public @Nullable DualWriteMode getDualWriteMode() {
            return dualWriteMode;
        }

        /**
         * Sets: how writes reach the other side.
         *
         * @param dualWriteMode how writes reach the other side
         */
        public void setDualWriteMode(@Nullable DualWriteMode dualWriteMode) {
            this.dualWriteMode = dualWriteMode;
        }

        /**
         * Which side's answer a dual-write read returns.
         *
         * @return which side's answer a dual-write read returns
         */
        public @Nullable ReadPreference getReadPreference() {
            return readPreference;
        }

        /**
         * Sets: which side's answer a dual-write read returns.
         *
         * @param readPreference which side's answer a dual-write read returns
         */
        public void setReadPreference(@Nullable ReadPreference readPreference) {
            this.readPreference = readPreference;
        }

        /**
         * Whether the route keeps no data of its own.
         *
         * @return whether the route keeps no data of its own
         */
        public boolean isStateless() {
            return stateless;
        }

        /**
         * Sets: whether the route keeps no data of its own.
         *
         * @param stateless whether the route keeps no data of its own
         */
        public void setStateless(boolean stateless) {
            this.stateless = stateless;
        }

        /**
         * Methods that are reads.
         *
         * @return methods that are reads
         */
        public List<String> getReads() {
            return reads;
        }

        /**
         * Sets: methods that are reads.
         *
         * @param reads methods that are reads
         */
        public void setReads(List<String> reads) {
            this.reads = reads;
        }

        /**
         * Methods that are writes.
         *
         * @return methods that are writes
         */
        public List<String> getWrites() {
            return writes;
        }

        /**
         * Sets: methods that are writes.
         *
         * @param writes methods that are writes
         */
        public void setWrites(List<String> writes) {
            this.writes = writes;
        }

        /**
         * Methods that are idempotent writes.
         *
         * @return methods that are idempotent writes
         */
        public List<String> getIdempotent() {
            return idempotent;
        }

        /**
         * Sets: methods that are idempotent writes.
         *
         * @param idempotent methods that are idempotent writes
         */
        public void setIdempotent(List<String> idempotent) {
            this.idempotent = idempotent;
        }

        /**
         * Routes this one depends on.
         *
         * @return routes this one depends on
         */
        public List<String> getDependsOn() {
            return dependsOn;
        }

        /**
         * Sets: routes this one depends on.
         *
         * @param dependsOn routes this one depends on
         */
        public void setDependsOn(List<String> dependsOn) {
            this.dependsOn = dependsOn;
        }

        /**
         * Migration phase.
         *
         * @return migration phase
         */
        public @Nullable String getPhase() {
            return phase;
        }

        /**
         * Sets: migration phase.
         *
         * @param phase migration phase
         */
        public void setPhase(@Nullable String phase) {
            this.phase = phase;
        }

        /**
         * Modern's circuit breaker.
         *
         * @return modern's circuit breaker
         */
        public Breaker getBreaker() {
            return breaker;
        }

        /**
         * Retry of modern reads and idempotent writes.
         *
         * @return retry of modern reads and idempotent writes
         */
        public Retry getRetry() {
            return retry;
        }

        /**
         * Rollout plan.
         *
         * @return rollout plan
         */
        public Plan getRollout() {
            return rollout;
        }

        /**
         * Health triggers.
         *
         * @return health triggers
         */
        public Triggers getTriggers() {
            return triggers;
        }
    }

    /** Modern's circuit breaker; unset values keep resilience4j's defaults as Strangler sets them. */
    public static class Breaker {

        /** Failure rate, in percent, at which the breaker opens. */
        private @Nullable Float failureRateThreshold;

        /** Calls slower than this count as slow. */
        private @Nullable Duration slowCallDuration;

        /** Slow-call rate, in percent, at which the breaker opens. */
        private @Nullable Float slowCallRateThreshold;

        /** Calls in the breaker's sliding window. */
        private @Nullable Integer slidingWindowSize;

        /** Calls before the breaker judges. */
        private @Nullable Integer minimumCalls;

        /** How long the breaker stays open before trying modern again. */
        private @Nullable Duration waitInOpenState;

        /** Breaker settings, all unset. */
        public Breaker() {
        }

        /**
         * Failure rate at which the breaker opens.
         *
         * @return failure rate at which the breaker opens
         */
        public @Nullable Float getFailureRateThreshold() {
            return failureRateThreshold;
        }

        /**
         * Sets: failure rate at which the breaker opens.
         *
         * @param v failure rate at which the breaker opens
         */
        public void setFailureRateThreshold(@Nullable Float v) {
            this.failureRateThreshold = v;
        }

        /**
         * Slow-call duration.
         *
         * @return slow-call duration
         */
        public @Nullable Duration getSlowCallDuration() {
            return slowCallDuration;
        }

        /**
         * Sets: slow-call duration.
         *
         * @param v slow-call duration
         */
        public void setSlowCallDuration(@Nullable Duration v) {
            this.slowCallDuration = v;
        }

        /**
         * Slow-call rate at which the breaker opens.
         *
         * @return slow-call rate at which the breaker opens
         */
        public @Nullable Float getSlowCallRateThreshold() {
            return slowCallRateThreshold;
        }

        /**
         * Sets: slow-call rate at which the breaker opens.
         *
         * @param v slow-call rate at which the breaker opens
         */
        public void setSlowCallRateThreshold(@Nullable Float v) {
            this.slowCallRateThreshold = v;
        }

        /**
         * Calls in the sliding window.
         *
         * @return calls in the sliding window
         */
        public @Nullable Integer getSlidingWindowSize() {
            return slidingWindowSize;
        }

        /**
         * Sets: calls in the sliding window.
         *
         * @param v calls in the sliding window
         */
        public void setSlidingWindowSize(@Nullable Integer v) {
            this.slidingWindowSize = v;
        }

        /**
         * Calls before the breaker judges.
         *
         * @return calls before the breaker judges
         */
        public @Nullable Integer getMinimumCalls() {
            return minimumCalls;
        }

        /**
         * Sets: calls before the breaker judges.
         *
         * @param v calls before the breaker judges
         */
        public void setMinimumCalls(@Nullable Integer v) {
            this.minimumCalls = v;
        }

        /**
         * How long the breaker stays open.
         *
         * @return how long the breaker stays open
         */
        public @Nullable Duration getWaitInOpenState() {
            return waitInOpenState;
        }

        /**
         * Sets: how long the breaker stays open.
         *
         * @param v how long the breaker stays open
         */
        public void setWaitInOpenState(@Nullable Duration v) {
            this.waitInOpenState = v;
        }
    }

    /** Retry of modern reads and idempotent writes. */
    public static class Retry {

        /** Attempts in all, the first included; 1 does not retry. */
        private int maxAttempts = 1;

        /** Wait between attempts. */
        private Duration wait = Duration.ofMillis(50);

        /** Retry settings with their defaults. */
        public Retry() {
        }

        /**
         * Attempts in all.
         *
         * @return attempts in all
         */
        public int getMaxAttempts() {
            return maxAttempts;
        }

        /**
         * Sets: attempts in all.
         *
         * @param maxAttempts attempts in all
         */
        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        /**
         * Wait between attempts.
         *
         * @return wait between attempts
         */
        public Duration getWait() {
            return wait;
        }

        /**
         * Sets: wait between attempts.
         *
         * @param wait wait between attempts
         */
        public void setWait(Duration wait) {
            this.wait = wait;
        }
    }

    /** A route's rollout plan: a preset, or steps. */
    public static class Plan {

        /** Preset plan: low, medium or critical. */
        private RolloutPlan.@Nullable Preset preset;

        /** Steps of a plan of one's own, in order. */
        private List<Step> steps = new ArrayList<>();

        /** Modern calls each step needs before the next. */
        private @Nullable Long minimumSamples;

        /** A plan, unset: the route is guarded but not advanced. */
        public Plan() {
        }

        /**
         * Preset plan.
         *
         * @return preset plan
         */
        public RolloutPlan.@Nullable Preset getPreset() {
            return preset;
        }

        /**
         * Sets: preset plan.
         *
         * @param preset preset plan
         */
        public void setPreset(RolloutPlan.@Nullable Preset preset) {
            this.preset = preset;
        }

        /**
         * Steps.
         *
         * @return steps
         */
        public List<Step> getSteps() {
            return steps;
        }

        /**
         * Sets: steps.
         *
         * @param steps steps
         */
        public void setSteps(List<Step> steps) {
            this.steps = steps;
        }

        /**
         * Modern calls each step needs.
         *
         * @return modern calls each step needs
         */
        public @Nullable Long getMinimumSamples() {
            return minimumSamples;
        }

        /**
         * Sets: modern calls each step needs.
         *
         * @param minimumSamples modern calls each step needs
         */
        public void setMinimumSamples(@Nullable Long minimumSamples) {
            this.minimumSamples = minimumSamples;
        }
    }

    /** One step of a rollout plan. */
    public static class Step {

        /** Percentage of keys modern serves at this step. */
        private double percentage;

        /** How long the step bakes before the next. */
        private Duration bake = Duration.ofMinutes(30);

        /** Whether a person must approve the step. */
        private boolean approval;

        /** A step, unset. */
        public Step() {
        }

        /**
         * Percentage at this step.
         *
         * @return percentage at this step
         */
        public double getPercentage() {
            return percentage;
        }

        /**
         * Sets: percentage at this step.
         *
         * @param percentage percentage at this step
         */
        public void setPercentage(double percentage) {
            this.percentage = percentage;
        }

        /**
         * How long the step bakes.
         *
         * @return how long the step bakes
         */
        public Duration getBake() {
            return bake;
        }

        /**
         * Sets: how long the step bakes.
         *
         * @param bake how long the step bakes
         */
        public void setBake(Duration bake) {
            this.bake = bake;
        }

        /**
         * Whether a person must approve the step.
         *
         * @return whether a person must approve the step
         */
        public boolean isApproval() {
            return approval;
        }

        /**
         * Sets: whether a person must approve the step.
         *
         * @param approval whether a person must approve the step
         */
        public void setApproval(boolean approval) {
            this.approval = approval;
        }
    }

    /** A route's health triggers; unset values keep the defaults. */
    public static class Triggers {

        /** Highest modern error rate tolerated, e.g. 0.05. */
        private @Nullable Double errorRate;

        /** Highest ratio of modern's p95 latency to legacy's tolerated, e.g. 2.0. */
        private @Nullable Double latencyRatio;

        /** Lowest ratio of modern's observed to routed share of calls tolerated, e.g. 0.9. */
        private @Nullable Double throughputRatio;

        /**
         * Lowest ratio of the route's throughput to the pre-migration baseline's tolerated; setting it turns that
         * trigger on.
         */
        private @Nullable Double baselineThroughputRatio;

        /** Highest shadow mismatch rate tolerated, e.g. 0.01. */
        private @Nullable Double mismatchRate;

        /** Data-integrity failures tolerated. */
        private @Nullable Long dataIntegrityFailures;

        /** One-sided confidence of every bound, e.g. 0.95. */
        private @Nullable Double confidence;

        /** Triggers turned off. */
        private List<TriggerKind> disabled = new ArrayList<>();

        /** Triggers that only judge and report, never act. */
        private List<TriggerKind> dryRun = new ArrayList<>();

        /** Action of each trigger's rollback, where it differs from the default. */
        private Map<TriggerKind, RollbackAction> actions = new LinkedHashMap<>();

        /** Triggers, all unset. */
        public Triggers() {
        }

        /**
         * Highest modern error rate tolerated.
         *
         * @return highest modern error rate tolerated
         */
        public @Nullable Double getErrorRate() {
            return errorRate;
        }

        /**
         * Sets: highest modern error rate tolerated.
         *
         * @param v highest modern error rate tolerated
         */
        public void setErrorRate(@Nullable Double v) {
            this.errorRate = v;
        }

        /**
         * Highest latency ratio tolerated.
         *
         * @return highest latency ratio tolerated
         */
        public @Nullable Double getLatencyRatio() {
            return latencyRatio;
        }

        /**
         * Sets: highest latency ratio tolerated.
         *
         * @param v highest latency ratio tolerated
         */
        public void setLatencyRatio(@Nullable Double v) {
            this.latencyRatio = v;
        }

        /**
         * Lowest throughput ratio tolerated.
         *
         * @return lowest throughput ratio tolerated
         */
        public @Nullable Double getThroughputRatio() {
            return throughputRatio;
        }

        /**
         * Sets: lowest throughput ratio tolerated.
         *
         * @param v lowest throughput ratio tolerated
         */
        public void setThroughputRatio(@Nullable Double v) {
            this.throughputRatio = v;
        }

        /**
         * Lowest ratio to the baseline's throughput tolerated.
         *
         * @return lowest ratio to the baseline's throughput tolerated
         */
        public @Nullable Double getBaselineThroughputRatio() {
            return baselineThroughputRatio;
        }

        /**
         * Sets: lowest ratio to the baseline's throughput tolerated.
         *
         * @param v lowest ratio to the baseline's throughput tolerated
         */
        public void setBaselineThroughputRatio(@Nullable Double v) {
            this.baselineThroughputRatio = v;
        }

        /**
         * Highest mismatch rate tolerated.
         *
         * @return highest mismatch rate tolerated
         */
        public @Nullable Double getMismatchRate() {
            return mismatchRate;
        }

        /**
         * Sets: highest mismatch rate tolerated.
         *
         * @param v highest mismatch rate tolerated
         */
        public void setMismatchRate(@Nullable Double v) {
            this.mismatchRate = v;
        }

        /**
         * Data-integrity failures tolerated.
         *
         * @return data-integrity failures tolerated
         */
        public @Nullable Long getDataIntegrityFailures() {
            return dataIntegrityFailures;
        }

        /**
         * Sets: data-integrity failures tolerated.
         *
         * @param v data-integrity failures tolerated
         */
        public void setDataIntegrityFailures(@Nullable Long v) {
            this.dataIntegrityFailures = v;
        }

        /**
         * Confidence of every bound.
         *
         * @return confidence of every bound
         */
        public @Nullable Double getConfidence() {
            return confidence;
        }

        /**
         * Sets: confidence of every bound.
         *
         * @param v confidence of every bound
         */
        public void setConfidence(@Nullable Double v) {
            this.confidence = v;
        }

        /**
         * Triggers turned off.
         *
         * @return triggers turned off
         */
        public List<TriggerKind> getDisabled() {
            return disabled;
        }

        /**
         * Sets: triggers turned off.
         *
         * @param disabled triggers turned off
         */
        public void setDisabled(List<TriggerKind> disabled) {
            this.disabled = disabled;
        }

        /**
         * Triggers in dry run.
         *
         * @return triggers in dry run
         */
        public List<TriggerKind> getDryRun() {
            return dryRun;
        }

        /**
         * Sets: triggers in dry run.
         *
         * @param dryRun triggers in dry run
         */
        public void setDryRun(List<TriggerKind> dryRun) {
            this.dryRun = dryRun;
        }

        /**
         * Actions per trigger.
         *
         * @return actions per trigger
         */
        public Map<TriggerKind, RollbackAction> getActions() {
            return actions;
        }

        /**
         * Sets: actions per trigger.
         *
         * @param actions actions per trigger
         */
        public void setActions(Map<TriggerKind, RollbackAction> actions) {
            this.actions = actions;
        }
    }
}
