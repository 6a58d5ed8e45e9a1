package io.strangler.test.detection;

import com.google.common.util.concurrent.MoreExecutors;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.Side;
import io.strangler.api.Stage;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.health.CustomTrigger;
import io.strangler.api.health.TriggerSettings;
import io.strangler.api.rollout.RolloutPlan;
import io.strangler.core.RouterBuilder;
import io.strangler.core.Strangler;
import io.strangler.core.rollout.RolloutController;
import io.strangler.core.rollout.RolloutStatus;
import io.strangler.test.SimulatedService;
import io.strangler.test.SimulatedSide;
import io.strangler.test.VirtualTime;
import io.strangler.test.detection.DetectionResult.Ending;
import io.strangler.test.detection.DetectionResult.Run;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Measures how fast and how reliably the whole loop (route, recorders, health monitor, judge, rollout controller)
 * catches a bad modern implementation, and how rarely it rolls back a good one, by seeded simulation on
 * {@link VirtualTime}. Each run builds a real router and controller with one route, {@code "sim"}, whose two sides
 * are {@link SimulatedSide}s, and drives reads with random keys through it at a fixed rate, ticking the controller
 * every simulated second. Shadow comparisons run on the caller's thread, so that each is counted before the next
 * tick. Nothing is timed by the machine and every draw is seeded (the keys, the sides, the router's own sampling),
 * so a run gives the same numbers anywhere.
 *
 * <p>The scenarios are those of Strangler's detection targets: a route at the 5 % step of the
 * {@linkplain RolloutPlan#medium() MEDIUM} preset, 500 reads a second, whose modern side fails more often
 * ({@link #errorRate}), is slower ({@link #latency}) or answers differently ({@link #mismatches}); and full
 * {@linkplain RolloutPlan#low() LOW} rollouts of a modern side that behaves exactly like legacy ({@link #aa}).
 * Run {@code io.strangler.examples.DetectionFigures} in {@code strangler-examples} to print them all.
 *
 * <pre>{@code
 * DetectionHarness harness = DetectionHarness.builder().triggers(myTriggers).build();
 * DetectionResult errors = harness.errorRate(0.005, 0.20, 20);
 * System.out.println(errors.summary());          // modern calls served before the rollback: min, median, max
 * }</pre>
 *
 * <p>Not thread-safe; each call runs its runs one after another.
 */
public final class DetectionHarness {

    /** The route every run simulates. */
    public static final String ROUTE = "sim";

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private final int callsPerSecond;
    private final int aaCallsPerSecond;
    private final Duration latency;
    private final double spread;
    private final double stallShare;
    private final double stallFactor;
    private final int legacyTimingOneIn;
    private final TriggerSettings triggers;
    private final long seed;
    private final Duration limit;

    private DetectionHarness(Builder b) {
        this.callsPerSecond = b.callsPerSecond;
        this.aaCallsPerSecond = b.aaCallsPerSecond;
        this.latency = b.latency;
        this.spread = b.spread;
        this.stallShare = b.stallShare;
        this.stallFactor = b.stallFactor;
        this.legacyTimingOneIn = b.legacyTimingOneIn;
        this.triggers = b.triggers;
        this.seed = b.seed;
        this.limit = b.limit;
    }

    /**
     * A builder holding the defaults of Strangler's detection targets: 500 reads a second, 20 µs latencies, the
     * default triggers, seed 0.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The route at the MEDIUM preset's 5 % step; legacy fails {@code legacyRate} of calls, modern
     * {@code modernRate}; the latencies are the same. Measures the modern calls served until the route was rolled
     * back.
     *
     * @param legacyRate legacy's error rate, in {@code [0, 1]}
     * @param modernRate modern's error rate, in {@code [0, 1]}
     * @param runs the number of seeded runs, at least 1
     * @return what the runs measured
     * @throws IllegalArgumentException if an argument is out of range
     */
    public DetectionResult errorRate(double legacyRate, double modernRate, int runs) {
        checkRuns(runs);
        String scenario = String.format(Locale.ROOT, "modern error rate %s vs legacy %s, MEDIUM at 5 %%, %d calls/s",
                percent(modernRate), percent(legacyRate), callsPerSecond);
        return run(scenario, "modern calls served before the rollback", runs, s -> s.route.stats().modern().calls(),
                (time, i) -> new Sides(side("legacy", time, i).errorRate(legacyRate),
                        side("modern", time, i).errorRate(modernRate)), Setup.FIVE_PERCENT, 0);
    }

    /**
     * The route at the MEDIUM preset's 5 % step; modern takes {@code factor} times legacy's latency. Measures the
     * simulated seconds until the rollback (the graceful ramp, by default) started.
     *
     * @param factor how many times slower modern is, above 0
     * @param runs the number of seeded runs, at least 1
     * @return what the runs measured
     * @throws IllegalArgumentException if an argument is out of range
     */
    public DetectionResult latency(double factor, int runs) {
        checkRuns(runs);
        if (!(factor > 0 && factor <= 1_000)) {
            throw new IllegalArgumentException("factor must be in (0, 1000], was " + factor);
        }
        String scenario = String.format(Locale.ROOT, "modern latency %sx legacy (median %d µs), MEDIUM at 5 %%, %d "
                + "calls/s", trim(factor), latency.toNanos() / 1_000, callsPerSecond);
        Duration slower = Duration.ofNanos(Math.round(latency.toNanos() * factor));
        return run(scenario, "simulated seconds until the rollback started", runs, s -> s.seconds,
                (time, i) -> new Sides(side("legacy", time, i), side("modern", time, i).latency(slower)),
                Setup.FIVE_PERCENT, 0);
    }

    /**
     * The route at the MEDIUM preset's 5 % step with 10 % of reads shadowed; modern answers differently in
     * {@code rate} of calls. Measures the shadow comparisons made until the route was rolled back.
     *
     * @param rate modern's mismatch rate, in {@code [0, 1]}
     * @param runs the number of seeded runs, at least 1
     * @return what the runs measured
     * @throws IllegalArgumentException if an argument is out of range
     */
    public DetectionResult mismatches(double rate, int runs) {
        checkRuns(runs);
        String scenario = String.format(Locale.ROOT, "shadow mismatch rate %s, 10 %% of reads shadowed, MEDIUM at 5 %%,"
                + " %d calls/s", percent(rate), callsPerSecond);
        return run(scenario, "shadow comparisons before the rollback", runs, s -> s.route.stats().shadow().compared(),
                (time, i) -> new Sides(side("legacy", time, i), side("modern", time, i).mismatchRate(rate)),
                Setup.FIVE_PERCENT, 10);
    }

    /**
     * A/A: both sides fail {@code errorRate} of calls and draw their latencies from the same distribution; each run
     * is a full LOW rollout (10 to 100 %, 30 min bakes: 2.5 simulated hours) from DUAL_WRITE, at the A/A call rate
     * ({@link Builder#aaCallsPerSecond(int)}). Shadowing is off: with errors drawn independently on each side, a
     * call that fails on one side only is a real mismatch. Measures the percentage modern served when the run ended;
     * the point is {@link DetectionResult#rollbackShare()}, the false-alarm rate.
     *
     * @param errorRate both sides' error rate, in {@code [0, 1]}
     * @param runs the number of seeded rollouts, at least 1
     * @return what the runs measured
     * @throws IllegalArgumentException if an argument is out of range
     */
    public DetectionResult aa(double errorRate, int runs) {
        checkRuns(runs);
        String scenario = String.format(Locale.ROOT, "A/A: %s errors and the same latency on both sides, full LOW "
                + "rollouts, %d calls/s", percent(errorRate), aaCallsPerSecond);
        return run(scenario, "percentage modern served at the end", runs,
                s -> Math.round(s.route.state().percentage()),
                (time, i) -> new Sides(side("legacy", time, i).errorRate(errorRate),
                        side("modern", time, i).errorRate(errorRate)), Setup.FULL_LOW, 0);
    }

    /**
     * The route at the MEDIUM preset's 5 % step with a business trigger: after each call the application records
     * whether the user checked out ({@code checkout-success}, an outcome measure), with probability
     * {@code legacySuccess} on legacy and {@code modernSuccess} on modern; the trigger is
     * {@code CustomTrigger.rate("checkout-success").failsBelowLegacy(0.95)}, added to the harness's triggers. Errors
     * and latencies are the same on both sides. Measures the outcomes modern recorded before the rollback.
     *
     * @param legacySuccess legacy's success rate, in {@code [0, 1]}
     * @param modernSuccess modern's success rate, in {@code [0, 1]}
     * @param runs the number of seeded runs, at least 1
     * @return what the runs measured
     * @throws IllegalArgumentException if an argument is out of range
     */
    public DetectionResult business(double legacySuccess, double modernSuccess, int runs) {
        checkRuns(runs);
        if (!(legacySuccess >= 0 && legacySuccess <= 1 && modernSuccess >= 0 && modernSuccess <= 1)) {
            throw new IllegalArgumentException("success rates must be in [0, 1], were legacySuccess="
                    + legacySuccess + ", modernSuccess=" + modernSuccess);
        }
        String scenario = String.format(Locale.ROOT, "business trigger: checkout success %s on modern vs %s on "
                + "legacy, fails below 0.95x legacy's, MEDIUM at 5 %%, %d calls/s", percent(modernSuccess),
                percent(legacySuccess), callsPerSecond);
        TriggerSettings withBusiness = TriggerSettings.from(triggers).withoutCustom(CHECKOUT)
                .custom(CustomTrigger.rate(CHECKOUT).failsBelowLegacy(0.95).build()).build();
        return run(scenario, "outcomes modern recorded before the rollback", runs,
                s -> s.route.stats().measure(CHECKOUT).modern().count(),
                (time, i) -> new Sides(side("legacy", time, i), side("modern", time, i)), Setup.FIVE_PERCENT, 0,
                withBusiness, (sim, key) -> {
                    Side side = sim.route.decide(key);
                    double p = side == Side.MODERN ? modernSuccess : legacySuccess;
                    sim.route.recordOutcome(CHECKOUT, side, sim.outcomes.nextDouble() < p);
                });
    }

    private static final String CHECKOUT = "checkout-success";

    /** What the application does after a call: records a measure, say. */
    @FunctionalInterface
    private interface AfterCall {
        void accept(Sim sim, String key);
    }

    private enum Setup { FIVE_PERCENT, FULL_LOW }

    private record Sides(SimulatedSide legacy, SimulatedSide modern) {
    }

    @FunctionalInterface
    private interface SidesFactory {
        Sides create(VirtualTime time, int run);
    }

    private SimulatedSide side(String name, VirtualTime time, int run) {
        long sideSeed = seed * 1_000_003 + run * 2L + ("modern".equals(name) ? 1 : 0);
        return new SimulatedSide(name, time, sideSeed).latency(latency).spread(spread).stalls(stallShare, stallFactor);
    }

    private DetectionResult run(String scenario, String measure, int runs, ToLongFunction<Sim> value,
            SidesFactory sides, Setup setup, double shadowPercent) {
        return run(scenario, measure, runs, value, sides, setup, shadowPercent, triggers, (sim, key) -> { });
    }

    private DetectionResult run(String scenario, String measure, int runs, ToLongFunction<Sim> value,
            SidesFactory sides, Setup setup, double shadowPercent, TriggerSettings runTriggers, AfterCall after) {
        List<Run> results = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            VirtualTime time = VirtualTime.startingAt(START);
            try (Sim sim = new Sim(time, sides.create(time, i), setup, shadowPercent, seed * 31 + i, runTriggers,
                    after)) {
                Ending ending = sim.run(limit.toSeconds(), setup == Setup.FULL_LOW);
                List<RollbackEvent> rollbacks = sim.controller.rollbacks(ROUTE);
                @Nullable RollbackEvent first = rollbacks.isEmpty() ? null : rollbacks.get(0);
                results.add(new Run(i, ending, first == null ? null : first.trigger(), value.applyAsLong(sim),
                        sim.seconds, first == null ? sim.controller.status(ROUTE).reason() : first.reason()));
            }
        }
        return new DetectionResult(scenario, measure, results);
    }

    /** One simulated route under a controller. */
    private final class Sim implements AutoCloseable {
        final VirtualTime time;
        final MigrationRouter router;
        final Route<SimulatedService> route;
        final RolloutController controller;
        final SplittableRandom keys;
        final SplittableRandom outcomes;
        final AfterCall after;
        final int rate;
        long seconds;

        Sim(VirtualTime time, Sides sides, Setup setup, double shadowPercent, long keySeed,
                TriggerSettings runTriggers, AfterCall after) {
            this.time = time;
            this.keys = new SplittableRandom(keySeed);
            this.outcomes = new SplittableRandom(keySeed * 7 + 3);
            this.after = after;
            this.rate = setup == Setup.FULL_LOW ? aaCallsPerSecond : callsPerSecond;
            // virtual time and seeded draws: the run is the same on every machine
            router = Strangler.router().clock(time).ticker(time::nanoTime)
                    .random(new SplittableRandom(keySeed ^ 0x5DEECE66DL)).refreshInterval(Duration.ZERO)
                    .shadowExecutor(MoreExecutors.newDirectExecutorService()).legacyTimingOneIn(legacyTimingOneIn)
                    .build();
            Stage stage = setup == Setup.FULL_LOW ? Stage.DUAL_WRITE : Stage.CANARY;
            double percentage = setup == Setup.FULL_LOW ? 0 : 5;
            route = router.register(RouteDefinition.builder(ROUTE, SimulatedService.class)
                    .legacy(sides.legacy()).modern(sides.modern())
                    .initialState(s -> s.stage(stage).percentage(percentage).shadowSample(shadowPercent))
                    .build());
            controller = Strangler.controller(router).clock(time)
                    .plan(ROUTE, setup == Setup.FULL_LOW ? RolloutPlan.low() : RolloutPlan.medium())
                    .triggers(ROUTE, runTriggers).build();
            controller.tick();
        }

        Ending run(long limitSeconds, boolean toTheEnd) {
            while (seconds < limitSeconds) {
                RolloutStatus.Phase phase = controller.status(ROUTE).phase();
                if (!controller.rollbacks(ROUTE).isEmpty()) {
                    return Ending.ROLLED_BACK;
                }
                if (phase == RolloutStatus.Phase.COMPLETE) {
                    return Ending.COMPLETED;
                }
                second();
            }
            return controller.rollbacks(ROUTE).isEmpty() ? Ending.UNDECIDED : Ending.ROLLED_BACK;
        }

        /** One simulated second of reads at evenly spaced times, then a tick. */
        void second() {
            Instant begin = time.instant();
            long between = 1_000_000_000L / rate;
            for (int i = 0; i < rate; i++) {
                time.advanceTo(begin.plusNanos(i * between));
                String key = "user-" + keys.nextInt(1_000_000);
                try {
                    route.read(key, s -> s.get(key));
                } catch (RuntimeException expected) {
                    // the caller's failure; the route counted it
                }
                after.accept(this, key);
            }
            time.advanceTo(begin.plusSeconds(1));
            seconds++;
            controller.tick();
        }

        @Override
        public void close() {
            controller.close();
            router.close();
        }
    }

    private static void checkRuns(int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, was " + runs);
        }
    }

    private static String percent(double share) {
        return trim(share * 100) + " %";
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value)
                .replaceAll("0+$", "");
    }

    /** Builds a {@link DetectionHarness}. Not thread-safe. */
    public static final class Builder {
        private int callsPerSecond = 500;
        private int aaCallsPerSecond = 20;
        private Duration latency = Duration.ofNanos(20_000);
        private double spread = SimulatedSide.DEFAULT_SPREAD;
        private double stallShare = 0.005;
        private double stallFactor = 10;
        private int legacyTimingOneIn = RouterBuilder.DEFAULT_LEGACY_TIMING_ONE_IN;
        private TriggerSettings triggers = TriggerSettings.ofDefaults();
        private long seed;
        private Duration limit = Duration.ofHours(4);

        private Builder() {
        }

        /**
         * Sets the call rate of the detection scenarios.
         *
         * @param rate reads a second in the detection scenarios, 1 to 100,000; default 500
         * @return this builder
         * @throws IllegalArgumentException if {@code rate} is out of range
         */
        public Builder callsPerSecond(int rate) {
            this.callsPerSecond = rate("callsPerSecond", rate);
            return this;
        }

        /**
         * Sets the call rate of the A/A rollouts.
         *
         * @param rate reads a second in the A/A rollouts, 1 to 100,000; default 20, which keeps a 2.5 h rollout
         *     near a second of real time while the 60 s windows still hold the triggers' minimum samples
         * @return this builder
         * @throws IllegalArgumentException if {@code rate} is out of range
         */
        public Builder aaCallsPerSecond(int rate) {
            this.aaCallsPerSecond = rate("aaCallsPerSecond", rate);
            return this;
        }

        /**
         * Sets the sides' median latency.
         *
         * @param median legacy's median latency (modern's too, unless a scenario says otherwise), above 0;
         *     default 20 µs
         * @return this builder
         * @throws IllegalArgumentException if {@code median} is not positive
         * @throws NullPointerException if {@code median} is null
         */
        public Builder latency(Duration median) {
            if (median.isNegative() || median.isZero()) {
                throw new IllegalArgumentException("latency must be positive, was " + median);
            }
            this.latency = median;
            return this;
        }

        /**
         * Sets how widely both sides' latencies spread around the median.
         *
         * @param sigma the spread of both sides' latencies (see {@link SimulatedSide#spread(double)}); default
         *     {@value SimulatedSide#DEFAULT_SPREAD}
         * @return this builder
         * @throws IllegalArgumentException if {@code sigma} is out of [0, 3]
         */
        public Builder spread(double sigma) {
            this.spread = between("spread", sigma, 0, 3);
            return this;
        }

        /**
         * Makes a share of both sides' calls stall.
         *
         * @param share the share of calls on both sides that stall; default 0.5 %
         * @param factor how many times longer a stalled call takes; default 10
         * @return this builder
         * @throws IllegalArgumentException if an argument is out of range
         */
        public Builder stalls(double share, double factor) {
            this.stallFactor = between("stall factor", factor, 1, 1_000_000);
            this.stallShare = between("stall share", share, 0, 1);
            return this;
        }

        /**
         * Sets how often the simulated router times a legacy call.
         *
         * @param n legacy calls are timed one in {@code n}, as {@link RouterBuilder#legacyTimingOneIn(int)}; default
         *     the router's default
         * @return this builder
         * @throws IllegalArgumentException if {@code n} is below 1
         */
        public Builder legacyTimingOneIn(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("legacyTimingOneIn must be at least 1, was " + n);
            }
            this.legacyTimingOneIn = n;
            return this;
        }

        /**
         * Sets the health triggers to measure: yours, to see what they catch and how fast.
         *
         * @param settings the triggers every run judges with; default {@link TriggerSettings#ofDefaults()}
         * @return this builder
         * @throws NullPointerException if {@code settings} is null
         */
        public Builder triggers(TriggerSettings settings) {
            this.triggers = Objects.requireNonNull(settings, "triggers");
            return this;
        }

        /**
         * Sets the seed: the same seed gives the same runs on any machine.
         *
         * @param seed the seed every run's seeds derive from; default 0
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets how long a run may take in simulated time before it ends {@code UNDECIDED}.
         *
         * @param limit the most simulated time one run may take; default 4 h
         * @return this builder
         * @throws IllegalArgumentException if {@code limit} is shorter than a second
         * @throws NullPointerException if {@code limit} is null
         */
        public Builder limit(Duration limit) {
            if (limit.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("limit must be at least 1 s, was " + limit);
            }
            this.limit = limit;
            return this;
        }

        /**
         * Builds the harness.
         *
         * @return a harness with this builder's settings
         */
        public DetectionHarness build() {
            return new DetectionHarness(this);
        }

        private static double between(String field, double value, double min, double max) {
            if (!(value >= min && value <= max)) {
                throw new IllegalArgumentException(field + " must be in [" + trim(min) + ", " + trim(max) + "], was "
                        + value);
            }
            return value;
        }

        private static int rate(String field, int rate) {
            if (rate < 1 || rate > 100_000) {
                throw new IllegalArgumentException(field + " must be in [1, 100000], was " + rate);
            }
            return rate;
        }
    }
}
