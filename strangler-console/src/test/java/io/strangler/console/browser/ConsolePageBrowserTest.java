package io.strangler.console.browser;

import static io.strangler.console.browser.ConsoleScenario.CHECKOUT;
import static io.strangler.console.browser.ConsoleScenario.CV_ANALYZER;
import static io.strangler.console.browser.ConsoleScenario.PRICING;
import static io.strangler.console.browser.ConsoleScenario.ROUTES;
import static io.strangler.console.browser.ConsoleScenario.SEARCH_INDEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.strangler.api.MigrationRouter;
import io.strangler.api.Route;
import io.strangler.api.RouteDefinition;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.health.Judgement;
import io.strangler.api.health.Verdict;
import io.strangler.console.ConsoleAudit;
import io.strangler.console.ConsoleCommands;
import io.strangler.console.ConsoleHistory;
import io.strangler.console.ConsoleModel;
import io.strangler.console.ConsolePage;
import io.strangler.console.StranglerConsole;
import io.strangler.core.Strangler;
import io.strangler.core.json.Json;
import io.strangler.core.rollout.Checkpoint;
import io.strangler.core.rollout.RolloutStatus;
import io.strangler.test.SimulatedService;
import io.strangler.test.SimulatedSide;
import io.strangler.test.VirtualTime;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's page in headless Chromium, against a real router, rollout controller and console server on virtual
 * time: what it shows, how it follows the traffic, its controls end to end (the command reaches the controller, the
 * audit names the person), its refusal of a wrong token, the offline report and its time slider, and that what
 * people typed is only ever shown as text. Every test also checks that the browser logged no error.
 *
 * <p>{@code -Dstrangler.screenshot=true} also writes the screenshot of a migration in progress to
 * {@code docs/console.png}; it is always written to {@code target/console.png}.
 */
@Timeout(60)
class ConsolePageBrowserTest {

    private static final String TOKEN = "console-test-token-7f3a9c2e";
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final DateTimeFormatter MODEL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private static ChromeDriver driver;
    /** Closing a console takes a second on JDK 17 (its HttpServer waits out stop's delay): the tests don't wait. */
    private static final List<CompletableFuture<Void>> CLOSING = new CopyOnWriteArrayList<>();

    private @Nullable ConsoleScenario scenario;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startBrowser() {
        driver = Chromium.start();
    }

    @AfterAll
    static void quitBrowser() {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            CompletableFuture.allOf(CLOSING.toArray(CompletableFuture[]::new)).join();
        }
    }

    @BeforeEach
    void blankPage() {
        driver.get("about:blank");
        Chromium.severe(driver); // what an earlier page logged is not this test's
    }

    @AfterEach
    void closeScenario() {
        // leave the page first, so that it does not log the server going away
        driver.get("about:blank");
        if (scenario != null) {
            closeLater(scenario);
        }
    }

    private static void closeLater(AutoCloseable closeable) {
        CLOSING.add(CompletableFuture.runAsync(() -> {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    // ------------------------------------------------------------------------------------------------------ live

    @Test
    void showsEveryRouteWithItsStageShareRolloutAndEvidence() {
        ConsoleScenario s = scenario = ConsoleScenario.start(TOKEN, 0);
        driver.get(s.uri().toString());
        waitFor("a row per route", () -> driver.findElements(By.cssSelector("#overview tr[data-route]")).size()
                == ROUTES.size());

        assertThat(driver.getTitle()).isEqualTo("Acme migration");
        assertThat(text("#mode")).isEqualTo("live");
        for (String name : ROUTES) {
            RouteState state = s.router.findRoute(name).orElseThrow().state();
            assertThat(text(row(name) + " .stage")).as(name + "'s stage").isEqualTo(state.stage().name());
            assertThat(text(row(name) + " .percentage")).as(name + "'s share").isEqualTo(share(state.percentage()));
            assertThat(text(row(name) + " .phase")).as(name + "'s rollout phase").isEqualTo(s.phase(name).name());
            assertThat(driver.findElements(By.cssSelector(card(name) + " figure.chart canvas")))
                    .as(name + "'s charts").isNotEmpty();
            assertThat(driver.findElements(By.cssSelector(card(name) + " figure.chart"))).hasSize(4);
        }
        assertThat(driver.findElements(By.cssSelector("#overview tr[data-route]")).stream()
                .map(r -> r.getAttribute("data-route")).toList()).isEqualTo(ROUTES);
        assertThat(text("#generated-at")).isEqualTo(MODEL_TIME.format(s.clock.instant()));
        assertThat(text("#controller")).contains("leading");
        assertThat(text("#writes")).isEqualTo("enabled");
        assertThat(text("#status")).startsWith("updated ");

        // the rollout awaiting approval: its step, the badge, the approve button highlighted
        assertThat(text(row(CV_ANALYZER) + " .step")).isEqualTo("1/3");
        assertThat(text(row(CV_ANALYZER) + " .approval")).isEqualTo("approval pending");
        WebElement approve = find(card(CV_ANALYZER) + " button[data-action=\"approve\"]");
        assertThat(approve.isEnabled()).isTrue();
        assertThat(approve.getAttribute("class")).contains("attention");
        assertThat(find(card(CV_ANALYZER) + " .step-bar .plan-step.current").getText()).startsWith("10%");
        assertThat(driver.findElements(By.cssSelector(card(CV_ANALYZER) + " .step-bar .plan-step.needs-approval")))
                .extracting(WebElement::getText).allSatisfy(t -> assertThat(t).containsIgnoringCase("approval"))
                .hasSize(2);
        assertThat(find(card(PRICING) + " button[data-action=\"approve\"]").isEnabled())
                .as("pricing's next step needs no approval").isFalse();
        assertThat(find(card(PRICING) + " button[data-action=\"resume\"]").isEnabled()).isFalse();
        assertThat(find(card(PRICING) + " button[data-action=\"pause\"]").isEnabled()).isTrue();
        assertThat(find(card(CHECKOUT) + " button[data-action=\"rollback\"]").isEnabled())
                .as("checkout is on legacy already").isFalse();

        // the bake countdown of the running rollout, on the model's (virtual) clock
        Map<String, Object> rollout = rollout(s, PRICING);
        assertThat(text(row(PRICING) + " .bake"))
                .isEqualTo(duration(((Number) rollout.get("bakeRemainingSeconds")).longValue()));
        assertThat(text(card(PRICING) + " .rollout-reason")).isEqualTo(s.status(PRICING).reason());

        // the judgements, with their numbers
        List<WebElement> judgements = driver.findElements(By.cssSelector(card(CV_ANALYZER)
                + " .judgements-table tbody tr"));
        assertThat(judgements).hasSize(s.status(CV_ANALYZER).judgements().size());
        assertThat(find(card(CV_ANALYZER) + " .judgements-table tr[data-trigger=\"ERROR_RATE\"] .explanation")
                .getText()).isEqualTo(s.status(CV_ANALYZER).judgements().stream()
                .filter(j -> j.trigger().name().equals("ERROR_RATE")).findFirst().orElseThrow().explanation());

        // checkout's automatic rollback, with the trigger's numbers
        RollbackEvent rollback = s.controller.rollbacks(CHECKOUT).get(0);
        WebElement rollbackRow = find(card(CHECKOUT) + " .rollbacks-table tbody tr");
        assertThat(rollbackRow.getAttribute("data-status")).isEqualTo(rollback.status().name());
        assertThat(rollbackRow.findElement(By.cssSelector(".trigger")).getText()).isEqualTo("ERROR_RATE");
        assertThat(rollbackRow.findElement(By.cssSelector(".reason")).getText()).contains(rollback.reason())
                .contains("statistic").contains("threshold 5%");
        for (String name : ROUTES) {
            assertThat(text(row(name) + " .verdict")).as(name + "'s worst verdict").isEqualTo(worstVerdict(s, name));
        }

        // the shadow's mismatches by path, and search-index's reconciliation backlog
        assertThat(driver.findElements(By.cssSelector(card(CV_ANALYZER) + " .differences-table .path"))
                .stream().map(WebElement::getText).collect(Collectors.toSet()))
                .isNotEmpty().allSatisfy(p -> assertThat(p).isIn("$.skills[0]", "$.years"));
        assertThat(text(card(SEARCH_INDEX) + " .pending"))
                .isEqualTo(count(s.router.reconciliationLog().list(SEARCH_INDEX, 20_000).size()));
        assertThat(driver.findElements(By.cssSelector(card(SEARCH_INDEX) + " .reconciliation-table tbody tr")))
                .hasSize(5);
        assertThat(text("#audit")).contains("No command yet.");
        assertNoBrowserErrors();
    }

    @Test
    void followsTheTrafficAsTheModelChanges() {
        ConsoleScenario s = scenario = ConsoleScenario.start(TOKEN, 0);
        driver.get(s.uri().toString());
        String callsBefore = count(s.pricing.stats().modern().calls());
        waitFor("pricing's modern calls", () -> text(row(PRICING) + " .calls-modern").equals(callsBefore));
        String pointsBefore = attribute(card(PRICING) + " figure[data-chart=\"throughput\"]", "data-points");
        assertThat(pointsBefore).isEqualTo(String.valueOf(s.history.points(PRICING).size()));

        s.seconds(30);

        String callsAfter = count(s.pricing.stats().modern().calls());
        String pointsAfter = String.valueOf(s.history.points(PRICING).size());
        assertThat(callsAfter).isNotEqualTo(callsBefore);
        assertThat(pointsAfter).isNotEqualTo(pointsBefore);
        waitFor("pricing's modern calls after 30 more seconds",
                () -> text(row(PRICING) + " .calls-modern").equals(callsAfter));
        waitFor("the charts' new points", () -> driver.findElements(By.cssSelector(card(PRICING) + " figure.chart"))
                .stream().allMatch(f -> pointsAfter.equals(f.getAttribute("data-points"))));
        assertThat(text("#generated-at")).isEqualTo(MODEL_TIME.format(s.clock.instant()));
        assertThat(text(row(PRICING) + " .bake"))
                .isEqualTo(duration(((Number) rollout(s, PRICING).get("bakeRemainingSeconds")).longValue()));
        assertThat(text(card(PRICING) + " .counts-table tr[data-side=\"legacy\"] .calls"))
                .isEqualTo(count(s.pricing.stats().legacy().calls()));
        assertNoBrowserErrors();
    }

    @Test
    void approvingOnThePageLetsTheControllerTakeTheStepAsTheApprover() {
        ConsoleScenario s = scenario = ConsoleScenario.start(TOKEN, 0);
        driver.get(s.uri().toString());
        waitFor("cv-analyzer's approve button", () -> find(card(CV_ANALYZER)
                + " button[data-action=\"approve\"]").isEnabled());

        click(card(CV_ANALYZER) + " button[data-action=\"approve\"]");
        WebElement dialog = find("#command-dialog");
        assertThat(dialog.isDisplayed()).isTrue();
        assertThat(dialog.findElement(By.id("command-title")).getText()).contains(CV_ANALYZER);
        assertThat(dialog.findElement(By.cssSelector("input[name=\"token\"]")).isDisplayed())
                .as("the token is asked for the first command").isTrue();
        fillAndSubmit("canary healthy for its whole bake", "alice", TOKEN);

        waitFor("the answer", () -> text("#toast").contains("approved the next step"));
        assertThat(dialog.isDisplayed()).isFalse();
        assertThat(s.status(CV_ANALYZER).approved()).isTrue();
        ConsoleAudit.Entry entry = lastAudit(s);
        assertThat(entry.actor()).isEqualTo("alice");
        assertThat(entry.action()).isEqualTo("approve");
        assertThat(entry.reason()).isEqualTo("canary healthy for its whole bake");
        assertThat(entry.made()).isTrue();

        s.second();

        assertThat(s.cvAnalyzer.state().percentage()).isEqualTo(50.0);
        assertThat(s.cvAnalyzer.state().revision().changedBy()).isEqualTo("alice");
        waitFor("the new step on the page", () -> text(row(CV_ANALYZER) + " .percentage").equals("50%"));
        assertThat(text(row(CV_ANALYZER) + " .step")).isEqualTo("2/3");
        assertThat(text(card(CV_ANALYZER) + " .last-change .actor")).isEqualTo("alice");
        assertThat(text("#audit tbody tr:first-child .actor")).isEqualTo("alice");
        assertThat(text("#audit tbody tr:first-child .result")).isEqualTo("200 made");
        JavascriptExecutor js = driver;
        assertThat(js.executeScript("return localStorage.getItem('strangler.console.actor')")).isEqualTo("alice");
        assertThat(js.executeScript("return sessionStorage.getItem('strangler.console.token')")).isEqualTo(TOKEN);

        // the next command reuses the token of this tab and the remembered name
        click(card(CV_ANALYZER) + " button[data-action=\"pause\"]");
        assertThat(find("#command-dialog input[name=\"token\"]").isDisplayed()).isFalse();
        assertThat(find("#command-dialog input[name=\"actor\"]").getAttribute("value")).isEqualTo("alice");
        find("#command-dialog textarea[name=\"reason\"]").sendKeys("hold the 50% step over lunch");
        find("#command-dialog button[type=\"submit\"]").click();
        waitFor("the pause", () -> text("#toast").contains("paused"));
        assertThat(s.phase(CV_ANALYZER)).isEqualTo(RolloutStatus.Phase.PAUSED);
        waitFor("the paused phase on the page", () -> text(row(CV_ANALYZER) + " .phase").equals("PAUSED"));
        assertThat(find(card(CV_ANALYZER) + " button[data-action=\"resume\"]").isEnabled()).isTrue();
        assertNoBrowserErrors();
    }

    @Test
    void rollingBackOnThePageSendsTheRouteToLegacyAndARestoreBringsItBack() {
        ConsoleScenario s = scenario = ConsoleScenario.start(TOKEN, 0);
        driver.get(s.uri().toString());
        waitFor("pricing's roll back button", () -> find(card(PRICING) + " button[data-action=\"rollback\"]")
                .isEnabled());

        click(card(PRICING) + " button[data-action=\"rollback\"]");
        fillAndSubmit("p99 of the quote API doubled after the deploy", "bob", TOKEN);

        waitFor("the answer", () -> text("#toast").contains("rolled back"));
        RouteState state = s.pricing.state();
        assertThat(state.percentage()).isZero();
        assertThat(state.stage().servesModern()).isFalse();
        assertThat(state.revision().changedBy()).isEqualTo("bob");
        assertThat(s.phase(PRICING)).isEqualTo(RolloutStatus.Phase.ABORTED);
        waitFor("the rollback on the page", () -> text(row(PRICING) + " .percentage").equals("0%"));
        assertThat(text(row(PRICING) + " .stage")).isEqualTo(state.stage().name());
        WebElement rollback = find(card(PRICING) + " .rollbacks-table tbody tr");
        assertThat(rollback.getAttribute("data-status")).isEqualTo("INITIATED");
        assertThat(rollback.findElement(By.cssSelector(".actor")).getText()).isEqualTo("bob");
        assertThat(rollback.findElement(By.cssSelector(".reason")).getText())
                .isEqualTo("aborted by bob: p99 of the quote API doubled after the deploy");
        assertThat(rollback.findElement(By.cssSelector(".trigger")).getText()).isEqualTo("a person");

        // legacy seen healthy for a window: the rollback completes, and the page says so
        s.seconds(65);
        assertThat(s.controller.rollbacks(PRICING)).last().extracting(RollbackEvent::status)
                .isEqualTo(RollbackEvent.Status.COMPLETED);
        waitFor("the completed rollback", () -> "COMPLETED".equals(
                attribute(card(PRICING) + " .rollbacks-table tbody tr", "data-status")));
        assertThat(text(card(PRICING) + " .rollbacks-table tbody tr .finished")).contains("after ");

        // the checkpoint taken before the rollback puts pricing back where it was
        Checkpoint before = s.controller.checkpoints().stream().filter(c -> c.actor().equals("bob")).findFirst()
                .orElseThrow();
        String restore = card(PRICING) + " tr[data-checkpoint=\"" + before.id() + "\"] button[data-action=\"restore\"]";
        waitFor("the checkpoint's restore button", () -> find(restore).isEnabled());
        click(restore);
        assertThat(text("#command-checkpoint")).contains(before.id());
        fillAndSubmit("the deploy was reverted; carry on from 25%", "bob", null);
        waitFor("the restore", () -> text("#toast").contains("restored checkpoint " + before.id()));
        assertThat(s.pricing.state().percentage()).isEqualTo(25.0);
        assertThat(s.pricing.state().stage()).isEqualTo(Stage.CANARY);
        waitFor("the restored share on the page", () -> text(row(PRICING) + " .percentage").equals("25%"));
        assertNoBrowserErrors();
    }

    @Test
    void aCommandWithAWrongTokenIsRefusedChangesNothingAndThePageSaysSo() {
        ConsoleScenario s = scenario = ConsoleScenario.start(TOKEN, 0);
        driver.get(s.uri().toString());
        waitFor("pricing's pause button", () -> find(card(PRICING) + " button[data-action=\"pause\"]").isEnabled());
        long version = s.pricing.state().version();
        int audited = s.console.model().audit().entries().size();

        click(card(PRICING) + " button[data-action=\"pause\"]");
        fillAndSubmit("looks odd", "mallory", "not-the-console-token");

        waitFor("the refusal", () -> text("#toast").contains("refused (401)"));
        assertThat(text("#command-error")).contains("401").contains("token");
        assertThat(find("#command-dialog").isDisplayed()).as("the dialog stays open to try again").isTrue();
        assertThat(s.pricing.state().version()).as("nothing changed").isEqualTo(version);
        assertThat(s.phase(PRICING)).isEqualTo(RolloutStatus.Phase.RUNNING);
        List<ConsoleAudit.Entry> entries = s.console.model().audit().entries();
        assertThat(entries).hasSize(audited + 1);
        assertThat(entries.get(entries.size() - 1)).satisfies(e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.made()).isFalse();
            assertThat(e.action()).isEqualTo("pause");
        });
        waitFor("the refusal in the page's audit", () -> text("#audit tbody tr:first-child .result")
                .equals("401 refused"));
        JavascriptExecutor js = driver;
        assertThat(js.executeScript("return sessionStorage.getItem('strangler.console.token')")).isNull();

        // without a token the form does not send at all
        WebElement token = find("#command-dialog input[name=\"token\"]");
        assertThat(token.isDisplayed()).isTrue();
        assertThat(token.getAttribute("value")).isEmpty();
        assertThat(js.executeScript("return document.getElementById('command-form').checkValidity()")).isEqualTo(false);

        // the right token: the same dialog sends the command
        token.sendKeys(TOKEN);
        find("#command-dialog button[type=\"submit\"]").click();
        waitFor("the pause", () -> text("#toast").contains("pause on pricing: paused"));
        assertThat(s.phase(PRICING)).isEqualTo(RolloutStatus.Phase.PAUSED);
        assertNoBrowserErrors(Pattern.compile("status of 401"));
    }

    @Test
    void routeNamesActorsAndReasonsAreShownAsTextNeverAsMarkup() {
        VirtualTime clock = VirtualTime.startingAt(ConsoleScenario.START);
        String name = "<img src=x onerror=\"document.title='pwned'\">";
        String actor = "<b>eve</b>";
        String reason = "</script><script>document.title='pwned'</script> & more";
        try (MigrationRouter router = Strangler.router().clock(clock).ticker(clock::nanoTime)
                .refreshInterval(Duration.ZERO).build()) {
            Route<SimulatedService> route = router.register(RouteDefinition.builder(name, SimulatedService.class)
                    .legacy(new SimulatedSide("legacy", clock, 1)).modern(new SimulatedSide("modern", clock, 2))
                    .initialState(st -> st.stage(Stage.CANARY).percentage(5)).build());
            route.setPercentage(7.5, actor, reason);
            StranglerConsole console = StranglerConsole.builder(router).clock(clock).start();
            try {
                driver.get(console.uri().toString());
                waitFor("the route's card", () -> !driver.findElements(By.cssSelector("section.card")).isEmpty());

                assertThat(find("section.card").getAttribute("data-route")).isEqualTo(name);
                assertThat(find("section.card .card-title").getText()).isEqualTo(name);
                assertThat(find("#overview .route-link").getText()).isEqualTo(name);
                assertThat(find("section.card .last-change .actor").getText()).isEqualTo(actor);
                assertThat(find("section.card .last-change .reason").getText()).isEqualTo(reason);
                assertThat(find("#overview tbody .percentage").getText()).isEqualTo("7.5%");
                JavascriptExecutor js = driver;
                assertThat(js.executeScript("return document.querySelectorAll('img, b, main script').length"))
                        .isEqualTo(0L);
                assertThat(driver.getTitle()).isEqualTo("Strangler console");
                assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);

                // read-only, without a controller: no control, and the page says why
                assertThat(text("#writes")).isEqualTo("read-only");
                assertThat(text("#controller")).contains("no rollout controller");
                assertThat(text("section.card .readonly-note")).isEqualTo("read-only: writes are disabled");
                assertThat(driver.findElements(By.cssSelector("button[data-action]"))).isEmpty();
                assertThat(text("section.card .block-rollout")).contains("No rollout controller runs here");
                assertNoBrowserErrors();
            } finally {
                driver.get("about:blank");
                closeLater(console);
            }
        }
    }

    @Test
    void aLostConnectionIsShownAndTheLastModelKept() {
        VirtualTime clock = VirtualTime.startingAt(ConsoleScenario.START);
        try (MigrationRouter router = Strangler.router().clock(clock).ticker(clock::nanoTime)
                .refreshInterval(Duration.ZERO).build()) {
            router.register(RouteDefinition.builder("billing", SimulatedService.class)
                    .legacy(new SimulatedSide("legacy", clock, 1)).modern(new SimulatedSide("modern", clock, 2))
                    .build());
            StranglerConsole console = StranglerConsole.builder(router).clock(clock).start();
            try {
                driver.get(console.uri().toString());
                waitFor("the route", () -> !driver.findElements(By.cssSelector(row("billing"))).isEmpty());
                assertThat(find("#banner").isDisplayed()).isFalse();
            } finally {
                closeLater(console);
            }
            waitFor("the connection lost", () -> text("#status").equals("connection lost"));
            assertThat(text("#banner")).startsWith("Connection lost: ").contains("retrying every second");
            assertThat(text(row("billing") + " .stage")).as("the last model still shown").isEqualTo("LEGACY");
            assertNoBrowserErrors(Pattern.compile("ERR_CONNECTION_REFUSED"));
        }
    }

    @Test
    void behindSpringTheCommandsCarryTheCsrfTokenAndNoWriteTokenIsAsked() throws IOException {
        VirtualTime clock = VirtualTime.startingAt(ConsoleScenario.START);
        try (MigrationRouter router = Strangler.router().clock(clock).ticker(clock::nanoTime)
                .refreshInterval(Duration.ZERO).build()) {
            String name = "billing/eu";
            Route<SimulatedService> route = router.register(RouteDefinition.builder(name, SimulatedService.class)
                    .legacy(new SimulatedSide("legacy", clock, 1)).modern(new SimulatedSide("modern", clock, 2))
                    .initialState(st -> st.stage(Stage.CANARY).percentage(10)).build());
            ConsoleModel model = ConsoleModel.of(router, null, ConsoleHistory.of(router, clock), ConsoleAudit.of(clock),
                    clock).writable(true);
            ConsoleCommands commands = ConsoleCommands.of(model);
            List<String> requests = new CopyOnWriteArrayList<>();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            // what the Spring adapter does, in a few lines: the page with a CSRF token, the model, the commands
            server.createContext("/", exchange -> {
                try (exchange) {
                    String path = exchange.getRequestURI().getRawPath().substring(1);
                    String body;
                    String type = "application/json";
                    if (path.isEmpty()) {
                        body = ConsolePage.live("Spring console", "X-XSRF-TOKEN", "csrf-4711", "carol");
                        type = "text/html; charset=utf-8";
                    } else if (path.equals(ConsolePage.MODEL_PATH)) {
                        body = model.json();
                    } else if (ConsolePage.contentType(path) != null) {
                        body = ConsolePage.asset(path);
                        type = ConsolePage.contentType(path);
                    } else {
                        Map<String, Object> command = cast(Json.parse(new String(
                                exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                        requests.add(exchange.getRequestMethod() + " " + path + " csrf="
                                + exchange.getRequestHeaders().getFirst("X-XSRF-TOKEN") + " authorization="
                                + exchange.getRequestHeaders().getFirst("Authorization") + " type="
                                + exchange.getRequestHeaders().getFirst("Content-Type"));
                        String[] parts = path.split("/");
                        ConsoleCommands.Result result = commands.run(
                                URLDecoder.decode(parts[1], StandardCharsets.UTF_8), parts[2],
                                (String) command.get("actor"), (String) command.get("reason"), null);
                        body = Json.write(result.body());
                    }
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", type);
                    exchange.sendResponseHeaders(200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                }
            });
            server.start();
            try {
                driver.get("http://127.0.0.1:" + server.getAddress().getPort() + "/");
                waitFor("the route's controls", () -> !driver.findElements(By.cssSelector(
                        "section.card button[data-action=\"rollback\"]")).isEmpty());
                assertThat(find("section.card button[data-action=\"approve\"]").isEnabled())
                        .as("no controller: no rollout command").isFalse();

                click("section.card button[data-action=\"rollback\"]");
                assertThat(find("#command-dialog input[name=\"token\"]").isDisplayed()).isFalse();
                assertThat(text("#signed-in")).isEqualTo("Recorded as carol, the signed-in user.");
                fillAndSubmit("the EU invoices double-count VAT", null, null);

                waitFor("the answer", () -> text("#toast").equals("rollback on billing/eu: rolled back"));
                assertThat(requests).containsExactly("POST routes/billing%2Feu/rollback csrf=csrf-4711 "
                        + "authorization=null type=application/json");
                assertThat(route.state().percentage()).isZero();
                assertThat(route.state().revision().changedBy()).isEqualTo("carol");
                assertThat(route.state().revision().reason()).isEqualTo("the EU invoices double-count VAT");
                assertNoBrowserErrors();
            } finally {
                driver.get("about:blank");
                server.stop(0);
            }
        }
    }

    @Test
    void aModelThePageCannotDrawGivesAMessageNotABlankPage() throws IOException {
        Path report = tmp.resolve("broken.html");
        Files.writeString(report, ConsolePage.report("Broken report", "{\"version\":1,\"frames\":[{\"version\":1,"
                + "\"generatedAt\":\"2025-01-01T09:00:00Z\",\"router\":{},\"routes\":\"not a list\","
                + "\"audit\":[]}],\"series\":{}}"), StandardCharsets.UTF_8);

        driver.get(report.toUri().toString());

        waitFor("the message", () -> find("#banner").isDisplayed());
        assertThat(text("#banner")).startsWith("The console could not draw this model: ");
        assertNoBrowserErrors(Pattern.compile("rendering failed"));
    }

    // ---------------------------------------------------------------------------------------------------- report

    @Test
    void theReportRendersOfflineWithoutControlsAndItsSliderMovesThroughTheFrames() throws IOException {
        ConsoleScenario s = ConsoleScenario.start(TOKEN, 16);
        Path report;
        Map<String, Object> timeline;
        Map<String, Integer> points = new LinkedHashMap<>();
        try {
            report = s.timeline().writeReport(tmp.resolve("report.html"), "Acme migration report");
            timeline = cast(Json.parse(s.timeline().json()));
            for (String name : ROUTES) {
                points.put(name, s.history.points(name).size());
            }
        } finally {
            closeLater(s); // the report needs no server
        }
        List<Map<String, Object>> frames = cast(timeline.get("frames"));
        assertThat(frames.size()).as("frames kept, thinned to at most 16").isBetween(9, 16);

        driver.get(report.toUri().toString());
        waitFor("a row per route", () -> driver.findElements(By.cssSelector("#overview tr[data-route]")).size()
                == ROUTES.size());

        assertThat(driver.getTitle()).isEqualTo("Acme migration report");
        assertThat(text("#mode")).isEqualTo("report");
        assertThat(driver.findElements(By.cssSelector("button[data-action]"))).as("no controls in a report")
                .isEmpty();
        assertThat(driver.findElements(By.cssSelector(".readonly-note, .controls-bar"))).isEmpty();
        WebElement slider = find("#frame-slider");
        assertThat(slider.getAttribute("max")).isEqualTo(String.valueOf(frames.size() - 1));
        assertThat(slider.getAttribute("value")).isEqualTo(String.valueOf(frames.size() - 1));
        assertThat(text("#frame-label")).startsWith("frame " + frames.size() + " of " + frames.size() + " · ");
        Map<String, Object> last = frames.get(frames.size() - 1);
        Map<String, Object> first = frames.get(0);
        assertFrameShown(last);
        for (String name : ROUTES) {
            List<WebElement> charts = driver.findElements(By.cssSelector(card(name) + " figure.chart"));
            assertThat(charts).hasSize(4).allSatisfy(c -> {
                assertThat(c.getAttribute("data-points")).isEqualTo(String.valueOf(points.get(name)));
                assertThat(c.getAttribute("data-cursor")).isEqualTo(epochSeconds(last));
                assertThat(c.findElements(By.tagName("canvas"))).isNotEmpty();
            });
        }

        slider.sendKeys(Keys.HOME);

        waitFor("the first frame", () -> text("#frame-label").startsWith("frame 1 of " + frames.size()));
        assertFrameShown(first);
        assertThat(attribute(card(PRICING) + " figure[data-chart=\"error-rate\"]", "data-cursor"))
                .isEqualTo(epochSeconds(first));
        assertThat(text(row(PRICING) + " .percentage")).as("pricing moved between the first and the last frame")
                .isNotEqualTo(share(number(route(last, PRICING), "percentage")));

        JavascriptExecutor js = driver;
        assertThat(js.executeScript("return location.protocol")).isEqualTo("file:");
        assertThat(js.executeScript("return performance.getEntriesByType('resource')"
                + ".map(function (e) { return e.name; }).filter(function (n) { return !/^(data|file):/.test(n); })"))
                .as("requests the report made").asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
        assertNoBrowserErrors();
    }

    @Test
    void aModelOfAnUnknownVersionIsRefusedWithAMessage() throws IOException {
        Path report = tmp.resolve("future.html");
        Files.writeString(report, ConsolePage.report("Future report",
                "{\"version\":99,\"frames\":[{\"version\":99,\"routes\":[]}],\"series\":{}}"), StandardCharsets.UTF_8);

        driver.get(report.toUri().toString());

        waitFor("the refusal", () -> find("#banner").isDisplayed());
        assertThat(text("#banner")).contains("version 1").contains("version 99");
        assertThat(find("#app").isDisplayed()).isFalse();
        assertNoBrowserErrors();
    }

    // ------------------------------------------------------------------------------------------------ screenshot

    @Test
    void screenshotOfAMigrationInProgress() throws Exception {
        ConsoleScenario s = scenario = ConsoleScenario.start(TOKEN, 0);
        post(s, PRICING, "pause", "alice", "holding while the pricing service deploys");
        s.seconds(20);
        post(s, PRICING, "resume", "alice", "deploy done, p95 back to normal");
        s.seconds(40);
        driver.manage().window().setSize(new Dimension(1400, 2000));
        try {
            driver.get(s.uri().toString());
            waitFor("every chart drawn", () -> driver.findElements(By.cssSelector("figure.chart")).stream()
                    .filter(f -> !"0".equals(f.getAttribute("data-points"))).count() == 4L * ROUTES.size());
            waitFor("the audit", () -> driver.findElements(By.cssSelector("#audit tbody tr")).size() == 2);
            assertThat(text(row(CHECKOUT) + " .phase")).isEqualTo("ROLLED_BACK");
            assertThat(text(row(CV_ANALYZER) + " .approval")).isEqualTo("approval pending");
            JavascriptExecutor js = driver;
            js.executeScript("window.scrollTo(0, 0)");

            byte[] png = driver.getScreenshotAs(OutputType.BYTES);

            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image.getWidth()).isEqualTo(1400);
            assertThat(image.getHeight()).isEqualTo(js.executeScript("return window.innerHeight")
                    instanceof Number n ? n.intValue() : -1);
            Path target = Path.of("target", "console.png");
            Files.createDirectories(target.getParent());
            Files.write(target, png);
            if (Boolean.getBoolean("strangler.screenshot")) {
                Path docs = Path.of("..", "docs", "console.png");
                Files.write(docs, png);
            }
            assertNoBrowserErrors();
        } finally {
            driver.manage().window().setSize(new Dimension(1400, 1000));
        }
    }

    // --------------------------------------------------------------------------------------------------- helpers

    private void assertFrameShown(Map<String, Object> frame) {
        assertThat(text("#generated-at"))
                .isEqualTo(MODEL_TIME.format(Instant.parse((String) frame.get("generatedAt"))));
        for (String name : ROUTES) {
            Map<String, Object> route = route(frame, name);
            assertThat(text(row(name) + " .stage")).as(name + "'s stage in the frame").isEqualTo(route.get("stage"));
            assertThat(text(row(name) + " .percentage")).as(name + "'s share in the frame")
                    .isEqualTo(share(number(route, "percentage")));
            Map<String, Object> modern = cast(route.get("modern"));
            assertThat(text(row(name) + " .calls-modern")).isEqualTo(count(((Number) modern.get("calls")).longValue()));
        }
    }

    private static String worstVerdict(ConsoleScenario s, String name) {
        return s.status(name).judgements().stream().map(Judgement::verdict)
                .max(Comparator.comparingInt(v -> switch (v) {
                    case PASS -> 1;
                    case INCONCLUSIVE -> 2;
                    case FAIL -> 3;
                })).map(Verdict::name).orElse("—");
    }

    private static Map<String, Object> route(Map<String, Object> frame, String name) {
        List<Map<String, Object>> routes = cast(frame.get("routes"));
        return routes.stream().filter(r -> name.equals(r.get("name"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> rollout(ConsoleScenario s, String name) {
        return cast(route(s.console.model().snapshot(), name).get("rollout"));
    }

    private static double number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    private static String epochSeconds(Map<String, Object> frame) {
        long millis = Instant.parse((String) frame.get("generatedAt")).toEpochMilli();
        // the page's number, as JavaScript writes millis / 1000
        return millis % 1000 == 0 ? String.valueOf(millis / 1000)
                : BigDecimal.valueOf(millis).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    private static ConsoleAudit.Entry lastAudit(ConsoleScenario s) {
        List<ConsoleAudit.Entry> entries = s.console.model().audit().entries();
        assertThat(entries).isNotEmpty();
        return entries.get(entries.size() - 1);
    }

    private static void post(ConsoleScenario s, String route, String action, String actor, String reason)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        s.uri().resolve("routes/" + route + "/" + action))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("actor", actor, "reason", reason))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** Fills the dialog in and sends it; a null actor: the page knows the signed-in user and asks no name. */
    private void fillAndSubmit(String reason, @Nullable String actor, @Nullable String token) {
        WebElement dialog = find("#command-dialog");
        waitFor("the command dialog", dialog::isDisplayed);
        dialog.findElement(By.cssSelector("textarea[name=\"reason\"]")).sendKeys(reason);
        WebElement actorField = dialog.findElement(By.cssSelector("input[name=\"actor\"]"));
        assertThat(actorField.isDisplayed()).as("the name field").isEqualTo(actor != null);
        if (actor != null) {
            actorField.clear();
            actorField.sendKeys(actor);
        }
        WebElement tokenField = dialog.findElement(By.cssSelector("input[name=\"token\"]"));
        if (token != null) {
            assertThat(tokenField.isDisplayed()).as("the token field").isTrue();
            tokenField.sendKeys(token);
        }
        dialog.findElement(By.cssSelector("button[type=\"submit\"]")).click();
    }

    private void assertNoBrowserErrors(Pattern... expected) {
        List<String> errors = Chromium.severe(driver).stream()
                .filter(m -> Arrays.stream(expected).noneMatch(p -> p.matcher(m).find()))
                .toList();
        assertThat(errors).as("errors in the browser's console").isEmpty();
    }

    private static String row(String route) {
        return "#overview tr[data-route=\"" + route + "\"]";
    }

    private static String card(String route) {
        return "section.card[data-route=\"" + route + "\"]";
    }

    private static WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    private static String text(String css) {
        return find(css).getText();
    }

    private static String attribute(String css, String name) {
        return find(css).getAttribute(name);
    }

    /** Clicks an element in the middle of the window, clear of the sticky header and the toast. */
    private static void click(String css) {
        WebElement element = find(css);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    private static void waitFor(String what, BooleanSupplier condition) {
        new WebDriverWait(driver, WAIT).withMessage(what)
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .until(d -> condition.getAsBoolean());
    }

    /** As the page writes modern's share: at most two decimals. */
    private static String share(double percentage) {
        return new BigDecimal(Double.toString(percentage)).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString() + "%";
    }

    private static String count(long n) {
        return String.format(Locale.US, "%,d", n);
    }

    /** As the page writes a countdown: 45s, 4m 05s, 1h 02m. */
    private static String duration(long seconds) {
        if (seconds >= 3600) {
            return seconds / 3600 + "h " + String.format(Locale.ROOT, "%02d", seconds % 3600 / 60) + "m";
        }
        if (seconds >= 60) {
            return seconds / 60 + "m " + String.format(Locale.ROOT, "%02d", seconds % 60) + "s";
        }
        return seconds + "s";
    }
}
