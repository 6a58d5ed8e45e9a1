package io.strangler.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.health.TriggerSettings;
import io.strangler.api.rollout.RolloutPlan;
import io.strangler.api.spi.RouteStateStore;
import io.strangler.core.Strangler;
import io.strangler.core.fleet.ControllerLease;
import io.strangler.core.fleet.FleetStore;
import io.strangler.core.rollout.RolloutController;
import io.strangler.core.rollout.RolloutStatus;
import io.strangler.postgres.PostgresFleetStore;
import io.strangler.postgres.PostgresRouteStateStore;
import io.strangler.redis.RedisFleetStore;
import io.strangler.redis.RedisRouteStateStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.ff4j.core.FeatureStore;
import org.ff4j.store.InMemoryFeatureStore;
import org.ff4j.store.JdbcFeatureStore;
import org.ff4j.store.JdbcQueryBuilder;
import org.jspecify.annotations.Nullable;

/**
 * One instance of a service in a fleet: run it three times, in three terminals, against one PostgreSQL or one Redis,
 * and watch the instances share one route and one rollout controller.
 *
 * <pre>{@code
 * mvn -B -q -pl strangler-examples -am -DskipTests package
 * mvn -B -q -pl strangler-examples exec:java -Dexec.mainClass=io.strangler.examples.FleetInstance \
 *     -Dexec.args="--store postgres --instance a"          # then b and c, in two more terminals
 * }</pre>
 *
 * <p>Each instance serves 200 calls a second of the route {@code pricing} (legacy and modern price calculators) on
 * its own router, with the route states ({@link PostgresRouteStateStore} or {@link RedisRouteStateStore}), the
 * counters, the controller lease and the rollout journal ({@link PostgresFleetStore} or {@link RedisFleetStore}) in
 * the shared store, and prints a line a second: whether its controller holds the lease, the route's stage,
 * percentage and version, and its own calls. The rollout moves 10, 25, 50, 100 % with 20 s bakes. Type a command
 * and Enter:
 * <ul>
 * <li>{@code percent N}: sets the percentage here; every other instance serves it within a tenth of a second (push);
 *     the controller pauses the rollout, as it does for any change made by a person;</li>
 * <li>{@code fail N}: modern fails N % of this instance's calls (they fall back, callers see no error); the
 *     controller, on whichever instance holds the lease, judges the fleet's calls and rolls back;</li>
 * <li>{@code rollback}: a person's rollback, from any instance;</li>
 * <li>{@code resume} or {@code restart}: given to this instance's controller (refused on a standby, naming the
 *     holder);</li>
 * <li>{@code quit}: stops cleanly and gives the lease up; {@code kill}: dies without giving it up, and another
 *     instance takes over within the lease time (5 s here) and carries on from the journal.</li>
 * </ul>
 *
 * <p>Options: {@code --store postgres|redis} (default postgres), {@code --instance ID} (default: host and pid),
 * {@code --jdbc URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}), {@code --user NAME} (default
 * {@code postgres}), {@code --redis URI} (default {@code redis://127.0.0.1:6379}). On Redis the kill switches are
 * kept in process here; a fleet keeps them in FF4J's Redis store ({@code ff4j-store-redis}).
 */
public final class FleetInstance implements AutoCloseable {

    /** The routed service. */
    public interface Pricing {
        /**
         * A user's price.
         *
         * @param user the user
         * @return the price in cents
         */
        long price(String user);
    }

    /** Modern's calculator, which can be told to fail a share of its calls. */
    private static final class ModernPricing implements Pricing {
        private volatile double failing;

        @Override
        public long price(String user) {
            if (failing > 0 && ThreadLocalRandom.current().nextDouble() < failing) {
                throw new IllegalStateException("modern pricing failed for " + user);
            }
            return 1_000 + Math.floorMod(user.hashCode(), 500);
        }
    }

    static final String ROUTE = "pricing";
    static final RolloutPlan PLAN = RolloutPlan.custom().step(10, Duration.ofSeconds(20))
            .step(25, Duration.ofSeconds(20)).step(50, Duration.ofSeconds(20)).step(100, Duration.ofSeconds(20))
            .minimumSamples(100).build();

    private final String id;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final MigrationRouter router;
    private final Route<Pricing> route;
    private final RolloutController controller;
    private final ModernPricing modern = new ModernPricing();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong callerErrors = new AtomicLong();
    private final AtomicLong modernAnswers = new AtomicLong();
    private final Thread traffic;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fleet-controller");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running = true;

    /**
     * Starts an instance.
     *
     * @param store {@code postgres} or {@code redis}
     * @param id the instance's id
     * @param jdbcUrl the PostgreSQL URL
     * @param user the PostgreSQL user
     * @param redisUri the Redis URI
     * @param leaseTime the controller lease
     * @param tick the controller's tick interval
     * @param callsPerSecond the traffic this instance serves
     */
    FleetInstance(String store, String id, String jdbcUrl, String user, String redisUri, Duration leaseTime,
            Duration tick, int callsPerSecond) {
        this(store, id, jdbcUrl, user, redisUri, null, leaseTime, tick, callsPerSecond);
    }

    /**
     * Starts an instance whose tables (or keys) are named after {@code namePrefix}, so that a test's instances
     * share a fleet of their own.
     *
     * @param namePrefix the prefix of every table or key, or null for the defaults
     */
    FleetInstance(String store, String id, String jdbcUrl, String user, String redisUri,
            @Nullable String namePrefix, Duration leaseTime, Duration tick, int callsPerSecond) {
        this.id = id;
        RouteStateStore states;
        FleetStore fleet;
        if (store.equals("postgres")) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(jdbcUrl);
            config.setUsername(user);
            config.setMaximumPoolSize(4);
            config.setPoolName("fleet-" + id);
            HikariDataSource pool = new HikariDataSource(config);
            resources.add(pool);
            JdbcFeatureStore features = new JdbcFeatureStore(pool);
            String statesTable = PostgresRouteStateStore.DEFAULT_TABLE;
            String fleetPrefix = PostgresFleetStore.DEFAULT_PREFIX;
            if (namePrefix != null) {
                features.setQueryBuilder(new JdbcQueryBuilder(namePrefix + "_ff4j_", ""));
                statesTable = namePrefix + "_route_state";
                fleetPrefix = namePrefix + "_fleet";
            }
            features.createSchema();                                      // FF4J's tables, if missing
            PostgresRouteStateStore.createSchema(pool, statesTable);
            PostgresFleetStore.createSchema(pool, fleetPrefix);
            states = PostgresRouteStateStore.builder(pool, features).table(statesTable).build();
            fleet = PostgresFleetStore.builder(pool).tablePrefix(fleetPrefix).build();
        } else if (store.equals("redis")) {
            FeatureStore features = new InMemoryFeatureStore();
            String keys = namePrefix == null ? "strangler:" : namePrefix + ":";
            RedisRouteStateStore redisStates = RedisRouteStateStore.builder(redisUri, features)
                    .keyPrefix(keys + "route:").channel(keys + "route-state").build();
            RedisFleetStore redisFleet = RedisFleetStore.builder(redisUri).keyPrefix(keys + "fleet:").build();
            resources.add(redisFleet);
            resources.add(redisStates);
            states = redisStates;
            fleet = redisFleet;
        } else {
            throw new IllegalArgumentException("--store must be postgres or redis, was '" + store + "'");
        }
        router = Strangler.router().stateStore(states).build();
        route = router.register(RouteDefinition.builder(ROUTE, Pricing.class)
                .legacy(u -> 1_000 + Math.floorMod(u.hashCode(), 500)).modern(modern)
                .initialState(s -> s.stage(Stage.DUAL_WRITE).shadowSample(0)).build());
        // the calculators answer in microseconds: a latency or throughput verdict would judge noise here
        TriggerSettings triggers = TriggerSettings.custom().enabled(TriggerKind.LATENCY, false)
                .enabled(TriggerKind.THROUGHPUT, false).build();
        controller = Strangler.controller(router).plan(ROUTE, PLAN).triggers(ROUTE, triggers).fleet(fleet)
                .instance(id).leaseTime(leaseTime).build();
        // ticked here rather than by controller.start(tick), so that kill() can stop the ticks as a crash would
        ticks.scheduleWithFixedDelay(() -> {
            try {
                controller.tick();
            } catch (RuntimeException e) {
                System.err.println(id + ": tick failed: " + e);
            }
        }, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        traffic = new Thread(() -> serve(callsPerSecond), "fleet-traffic-" + id);
        traffic.setDaemon(true);
        traffic.start();
    }

    private void serve(int callsPerSecond) {
        long between = 1_000_000_000L / callsPerSecond;
        long next = System.nanoTime();
        while (running) {
            String user = "user-" + ThreadLocalRandom.current().nextInt(100_000);
            try {
                route.read(user, p -> p.price(user));
                if (route.decide(user) == io.strangler.api.Side.MODERN) {
                    modernAnswers.incrementAndGet();
                }
            } catch (RuntimeException e) {
                callerErrors.incrementAndGet();
            }
            calls.incrementAndGet();
            next += between;
            LockSupport.parkNanos(next - System.nanoTime());
        }
    }

    /**
     * Carries out one command.
     *
     * @param line the command
     * @return what happened, in one line
     */
    String command(String line) {
        String[] words = line.trim().split("\\s+");
        try {
            switch (words[0]) {
                case "percent" -> {
                    RouteState s = route.update(id, "set by hand on " + id,
                            b -> b.stage(Stage.CANARY).percentage(Double.parseDouble(words[1])));
                    return "set " + s.percentage() + " % (version " + s.version() + ")";
                }
                case "fail" -> {
                    modern.failing = Double.parseDouble(words[1]) / 100;
                    return "modern now fails " + words[1] + " % of this instance's calls";
                }
                case "rollback" -> {
                    RouteState s = route.rollback(id, "rolled back by hand on " + id);
                    return "rolled back (version " + s.version() + ")";
                }
                case "resume" -> {
                    controller.resume(ROUTE, id);
                    return "resumed";
                }
                case "restart" -> {
                    controller.restart(ROUTE, id);
                    return "restarted";
                }
                default -> {
                    return "commands: percent N, fail N, rollback, resume, restart, quit, kill";
                }
            }
        } catch (RuntimeException e) {
            return "refused: " + e.getMessage();
        }
    }

    /**
     * One line on this instance and the route.
     *
     * @return the line
     */
    String statusLine() {
        RouteState s = route.state();
        RolloutStatus status = controller.status(ROUTE);
        ControllerLease lease = controller.lease().orElse(null);
        String role = controller.leads() ? "LEADS (epoch " + lease.epoch() + ")"
                : lease == null || lease.holder().isEmpty() ? "standby" : "standby, '" + lease.holder() + "' leads";
        return String.format(Locale.ROOT, "%-6s %-26s %s %-9s %5.1f %% v%-4d %-17s | %,7d calls, %,d modern, %d errors",
                id, role, ROUTE, s.stage(), s.percentage(), s.version(), status.phase(), calls.get(),
                modernAnswers.get(), callerErrors.get());
    }

    boolean leads() {
        return controller.leads();
    }

    Route<Pricing> route() {
        return route;
    }

    RolloutController controller() {
        return controller;
    }

    /** Dies as a crashed process would: stops serving and ticking, and never gives the lease up. */
    void kill() {
        running = false;
        ticks.shutdownNow();
        closeResources();
    }

    @Override
    public void close() {
        running = false;
        ticks.shutdownNow();
        controller.close();   // gives the lease up
        closeResources();
    }

    private void closeResources() {
        router.close();
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                System.err.println(id + ": closing " + resources.get(i) + " failed: " + e);
            }
        }
    }

    /**
     * Runs an instance until {@code quit}, {@code kill} or the end of the input.
     *
     * @param args see the class comment
     * @throws Exception if reading the input fails
     */
    public static void main(String[] args) throws Exception {
        String store = "postgres";
        String id = ProcessHandle.current().pid() + "";
        String jdbc = "jdbc:postgresql://127.0.0.1:5432/test";
        String user = "postgres";
        String redis = "redis://127.0.0.1:6379";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--store" -> store = args[i + 1];
                case "--instance" -> id = args[i + 1];
                case "--jdbc" -> jdbc = args[i + 1];
                case "--user" -> user = args[i + 1];
                case "--redis" -> redis = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'; expected --store, "
                        + "--instance, --jdbc, --user or --redis");
            }
        }
        PrintStream out = System.out;
        FleetInstance instance = new FleetInstance(store, id, jdbc, user, redis, Duration.ofSeconds(5),
                Duration.ofMillis(500), 200);
        Thread printer = new Thread(() -> {
            while (instance.running) {
                out.println(instance.statusLine());
                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            }
        }, "fleet-status");
        printer.setDaemon(true);
        printer.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            if (line.trim().equals("quit")) {
                break;
            }
            if (line.trim().equals("kill")) {
                out.println(id + ": killed without giving the lease up");
                Runtime.getRuntime().halt(1);
            }
            out.println(id + ": " + instance.command(line));
        }
        instance.close();
        out.println(id + ": stopped, lease given up");
    }
}
