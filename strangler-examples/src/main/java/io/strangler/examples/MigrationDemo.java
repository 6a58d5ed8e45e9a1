package io.strangler.examples;

import io.strangler.api.resilience.FallbackSettings;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.api.resilience.CircuitBreakerSettings;
import io.strangler.api.MigrationRouter;
import io.strangler.api.shadow.Mismatch;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteStats;
import io.strangler.api.shadow.ShadowSettings;
import io.strangler.api.Stage;
import io.strangler.api.Side;
import io.strangler.api.compare.Difference;
import io.strangler.api.event.RouterListener;
import io.strangler.api.event.StageChangeEvent;
import io.strangler.api.reconcile.ReplayReport;
import io.strangler.core.Strangler;
import io.strangler.core.shadow.compare.StructuralComparator;
import io.strangler.test.detection.DetectionHarness;
import io.strangler.test.detection.DetectionResult;
import io.strangler.examples.cv.Analysis;
import io.strangler.examples.cv.CvAnalyzer;
import io.strangler.examples.cv.KeywordCvAnalyzer;
import io.strangler.examples.cv.TokenCvAnalyzer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Migrates a CV analyzer from a keyword matcher to a tokenising one, on Strangler's embedded defaults (in-memory
 * FF4J store, Micrometer's simple registry), with a virtual clock so that it finishes in seconds:
 *
 * <ol>
 *   <li>everything on legacy;</li>
 *   <li>dual writes: every save reaches modern's store too;</li>
 *   <li>shadow: every read also runs on modern, off the caller's thread, and the answers are compared by field
 *       path; a per-request id is learned as noise, the engine name is ignored by rule;</li>
 *   <li>a 5 % canary, then 25 %: the same users stay on modern (sticky bucketing);</li>
 *   <li>a bug ships in modern at 50 %: reads fall back, the breaker opens, writes modern missed go to the
 *       reconciliation log, and no caller sees an error;</li>
 *   <li>an operator rolls back; the fix ships; the missed writes are replayed; the canary resumes and the route
 *       goes to 100 %;</li>
 *   <li>the kill switch sends everyone to legacy in one step and back.</li>
 * </ol>
 *
 * Run it with {@code mvn -B -q -pl strangler-examples -am -DskipTests package exec:java}.
 */
public final class MigrationDemo {

    private static final int USERS = 10_000;
    private static final int REQUESTS_PER_PHASE = 20_000;

    private final DemoClock clock = new DemoClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final KeywordCvAnalyzer legacy = new KeywordCvAnalyzer();
    private final TokenCvAnalyzer modern = new TokenCvAnalyzer();
    private final List<String> users = new ArrayList<>();
    private final List<String> cvs = new ArrayList<>();
    private final List<PhaseResult> results = new ArrayList<>();
    private final List<String> stateLog = new ArrayList<>();
    private MigrationRouter router;
    private Route<CvAnalyzer> route;
    private CvAnalyzer analyzer;

    private MigrationDemo() {
        Random random = new Random(42);
        String[] skills = {"Java", "Kotlin", "SQL", "Kafka", "Spring", "Python", "AWS", "JavaScript", "Terraform"};
        for (int i = 0; i < USERS; i++) {
            users.add(String.format(Locale.ROOT, "user-%05d", i));
            StringBuilder cv = new StringBuilder("Engineer with ");
            for (int s = 0; s < 3; s++) {
                cv.append(skills[random.nextInt(skills.length)]).append(", ");
            }
            if (random.nextInt(5) == 0) {
                cv.append("(certified) ");
            }
            cvs.add(cv.append("and ").append(random.nextInt(15)).append(" years of experience.").toString());
        }
    }

    /**
     * Runs the demo.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        new MigrationDemo().run();
    }

    private void run() {
        long started = System.nanoTime();
        System.out.println("Strangler demo: migrating 'cv-analyzer' from KeywordCvAnalyzer to TokenCvAnalyzer");
        System.out.println(USERS + " users, " + REQUESTS_PER_PHASE + " requests per phase, virtual clock\n");

        RouterListener stateLogger = new RouterListener() {
            @Override
            public void onStageChange(StageChangeEvent e) {
                stateLog.add(String.format(Locale.ROOT, "  v%-2d %-10s %6.2f%%  shadow %5.1f%%  enabled=%-5s by %-6s %s",
                        e.current().version(), e.current().stage(), e.current().percentage(),
                        e.current().shadowSampleBasisPoints() / 100.0, e.current().enabled(),
                        e.current().revision().changedBy(), e.current().revision().reason()));
            }
        };
        router = Strangler.router()
                .clock(clock)
                .meterRegistry(meters)
                .listener(stateLogger)
                .legacyTimingOneIn(1)
                .shadowQueueCapacity(50_000)
                .build();
        route = router.register(RouteDefinition.builder("cv-analyzer", CvAnalyzer.class)
                .legacy(legacy)
                .modern(modern)
                .circuitBreaker(CircuitBreakerSettings.custom()
                        .failureRateThreshold(10)
                        .slidingWindowSize(200)
                        .minimumNumberOfCalls(50)
                        .waitDurationInOpenState(Duration.ofSeconds(30))
                        .build())
                .fallback(FallbackSettings.custom().idempotentWrites(true).build())
                .shadow(ShadowSettings.custom()
                        .comparator(StructuralComparator.builder().ignore("$.engine").build())
                        .noiseSamplePercentage(5)
                        .build())
                .build());
        analyzer = route.proxy();

        phase("1. all legacy", r -> { });
        phase("2. dual write", r -> {
            r.setStage(Stage.DUAL_WRITE, "alice", "start filling modern's store");
            // Dual writes cover new writes; a backfill copies what legacy held before (the application's job).
            legacy.savedUsers().forEach(user -> modern.save(user, legacy.saved(user)));
        });
        phase("3. shadow 100%", r -> r.update("alice", "compare every read",
                b -> b.stage(Stage.SHADOW).shadowSample(100)));
        printMismatches();
        phase("4. canary 5%", r -> r.update("alice", "shadow looked right: JavaScript is not Java",
                b -> b.stage(Stage.CANARY).percentage(5).shadowSample(10)));
        Set<String> modernAt5 = modernUsers();
        phase("5. canary 25%", r -> r.setPercentage(25, "alice", "5% looked healthy"));
        Set<String> modernAt25 = modernUsers();
        System.out.printf(Locale.ROOT, "   sticky: %d of the %d users on modern at 5%% are still on modern at 25%%%n",
                modernAt5.stream().filter(modernAt25::contains).count(), modernAt5.size());

        modern.parenthesesBug(true);
        phase("6. 50%, buggy release", r -> r.setPercentage(50, "alice", "25% looked healthy"));
        System.out.println("   modern's circuit breaker: " + breakerState() + "; reconciliation log holds "
                + router.reconciliationLog().size() + " writes modern missed");
        phase("7. rolled back", r -> r.rollback("bob", "fallbacks spiking on cv-analyzer"));

        modern.parenthesesBug(false);
        clock.advance(Duration.ofSeconds(31));
        ReplayReport replay = router.reconciliationLog().replay("cv-analyzer",
                entry -> modern.save(entry.key(), legacy.saved(entry.key())), 100_000);
        System.out.printf(Locale.ROOT, "   fix deployed; replayed %d missed writes from legacy's store (%d failed)%n",
                replay.replayed(), replay.failed());
        phase("8. fix, canary 50%", r -> r.update("alice", "fix deployed",
                b -> b.stage(Stage.CANARY).percentage(50)));
        phase("9. stage MODERN", r -> r.setStage(Stage.MODERN, "alice", "50% healthy for a day"));
        phase("10. kill switch", r -> r.setEnabled(false, "carol", "incident drill"));
        phase("11. switch back on", r -> {
            r.setEnabled(true, "carol", "drill over");
            ReplayReport drill = router.reconciliationLog().replay("cv-analyzer",
                    entry -> modern.save(entry.key(), legacy.saved(entry.key())), 100_000);
            System.out.printf(Locale.ROOT, "   replayed the %d writes modern missed while switched off%n",
                    drill.replayed());
        });
        router.close();

        printReport(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private void phase(String name, Consumer<Route<CvAnalyzer>> change) {
        change.accept(route);
        RouteStats before = route.stats();
        Random random = new Random(name.hashCode());
        int callerErrors = 0;
        int modernAnswers = 0;
        for (int i = 0; i < REQUESTS_PER_PHASE; i++) {
            int u = random.nextInt(USERS);
            try {
                Analysis analysis = analyzer.analyze(users.get(u), cvs.get(u));
                if (analysis.engine().equals("token")) {
                    modernAnswers++;
                }
                if (i % 10 == 0) {
                    analyzer.save(users.get(u), analysis);
                }
            } catch (RuntimeException e) {
                callerErrors++;
            }
            clock.advance(Duration.ofMillis(2));
        }
        RouteStats after = awaitShadows();
        PhaseResult result = new PhaseResult(name, route.state().stage(), route.state().enabled(),
                route.state().effectivePercentageBasisPoints() / 100.0, modernAnswers,
                after.modern().fallbacks() - before.modern().fallbacks(), callerErrors, breakerState(),
                after.shadow().compared() - before.shadow().compared(),
                after.shadow().mismatches() - before.shadow().mismatches(),
                failedSecondWrites(after) - failedSecondWrites(before));
        results.add(result);
        System.out.printf(Locale.ROOT, "%-22s done: %5.1f%% answers from modern, %5d fallbacks, %5d compared, "
                        + "%4d mismatches, %d caller errors%n", name, 100.0 * modernAnswers / REQUESTS_PER_PHASE,
                result.fallbacks, result.compared, result.mismatches, callerErrors);
    }

    private static long failedSecondWrites(RouteStats stats) {
        return stats.secondaryWrites().failed() + stats.secondaryWrites().skipped();
    }

    /** Shadow comparisons finish off the caller's thread; give them a moment so the phase's figures are whole. */
    private RouteStats awaitShadows() {
        RouteStats stats = route.stats();
        for (int i = 0; i < 200; i++) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            RouteStats next = route.stats();
            if (next.shadow().equals(stats.shadow())) {
                return next;
            }
            stats = next;
        }
        return stats;
    }

    private void printMismatches() {
        Map<String, Integer> byPath = new TreeMap<>();
        for (Mismatch m : route.mismatches()) {
            for (Difference d : m.differences()) {
                byPath.merge(d.path() + " " + d.kind(), 1, Integer::sum);
            }
        }
        System.out.println("   differing paths in the last " + route.mismatches().size() + " mismatches: " + byPath);
        route.mismatches().stream().findFirst().ifPresent(m -> System.out.printf(Locale.ROOT,
                "   e.g. %s: legacy %s%n                modern %s%n", m.key(), m.legacy(), m.modern()));
        System.out.println("   learned as noise (A/A, legacy against itself): " + route.noisyPaths().keySet()
                + "; ignored by rule: [$.engine]");
    }

    private Set<String> modernUsers() {
        Set<String> result = new HashSet<>();
        for (String user : users) {
            if (route.decide(user) == Side.MODERN) {
                result.add(user);
            }
        }
        return result;
    }

    private String breakerState() {
        return meters.find("resilience4j.circuitbreaker.state").tag("name", "cv-analyzer").gauges().stream()
                .filter(g -> g.value() == 1)
                .map(g -> g.getId().getTag("state"))
                .findFirst().orElse("?");
    }

    private void printReport(long millis) {
        System.out.println();
        System.out.println("Report");
        System.out.println("======");
        System.out.printf("%-22s %-10s %8s %8s %10s %9s %10s %12s %12s %8s%n", "phase", "stage", "modern %",
                "answers", "fallbacks", "compared", "mismatches", "missed wr.", "caller errs", "breaker");
        for (PhaseResult r : results) {
            System.out.printf(Locale.ROOT, "%-22s %-10s %8.1f %8s %10d %9d %10d %12d %12d %8s%n", r.name,
                    r.enabled ? r.stage : "KILLED", r.percentage,
                    String.format(Locale.ROOT, "%.1f%%", 100.0 * r.modernAnswers / REQUESTS_PER_PHASE), r.fallbacks,
                    r.compared, r.mismatches, r.missedWrites, r.callerErrors, r.breaker);
        }
        System.out.println();
        System.out.println("'modern %': share of users the state sends to modern. 'answers': share of answers modern "
                + "gave. 'compared'/'mismatches': shadow comparisons. 'missed wr.': second writes that failed or were "
                + "skipped, all kept in the reconciliation log.");
        RouteStats stats = route.stats();
        System.out.printf(Locale.ROOT, "Latency p95: modern %.1f us, legacy %.1f us (cumulative).%n",
                stats.modern().p95Nanos() / 1000.0, stats.legacy().p95Nanos() / 1000.0);
        System.out.println();
        System.out.println("State changes (each one versioned, with who and why):");
        stateLog.forEach(System.out::println);
        System.out.println();
        System.out.println("Micrometer strangler.calls (route=cv-analyzer):");
        meters.find("strangler.calls").functionTimers().stream()
                .filter(t -> t.count() > 0)
                .sorted((a, b) -> a.getId().getTags().toString().compareTo(b.getId().getTags().toString()))
                .forEach(t -> System.out.printf(Locale.ROOT, "  target=%-6s kind=%-5s outcome=%-8s count=%7.0f  "
                                + "mean=%6.2f us%n", t.getId().getTag("target"), t.getId().getTag("kind"),
                        t.getId().getTag("outcome"), t.count(), meanMicros(t)));
        System.out.println();
        int differ = 0;
        for (String user : users) {
            Analysis l = legacy.saved(user);
            Analysis m = modern.saved(user);
            if (l == null ? m != null : m == null || !l.skills().equals(m.skills())) {
                differ++;
            }
        }
        System.out.printf(Locale.ROOT, "Writes: legacy holds %d users, modern holds %d; %d users hold different skills "
                + "on the two sides; reconciliation log: %d entries left.%n", legacy.savedCount(), modern.savedCount(),
                differ, router.reconciliationLog().size());
        System.out.printf(Locale.ROOT, "Migration done in %.1f s.%n", millis / 1000.0);
        System.out.println();
        System.out.println("How fast the rollout controller catches a bad modern side (DetectionHarness, virtual time,");
        System.out.println("default triggers, a route at the 5 % step of MEDIUM, 500 reads/s, 20 seeded runs each;");
        System.out.println("io.strangler.examples.DetectionFigures prints the full figures and the A/A false-alarm rate):");
        DetectionHarness harness = DetectionHarness.builder().build();
        for (DetectionResult result : List.of(harness.errorRate(0.005, 0.20, 20), harness.latency(3, 20),
                harness.mismatches(0.05, 20))) {
            System.out.printf(Locale.ROOT, "  %s%n    %s: median %d, max %d%n", result.scenario(), result.measure(),
                    result.median(), result.max());
        }
    }

    private static double meanMicros(FunctionTimer t) {
        return t.count() == 0 ? 0 : t.totalTime(TimeUnit.MICROSECONDS) / t.count();
    }

    private static final class PhaseResult {
        final String name;
        final Stage stage;
        final boolean enabled;
        final double percentage;
        final int modernAnswers;
        final long fallbacks;
        final int callerErrors;
        final String breaker;
        final long compared;
        final long mismatches;
        final long missedWrites;

        PhaseResult(String name, Stage stage, boolean enabled, double percentage, int modernAnswers, long fallbacks,
                int callerErrors, String breaker, long compared, long mismatches, long missedWrites) {
            this.name = name;
            this.stage = stage;
            this.enabled = enabled;
            this.percentage = percentage;
            this.modernAnswers = modernAnswers;
            this.fallbacks = fallbacks;
            this.callerErrors = callerErrors;
            this.breaker = breaker;
            this.compared = compared;
            this.mismatches = mismatches;
            this.missedWrites = missedWrites;
        }
    }
}
