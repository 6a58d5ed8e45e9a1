package io.strangler.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteStats;
import io.strangler.api.RoutingDecision;
import io.strangler.api.Side;
import io.strangler.api.Stage;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.health.Judgement;
import io.strangler.api.health.RollbackAction;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.shadow.Mismatch;
import io.strangler.core.rollout.RolloutController;
import io.strangler.core.rollout.RolloutStatus;
import io.strangler.test.VirtualTime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The skills service's migration, driven over HTTP against a real PostgreSQL, on virtual time: dual writes, shadow
 * reads with a deliberate difference, a canary rollout that moves up as its steps bake, and a modern side gone bad
 * that the rollout controller rolls back on its own while every GET keeps answering.
 *
 * <p>The controller is given a tick interval of zero, so that only the test ticks it, after moving the clock: the run is the same every time, and takes seconds for some twenty minutes of rollout. Skipped when
 * PostgreSQL can't be reached, failed instead under {@code CI=true}.
 */
@ExtendWith(SkillsApplicationTest.RequiresPostgres.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=${strangler.test.postgresUrl:jdbc:postgresql://127.0.0.1:5432/test}",
    // a green run prints nothing: the log goes to target/test.log (logback-test.xml)
    "spring.main.banner-mode=off",
    // only the test ticks the controller, after moving the virtual clock (see the class comment)
    "strangler.rollout.tick-interval=0s",
    // every legacy call timed: the pre-migration baseline needs 30 timed calls, and the test makes a few hundred
    "strangler.router.legacy-timing-one-in=1",
    // both sides' latencies are wall-clock times of JDBC calls on a shared machine: noise, not the story. The
    // trigger still judges and reports (dry run), it doesn't act
    "strangler.routes.skills.triggers.dry-run=latency"})
class SkillsApplicationTest {

    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String ROUTE = "skills";

    /** The users of the story: fixed ids, so that who lands on modern at each percentage is the same every run. */
    static final List<String> USERS = users(200);
    static final List<String> NAMES = List.of("Java", "Spring Boot", "PostgreSQL", "Kotlin", "Docker",
            "TypeScript", "Go", "Terraform", "React", "SQL");

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** The application's clock, moved by the test. */
    @TestConfiguration(proxyBeanMethods = false)
    static class VirtualClock {
        @Bean
        VirtualTime virtualTime() {
            return VirtualTime.startingAt(Instant.parse("2026-03-02T09:00:00Z"));
        }
    }

    @Autowired
    MigrationRouter router;
    @Autowired
    RolloutController controller;
    @Autowired
    VirtualTime time;
    @Autowired
    ModernFaults faults;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    Environment environment;

    /** What each user's skills are, as saved over HTTP. */
    private final Map<String, List<String>> saved = new LinkedHashMap<>();

    @BeforeEach
    void removeTheStorysUsers() {
        // the tables are shared with any earlier run: only this story's users are removed
        jdbc.update("DELETE FROM skills_legacy WHERE user_id LIKE 'cv-user-%'");
        jdbc.update("DELETE FROM skills_modern WHERE user_id LIKE 'cv-user-%'");
    }

    @AfterEach
    void modernBehavesAgain() {
        faults.reset();
    }

    @Test
    void dualWritesShadowReadsACanaryThatMovesUpAndAnAutomaticRollbackAllOverHttp() throws Exception {
        Route<SkillStore> route = router.route(ROUTE, SkillStore.class);
        assertThat(route.state().stage()).as("the stage application.properties sets").isEqualTo(Stage.DUAL_WRITE);

        dualWrite(route);
        shadowReads(route);
        canary(route);
        modernGoesBadAndIsRolledBack(route);
    }

    /** 1. DUAL_WRITE: each PUT writes both tables, legacy first; GETs answer legacy's data. */
    private void dualWrite(Route<SkillStore> route) throws Exception {
        long secondWrites = route.stats().secondaryWrites().succeeded();
        for (int i = 0; i < USERS.size(); i++) {
            put(USERS.get(i), skillsOf(i));
        }
        assertThat(legacyTable()).as("legacy's table").isEqualTo(saved);
        assertThat(modernTable()).as("modern's table has every row too").isEqualTo(saved);
        assertThat(route.stats().secondaryWrites().succeeded() - secondWrites).isEqualTo(USERS.size());

        // legacy answers: a row changed behind modern's back is not what the GET sees
        String ada = USERS.get(0);
        jdbc.update("UPDATE skills_modern SET skill = 'COBOL' WHERE user_id = ? AND position = 0", ada);
        RoutingDecision decision = route.explain(ada);
        assertThat(decision.side()).isEqualTo(Side.LEGACY);
        assertThat(decision.reason()).isEqualTo(RoutingDecision.Reason.STAGE);
        RouteStats before = route.stats();
        assertThat(get(ada)).isEqualTo(saved.get(ada));
        RouteStats read = route.stats().minus(before);
        assertThat(read.legacy().calls()).isEqualTo(1);
        assertThat(read.modern().calls()).as("a read at DUAL_WRITE never reaches modern").isZero();
        // and the next PUT writes modern's copy again
        put(ada, saved.get(ada));
        assertThat(modernTable().get(ada)).isEqualTo(saved.get(ada));
    }

    /** 2. SHADOW at a sample of 100 %: every GET is compared off the caller's thread; a difference is counted. */
    private void shadowReads(Route<SkillStore> route) throws Exception {
        route.update("release-manager", "modern's table is filled: compare its answers", s -> s.stage(Stage.SHADOW));
        assertThat(route.state().shadowSampleBasisPoints()).as("shadow-sample=100 in application.properties")
                .isEqualTo(10_000);
        RouteStats.ShadowStats before = route.stats().shadow();
        List<String> compared = USERS.subList(0, 50);
        for (String user : compared) {
            assertThat(get(user)).isEqualTo(saved.get(user));
        }
        // a shadow read past its deadline (1 s) on a loaded machine is a timeout, not a comparison: wait for every
        // shadow to have ended one way or the other, then judge those compared
        await("50 shadow reads ended").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(ended(route.stats().shadow().minus(before))).isEqualTo(compared.size()));
        RouteStats.ShadowStats agreeing = route.stats().shadow().minus(before);
        assertThat(agreeing.compared()).isPositive();
        assertThat(agreeing.matches()).as("modern agrees with legacy").isEqualTo(agreeing.compared());
        assertThat(agreeing.mismatches()).isZero();

        // a modern release that answers canonical names: the caller still gets legacy's, the comparison sees it
        faults.canonicalAnswers(true);
        String grace = USERS.get(1);
        RouteStats.ShadowStats beforeDifference = route.stats().shadow();
        assertThat(get(grace)).as("the caller gets legacy's answer").isEqualTo(saved.get(grace));
        await("the mismatch").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(route.stats().shadow().minus(beforeDifference).mismatches()).isEqualTo(1));
        faults.canonicalAnswers(false);
        Optional<Mismatch> mismatch = route.mismatches().stream().filter(m -> grace.equals(m.key())).findFirst();
        assertThat(mismatch).hasValueSatisfying(m -> {
            assertThat(m.served()).isEqualTo(Side.LEGACY);
            assertThat(m.differences()).isNotEmpty().allSatisfy(d -> assertThat(d.path()).startsWith("$["));
            assertThat(m.legacy()).contains(saved.get(grace).get(0));
            assertThat(m.modern()).contains(ModernSkillStore.canonical(saved.get(grace).get(0)));
        });
    }

    /** 3. CANARY: the controller starts the plan once legacy's baseline is in, and moves up as each step bakes. */
    private void canary(Route<SkillStore> route) throws Exception {
        route.update("release-manager", "the canary compares a tenth of its reads", s -> s.shadowSample(10));

        controller.tick();
        RolloutStatus waiting = controller.status(ROUTE);
        assertThat(waiting.phase()).isEqualTo(RolloutStatus.Phase.NOT_STARTED);
        assertThat(waiting.reason()).contains("pre-migration baseline");
        readAll();                                   // legacy serving alone, every call timed
        time.advance(Duration.ofSeconds(60));
        controller.tick();

        RolloutStatus first = controller.status(ROUTE);
        assertThat(first.phase()).as(first.reason()).isEqualTo(RolloutStatus.Phase.RUNNING);
        assertThat(first.step()).isZero();
        assertThat(first.percentage()).isEqualTo(10.0);
        assertThat(route.state().stage()).isEqualTo(Stage.CANARY);
        assertThat(route.state().percentage()).isEqualTo(10.0);
        assertThat(USERS.stream().filter(u -> route.decide(u) == Side.MODERN)).as("users on modern at 10%")
                .isNotEmpty();

        // traffic until the step has the 50 modern calls it needs; every answer as saved, whichever side gives it
        long modernBefore = route.stats().modern().successes();
        for (int round = 0; round < 10 && route.stats().modern().successes() - modernBefore < 50; round++) {
            readAll();
        }
        assertThat(route.stats().modern().successes() - modernBefore).isGreaterThanOrEqualTo(50);
        time.advance(Duration.ofSeconds(30));
        controller.tick();
        RolloutStatus baking = controller.status(ROUTE);
        assertThat(baking.step()).as(baking.reason()).isZero();
        assertThat(baking.reason()).contains("bakes until");
        assertThat(judgedFailing(baking)).as("the triggers judged the canary's calls").isEmpty();

        time.advanceTo(first.stepStartedAt().plus(Duration.ofMinutes(15)));
        controller.tick();
        RolloutStatus second = controller.status(ROUTE);
        assertThat(second.step()).as(second.reason()).isEqualTo(1);
        assertThat(second.phase()).isEqualTo(RolloutStatus.Phase.RUNNING);
        assertThat(second.percentage()).isEqualTo(25.0);
        assertThat(route.state().percentage()).isEqualTo(25.0);
        assertThat(route.state().revision().changedBy()).isEqualTo(RolloutController.DEFAULT_ACTOR);
    }

    /**
     * 4. Modern fails 30 % of its calls: reads fall back to legacy (every GET still answers 200 with the saved
     * skills), and the controller rolls the route back on the error-rate trigger, then confirms legacy is healthy.
     */
    private void modernGoesBadAndIsRolledBack(Route<SkillStore> route) throws Exception {
        faults.failPercentage(30);
        RouteStats before = route.stats();
        RollbackEvent initiated = null;
        for (int round = 0; round < 10 && initiated == null; round++) {
            readAll();
            time.advance(Duration.ofSeconds(10));
            controller.tick();
            initiated = rollback(RollbackEvent.Status.INITIATED).orElse(null);
        }
        assertThat(initiated).as(controller.explain(ROUTE)).isNotNull();
        assertThat(initiated.trigger()).isEqualTo(TriggerKind.ERROR_RATE);
        assertThat(initiated.action()).isEqualTo(RollbackAction.IMMEDIATE);
        assertThat(initiated.actor()).isEqualTo(RolloutController.DEFAULT_ACTOR);
        assertThat(initiated.routes()).containsExactly(ROUTE);
        RouteStats bad = route.stats().minus(before);
        assertThat(bad.modern().fallbacks()).as("modern's failures that legacy answered").isPositive();
        assertThat(bad.modern().errors() + bad.legacy().errors()).as("errors a caller saw").isZero();

        // back on legacy, still dual-writing so that the migration can resume without a second backfill
        assertThat(route.state().stage()).isEqualTo(Stage.DUAL_WRITE);
        assertThat(route.state().percentage()).isZero();
        assertThat(USERS).allSatisfy(u -> assertThat(route.decide(u)).isEqualTo(Side.LEGACY));
        assertThat(controller.status(ROUTE).phase()).isEqualTo(RolloutStatus.Phase.ROLLED_BACK);
        long modernCalls = route.stats().modern().calls();
        readAll();                                   // the fault is still on: nobody notices
        assertThat(route.stats().modern().calls()).isEqualTo(modernCalls);

        // COMPLETED once a full window after the rollback shows legacy healthy
        RollbackEvent completed = null;
        for (int round = 0; round < 6 && completed == null; round++) {
            time.advance(Duration.ofSeconds(30));
            controller.tick();
            completed = rollback(RollbackEvent.Status.COMPLETED).orElse(null);
            if (completed == null) {
                readAll();
            }
        }
        assertThat(completed).as(controller.explain(ROUTE)).isNotNull();
        assertThat(completed.id()).isEqualTo(initiated.id());
        assertThat(completed.trigger()).isEqualTo(TriggerKind.ERROR_RATE);
    }

    @Test
    void actuatorHealthIsUp() throws Exception {
        HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/actuator/health")).GET());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void actuatorStranglerEndpointShowsTheRoute() throws Exception {
        HttpResponse<String> strangler = send(HttpRequest.newBuilder(uri("/actuator/strangler")).GET());
        assertThat(strangler.statusCode()).isEqualTo(200);
        assertThat(strangler.body()).contains("\"" + ROUTE + "\"");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Shadow reads that ended: compared, failed, timed out or dropped. */
    private static long ended(RouteStats.ShadowStats shadow) {
        return shadow.compared() + shadow.errors() + shadow.timeouts() + shadow.dropped();
    }

    private Optional<RollbackEvent> rollback(RollbackEvent.Status status) {
        return controller.rollbacks(ROUTE).stream().filter(e -> e.status() == status).findFirst();
    }

    /** The triggers that fail and act: the latency trigger is in dry run here (see the class's properties). */
    private static List<Judgement> judgedFailing(RolloutStatus status) {
        return status.judgements().stream().filter(Judgement::failed)
                .filter(j -> j.trigger() != TriggerKind.LATENCY).toList();
    }

    /** GETs every user's skills; each answer must be 200 with what was saved, whichever side gave it. */
    private void readAll() throws Exception {
        for (String user : USERS) {
            assertThat(get(user)).as("GET skills of " + user).isEqualTo(saved.get(user));
        }
    }

    private void put(String user, List<String> skills) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/users/" + user + "/skills"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(skills))));
        assertThat(response.statusCode()).as("PUT skills of " + user + ": " + response.body()).isEqualTo(204);
        saved.put(user, List.copyOf(skills));
    }

    private List<String> get(String user) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/users/" + user + "/skills")).GET());
        assertThat(response.statusCode()).as("GET skills of " + user + ": " + response.body()).isEqualTo(200);
        return json.readValue(response.body(), new TypeReference<List<String>>() { });
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + environment.getRequiredProperty("local.server.port") + path);
    }

    private Map<String, List<String>> legacyTable() {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        jdbc.query("SELECT user_id, skills FROM skills_legacy WHERE user_id LIKE 'cv-user-%' ORDER BY user_id",
                rs -> {
                    rows.put(rs.getString(1), List.of(rs.getString(2).split(",")));
                });
        return rows;
    }

    private Map<String, List<String>> modernTable() {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        jdbc.query("SELECT user_id, skill FROM skills_modern WHERE user_id LIKE 'cv-user-%' "
                + "ORDER BY user_id, position", rs -> {
                    rows.computeIfAbsent(rs.getString(1), u -> new ArrayList<>()).add(rs.getString(2));
                });
        return rows;
    }

    private static List<String> users(int n) {
        List<String> users = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            users.add(String.format("cv-user-%03d", i));
        }
        return List.copyOf(users);
    }

    /** One to three skills per user, each with capitals, so that modern's canonical form differs. */
    static List<String> skillsOf(int i) {
        List<String> skills = new ArrayList<>();
        for (int k = 0; k <= i % 3; k++) {
            skills.add(NAMES.get((i + 3 * k) % NAMES.size()));
        }
        return skills;
    }

    /**
     * Skips the class when the test database can't be reached (fails it under {@code CI=true}), before Spring
     * starts a context that would fail on the missing database instead.
     */
    static final class RequiresPostgres implements ExecutionCondition {

        private static volatile ConditionEvaluationResult result;

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            ConditionEvaluationResult r = result;
            if (r == null) {
                r = check();
                result = r;
            }
            return r;
        }

        private static ConditionEvaluationResult check() {
            String url = System.getProperty("strangler.test.postgresUrl", DEFAULT_URL);
            Properties props = new Properties();
            props.setProperty("user", "postgres");
            props.setProperty("connectTimeout", "5");
            try (Connection c = DriverManager.getConnection(url, props)) {
                return ConditionEvaluationResult.enabled("PostgreSQL at " + url + " answers");
            } catch (SQLException e) {
                String why = "PostgreSQL at " + url + " can't be reached (" + e.getMessage() + ")";
                if ("true".equals(System.getenv("CI"))) {
                    Assertions.fail(why + "; CI=true, so the test fails instead of being skipped");
                }
                return ConditionEvaluationResult.disabled(why + "; skipping (start PostgreSQL to run it)");
            }
        }
    }
}
