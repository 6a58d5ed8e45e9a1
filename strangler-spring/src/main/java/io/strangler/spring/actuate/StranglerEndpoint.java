package io.strangler.spring.actuate;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Revision;
import io.strangler.api.RollbackRefusedException;
import io.strangler.api.Route;
import io.strangler.api.RouteNotFoundException;
import io.strangler.api.RouteState;
import io.strangler.api.RouteStats;
import io.strangler.api.Stage;
import io.strangler.api.StateConflictException;
import io.strangler.api.StranglerException;
import io.strangler.api.compare.Difference;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.health.Judgement;
import io.strangler.api.reconcile.ReconciliationEntry;
import io.strangler.api.shadow.Mismatch;
import io.strangler.core.rollout.Checkpoint;
import io.strangler.core.rollout.RolloutController;
import io.strangler.core.rollout.RolloutStatus;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code strangler} Actuator endpoint: every route's state and rollout, one route in detail, and the operator's
 * commands on one route. Shaped like Spring Boot's {@code loggers} endpoint:
 *
 * <table>
 * <caption>Operations</caption>
 * <tr><th>request</th><th>what it does</th></tr>
 * <tr><td>{@code GET /actuator/strangler}</td><td>{@link #routes()}: per route its stage, percentage, kill switch,
 *     version and last change, modern's breaker, the calls per side, its rollout and its open rollback</td></tr>
 * <tr><td>{@code GET /actuator/strangler/{name}}</td><td>{@link #route(String)}: the same, and each trigger's
 *     judgement with its numbers, recent mismatches, the reconciliation backlog, the rollback history, the
 *     checkpoints and the controller's explanation</td></tr>
 * <tr><td>{@code POST /actuator/strangler/{name}}</td><td>{@link #change}: a JSON body such as
 *     {@code {"action":"percentage","percentage":25,"reason":"canary"}}</td></tr>
 * </table>
 *
 * <p><b>Who acts.</b> Every change records an actor: the authenticated principal's name when the request has one,
 * else {@value #DEFAULT_ACTOR}. Actuator does not authenticate anything by itself: secure the endpoint before
 * exposing it, since its writes move production traffic and its reads show routing keys and summaries of both sides'
 * answers. With Spring Security, a chain such as the one below lets anyone read and only operators write. Its CSRF
 * protection must be off for the actuator paths: Actuator's clients are tools sending credentials, not browsers
 * holding a session cookie, and with CSRF on, every POST without a token is refused (403) before its role is checked.
 *
 * <pre>{@code
 * http.authorizeHttpRequests(requests -> requests
 *                 .requestMatchers(HttpMethod.POST, "/actuator/strangler/**").hasRole("STRANGLER_ADMIN")
 *                 .requestMatchers(HttpMethod.GET, "/actuator/**").permitAll()
 *                 .anyRequest().authenticated())
 *         .httpBasic(Customizer.withDefaults())
 *         .csrf(csrf -> csrf.ignoringRequestMatchers("/actuator/strangler/**"));
 * }</pre>
 *
 * <p><b>Errors.</b> An answer that is not a success carries a JSON body {@code {status, error, message}} whose message
 * names the field and the value at fault, because Spring Boot's error page hides the messages of the exceptions
 * Actuator raises itself. Unknown route: 404. Bad input (unknown action or stage, a percentage outside [0, 100], a
 * missing reason, an unknown checkpoint, a rollout action with no rollout controller) and the library's
 * {@link IllegalArgumentException}: 400. The library's {@link IllegalStateException} (a command the rollout's phase
 * does not allow), {@link StateConflictException} and {@link RollbackRefusedException}: 409. Any other
 * {@link StranglerException} (a store that can't be reached): 503. Over JMX the same {@link WebEndpointResponse}
 * shows as its status and body.
 *
 * <p>Thread-safe: every operation reads the router and the controller, which are.
 */
@Endpoint(id = "strangler")
public class StranglerEndpoint {

    /** The actor recorded for a change made by a request with no authenticated principal. */
    public static final String DEFAULT_ACTOR = "actuator";

    /** The most recent mismatches one route's details show; the route keeps more. */
    static final int MISMATCHES_SHOWN = 20;
    /** The most recent rollbacks one route's details show; the controller keeps up to its history size. */
    static final int ROLLBACKS_SHOWN = 20;
    /** The most recent checkpoints one route's details show. */
    static final int CHECKPOINTS_SHOWN = 20;
    /** The oldest reconciliation entries one route's details show. */
    static final int RECONCILIATION_ENTRIES_SHOWN = 10;
    /**
     * How far the reconciliation backlog is counted: the log can only list entries, and a durable log that is far
     * behind should not be read whole for a status page.
     */
    static final int RECONCILIATION_COUNT_LIMIT = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(StranglerEndpoint.class);

    private final MigrationRouter router;
    private final @Nullable RolloutController controller;

    /**
     * An endpoint over {@code router}'s routes.
     *
     * @param router the router whose routes the endpoint shows and changes
     * @param controller the rollout controller of those routes, or {@code null} when rollouts are not configured:
     *     the rollout sections are then empty and the rollout actions refused
     */
    public StranglerEndpoint(MigrationRouter router, @Nullable RolloutController controller) {
        this.router = router;
        this.controller = controller;
    }

    /**
     * Every route, in registration order.
     *
     * @return each route's state, calls and rollout, by name
     */
    @ReadOperation
    public RoutesDescriptor routes() {
        Rollouts rollouts = Rollouts.of(controller);
        Map<String, RouteDescriptor> routes = new LinkedHashMap<>();
        for (Route<?> route : router.routes()) {
            routes.put(route.name(), describe(route, rollouts));
        }
        return new RoutesDescriptor(routes);
    }

    /**
     * One route in detail.
     *
     * @param name the route's name
     * @return 200 with a {@link RouteDetailsDescriptor}; 404 with a message when no route has that name
     */
    @ReadOperation
    public WebEndpointResponse<Object> route(@Selector String name) {
        return respond(() -> {
            Route<?> route = find(name);
            return new WebEndpointResponse<>(details(route, Rollouts.of(controller)), WebEndpointResponse.STATUS_OK);
        });
    }

    /**
     * Acts on one route. What each action needs:
     *
     * <table>
     * <caption>Actions</caption>
     * <tr><th>{@code action}</th><th>needs</th><th>does</th></tr>
     * <tr><td>{@code stage}</td><td>{@code stage}, {@code reason}; {@code percentage} optional</td>
     *     <td>sets the stage (and the percentage, in the same change)</td></tr>
     * <tr><td>{@code percentage}</td><td>{@code percentage}, {@code reason}; {@code stage} optional</td>
     *     <td>sets the percentage (and the stage, in the same change); a rollout the controller runs on the route is
     *     paused by this, as by any change made outside it</td></tr>
     * <tr><td>{@code rollback}</td><td>{@code reason}</td><td>sends every call to legacy now. When the controller runs
     *     or guards the route and its rollout is not over, it aborts the rollout: the route and its dependents go
     *     back, recorded in the rollback history. Otherwise the route rolls back by itself, which nothing blocks:
     *     not a rollout that is over, not a controller standing by in a fleet</td></tr>
     * <tr><td>{@code approve}, {@code pause}, {@code resume}, {@code promote}, {@code restart}</td>
     *     <td>a rollout controller</td><td>the controller's command of that name ({@code promote} is
     *     {@code promoteNow})</td></tr>
     * <tr><td>{@code restore}</td><td>a rollout controller, {@code checkpoint}</td><td>puts back this route's
     *     state, breaker and rollout progress as the checkpoint saved them; the checkpoint's other routes are left as
     *     they are, so that a request on one route changes that route only</td></tr>
     * </table>
     *
     * A parameter the action does not take is refused rather than ignored, so that a request never seems to do
     * more than it did. A {@code reason} given to an action that records none is logged with the actor.
     *
     * @param name the route's name
     * @param action what to do: {@code stage}, {@code percentage}, {@code approve}, {@code pause}, {@code resume},
     *     {@code promote}, {@code rollback}, {@code restart} or {@code restore}; case is ignored
     * @param stage a stage name ({@code CANARY}, {@code dual-write}, ...), for {@code stage} and {@code percentage}
     * @param percentage the share of keys modern serves, in {@code [0, 100]}, for {@code percentage} and
     *     {@code stage}; a JSON number or a string
     * @param checkpoint a checkpoint's id, for {@code restore}
     * @param reason why, recorded with the change; required by {@code stage}, {@code percentage} and
     *     {@code rollback}
     * @param securityContext the request's security context: its principal is the actor
     * @return 200 with the route's {@link RouteDescriptor} after the action; 400, 404, 409 or 503 with a message
     */
    @WriteOperation
    @SuppressWarnings("deprecation") // org.springframework.lang.Nullable: the one optional marker Boot 3.5 reads
    public WebEndpointResponse<Object> change(@Selector String name,
            @org.springframework.lang.Nullable String action, @org.springframework.lang.Nullable String stage,
            @org.springframework.lang.Nullable String percentage, @org.springframework.lang.Nullable String checkpoint,
            @org.springframework.lang.Nullable String reason, SecurityContext securityContext) {
        return respond(() -> {
            Route<?> route = find(name);
            Command command = Command.of(action, stage, percentage, checkpoint, reason);
            String actor = actor(securityContext);
            command.run(this, route, actor);
            LOG.info("route '{}': {} by {}{}", name, command.describe(), oneLine(actor),
                    command.reason() == null ? "" : ": " + oneLine(command.reason()));
            return new WebEndpointResponse<>(describe(route, Rollouts.of(controller)), WebEndpointResponse.STATUS_OK);
        });
    }

    // ---------------------------------------------------------------- commands

    /** One validated request: which action, with the parameters it takes, parsed. */
    private record Command(Action action, @Nullable Stage stage, @Nullable Double percentage,
            @Nullable String checkpoint, @Nullable String reason) {

        static Command of(@Nullable String action, @Nullable String stage, @Nullable String percentage,
                @Nullable String checkpoint, @Nullable String reason) {
            Action a = Action.parse(action);
            Stage st = null;
            if (present(stage)) {
                a.allows("stage");
                st = Stage.parse("stage", stage);
            } else if (a == Action.STAGE) {
                throw new Refusal(400, "stage: missing; action 'stage' needs one of "
                        + Arrays.stream(Stage.values()).map(Enum::name).collect(Collectors.joining(", ")));
            }
            Double pct = null;
            if (present(percentage)) {
                a.allows("percentage");
                pct = parsePercentage(percentage);
            } else if (a == Action.PERCENTAGE) {
                throw new Refusal(400, "percentage: missing; action 'percentage' needs a number in [0, 100]");
            }
            String cp = null;
            if (present(checkpoint)) {
                a.allows("checkpoint");
                cp = checkpoint.trim();
            } else if (a == Action.RESTORE) {
                throw new Refusal(400, "checkpoint: missing; action 'restore' needs a checkpoint's id");
            }
            String why = present(reason) ? reason.trim() : null;
            if (why == null && a.recordsReason) {
                throw new Refusal(400, "reason: missing; action '" + a.id + "' records why the route changed");
            }
            return new Command(a, st, pct, cp, why);
        }

        private static double parsePercentage(String text) {
            double value;
            try {
                value = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new Refusal(400, "percentage: '" + text + "' is not a number");
            }
            RouteState.basisPoints("percentage", value); // the library's own bounds and message
            return value;
        }

        void run(StranglerEndpoint endpoint, Route<?> route, String actor) {
            String name = route.name();
            switch (action) {
                case STAGE, PERCENTAGE -> route.update(actor, reason, b -> {
                    if (stage != null) {
                        b.stage(stage);
                    }
                    if (percentage != null) {
                        b.percentage(percentage);
                    }
                    return b;
                });
                case ROLLBACK -> endpoint.rollback(route, actor, reason);
                case APPROVE -> endpoint.controller(action).approve(name, actor);
                case PAUSE -> endpoint.controller(action).pause(name, actor);
                case RESUME -> endpoint.controller(action).resume(name, actor);
                case PROMOTE -> endpoint.controller(action).promoteNow(name, actor);
                case RESTART -> endpoint.controller(action).restart(name, actor);
                case RESTORE -> endpoint.restore(route, checkpoint, actor);
            }
        }

        String describe() {
            StringBuilder text = new StringBuilder(action.id);
            if (stage != null) {
                text.append(" stage=").append(stage);
            }
            if (percentage != null) {
                text.append(" percentage=").append(percentage);
            }
            if (checkpoint != null) {
                text.append(" checkpoint=").append(checkpoint);
            }
            return text.toString();
        }
    }

    /** The actions of {@link #change}, with what each takes. */
    private enum Action {
        STAGE(true, "stage", "percentage"),
        PERCENTAGE(true, "stage", "percentage"),
        APPROVE(false),
        PAUSE(false),
        RESUME(false),
        PROMOTE(false),
        ROLLBACK(true),
        RESTART(false),
        RESTORE(false, "checkpoint");

        final String id = name().toLowerCase(Locale.ROOT);
        /** Whether the route's state records the reason, which is then required. */
        final boolean recordsReason;
        private final List<String> parameters;

        Action(boolean recordsReason, String... parameters) {
            this.recordsReason = recordsReason;
            this.parameters = List.of(parameters);
        }

        static Action parse(@Nullable String text) {
            String known = Arrays.stream(values()).map(a -> a.id).collect(Collectors.joining(", "));
            if (!present(text)) {
                throw new Refusal(400, "action: missing; expected one of " + known);
            }
            for (Action a : values()) {
                if (a.id.equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return a;
                }
            }
            throw new Refusal(400, "action: unknown action '" + text + "', expected one of " + known);
        }

        void allows(String parameter) {
            if (!parameters.contains(parameter)) {
                throw new Refusal(400, parameter + ": action '" + id + "' takes no " + parameter);
            }
        }
    }

    private RolloutController controller(Action action) {
        RolloutController c = controller;
        if (c == null) {
            throw new Refusal(400, "action: '" + action.id + "' is a rollout command, and no rollout controller is "
                    + "configured");
        }
        return c;
    }

    private void rollback(Route<?> route, String actor, @Nullable String reason) {
        String why = reason == null ? "rolled back by " + actor : reason;
        RolloutController c = controller;
        if (c == null) {
            route.rollback(actor, why);
        } else {
            // through the rollout while it runs here (recorded, dependents along), else on the route alone
            c.rollback(route.name(), actor, why);
        }
    }

    private void restore(Route<?> route, @Nullable String id, String actor) {
        RolloutController c = controller(Action.RESTORE);
        String checkpointId = id == null ? "" : id;
        Checkpoint saved = c.checkpoint(checkpointId).orElseThrow(() -> new Refusal(400, "checkpoint: no checkpoint '"
                + checkpointId + "' in the rollout journal"));
        c.restore(saved.only(route.name()), actor);
    }

    // ---------------------------------------------------------------- answers

    private Route<?> find(String name) {
        Optional<Route<?>> route = router.findRoute(name);
        if (route.isEmpty()) {
            throw new Refusal(404, "route: no route '" + name + "'; the routes are "
                    + router.routes().stream().map(Route::name).collect(Collectors.toList()));
        }
        return route.get();
    }

    private static WebEndpointResponse<Object> respond(Supplier<WebEndpointResponse<Object>> operation) {
        try {
            return operation.get();
        } catch (Refusal e) {
            return error(e.status, e.getMessage());
        } catch (RouteNotFoundException e) {
            return error(404, e.getMessage());
        } catch (StateConflictException | RollbackRefusedException e) {
            return error(409, e.getMessage());
        } catch (StranglerException e) {
            return error(503, e.getMessage());
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        } catch (IllegalStateException e) {
            return error(409, e.getMessage());
        }
    }

    private static WebEndpointResponse<Object> error(int status, @Nullable String message) {
        String error = switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
        return new WebEndpointResponse<>(new ErrorDescriptor(status, error, message == null ? error : message), status);
    }

    static String actor(SecurityContext securityContext) {
        Principal principal = securityContext.getPrincipal();
        String name = principal == null ? null : principal.getName();
        return present(name) ? name : DEFAULT_ACTOR;
    }

    /** What a request says, made unable to forge a log line of its own. */
    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }

    private static boolean present(@Nullable String text) {
        return text != null && !text.isBlank();
    }

    /** A request refused before anything changed; its message names the field and the value. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Refusal(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    // ---------------------------------------------------------------- descriptors

    private RouteDescriptor describe(Route<?> route, Rollouts rollouts) {
        RouteState state = route.state();
        RouteStats stats = route.stats();
        Revision revision = state.revision();
        RolloutStatus status = rollouts.status(route.name());
        List<RollbackEvent> open = rollouts.openRollbacks(route.name());
        return new RouteDescriptor(state.stage().name(), state.percentage(), state.enabled(), state.version(),
                revision.changedBy() == null ? null
                        : new ChangeDescriptor(revision.changedBy(), revision.reason(), iso(revision.changedAt())),
                route.circuitBreakerState().name(), CountsDescriptor.of(stats.legacy()),
                CountsDescriptor.of(stats.modern()), status == null ? null : RolloutDescriptor.of(status),
                open.isEmpty() ? null : RollbackDescriptor.of(open.get(open.size() - 1)));
    }

    private RouteDetailsDescriptor details(Route<?> route, Rollouts rollouts) {
        String name = route.name();
        RouteDescriptor summary = describe(route, rollouts);
        RolloutStatus status = rollouts.status(name);
        List<JudgementDescriptor> judgements = status == null ? List.of()
                : status.judgements().stream().map(JudgementDescriptor::of).toList();
        List<MismatchDescriptor> mismatches = latest(route.mismatches(), MISMATCHES_SHOWN).stream()
                .map(MismatchDescriptor::of).toList();
        List<RollbackDescriptor> rollbacks = latest(rollouts.rollbacks(name), ROLLBACKS_SHOWN).stream()
                .map(RollbackDescriptor::of).toList();
        RolloutController c = controller;
        List<CheckpointDescriptor> checkpoints = c == null ? List.of()
                : latest(c.checkpoints(), CHECKPOINTS_SHOWN).stream().map(cp -> CheckpointDescriptor.of(cp, name))
                        .toList();
        String explanation = c == null || status == null ? null : c.explain(name);
        return new RouteDetailsDescriptor(name, summary.stage(), summary.percentage(), summary.enabled(),
                summary.version(), summary.lastChange(), summary.breaker(), summary.legacy(), summary.modern(),
                summary.rollout(), summary.openRollback(), judgements, mismatches, reconciliation(name), rollbacks,
                checkpoints, explanation);
    }

    private ReconciliationDescriptor reconciliation(String route) {
        List<ReconciliationEntry> entries = router.reconciliationLog().list(route, RECONCILIATION_COUNT_LIMIT + 1);
        boolean more = entries.size() > RECONCILIATION_COUNT_LIMIT;
        List<ReconciliationEntry> counted = more ? entries.subList(0, RECONCILIATION_COUNT_LIMIT) : entries;
        return new ReconciliationDescriptor(counted.size(), more, router.reconciliationLog().overflowCount(route),
                counted.isEmpty() ? null : iso(counted.get(0).time()),
                counted.stream().limit(RECONCILIATION_ENTRIES_SHOWN).map(ReconciliationEntryDescriptor::of).toList());
    }

    private static <T> List<T> latest(List<T> oldestFirst, int limit) {
        return oldestFirst.size() <= limit ? oldestFirst
                : new ArrayList<>(oldestFirst.subList(oldestFirst.size() - limit, oldestFirst.size()));
    }

    static @Nullable String iso(@Nullable Instant instant) {
        // Text, not Instant: Boot 3's Jackson 2 and Boot 4's Jackson 3 would otherwise disagree on the format.
        return instant == null ? null : instant.toString();
    }

    static @Nullable Double number(double value) {
        // NaN is no JSON number: a figure that could not be computed is null, and the explanation says why.
        return Double.isFinite(value) ? value : null;
    }

    /**
     * Every route, by name, in registration order.
     *
     * @param routes each route's description
     */
    public record RoutesDescriptor(Map<String, RouteDescriptor> routes) {
    }

    /**
     * One route at a glance.
     *
     * @param stage the stage
     * @param percentage the share of keys modern serves in {@code CANARY}, in percent
     * @param enabled the kill switch: false sends every call to legacy
     * @param version the state's version
     * @param lastChange who changed the state last, when and why; null for a state no one has changed
     * @param breaker the state of modern's circuit breaker
     * @param legacy legacy's calls since the route was registered here
     * @param modern modern's calls since the route was registered here
     * @param rollout where the route's rollout is; null when no rollout controller runs or guards the route
     * @param openRollback the latest rollback over the route not finished yet, or null
     */
    public record RouteDescriptor(String stage, double percentage, boolean enabled, long version,
            @Nullable ChangeDescriptor lastChange, String breaker, CountsDescriptor legacy,
            CountsDescriptor modern, @Nullable RolloutDescriptor rollout,
            @Nullable RollbackDescriptor openRollback) {
    }

    /**
     * One route in detail: {@link RouteDescriptor}'s fields, then what explains them.
     *
     * @param name the route's name
     * @param stage the stage
     * @param percentage the share of keys modern serves in {@code CANARY}, in percent
     * @param enabled the kill switch
     * @param version the state's version
     * @param lastChange who changed the state last, when and why; null for a state no one has changed
     * @param breaker the state of modern's circuit breaker
     * @param legacy legacy's calls
     * @param modern modern's calls
     * @param rollout where the route's rollout is, or null
     * @param openRollback the latest rollback over the route not finished yet, or null
     * @param judgements each trigger's judgement at the controller's latest tick; empty without a rollout
     * @param mismatches the most recent shadow mismatches, oldest first (at most 20)
     * @param reconciliation the second writes waiting in the reconciliation log
     * @param rollbacks the most recent rollbacks over the route, oldest first (at most 20)
     * @param checkpoints the most recent checkpoints, oldest first (at most 20), with this route's state in each
     * @param explanation the controller's explanation of where the rollout is and why, one fact per line; null
     *     without a rollout
     */
    public record RouteDetailsDescriptor(String name, String stage, double percentage, boolean enabled, long version,
            @Nullable ChangeDescriptor lastChange, String breaker, CountsDescriptor legacy,
            CountsDescriptor modern, @Nullable RolloutDescriptor rollout,
            @Nullable RollbackDescriptor openRollback, List<JudgementDescriptor> judgements,
            List<MismatchDescriptor> mismatches, ReconciliationDescriptor reconciliation,
            List<RollbackDescriptor> rollbacks, List<CheckpointDescriptor> checkpoints,
            @Nullable String explanation) {
    }

    /**
     * A change of a route's state.
     *
     * @param actor who made it
     * @param reason why
     * @param time when, ISO-8601
     */
    public record ChangeDescriptor(String actor, @Nullable String reason,
            @Nullable String time) {
    }

    /**
     * One side's calls since the route was registered on this instance.
     *
     * @param calls every call routed to the side
     * @param successes calls that returned normally
     * @param errors calls whose exception reached the caller
     * @param fallbacks calls routed to modern that legacy answered (0 for legacy)
     * @param shortCircuited the fallbacks modern's open breaker made (0 for legacy)
     */
    public record CountsDescriptor(long calls, long successes, long errors, long fallbacks, long shortCircuited) {

        static CountsDescriptor of(RouteStats.SideStats side) {
            return new CountsDescriptor(side.calls(), side.successes(), side.errors(), side.fallbacks(),
                    side.shortCircuited());
        }
    }

    /**
     * Where a route's rollout is, as of the controller's latest tick.
     *
     * @param phase the phase ({@code RUNNING}, {@code AWAITING_APPROVAL}, {@code ROLLED_BACK}, ...)
     * @param step the plan's step, from 0; -1 before the first step and for a route the controller only guards
     * @param percentage the share of keys modern serves, in percent
     * @param bakeStartedAt when the route moved into its step, ISO-8601; null before the first step
     * @param approved whether the next step that needs approval has it
     * @param reason the controller's latest decision in one sentence
     */
    public record RolloutDescriptor(String phase, int step, double percentage,
            @Nullable String bakeStartedAt, boolean approved, String reason) {

        static RolloutDescriptor of(RolloutStatus status) {
            return new RolloutDescriptor(status.phase().name(), status.step(), status.percentage(),
                    iso(status.stepStartedAt()), status.approved(), status.reason());
        }
    }

    /**
     * One rollback, at the latest point of its lifecycle.
     *
     * @param id identifies the rollback
     * @param status {@code INITIATED}, {@code COMPLETED} or {@code FAILED}
     * @param action {@code IMMEDIATE}, {@code GRACEFUL} or {@code MANUAL}
     * @param trigger the trigger that fired, or null when a person rolled back
     * @param actor who rolled back
     * @param reason why
     * @param routes every route the rollback covers, dependents first
     * @param initiatedAt when it started, ISO-8601
     * @param finishedAt when it completed or failed, ISO-8601; null while initiated
     * @param outcome what the check of legacy found, or what went wrong; null while initiated
     */
    public record RollbackDescriptor(String id, String status, String action,
            @Nullable String trigger, String actor, String reason, List<String> routes,
            @Nullable String initiatedAt,
            @Nullable String finishedAt,
            @Nullable String outcome) {

        static RollbackDescriptor of(RollbackEvent event) {
            return new RollbackDescriptor(event.id(), event.status().name(), event.action().name(),
                    event.trigger() == null ? null : event.trigger().name(), event.actor(), event.reason(),
                    event.routes(), iso(event.initiatedAt()), iso(event.finishedAt()), event.outcome());
        }
    }

    /**
     * One trigger's judgement, with the numbers to check it by hand; see {@link Judgement} for what they mean per
     * trigger. A number that could not be computed is null.
     *
     * @param trigger the trigger's kind
     * @param name the trigger's name: the kind's for a built-in trigger, the custom trigger's own
     * @param verdict {@code PASS}, {@code FAIL} or {@code INCONCLUSIVE}
     * @param n how many observations the judgement rests on
     * @param statistic the measured value
     * @param bound its confidence bound on the side that fires
     * @param threshold the value the bound is compared with
     * @param explanation one sentence with the numbers
     */
    public record JudgementDescriptor(String trigger, String name, String verdict, long n,
            @Nullable Double statistic, @Nullable Double bound,
            @Nullable Double threshold, String explanation) {

        static JudgementDescriptor of(Judgement j) {
            return new JudgementDescriptor(j.trigger().name(), j.name(), j.verdict().name(), j.n(),
                    number(j.statistic()), number(j.bound()), number(j.threshold()), j.explanation());
        }
    }

    /**
     * One shadow comparison whose answers differed.
     *
     * @param time when it was made, ISO-8601
     * @param key the routing key, or null
     * @param operation the read's name
     * @param served the side whose answer the caller got
     * @param differences where the answers differ, outside the paths learned as noise
     * @param noise how many differences were at paths learned as noise
     */
    public record MismatchDescriptor(@Nullable String time,
            @Nullable String key, String operation, String served,
            List<DifferenceDescriptor> differences, int noise) {

        static MismatchDescriptor of(Mismatch m) {
            return new MismatchDescriptor(iso(m.time()), m.key(), m.operation(), m.served().name(),
                    m.differences().stream().map(DifferenceDescriptor::of).toList(), m.noise().size());
        }
    }

    /**
     * One difference between legacy's and modern's answers.
     *
     * @param path where: {@code $} is the answer itself, {@code $.address.city} a nested property
     * @param kind what kind of difference
     * @param legacy a short summary of legacy's value there, or null when it has none
     * @param modern a short summary of modern's value there, or null when it has none
     */
    public record DifferenceDescriptor(String path, String kind, @Nullable String legacy,
            @Nullable String modern) {

        static DifferenceDescriptor of(Difference d) {
            return new DifferenceDescriptor(d.path(), d.kind().name(), d.legacy(), d.modern());
        }
    }

    /**
     * The second writes of one route waiting in the reconciliation log to be replayed.
     *
     * @param pending how many entries wait, counted up to 1000
     * @param morePending whether more than {@code pending} wait
     * @param lost entries the log dropped because it was full: writes modern missed that can't be replayed
     * @param oldestAt when the oldest waiting write failed, ISO-8601; null when none waits
     * @param oldest the oldest entries (at most 10), without their arguments
     */
    public record ReconciliationDescriptor(long pending, boolean morePending, long lost,
            @Nullable String oldestAt, List<ReconciliationEntryDescriptor> oldest) {
    }

    /**
     * One waiting second write. Its arguments are left out: they are the application's data.
     *
     * @param id the entry's id in the log
     * @param time when the write failed, ISO-8601
     * @param key the call's routing key, or null
     * @param operation the write's name
     * @param failedSide the side that missed the write
     * @param errorType the failure's class name
     * @param errorMessage the failure's message, or null
     * @param attempts failed replays so far
     */
    public record ReconciliationEntryDescriptor(long id, @Nullable String time,
            @Nullable String key, String operation, String failedSide, String errorType,
            @Nullable String errorMessage, int attempts) {

        static ReconciliationEntryDescriptor of(ReconciliationEntry e) {
            return new ReconciliationEntryDescriptor(e.id(), iso(e.time()), e.key(), e.operation(),
                    e.failedSide().name(), e.errorType(), e.errorMessage(), e.attempts());
        }
    }

    /**
     * One checkpoint, with the route's state in it: what {@code restore} would put back.
     *
     * @param id the id to give {@code restore}
     * @param takenAt when it was taken, ISO-8601
     * @param actor who made the transition that followed it
     * @param transition the transition that followed it
     * @param stage the route's stage in it; null when the checkpoint does not hold the route
     * @param percentage the route's percentage in it; null when the checkpoint does not hold the route
     */
    public record CheckpointDescriptor(String id, @Nullable String takenAt, String actor,
            String transition, @Nullable String stage,
            @Nullable Double percentage) {

        static CheckpointDescriptor of(Checkpoint checkpoint, String route) {
            RouteState state = checkpoint.states().stream().filter(s -> s.route().equals(route)).findFirst()
                    .orElse(null);
            return new CheckpointDescriptor(checkpoint.id(), iso(checkpoint.takenAt()), checkpoint.actor(),
                    checkpoint.transition(), state == null ? null : state.stage().name(),
                    state == null ? null : state.percentage());
        }
    }

    /**
     * Why a request failed, in the fields of Spring Boot's error page.
     *
     * @param status the HTTP status
     * @param error its reason phrase
     * @param message what was wrong, naming the field and the value
     */
    public record ErrorDescriptor(int status, String error, String message) {
    }
}
