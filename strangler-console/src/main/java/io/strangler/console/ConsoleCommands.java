package io.strangler.console;

import io.strangler.api.MigrationRouter;
import io.strangler.api.RollbackRefusedException;
import io.strangler.api.Route;
import io.strangler.api.RouteNotFoundException;
import io.strangler.api.RouteState;
import io.strangler.api.StateConflictException;
import io.strangler.api.StranglerException;
import io.strangler.core.rollout.Checkpoint;
import io.strangler.core.rollout.RolloutController;
import io.strangler.core.rollout.RolloutStatus;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The console's controls: approve, pause, resume, promote, roll back and restore a checkpoint, on one route, each with
 * the actor who asks and the reason they give. Every command, made or refused, goes to the {@link ConsoleAudit}.
 * Who may send commands is decided before this class (a token, Spring Security); this class checks what is asked.
 * Thread-safe.
 */
public final class ConsoleCommands {

    private final MigrationRouter router;
    private final @Nullable RolloutController controller;
    private final ConsoleAudit audit;

    private ConsoleCommands(MigrationRouter router, @Nullable RolloutController controller, ConsoleAudit audit) {
        this.router = Objects.requireNonNull(router, "router");
        this.controller = controller;
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /**
     * The commands of a console of {@code model}'s router and controller, audited in its audit.
     *
     * @param model the console's model
     * @return the commands
     * @throws NullPointerException if {@code model} is null
     */
    public static ConsoleCommands of(ConsoleModel model) {
        return new ConsoleCommands(model.router(), model.controller().orElse(null), model.audit());
    }

    /** The console's actions. */
    public enum Action {
        /** Gives the approval the next step of the route's plan needs. */
        APPROVE,
        /** Stops the route's rollout where it is; triggers still roll it back. */
        PAUSE,
        /** Carries a paused or frozen rollout on. */
        RESUME,
        /** Takes the next step now, without waiting for the bake time. */
        PROMOTE,
        /** Sends every call of the route, and of its dependents, back to legacy. */
        ROLLBACK,
        /** Puts the route back as a checkpoint saved it. */
        RESTORE;

        /**
         * The action's name in a URL and in the JSON model.
         *
         * @return the name in lower case, e.g. {@code rollback}
         */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The action a request names.
         *
         * @param text the name, case ignored
         * @return the action
         * @throws IllegalArgumentException naming the value and the known actions if there is no such action
         */
        public static Action parse(@Nullable String text) {
            for (Action a : values()) {
                if (text != null && a.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return a;
                }
            }
            throw new IllegalArgumentException("action: unknown action '" + text + "', expected one of "
                    + Arrays.stream(values()).map(Action::id).collect(Collectors.joining(", ")));
        }
    }

    /**
     * Runs one command and records it in the audit.
     *
     * @param routeName the route
     * @param actionName the action's name ({@code approve}, {@code pause}, {@code resume}, {@code promote},
     *     {@code rollback}, {@code restore})
     * @param actor who asks: recorded with the change
     * @param reason why: required for every action
     * @param checkpoint a checkpoint's id, for {@code restore} only
     * @return 200 with the route's new state; 400, 404, 409 or 503 with a message that names the field and the value
     */
    public Result run(String routeName, String actionName, String actor, @Nullable String reason,
            @Nullable String checkpoint) {
        String who = present(actor) ? actor.trim() : "console";
        String why = present(reason) ? reason.trim() : null;
        Result result;
        try {
            Action action = Action.parse(actionName);
            Route<?> route = find(routeName);
            if (why == null) {
                throw new Refusal(400, "reason: missing; the console records why '" + action.id() + "' was asked");
            }
            if (action != Action.RESTORE && present(checkpoint)) {
                throw new Refusal(400, "checkpoint: action '" + action.id() + "' takes no checkpoint");
            }
            String outcome = execute(action, route, who, why, checkpoint);
            RouteState state = route.state();
            result = new Result(200, outcome, ConsoleModel.map("route", route.name(), "action", action.id(),
                    "stage", state.stage().name(), "percentage", state.percentage(), "version", state.version(),
                    "outcome", outcome));
        } catch (Refusal e) {
            result = Result.error(e.status, e.getMessage());
        } catch (RouteNotFoundException e) {
            result = Result.error(404, e.getMessage());
        } catch (StateConflictException | RollbackRefusedException e) {
            result = Result.error(409, e.getMessage());
        } catch (StranglerException e) {
            result = Result.error(503, e.getMessage());
        } catch (IllegalArgumentException e) {
            result = Result.error(400, e.getMessage());
        } catch (IllegalStateException e) {
            result = Result.error(409, e.getMessage());
        }
        audit.record(who, actionName == null ? "" : actionName, routeName == null ? "" : routeName, why,
                result.status(), result.message());
        return result;
    }

    /**
     * Records a command refused before it reached this class (no token, a forged origin), so that the audit shows
     * every attempt.
     *
     * @param routeName the route named in the request
     * @param actionName the action named in the request
     * @param actor who the request claimed to be
     * @param status the HTTP status of the refusal
     * @param message why it was refused
     * @return the refusal
     */
    public Result refuse(String routeName, String actionName, String actor, int status, String message) {
        Result result = Result.error(status, message);
        audit.record(present(actor) ? actor : "anonymous", actionName, routeName, null, status, message);
        return result;
    }

    private String execute(Action action, Route<?> route, String actor, String reason, @Nullable String checkpoint) {
        String name = route.name();
        switch (action) {
            case APPROVE -> {
                controller(action).approve(name, actor);
                return "approved the next step";
            }
            case PAUSE -> {
                controller(action).pause(name, actor);
                return "paused";
            }
            case RESUME -> {
                controller(action).resume(name, actor);
                return "resumed";
            }
            case PROMOTE -> {
                RolloutStatus s = controller(action).promoteNow(name, actor);
                return "promoted to " + s.percentage() + " %";
            }
            case ROLLBACK -> {
                return rollback(route, actor, reason);
            }
            case RESTORE -> {
                return restore(route, checkpoint, actor);
            }
            default -> throw new IllegalStateException("unhandled action " + action);
        }
    }

    private RolloutController controller(Action action) {
        RolloutController c = controller;
        if (c == null) {
            throw new Refusal(400, "action: '" + action.id() + "' is a rollout command, and no rollout controller "
                    + "runs here");
        }
        return c;
    }

    private String rollback(Route<?> route, String actor, String reason) {
        RolloutController c = controller;
        if (c != null && c.rollback(route.name(), actor, reason)) {
            return "rolled back with its dependents; the rollout is aborted";
        }
        if (c == null) {
            route.rollback(actor, reason);
        }
        return "rolled back";
    }

    private String restore(Route<?> route, @Nullable String id, String actor) {
        RolloutController c = controller(Action.RESTORE);
        if (!present(id)) {
            throw new Refusal(400, "checkpoint: missing; action 'restore' needs a checkpoint's id");
        }
        String checkpointId = id.trim();
        Checkpoint saved = c.checkpoint(checkpointId).orElseThrow(() -> new Refusal(400, "checkpoint: no checkpoint '"
                + checkpointId + "' in the rollout journal"));
        // only this route: the page restores the route it shows, not every route the checkpoint saved
        c.restore(saved.only(route.name()), actor);
        return "restored checkpoint " + checkpointId;
    }

    private Route<?> find(@Nullable String name) {
        if (!present(name)) {
            throw new Refusal(400, "route: missing");
        }
        return router.findRoute(name).orElseThrow(() -> new Refusal(404, "route: no route '" + name
                + "'; the routes are " + router.routes().stream().map(Route::name).toList()));
    }

    private static boolean present(@Nullable String text) {
        return text != null && !text.isBlank();
    }

    /**
     * What a command came to.
     *
     * @param status the HTTP status: 200 when made
     * @param message what was done, or why it was refused
     * @param body the JSON answer
     */
    public record Result(int status, String message, Map<String, Object> body) {

        /**
         * A refusal in the console's JSON shape: {@code status}, {@code error} (the status's reason phrase) and
         * {@code message}.
         *
         * @param status the HTTP status
         * @param message why, naming the field and the value; null for the reason phrase alone
         * @return the refusal
         */
        public static Result error(int status, @Nullable String message) {
            String error = switch (status) {
                case 400 -> "Bad Request";
                case 401 -> "Unauthorized";
                case 403 -> "Forbidden";
                case 404 -> "Not Found";
                case 405 -> "Method Not Allowed";
                case 415 -> "Unsupported Media Type";
                case 409 -> "Conflict";
                case 503 -> "Service Unavailable";
                default -> "Error";
            };
            String text = message == null ? error : message;
            return new Result(status, text, ConsoleModel.map("status", status, "error", error, "message", text));
        }

        /**
         * Whether the command was made.
         *
         * @return true for status 200
         */
        public boolean made() {
            return status == 200;
        }
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
}
