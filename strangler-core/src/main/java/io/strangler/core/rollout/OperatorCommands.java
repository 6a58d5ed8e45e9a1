package io.strangler.core.rollout;

import io.strangler.api.health.Judgement;
import io.strangler.api.resilience.CircuitBreakerState;
import io.strangler.core.rollout.RolloutStatus.Phase;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands a person gives a rollout: approve, pause, resume, abort, restart, promote now. Each checks its
 * arguments and the rollout's phase (with the messages {@link RolloutController} documents), takes a checkpoint and
 * makes its transition; saving the progress is the caller's. Guarded by the controller's lock.
 */
final class OperatorCommands {

    /** The controller's logger, so that one logger name covers every rollout decision. */
    private static final Logger LOG = LoggerFactory.getLogger(RolloutController.class);

    private final Rollouts rollouts;
    private final RouteTick ticks;
    private final RollbackExecution rollbacks;
    private final Checkpoints.Taker checkpoint;
    private final Clock clock;
    private final Notifications notifications;

    OperatorCommands(Rollouts rollouts, RouteTick ticks, RollbackExecution rollbacks, Checkpoints.Taker checkpoint,
            Clock clock,
            Notifications notifications) {
        this.notifications = notifications;
        this.rollouts = rollouts;
        this.ticks = ticks;
        this.rollbacks = rollbacks;
        this.checkpoint = checkpoint;
        this.clock = clock;
    }

    void approve(String route, String person) {
        RolloutStateMachine r = rollouts.planned("approve", route);
        requireText("approve", "person", person);
        requireRunning("approve", r);
        checkpoint.take(person, "approval of the next step of '" + route + "'");
        r.approve(person);
        LOG.info("route '{}': next step approved by {}", route, person);
    }

    void pause(String route, String person) {
        RolloutStateMachine r = rollouts.planned("pause", route);
        requireText("pause", "person", person);
        requireRunning("pause", r);
        if (r.phase() == Phase.FROZEN || r.phase() == Phase.RAMPING_DOWN) {
            throw new IllegalStateException("pause: route '" + route + "' is " + r.phase() + ", not running");
        }
        checkpoint.take(person, "pause of '" + route + "'");
        r.transition(Phase.PAUSED, "paused by " + person);
        LOG.info("route '{}': rollout paused by {}", route, person);
        notifications.send(new RolloutNotification(RolloutNotification.Kind.PAUSED, route, List.of(route), null,
                person, "paused by " + person + " on step " + r.step(), clock.instant()));
    }

    void resume(String route, String person) {
        RolloutStateMachine r = rollouts.known("resume", route);
        requireText("resume", "person", person);
        if (r.phase() != Phase.PAUSED && r.phase() != Phase.FROZEN) {
            throw new IllegalStateException("resume: route '" + route + "' is " + r.phase()
                    + ", not PAUSED or FROZEN");
        }
        checkpoint.take(person, "resume of '" + route + "'");
        if (r.phase() == Phase.FROZEN) {
            rollbacks.resumeFrozen(r, person);
        }
        r.resume(r.route().state(), clock.instant(), person);
        LOG.info("route '{}': rollout resumed by {}", route, person);
    }

    void abort(String route, String person, String reason) {
        RolloutStateMachine r = rollouts.known("abort", route);
        requireText("abort", "person", person);
        requireText("abort", "reason", reason);
        if (!r.active()) {
            throw new IllegalStateException("abort: route '" + route + "' is " + r.phase() + " already");
        }
        rollbacks.abort(r, person, reason, clock.instant());
    }

    void restart(String route, String person) {
        RolloutStateMachine r = rollouts.planned("restart", route);
        requireText("restart", "person", person);
        if (r.active()) {
            throw new IllegalStateException("restart: route '" + route + "' is " + r.phase()
                    + ", not ROLLED_BACK or ABORTED");
        }
        checkpoint.take(person, "restart of the rollout of '" + route + "'");
        if (r.route().circuitBreakerState().isOpen()) {
            // a route rolled back sends modern nothing, so its breaker would never try modern again: the person
            // restarting the rollout says modern is fixed
            r.route().transitionCircuitBreaker(CircuitBreakerState.CLOSED);
            LOG.info("route '{}': modern's circuit breaker closed by the restart", route);
        }
        r.restart(r.route().state(), clock.instant(), person);
        LOG.info("route '{}': rollout restarted by {}", route, person);
    }

    RolloutStatus promoteNow(String route, String person) {
        RolloutStateMachine r = rollouts.planned("promoteNow", route);
        requireText("promoteNow", "person", person);
        requireRunning("promoteNow", r);
        if (r.phase() == Phase.FROZEN || r.phase() == Phase.RAMPING_DOWN) {
            throw new IllegalStateException("promoteNow: route '" + route + "' is " + r.phase());
        }
        if (r.step() + 1 >= r.plan().size()) {
            throw new IllegalStateException("promoteNow: route '" + route + "' is on the last step of its plan");
        }
        if (r.route().circuitBreakerState().isOpen()) {
            throw new IllegalStateException("promoteNow: route '" + route + "' has modern's circuit breaker open ("
                    + r.route().circuitBreakerState() + ")");
        }
        List<Judgement> failing = r.failing();
        if (!failing.isEmpty()) {
            throw new IllegalStateException("promoteNow: route '" + route + "' has a failing trigger: "
                    + failing.get(0).explanation());
        }
        List<String> waitingFor = ticks.dependenciesBelowFull(route);
        if (!waitingFor.isEmpty()) {
            throw new IllegalStateException("promoteNow: route '" + route + "' depends on routes below 100%: "
                    + waitingFor);
        }
        int next = r.step() + 1;
        boolean paused = r.phase() == Phase.PAUSED;
        ticks.moveTo(r, r.route().state(), next, person, "promoted by " + person + " to "
                + r.plan().step(next).percentage() + "% without waiting for the bake", clock.instant());
        if (paused) {
            // a pause holds until a person resumes: the promotion is one step, not a resume
            r.transition(Phase.PAUSED, "promoted by " + person + " to " + r.plan().step(next).percentage()
                    + "% while paused; still paused: resume to let the plan go on");
            LOG.info("route '{}': {}", route, r.reason());
        }
        return r.status();
    }

    private static void requireRunning(String operation, RolloutStateMachine r) {
        if (!r.active() || r.phase() == Phase.COMPLETE) {
            throw new IllegalStateException(operation + ": route '" + r.name() + "' is " + r.phase());
        }
    }

    /**
     * Requires text.
     *
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if it is blank; the message names the operation, the field and the value
     */
    static void requireText(String operation, String field, String value) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(operation + ": " + field + " must not be blank, was '" + value + "'");
        }
    }
}
