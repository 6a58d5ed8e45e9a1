package io.strangler.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.Stage;
import io.strangler.api.health.TriggerSettings;
import io.strangler.api.rollout.RolloutPlan;
import io.strangler.console.ConsoleHistory;
import io.strangler.console.ConsoleTimeline;
import io.strangler.console.StranglerConsole;
import io.strangler.core.Strangler;
import io.strangler.core.rollout.RolloutController;
import io.strangler.core.rollout.RolloutStatus;
import io.strangler.test.SimulatedService;
import io.strangler.test.SimulatedSide;
import io.strangler.test.CallerRunsExecutor;
import io.strangler.test.VirtualTime;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * A migration in progress on virtual time, with its console: four routes, a rollout controller and the console's
 * chart history, all driven by the test (calls, {@link ConsoleHistory#sample()}, {@link RolloutController#tick()})
 * one simulated second at a time, so that minutes of rollout take milliseconds and come out the same on every run.
 *
 * <p>After {@link #start} the routes stand where {@link #SETUP_SECONDS} simulated seconds of traffic took them:
 * <ul>
 *   <li>{@code cv-analyzer}: CANARY at 10 %, its bake done, {@code AWAITING_APPROVAL} for the 50 % step; shadow reads
 *       compare structured answers, a few of which differ by path;</li>
 *   <li>{@code pricing}: CANARY at 25 %, {@code RUNNING}, baking its second step;</li>
 *   <li>{@code checkout}: rolled back by the error-rate trigger (modern fails 20 % of its calls);</li>
 *   <li>{@code search-index}: DUAL_WRITE, guarded; modern misses some second writes, which wait in the
 *       reconciliation log.</li>
 * </ul>
 */
final class ConsoleScenario implements AutoCloseable {

    static final Instant START = Instant.parse("2025-01-01T09:00:00Z");
    static final int CALLS_PER_SECOND = 30;
    static final int SETUP_SECONDS = 150;

    static final String CV_ANALYZER = "cv-analyzer";
    static final String PRICING = "pricing";
    static final String CHECKOUT = "checkout";
    static final String SEARCH_INDEX = "search-index";
    static final List<String> ROUTES = List.of(CV_ANALYZER, PRICING, CHECKOUT, SEARCH_INDEX);

    static final RolloutPlan CV_PLAN = RolloutPlan.custom()
            .step(10, Duration.ofMinutes(2))
            .step(50, Duration.ofMinutes(5))
            .step(100, Duration.ofMinutes(5))
            .approvalAt(50, 100)
            .minimumSamples(50)
            .build();
    static final RolloutPlan PRICING_PLAN = RolloutPlan.custom()
            .step(10, Duration.ofMinutes(1))
            .step(25, Duration.ofMinutes(10))
            .step(50, Duration.ofMinutes(10))
            .step(100, Duration.ofMinutes(10))
            .minimumSamples(50)
            .build();
    static final RolloutPlan CHECKOUT_PLAN = RolloutPlan.custom()
            .step(10, Duration.ofMinutes(5))
            .step(50, Duration.ofMinutes(5))
            .step(100, Duration.ofMinutes(5))
            .minimumSamples(50)
            .build();

    final VirtualTime clock = VirtualTime.startingAt(START);
    final MigrationRouter router;
    final Route<Profiles> cvAnalyzer;
    final Route<SimulatedService> pricing;
    final Route<SimulatedService> checkout;
    final Route<Profiles> searchIndex;
    final RolloutController controller;
    final ConsoleHistory history;
    final StranglerConsole console;
    private final @Nullable ConsoleTimeline timeline;
    private final SplittableRandom keys = new SplittableRandom(42);

    private ConsoleScenario(@Nullable String token, int timelineFrames) {
        router = Strangler.router().clock(clock).ticker(clock::nanoTime)
                .refreshInterval(Duration.ZERO)
                .legacyTimingOneIn(1)
                .random(new Random(7))
                .shadowExecutor(new CallerRunsExecutor()) // the same run every time
                .build();
        cvAnalyzer = router.register(RouteDefinition.builder(CV_ANALYZER, Profiles.class)
                .legacy(new Profiles.Fake("legacy", clock, 11, Duration.ofMillis(3), 0, 0))
                .modern(new Profiles.Fake("modern", clock, 12, Duration.ofMillis(2), 0, 0.006))
                .initialState(s -> s.stage(Stage.DUAL_WRITE).percentage(0).shadowSample(25))
                .build());
        pricing = router.register(RouteDefinition.builder(PRICING, SimulatedService.class)
                .legacy(new SimulatedSide("legacy", clock, 21).errorRate(0.004).latency(Duration.ofMillis(3)))
                .modern(new SimulatedSide("modern", clock, 22).errorRate(0.003).latency(Duration.ofMillis(2)))
                .initialState(s -> s.stage(Stage.DUAL_WRITE).percentage(0).shadowSample(0))
                .build());
        checkout = router.register(RouteDefinition.builder(CHECKOUT, SimulatedService.class)
                .legacy(new SimulatedSide("legacy", clock, 31).errorRate(0.005).latency(Duration.ofMillis(3)))
                .modern(new SimulatedSide("modern", clock, 32).errorRate(0.20).latency(Duration.ofMillis(3)))
                .initialState(s -> s.stage(Stage.DUAL_WRITE).percentage(0).shadowSample(0))
                .build());
        searchIndex = router.register(RouteDefinition.builder(SEARCH_INDEX, Profiles.class)
                .legacy(new Profiles.Fake("legacy", clock, 41, Duration.ofMillis(2), 0, 0))
                .modern(new Profiles.Fake("modern", clock, 42, Duration.ofMillis(1), 0.03, 0))
                .initialState(s -> s.stage(Stage.DUAL_WRITE).percentage(0).shadowSample(0))
                .build());
        controller = Strangler.controller(router).clock(clock).baselineGate(Duration.ZERO, 0)
                .plan(CV_ANALYZER, CV_PLAN)
                .plan(PRICING, PRICING_PLAN)
                .plan(CHECKOUT, CHECKOUT_PLAN)
                .triggers(SEARCH_INDEX, TriggerSettings.ofDefaults())
                .phase(CV_ANALYZER, "candidates")
                .phase(SEARCH_INDEX, "candidates")
                .phase(PRICING, "orders")
                .phase(CHECKOUT, "orders")
                .build();
        history = ConsoleHistory.of(router, clock);
        StranglerConsole.Builder builder = StranglerConsole.builder(router).controller(controller).clock(clock)
                .history(history).title("Acme migration");
        if (token != null) {
            builder.writeToken(token);
        }
        console = builder.start();
        timeline = timelineFrames > 0 ? ConsoleTimeline.of(console.model(), timelineFrames) : null;
        history.sample();
    }

    /**
     * The scenario, after {@link #SETUP_SECONDS} simulated seconds.
     *
     * @param token the console's write token, or null for a read-only console
     * @param timelineFrames the frames a timeline keeps (recorded every second), or 0 for no timeline
     */
    static ConsoleScenario start(@Nullable String token, int timelineFrames) {
        ConsoleScenario s = new ConsoleScenario(token, timelineFrames);
        try {
            s.seconds(SETUP_SECONDS);
            assertThat(s.phase(CV_ANALYZER)).as("cv-analyzer after the setup: " + s.status(CV_ANALYZER))
                    .isEqualTo(RolloutStatus.Phase.AWAITING_APPROVAL);
            assertThat(s.phase(PRICING)).as("pricing after the setup: " + s.status(PRICING))
                    .isEqualTo(RolloutStatus.Phase.RUNNING);
            assertThat(s.pricing.state().percentage()).isEqualTo(25.0);
            assertThat(s.phase(CHECKOUT)).as("checkout after the setup: " + s.status(CHECKOUT))
                    .isEqualTo(RolloutStatus.Phase.ROLLED_BACK);
            assertThat(s.cvAnalyzer.mismatches()).as("cv-analyzer's mismatches").isNotEmpty();
            assertThat(s.router.reconciliationLog().list(SEARCH_INDEX, 10)).as("search-index's backlog")
                    .isNotEmpty();
            return s;
        } catch (RuntimeException | AssertionError e) {
            s.close();
            throw e;
        }
    }

    URI uri() {
        return console.uri();
    }

    ConsoleTimeline timeline() {
        assertThat(timeline).as("a scenario started with a timeline").isNotNull();
        return timeline;
    }

    RolloutStatus status(String route) {
        return controller.status(route);
    }

    RolloutStatus.Phase phase(String route) {
        return status(route).phase();
    }

    /** Runs {@code n} simulated seconds. */
    void seconds(int n) {
        for (int i = 0; i < n; i++) {
            second();
        }
    }

    /**
     * One simulated second: {@link #CALLS_PER_SECOND} calls on every route, evenly spaced, then a tick of the
     * controller, a sample of the charts and (with a timeline) a frame.
     */
    void second() {
        Instant begin = clock.instant();
        long between = 1_000_000_000L / CALLS_PER_SECOND;
        for (int i = 0; i < CALLS_PER_SECOND; i++) {
            clock.advanceTo(begin.plusNanos(i * between));
            String key = "user-" + keys.nextInt(100_000);
            quietly(() -> cvAnalyzer.read(key, p -> p.profile(key)));
            quietly(() -> pricing.read(key, s -> s.get(key)));
            quietly(() -> checkout.read(key, s -> s.get(key)));
            quietly(() -> searchIndex.write(key, p -> p.save(key)));
        }
        clock.advanceTo(begin.plusSeconds(1));
        controller.tick();
        history.sample();
        if (timeline != null) {
            timeline.record();
        }
    }

    private static void quietly(Runnable call) {
        try {
            call.run();
        } catch (IllegalStateException expected) {
            // a simulated side failed the call: the route counted it, as it would a caller's failure
        }
    }

    @Override
    public void close() {
        try {
            console.close();
        } finally {
            try {
                controller.close();
            } finally {
                router.close();
            }
        }
    }
}
