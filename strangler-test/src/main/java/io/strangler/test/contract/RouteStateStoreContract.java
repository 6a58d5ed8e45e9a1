package io.strangler.test.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.Revision;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.api.dualwrite.DualWriteMode;
import io.strangler.api.shadow.ReadPreference;
import io.strangler.api.spi.RouteStateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RouteStateStore} must do, as JUnit 5 tests: a route the store holds nothing for loads as empty;
 * {@link RouteStateStore#createIfAbsent createIfAbsent} stores the initial state once and from then on returns what
 * is stored, never overwriting it; {@link RouteStateStore#compareAndSet compareAndSet} replaces a state only from
 * the stored version, refuses any other version and a route it holds nothing for, and changes nothing when it
 * refuses; every field of a state, its {@link Revision} included, comes back as it was written; of several threads
 * that change a route from the same version at once exactly one wins; successive versions read back in order.
 * Strangler's {@code Ff4jRouteStateStore} passes it, over FF4J's in-memory and JDBC feature stores.
 *
 * <p>To check a store of your own, extend this class, implement {@link #newStore()}, and run it as any other test:
 *
 * <pre>{@code
 * class DynamoRouteStateStoreTest extends RouteStateStoreContract {
 *
 *     @Override
 *     protected RouteStateStore newStore() {
 *         return new DynamoRouteStateStore(dynamo, "route-states");
 *     }
 * }
 * }</pre>
 *
 * <p>Each test calls {@link #newStore()} once. The routes it uses have names of its own ({@link #route(String)}: a
 * random prefix per test), so the store may be shared with other tests and need not be emptied between them. A
 * store writes states as given: the router, not the store, sets each change's revision, so a store must not
 * change the version, who, when or why. The contract's instants have microsecond precision, which SQL timestamps
 * keep. The tests need JUnit Jupiter and AssertJ on the test class path: {@code strangler-test} declares them
 * optional, so add {@code junit-jupiter} and {@code assertj-core} to your test dependencies.
 *
 * <p>A test instance is used by one test at a time, as JUnit does by default.
 */
public abstract class RouteStateStoreContract {

    /** How many threads race in the concurrent tests. */
    private static final int THREADS = 8;
    private static final Instant CHANGED_AT = Instant.parse("2026-11-21T10:15:30.123456Z");

    private final String prefix = "contract-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    /** For subclasses. */
    protected RouteStateStoreContract() {
    }

    /**
     * The store under test. It may hold states of other routes, not of the routes named by {@link #route(String)}.
     *
     * @return the store
     */
    protected abstract RouteStateStore newStore();

    /**
     * How many times the concurrent tests race their eight threads. Override it to lower the load on a slow store.
     *
     * @return 20 by default
     */
    protected int concurrentRounds() {
        return 20;
    }

    /**
     * The name this test gives a route: {@code name} behind a prefix drawn at random for each test, such as
     * {@code contract-1f0c9a7e-orders}.
     *
     * @param name the route's name within the test
     * @return the name of the route in the store
     */
    protected String route(String name) {
        return prefix + name;
    }

    /** A route the store holds no state for loads as empty. */
    @Test
    public void loadOfARouteWithNoStateIsEmpty() {
        RouteStateStore store = newStore();
        assertThat(store.load(route("orders"))).isEmpty();
    }

    /** The first {@code createIfAbsent} of a route stores the initial state and returns it. */
    @Test
    public void createIfAbsentStoresTheInitialStateAndReturnsIt() {
        RouteStateStore store = newStore();
        RouteState initial = RouteState.builder(route("orders")).stage(Stage.SHADOW).build();

        assertThat(store.createIfAbsent(initial)).isEqualTo(initial);
        assertThat(store.load(initial.route())).contains(initial);
    }

    /**
     * A later {@code createIfAbsent} returns what is stored, the first state or the last change, and writes nothing:
     * a restarting instance never undoes a rollout.
     */
    @Test
    public void createIfAbsentReturnsWhatIsStoredAndNeverOverwrites() {
        RouteStateStore store = newStore();
        RouteState initial = RouteState.builder(route("orders")).stage(Stage.SHADOW).build();
        store.createIfAbsent(initial);

        RouteState other = RouteState.builder(initial.route()).stage(Stage.MODERN).build();
        assertThat(store.createIfAbsent(other)).isEqualTo(initial);
        assertThat(store.createIfAbsent(other.withRevision(revision(9)))).isEqualTo(initial);
        assertThat(store.load(initial.route())).contains(initial);

        RouteState changed = change(initial, 1, "canary");
        assertThat(store.compareAndSet(0, changed)).isTrue();
        assertThat(store.createIfAbsent(other)).isEqualTo(changed);
        assertThat(store.load(initial.route())).contains(changed);
    }

    /** A {@code compareAndSet} from any version but the stored one is refused and leaves the state as it was. */
    @Test
    public void compareAndSetFromAnotherVersionIsRefusedAndChangesNothing() {
        RouteStateStore store = newStore();
        RouteState initial = store.createIfAbsent(RouteState.builder(route("orders")).build());
        RouteState next = change(initial, 1, "canary");

        assertThat(store.compareAndSet(5, next)).isFalse();
        assertThat(store.compareAndSet(1, next)).isFalse();
        assertThat(store.compareAndSet(-1, next)).isFalse();
        assertThat(store.load(initial.route())).contains(initial);

        assertThat(store.compareAndSet(0, next)).isTrue();
        RouteState stale = initial.toBuilder().stage(Stage.MODERN).build().withRevision(revision(1));
        assertThat(store.compareAndSet(0, stale)).as("from the version before the last change").isFalse();
        assertThat(store.load(initial.route())).contains(next);
    }

    /** A {@code compareAndSet} from the stored version replaces the state. */
    @Test
    public void compareAndSetFromTheStoredVersionReplacesTheState() {
        RouteStateStore store = newStore();
        RouteState initial = store.createIfAbsent(RouteState.builder(route("orders")).build());
        RouteState next = change(initial, 1, "canary");

        assertThat(store.compareAndSet(0, next)).isTrue();

        assertThat(store.load(initial.route())).contains(next);
    }

    /**
     * A {@code compareAndSet} on a route the store holds no state for is refused and creates nothing: only
     * {@code createIfAbsent} creates.
     */
    @Test
    public void compareAndSetOnARouteWithNoStateIsRefusedAndCreatesNothing() {
        RouteStateStore store = newStore();
        RouteState next = RouteState.builder(route("orders")).stage(Stage.CANARY).build().withRevision(revision(1));

        assertThat(store.compareAndSet(0, next)).isFalse();

        assertThat(store.load(next.route())).isEmpty();
        RouteState initial = RouteState.builder(next.route()).build();
        assertThat(store.createIfAbsent(initial)).isEqualTo(initial);
    }

    /**
     * Every field of a state comes back as written, through {@code createIfAbsent} and through
     * {@code compareAndSet}: stage, percentage, kill switch, fallback, shadow sample, dual-write mode, read
     * preference, the three segment sets, cohort, bucketing version, and the revision's version, author, time (to
     * the microsecond) and reason, in awkward text.
     */
    @Test
    public void everyFieldSurvivesTheRoundTrip() {
        RouteStateStore store = newStore();
        RouteState initial = RouteState.builder(route("orders"))
                .stage(Stage.CANARY).percentageBasisPoints(1_234).enabled(false).fallbackToLegacy(false)
                .shadowSampleBasisPoints(2_345).dualWriteMode(DualWriteMode.ASYNC)
                .readPreference(ReadPreference.FASTEST).forceModern("internal", "beta").forceLegacy("vip")
                .limitToSegments("eu", "us").cohort("checkout-cohort").bucketingVersion(2)
                .build();
        assertThat(store.createIfAbsent(initial)).isEqualTo(initial);
        assertThat(store.load(initial.route())).contains(initial);

        RouteState next = initial.toBuilder().stage(Stage.MODERN).percentageBasisPoints(10_000).enabled(true)
                .fallbackToLegacy(true).shadowSampleBasisPoints(0).dualWriteMode(DualWriteMode.OFF)
                .readPreference(ReadPreference.MODERN).forceModern().forceLegacy("vip", "enterprise")
                .limitToSegments().cohort(initial.route()).bucketingVersion(RouteState.CURRENT_BUCKETING_VERSION)
                .build()
                .withRevision(new Revision(1, "alice.long-name@example.com", CHANGED_AT,
                        "rollout: \"p95\" 1.1x legacy,\nsee https://tickets.example.com/HIRING-4242 ✓ é 😀 \\ "
                                .repeat(4)));
        assertThat(store.compareAndSet(0, next)).isTrue();
        Optional<RouteState> loaded = store.load(initial.route());
        assertThat(loaded).contains(next);
        assertThat(loaded.orElseThrow().revision()).isEqualTo(next.revision());
    }

    /**
     * Of eight threads that change one route from the same version at once, exactly one succeeds, and the store
     * holds its state; {@link #concurrentRounds()} times over.
     *
     * @throws Exception if a thread failed or they did not finish within a minute
     */
    @Test
    public void ofConcurrentChangesFromTheSameVersionExactlyOneWins() throws Exception {
        RouteStateStore store = newStore();
        RouteState current = store.createIfAbsent(RouteState.builder(route("orders")).stage(Stage.CANARY).build());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < concurrentRounds(); round++) {
                long from = current.version();
                List<RouteState> candidates = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    candidates.add(current.toBuilder().percentageBasisPoints(round * 100 + t).build()
                            .withRevision(new Revision(from + 1, "thread-" + t, CHANGED_AT, "round " + round)));
                }
                List<Boolean> results = race(pool, candidates, next -> store.compareAndSet(from, next));

                assertThat(results).as("round %d: which changes succeeded", round).containsOnlyOnce(true);
                RouteState winner = candidates.get(results.indexOf(true));
                assertThat(store.load(current.route())).as("round %d", round).contains(winner);
                current = winner;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Of eight threads that create one route's state at once, each with another initial state, every one gets the
     * same state back, and the store holds it; {@link #concurrentRounds()} times over.
     *
     * @throws Exception if a thread failed or they did not finish within a minute
     */
    @Test
    public void concurrentCreatesAgreeOnOneState() throws Exception {
        RouteStateStore store = newStore();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < concurrentRounds(); round++) {
                String name = route("orders-" + round);
                List<RouteState> candidates = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    candidates.add(RouteState.builder(name).stage(Stage.CANARY).percentageBasisPoints(t).build());
                }
                List<RouteState> results = race(pool, candidates, store::createIfAbsent);

                RouteState stored = store.load(name).orElseThrow();
                assertThat(candidates).as("round %d", round).contains(stored);
                assertThat(results).as("round %d", round).containsOnly(stored);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Twenty successive changes each read back with their version, in order, and an old version changes nothing. */
    @Test
    public void versionsReadBackInOrder() {
        RouteStateStore store = newStore();
        RouteState current = store.createIfAbsent(RouteState.builder(route("orders")).stage(Stage.CANARY).build());
        List<Long> versions = new ArrayList<>(List.of(store.load(current.route()).orElseThrow().version()));
        for (int v = 1; v <= 20; v++) {
            RouteState next = change(current, v, "step " + v);
            assertThat(store.compareAndSet(v - 1, next)).as("change to version %d", v).isTrue();
            current = store.load(current.route()).orElseThrow();
            assertThat(current).isEqualTo(next);
            versions.add(current.version());
        }

        assertThat(versions).containsExactlyElementsOf(LongStream.rangeClosed(0, 20).boxed()
                .toList());
        for (long old : new long[] {0, 1, 10, 19}) {
            assertThat(store.compareAndSet(old, change(current, 21, "late"))).as("from version %d", old).isFalse();
        }
        assertThat(store.load(current.route())).contains(current);
    }

    /** A change to one route leaves another alone. */
    @Test
    public void routesAreIndependent() {
        RouteStateStore store = newStore();
        RouteState orders = store.createIfAbsent(RouteState.builder(route("orders")).stage(Stage.SHADOW).build());
        RouteState users = store.createIfAbsent(RouteState.builder(route("users")).stage(Stage.LEGACY).build());

        RouteState changed = change(orders, 1, "canary");
        assertThat(store.compareAndSet(0, changed)).isTrue();

        assertThat(store.load(orders.route())).contains(changed);
        assertThat(store.load(users.route())).contains(users);
        assertThat(store.compareAndSet(1, change(users, 2, "wrong version"))).isFalse();
        assertThat(store.load(users.route())).contains(users);
    }

    /** {@code state} with another percentage and the given version, made by {@code contract} for {@code why}. */
    private static RouteState change(RouteState state, long version, String why) {
        return state.toBuilder().stage(Stage.CANARY).percentageBasisPoints((int) (version * 10 % 10_000)).build()
                .withRevision(new Revision(version, "contract", CHANGED_AT.plusSeconds(version), why));
    }

    private static Revision revision(long version) {
        return new Revision(version, "contract", CHANGED_AT, "test");
    }

    /** Applies {@code action} to each candidate on its own thread, all released at once; results in order. */
    private static <R> List<R> race(ExecutorService pool, List<RouteState> candidates, Action<R> action)
            throws Exception {
        CyclicBarrier start = new CyclicBarrier(candidates.size());
        List<Future<R>> futures = new ArrayList<>();
        for (RouteState candidate : candidates) {
            Callable<R> task = () -> {
                start.await(60, TimeUnit.SECONDS);
                return action.apply(candidate);
            };
            futures.add(pool.submit(task));
        }
        List<R> results = new ArrayList<>();
        for (Future<R> future : futures) {
            results.add(future.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    @FunctionalInterface
    private interface Action<R> {
        R apply(RouteState candidate);
    }
}
