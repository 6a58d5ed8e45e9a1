package io.strangler.test.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.LatencyDistribution;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.RouteStats;
import io.strangler.api.Side;
import io.strangler.api.Stage;
import io.strangler.api.StateConflictException;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings;
import io.strangler.api.resilience.CircuitBreakerState;
import io.strangler.api.rollout.RolloutPlan;
import io.strangler.api.spi.RouteStateStore;
import io.strangler.core.Strangler;
import io.strangler.core.fleet.ControllerLease;
import io.strangler.core.fleet.FleetStore;
import io.strangler.core.fleet.PublishedStats;
import io.strangler.core.rollout.RolloutController;
import io.strangler.core.rollout.RolloutStatus;
import io.strangler.test.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.ff4j.core.FeatureStore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link RouteStateStore} for a fleet of instances must do, as JUnit 5 tests with real routers: two instances,
 * each with its own router and its own store object (its own connections) on the same data, race a rollout step
 * against a rollback 200 times and never lose the rollback; and, for a store that pushes
 * ({@link RouteStateStore#watch}), a rollback made on one instance is served by the other within 100 ms at the 99th
 * percentile over 100 trials, with the periodic refresh an hour apart; and, for a store whose kill switches are FF4J
 * features, the switch stays the feature's flag. With a {@link FleetStore} ({@link #newFleetStore()}), the controller
 * lease goes to one holder at a time (200 rounds of 4 concurrent asks) and published counters come back whole. The
 * figures are logged at WARN by this class's logger. Strangler's
 * PostgreSQL and Redis stores pass it.
 *
 * <p>Extend it, implement {@link #newStore()}, and run it as any other test; override {@link #pushes()} to skip the
 * push test for a store that only polls, {@link #killSwitchFeatures()} to check the kill switch,
 * {@link #newFleetStore()} to check the fleet store and {@link #storeOutage()} to check an outage. The tests
 * need JUnit Jupiter and AssertJ on the test class path.
 */
public abstract class FleetStoreContract {

    private static final Logger LOG = LoggerFactory.getLogger(FleetStoreContract.class);
    /** The route every test uses. */
    protected static final String ROUTE = "svc";
    private static final String[] KEYS = IntStream.range(0, 200).mapToObj(i -> "user-" + i).toArray(String[]::new);

    /** Rounds of the rollback race: 200, or the system property {@code strangler.fleet.races}. */
    private static final int RACES = Integer.getInteger("strangler.fleet.races", 200);

    private final Map<Route<?>, MigrationRouter> routers = new LinkedHashMap<>();

    /** Makes a contract; the store comes from {@link #newStore()}. */
    protected FleetStoreContract() {
    }

    /**
     * A new store object on the test's shared data (its own connections, as another instance would have). Called
     * more than once per test; every store of one test must see the same states.
     *
     * @return the store
     */
    protected abstract RouteStateStore newStore();

    /**
     * Whether the store pushes changes ({@link RouteStateStore#watch}); default true.
     *
     * @return false to skip the push test
     */
    protected boolean pushes() {
        return true;
    }

    /**
     * The FF4J feature store whose features named {@code strangler.<route>} are the store's kill switches; default
     * none, which skips the kill-switch test.
     *
     * @return the feature store the test's stores use, or null
     */
    protected @Nullable FeatureStore killSwitchFeatures() {
        return null;
    }

    /**
     * A new {@link FleetStore} object on the test's shared data (its own connections, as another instance would have):
     * the published counters and the controller lease. Called more than once per test; every fleet store of one test
     * must see the same data. Default none, which skips the fleet-store tests.
     *
     * @return the fleet store, or null
     */
    protected @Nullable FleetStore newFleetStore() {
        return null;
    }

    /**
     * A store of its own on the test's shared data whose connection the test can cut (through a TCP proxy, say), for
     * the outage test; default none, which skips it.
     *
     * @return the outage rig, or null
     */
    protected @Nullable StoreOutage storeOutage() {
        return null;
    }

    /** A store whose connection to the shared data can be cut and restored. */
    public interface StoreOutage {
        /**
         * The store, connected through what {@link #cut()} cuts.
         *
         * @return the store
         */
        RouteStateStore store();

        /** Cuts the store's connections and refuses new ones. */
        void cut();

        /** Lets connections through again. */
        void restore();

        /**
         * An outage rig of a store and the two actions.
         *
         * @param store the store, connected through what {@code cut} cuts
         * @param cut cuts its connections
         * @param restore lets them through again
         * @return the rig
         */
        static StoreOutage of(RouteStateStore store, Runnable cut, Runnable restore) {
            return new StoreOutage() {
                @Override
                public RouteStateStore store() {
                    return store;
                }

                @Override
                public void cut() {
                    cut.run();
                }

                @Override
                public void restore() {
                    restore.run();
                }
            };
        }
    }

    /** The routed interface of the contract's instances: each side answers with its own name. */
    public interface Service {
        /**
         * Serves a request.
         *
         * @param input the request
         * @return the side's name
         */
        String serve(String input);
    }

    /**
     * An instance of a service: a router on {@code store} with the route {@value #ROUTE} registered, CANARY at 10 %
     * initially; closed after the test.
     *
     * @param store the instance's store
     * @param refreshInterval the router's periodic refresh
     * @return the route
     */
    protected Route<Service> instance(RouteStateStore store, Duration refreshInterval) {
        MigrationRouter router = Strangler.router().stateStore(store).refreshInterval(refreshInterval).build();
        Route<Service> route = router.register(RouteDefinition.builder(ROUTE, Service.class)
                .legacy(input -> "legacy").modern(input -> "modern")
                .initialState(s -> s.stage(Stage.CANARY).percentage(10)).build());
        routers.put(route, router);
        return route;
    }

    /**
     * Closes the routers the test made; a subclass that closes what the routers use (connection pools, clients) in an
     * {@code @AfterEach} of its own calls this first, since JUnit runs a subclass's {@code @AfterEach} methods before
     * this one.
     */
    @AfterEach
    public void closeRouters() {
        routers.values().forEach(MigrationRouter::close);
        routers.clear();
    }

    /**
     * 200 rounds (or {@code -Dstrangler.fleet.races=1000}): A advances the percentage with {@code compareAndUpdate}
     * from the version both hold while B rolls
     * back, released together; after each round the stored state is rolled back and both instances serve legacy
     * only. No rollback is lost, and the step wins the race in some rounds (so the race is real).
     *
     * @throws Exception if a round fails
     */
    @Test
    @Timeout(180)
    public void aRollbackRacingARolloutStepIsNeverLost() throws Exception {
        Route<Service> a = instance(newStore(), Duration.ZERO);
        Route<Service> b = instance(newStore(), Duration.ZERO);
        RouteStateStore observer = newStore();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int lost = 0;
        int advancedFirst = 0;
        try {
            for (int round = 0; round < RACES; round++) {
                a.update("setup", "round " + round, s -> s.stage(Stage.CANARY).percentage(10));
                refreshAll();
                long before = a.state().version();
                assertThat(b.state().version()).as("round %d: B holds A's version", round).isEqualTo(before);

                CountDownLatch go = new CountDownLatch(1);
                Future<Boolean> advance = pool.submit(() -> {
                    go.await();
                    try {
                        a.compareAndUpdate(before, "alice", "step", s -> s.percentage(50));
                        return true;
                    } catch (StateConflictException e) {
                        return false;
                    }
                });
                Future<RouteState> rollback = pool.submit(() -> {
                    go.await();
                    return b.rollback("bob", "bad canary");
                });
                go.countDown();
                if (advance.get(30, TimeUnit.SECONDS)) {
                    advancedFirst++;
                }
                rollback.get(30, TimeUnit.SECONDS);

                refreshAll();
                RouteState stored = observer.load(ROUTE).orElseThrow();
                if (stored.percentageBasisPoints() != 0 || stored.stage().servesModern() || !legacyOnly(a)
                        || !legacyOnly(b)) {
                    lost++;
                    LOG.warn("round {}: rollback lost; stored {}, A {}, B {}", round, stored, a.state(), b.state());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        LOG.warn("rollback race on {}: {} rounds, {} lost rollbacks; the step was written before the rollback in {}"
                + " rounds and refused in {}", observer, RACES, lost, advancedFirst, RACES - advancedFirst);
        assertThat(lost).as("lost rollbacks").isZero();
        assertThat(advancedFirst).as("rounds where the step won the race").isPositive();
    }

    /**
     * With refreshes an hour apart only the push can deliver: B rolls back 100 times, and A serves each rollback
     * within 100 ms at the 99th percentile, measured from just before B's call.
     */
    @Test
    @Timeout(120)
    public void aRollbackReachesTheOtherInstanceByPush() {
        if (!pushes()) {
            return;
        }
        RouteStateStore store = newStore();
        Route<Service> a = instance(store, Duration.ofHours(1));
        Route<Service> b = instance(newStore(), Duration.ofHours(1));
        long[] nanos = new long[100];
        for (int trial = 0; trial < nanos.length; trial++) {
            RouteState up = b.update("bob", "trial " + trial, s -> s.stage(Stage.CANARY).percentage(10));
            awaitUntil("A sees step " + up.version(), () -> a.state().version() >= up.version());
            long start = System.nanoTime();
            RouteState back = b.rollback("bob", "trial " + trial);
            awaitUntil("A sees rollback " + back.version(), () -> a.state().version() >= back.version());
            nanos[trial] = System.nanoTime() - start;
            assertThat(a.state().percentageBasisPoints()).isZero();
            assertThat(legacyOnly(a)).isTrue();
        }
        Arrays.sort(nanos);
        double p50 = nanos[49] / 1e6;
        double p99 = nanos[98] / 1e6;
        LOG.warn(String.format("rollback propagation by push on %s, 100 trials: p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                store, p50, p99, nanos[99] / 1e6));
        assertThat(p99).as("p99 of the propagation, ms").isLessThan(100);
    }

    /**
     * With push turned off (the store seen through a wrapper that can't watch) and a refresh every 100 ms, the refresh
     * alone brings a rollback to the other instance: within 250 ms at the 99th percentile over 100 trials.
     */
    @Test
    @Timeout(120)
    public void withoutPushTheRefreshAloneBringsTheRollback() {
        RouteStateStore store = newStore();
        Route<Service> a = instance(new PollOnly(store), Duration.ofMillis(100));
        Route<Service> b = instance(newStore(), Duration.ofHours(1));
        long[] nanos = new long[100];
        java.util.SplittableRandom random = new java.util.SplittableRandom(100);
        for (int trial = 0; trial < nanos.length; trial++) {
            RouteState up = b.update("bob", "trial " + trial, s -> s.stage(Stage.CANARY).percentage(10));
            awaitUntil("A sees step " + up.version(), () -> a.state().version() >= up.version());
            // A saw the step at a refresh: roll back at a random point of the refresh interval, not just after one
            LockSupport.parkNanos(random.nextLong(100_000_000L));
            long start = System.nanoTime();
            RouteState back = b.rollback("bob", "trial " + trial);
            awaitUntil("A sees rollback " + back.version(), () -> a.state().version() >= back.version());
            nanos[trial] = System.nanoTime() - start;
            assertThat(legacyOnly(a)).isTrue();
        }
        Arrays.sort(nanos);
        LOG.warn(String.format("rollback propagation by the 100 ms refresh alone on %s, 100 trials: p50 %.2f ms, "
                + "p99 %.2f ms, max %.2f ms", store, nanos[49] / 1e6, nanos[98] / 1e6, nanos[99] / 1e6));
        assertThat(nanos[98] / 1e6).as("p99 of the propagation, ms").isLessThan(250);
    }

    /** A store seen without its push: every call but {@code watch} goes to the store. */
    private static final class PollOnly implements RouteStateStore {
        private final RouteStateStore delegate;

        PollOnly(RouteStateStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public java.util.Optional<RouteState> load(String route) {
            return delegate.load(route);
        }

        @Override
        public RouteState createIfAbsent(RouteState initial) {
            return delegate.createIfAbsent(initial);
        }

        @Override
        public boolean compareAndSet(long expectedVersion, RouteState next) {
            return delegate.compareAndSet(expectedVersion, next);
        }

        @Override
        public String toString() {
            return delegate + " without push";
        }
    }

    /**
     * Four threads call instance A without pause while its store connection is cut for 500 ms: no caller sees an error,
     * A routes on its last state, and a rollback made on A during the outage applies there at once and reaches B (push,
     * refresh an hour apart) once the connection is back. The calls served, the errors and the time the rollback took
     * to reach B after the restore are logged.
     *
     * @throws Exception if a calling thread fails
     */
    @Test
    @Timeout(120)
    public void callersSeeNoErrorThroughAStoreOutage() throws Exception {
        StoreOutage outage = storeOutage();
        if (outage == null) {
            return;
        }
        Route<Service> a = instance(outage.store(), Duration.ofMillis(50));
        Route<Service> b = instance(newStore(), pushes() ? Duration.ofHours(1) : Duration.ofMillis(50));
        a.update("setup", "outage test", s -> s.stage(Stage.CANARY).percentage(50));
        awaitUntil("B sees the 50 % step", () -> b.state().percentageBasisPoints() == 5_000);
        java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong modern = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong errors = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            running.add(callers.submit(() -> {
                int i = 0;
                while (!stop.get()) {
                    String key = KEYS[(thread * 50 + i++) % KEYS.length];
                    try {
                        if (a.read(key, svc -> svc.serve(key)).equals("modern")) {
                            modern.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                    }
                    calls.incrementAndGet();
                }
            }));
        }
        long restoredAt;
        try {
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            outage.cut();
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            long modernBefore = modern.get();
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            assertThat(modern.get()).as("A routes on its last state during the outage").isGreaterThan(modernBefore);
            RouteState rolledBack = a.rollback("oncall", "rolled back while the store is unreachable");
            assertThat(legacyOnly(a)).as("the rollback applies on A at once").isTrue();
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
            assertThat(b.state().percentageBasisPoints()).as("B can't know yet").isEqualTo(5_000);
            outage.restore();
            restoredAt = System.nanoTime();
            awaitUntil(Duration.ofSeconds(30), "B sees the rollback made during the outage",
                    () -> b.state().percentageBasisPoints() == 0);
            assertThat(b.state().revision().changedBy()).isEqualTo("oncall");
            assertThat(a.state().version()).isGreaterThanOrEqualTo(rolledBack.version());
        } finally {
            stop.set(true);
            callers.shutdown();
        }
        double reachedAfter = (System.nanoTime() - restoredAt) / 1e6;
        for (Future<?> f : running) {
            f.get(10, TimeUnit.SECONDS);
        }
        LOG.warn(String.format("store outage on %s: %,d calls served by the cut-off instance through a 500 ms outage "
                + "and after it, %d caller errors; the rollback made during the outage reached the other instance "
                + "%.0f ms after the connection was restored", outage.store(), calls.get(), errors.get(),
                reachedAfter));
        assertThat(errors.get()).as("caller errors").isZero();
        assertThat(legacyOnly(b)).isTrue();
    }

    /**
     * The kill switch is the FF4J feature's flag: turned off by a person, load shows it; a change made from a state
     * read before the flip, or after it, leaves it off; a change that turns the switch writes it.
     */
    @Test
    @Timeout(60)
    public void theKillSwitchStaysTheFeatureFlag() {
        FeatureStore features = killSwitchFeatures();
        if (features == null) {
            return;
        }
        Route<Service> a = instance(newStore(), Duration.ZERO);
        Route<Service> b = instance(newStore(), Duration.ZERO);
        RouteStateStore observer = newStore();
        String feature = "strangler." + ROUTE;
        assertThat(features.exist(feature)).as("created with the state").isTrue();
        assertThat(features.read(feature).isEnable()).isTrue();

        features.disable(feature);
        assertThat(observer.load(ROUTE).orElseThrow().enabled()).isFalse();

        // B has not read the store since the flip: its change carries the switch as it was, and must not turn it on.
        assertThat(b.state().enabled()).isTrue();
        b.setPercentage(20, "bob", "step");
        assertThat(features.read(feature).isEnable()).as("after a change from a state before the flip").isFalse();

        routers.get(a).refresh();
        assertThat(a.state().enabled()).isFalse();
        assertThat(a.state().percentageBasisPoints()).isEqualTo(2_000);
        a.setPercentage(30, "alice", "step");
        assertThat(features.read(feature).isEnable()).as("after a change from a state after the flip").isFalse();
        RouteState loaded = observer.load(ROUTE).orElseThrow();
        assertThat(loaded.enabled()).isFalse();
        assertThat(loaded.percentageBasisPoints()).isEqualTo(3_000);
        assertThat(a.decide("user-1")).isEqualTo(Side.LEGACY);

        a.setEnabled(true, "alice", "back on");
        assertThat(features.read(feature).isEnable()).as("turned on through the router").isTrue();
        routers.get(b).refresh();
        assertThat(b.state().enabled()).isTrue();
        b.setEnabled(false, "bob", "off");
        assertThat(features.read(feature).isEnable()).as("turned off through the router").isFalse();
        assertThat(observer.load(ROUTE).orElseThrow().enabled()).isFalse();
    }

    // ---------------------------------------------------------------- the fleet store: lease and counters

    /**
     * The lease: given to the first asker with epoch 1, refused to another while it runs, renewed by its holder with
     * the same epoch, taken by another once expired (epoch 2) or released (epoch 3), and leases of other names are
     * apart. Each step is read back through another store object.
     */
    @Test
    @Timeout(60)
    public void theLeaseGoesToOneHolderAtATime() {
        FleetStore a = newFleetStore();
        if (a == null) {
            return;
        }
        FleetStore b = newFleetStore();
        String name = "lease-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-26T10:00:00Z");
        Duration lease = Duration.ofSeconds(15);
        assertThat(b.lease(name)).isEmpty();

        ControllerLease first = a.acquire(name, "a", t0, lease);
        assertThat(first).isEqualTo(new ControllerLease(name, "a", 1, t0.plus(lease)));
        assertThat(b.acquire(name, "b", t0.plusSeconds(5), lease)).as("refused while it runs")
                .isEqualTo(first);
        ControllerLease renewed = a.acquire(name, "a", t0.plusSeconds(10), lease);
        assertThat(renewed).isEqualTo(new ControllerLease(name, "a", 1, t0.plusSeconds(25)));
        assertThat(b.lease(name)).contains(renewed);
        assertThat(b.acquire(name, "b", t0.plusSeconds(24), lease).holder()).as("a second before it expires")
                .isEqualTo("a");

        ControllerLease taken = b.acquire(name, "b", t0.plusSeconds(25), lease);
        assertThat(taken).as("taken at expiry").isEqualTo(new ControllerLease(name, "b", 2, t0.plusSeconds(40)));
        assertThat(a.acquire(name, "a", t0.plusSeconds(26), lease).holder()).as("the old holder is refused")
                .isEqualTo("b");

        b.release(name, "a");
        assertThat(a.lease(name)).as("released only by its holder").contains(taken);
        b.release(name, "b");
        assertThat(a.lease(name)).as("a released lease keeps its epoch").contains(
                new ControllerLease(name, "", 2, Instant.EPOCH));
        assertThatThrownBy(() -> a.acquire(name, "", t0.plusSeconds(27), lease))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holder must not be empty");
        ControllerLease afterRelease = a.acquire(name, "a", t0.plusSeconds(27), lease);
        assertThat(afterRelease).as("taken at once after a release")
                .isEqualTo(new ControllerLease(name, "a", 3, t0.plusSeconds(42)));

        String other = name + "-other";
        assertThat(b.acquire(other, "b", t0.plusSeconds(27), lease))
                .isEqualTo(new ControllerLease(other, "b", 1, t0.plusSeconds(42)));
        assertThat(a.lease(name)).contains(afterRelease);
    }

    /**
     * 200 rounds of 4 instances asking for a new lease at the same moment, each through its own store object: every
     * round exactly one gets it, and every asker is told that one.
     *
     * @throws Exception if a round fails
     */
    @Test
    @Timeout(120)
    public void concurrentAsksGiveTheLeaseToExactlyOne() throws Exception {
        FleetStore first = newFleetStore();
        if (first == null) {
            return;
        }
        int askers = 4;
        List<FleetStore> stores = new ArrayList<>(List.of(first));
        while (stores.size() < askers) {
            stores.add(newFleetStore());
        }
        ExecutorService pool = Executors.newFixedThreadPool(askers);
        Instant now = Instant.parse("2026-11-26T10:00:00Z");
        try {
            for (int round = 0; round < 200; round++) {
                String name = "race-" + round + "-" + UUID.randomUUID();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<ControllerLease>> asks = new ArrayList<>();
                for (int i = 0; i < askers; i++) {
                    FleetStore store = stores.get(i);
                    String holder = "i" + i;
                    asks.add(pool.submit(() -> {
                        go.await();
                        return store.acquire(name, holder, now, Duration.ofSeconds(15));
                    }));
                }
                go.countDown();
                Set<String> told = new HashSet<>();
                for (Future<ControllerLease> ask : asks) {
                    ControllerLease got = ask.get(30, TimeUnit.SECONDS);
                    assertThat(got.epoch()).as("round %d", round).isEqualTo(1);
                    told.add(got.holder());
                }
                assertThat(told).as("round %d: holders reported", round).hasSize(1);
                assertThat(stores.get(0).lease(name).orElseThrow().holder()).isEqualTo(told.iterator().next());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Published counters come back whole, latency histograms included, through another store object; a second
     * publication replaces the first; {@code forget} drops what was published before the given time.
     */
    @Test
    @Timeout(60)
    public void publishedCountersComeBackWhole() {
        FleetStore a = newFleetStore();
        if (a == null) {
            return;
        }
        FleetStore b = newFleetStore();
        String route = "counted-" + UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.parse("2026-11-26T10:00:00Z");
        RouteStats first = stats(route, 10, 1, LatencyDistribution.ofBuckets(new long[] {1_000, 2_000},
                new long[] {1_009, 2_019}, new long[] {7, 3}), CircuitBreakerState.CLOSED);
        RouteStats second = stats(route, 25, 4, LatencyDistribution.ofBuckets(new long[] {1_000, 2_000, 90_000},
                new long[] {1_009, 2_019, 90_999}, new long[] {9, 12, 4}), CircuitBreakerState.OPEN);
        a.publish("instance-a", t0, List.of(first));
        b.publish("instance-b", t0.plusSeconds(1), List.of(first));
        a.publish("instance-a", t0.plusSeconds(2), List.of(second));

        Map<String, PublishedStats> seen = new HashMap<>();
        for (PublishedStats p : b.published()) {
            if (p.stats().route().equals(route)) {
                assertThat(seen.put(p.instance(), p)).as("one entry per instance and route").isNull();
            }
        }
        assertThat(seen).containsOnlyKeys("instance-a", "instance-b");
        assertThat(seen.get("instance-a")).isEqualTo(new PublishedStats("instance-a", t0.plusSeconds(2), second));
        assertThat(seen.get("instance-b")).isEqualTo(new PublishedStats("instance-b", t0.plusSeconds(1), first));

        b.forget(t0.plusSeconds(2));
        assertThat(a.published().stream().filter(p -> p.stats().route().equals(route)).map(PublishedStats::instance))
                .containsExactly("instance-a");
    }

    /**
     * Two instances, each with its own router, route state store and fleet store, run controllers on one plan, on
     * virtual time: one acts, the other stands by; the holder dies without giving the lease up, and the other takes it
     * within the lease time and a tick, on the same step with the same bake start and the approval given to the dead
     * one, and moves the route on when that bake ends. The journal is the fleet store's.
     */
    @Test
    @Timeout(120)
    public void theControllerFailsOverToAnotherInstance() {
        if (newFleetStore() == null) {
            return;
        }
        VirtualTime clock = VirtualTime.startingAt(Instant.parse("2026-11-26T10:00:00Z"));
        Duration lease = Duration.ofSeconds(15);
        RolloutPlan plan = RolloutPlan.custom().step(10, Duration.ofMinutes(2)).step(50, Duration.ofMinutes(2))
                .step(100, Duration.ofMinutes(2)).minimumSamples(10).approvalAt(100).build();
        Route<Service> ra = instance(newStore(), Duration.ZERO);
        Route<Service> rb = instance(newStore(), Duration.ZERO);
        ra.update("setup", "fresh", s -> s.stage(Stage.DUAL_WRITE).percentage(0).shadowSample(0));
        refreshAll();
        RolloutController a = controller(ra, plan, clock, "instance-a", lease);
        RolloutController b = controller(rb, plan, clock, "instance-b", lease);
        try {
            List<RolloutController> alive = new ArrayList<>(List.of(a, b));
            Map<RolloutController, Route<Service>> routes = Map.of(a, ra, b, rb);
            Runnable second = () -> {
                for (RolloutController c : alive) {
                    for (int i = 0; i < 20; i++) {
                        routes.get(c).read("user-" + i, svc -> svc.serve("x"));
                    }
                }
                clock.advance(Duration.ofSeconds(1));
                refreshAll();
                alive.forEach(RolloutController::tick);
                assertThat(alive.stream().filter(RolloutController::leads).count()).as("acting at %s",
                        clock.instant()).isLessThanOrEqualTo(1);
            };
            for (int s = 0; s < 70; s++) {
                second.run();
            }
            assertThat(a.leads()).isTrue();
            assertThat(b.leads()).isFalse();
            RolloutStatus onA = a.status(ROUTE);
            assertThat(onA.basisPoints()).isEqualTo(1_000);
            a.approve(ROUTE, "alice");

            alive.remove(a);                  // A dies: no more ticks, and the lease is not given up
            Instant died = clock.instant();
            while (!b.leads()) {
                second.run();
            }
            Duration failover = Duration.between(died, clock.instant());
            LOG.warn("controller failover on {}: lease {}, a tick a second: the other instance acted {} after the "
                    + "holder's last tick (virtual time)", newFleetStore(), lease, failover);
            assertThat(failover).isLessThanOrEqualTo(lease.plusSeconds(1));
            assertThat(b.lease().orElseThrow().epoch()).isGreaterThan(a.lease().orElseThrow().epoch());
            RolloutStatus onB = b.status(ROUTE);
            assertThat(onB.step()).isEqualTo(onA.step());
            assertThat(onB.stepStartedAt()).isEqualTo(onA.stepStartedAt());
            assertThat(onB.approved()).isTrue();
            Instant due = onA.stepStartedAt().plus(Duration.ofMinutes(2));
            while (rb.state().percentageBasisPoints() == 1_000) {
                second.run();
            }
            assertThat(clock.instant()).isBetween(due, due.plusSeconds(2));
        } finally {
            a.close();
            b.close();
        }
    }

    /**
     * The same failover on real time, as a fleet sees it: controllers tick every 100 ms with a 1 s lease; the holder
     * stops ticking, and the other acts within the lease time and 300 ms of its last tick.
     *
     * @throws Exception if the controller's thread fails
     */
    @Test
    @Timeout(60)
    public void theControllerFailsOverWithinTheLeaseTimeOnRealTime() throws Exception {
        if (newFleetStore() == null) {
            return;
        }
        Duration lease = Duration.ofSeconds(1);
        RolloutPlan plan = RolloutPlan.custom().step(10, Duration.ofHours(1)).build();
        Route<Service> ra = instance(newStore(), Duration.ZERO);
        Route<Service> rb = instance(newStore(), Duration.ZERO);
        java.time.Clock clock = java.time.Clock.systemUTC();
        RolloutController a = controller(ra, plan, clock, "instance-a", lease);
        RolloutController b = controller(rb, plan, clock, "instance-b", lease);
        try {
            a.tick();
            assertThat(a.leads()).isTrue();
            b.tick();
            assertThat(b.leads()).isFalse();
            long died = System.nanoTime();
            while (!b.leads()) {
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                b.tick();
                assertThat(System.nanoTime() - died).as("failover time, ns")
                        .isLessThan(Duration.ofSeconds(5).toNanos());
            }
            double millis = (System.nanoTime() - died) / 1e6;
            LOG.warn(String.format("controller failover on %s, real time: lease 1 s, a tick every 100 ms: the other "
                    + "instance acted %.0f ms after the holder's last tick", newFleetStore(), millis));
            assertThat(millis).isLessThan(1_300);
        } finally {
            a.close();
            b.close();
        }
    }

    private RolloutController controller(Route<Service> route, RolloutPlan plan, java.time.Clock clock, String id,
            Duration lease) {
        // the sides answer in microseconds on the real ticker: latency is noise here, and not what is tested
        TriggerSettings triggers = TriggerSettings.custom().enabled(TriggerKind.LATENCY, false)
                .enabled(TriggerKind.THROUGHPUT, false).build();
        // no journal of its own: the controllers share the one in the fleet store
        return Strangler.controller(routers.get(route)).clock(clock).plan(ROUTE, plan).triggers(ROUTE, triggers)
                .fleet(newFleetStore()).instance(id).leaseTime(lease).build();
    }

    /**
     * The journal's documents: saved, replaced, listed by prefix and removed, through another store object; a
     * checkpoint-sized document of 40 KB comes back whole.
     */
    @Test
    @Timeout(60)
    public void journalDocumentsComeBackWhole() {
        FleetStore a = newFleetStore();
        if (a == null) {
            return;
        }
        FleetStore b = newFleetStore();
        String prefix = "doc-" + UUID.randomUUID().toString().substring(0, 8) + "/";
        String big = "{\"states\":\"" + "x\u00e9\\\"".repeat(10_000) + "\"}";
        a.putDocument(prefix + "one", "{\"v\":1}");
        a.putDocument(prefix + "two", big);
        a.putDocument(prefix + "one", "{\"v\":2}");
        a.putDocument(prefix + "other/three", "{}");

        assertThat(b.document(prefix + "one")).contains("{\"v\":2}");
        assertThat(b.document(prefix + "two")).contains(big);
        assertThat(b.document(prefix + "none")).isEmpty();
        assertThat(b.documentKeys(prefix)).containsExactlyInAnyOrder(prefix + "one", prefix + "two",
                prefix + "other/three");
        assertThat(b.documents(prefix + "other/")).containsExactly(Map.entry(prefix + "other/three", "{}"));
        assertThat(b.documentKeys(prefix.substring(0, 3) + "_%")).as("a prefix is not a pattern").isEmpty();

        b.removeDocument(prefix + "one");
        b.removeDocument(prefix + "never");
        assertThat(a.documentKeys(prefix)).containsExactlyInAnyOrder(prefix + "two", prefix + "other/three");
    }

    private static RouteStats stats(String route, long modernCalls, long modernErrors, LatencyDistribution latency,
            CircuitBreakerState breaker) {
        return new RouteStats(route,
                new RouteStats.SideStats(Side.LEGACY, 100 + modernCalls, 2, 0, 0, latency),
                new RouteStats.SideStats(Side.MODERN, modernCalls - modernErrors, modernErrors, 3, 1, latency),
                new RouteStats.ShadowStats(5, 1, 0, 0, 2, 0, 1, 0), new RouteStats.SecondaryWrites(4, 1, 0, 3, 0),
                breaker);
    }

    private void refreshAll() {
        routers.values().forEach(MigrationRouter::refresh);
    }

    private static boolean legacyOnly(Route<Service> route) {
        return Arrays.stream(KEYS).allMatch(k -> route.decide(k) == Side.LEGACY);
    }

    private static void awaitUntil(String what, BooleanSupplier done) {
        awaitUntil(Duration.ofSeconds(5), what, done);
    }

    private static void awaitUntil(Duration timeout, String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            LockSupport.parkNanos(50_000);
        }
    }
}
