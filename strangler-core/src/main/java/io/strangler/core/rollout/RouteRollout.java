package io.strangler.core.rollout;

import io.strangler.core.health.HealthMonitor;

import io.strangler.api.Route;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.health.Judgement;
import io.strangler.api.health.TriggerSettings;
import io.strangler.api.rollout.RolloutPlan;
import java.time.Instant;
import java.util.List;

/** The controller's progress on one route. Mutable; guarded by the controller's lock. */
final class RouteRollout {

    final Route<?> route;
    final RolloutPlan plan;
    final RolloutSchedule schedule;
    final TriggerSettings triggers;
    final HealthMonitor monitor;

    RolloutStatus.Phase phase;
    int step = -1;
    Instant stepStartedAt;
    long modernAtStepStart;
    boolean approved;
    /** The route's version after the controller's last write or adoption: a different one was changed elsewhere. */
    long knownVersion = -1;
    String reason = "not ticked yet";
    List<Judgement> judgements = List.of();
    /** After a person resumes, the evidence that froze the route is not judged again: windows start here. */
    Instant judgeSince;
    /** The rollback that froze or is ramping this route down, while it is open. */
    RollbackEvent openRollback;
    /** Graceful ramp: the share modern served when the ramp started, and when it started. */
    int rampFromBasisPoints;
    Instant rampStartedAt;

    RouteRollout(Route<?> route, RolloutPlan plan, TriggerSettings triggers, HealthMonitor monitor) {
        this.route = route;
        this.plan = plan;
        this.schedule = plan == null ? null : new RolloutSchedule(plan);
        this.triggers = triggers;
        this.monitor = monitor;
        this.phase = plan == null ? RolloutStatus.Phase.GUARDED : RolloutStatus.Phase.NOT_STARTED;
    }

    String name() {
        return route.name();
    }

    /** Whether the controller still moves or guards the route. */
    boolean active() {
        return phase != RolloutStatus.Phase.ROLLED_BACK && phase != RolloutStatus.Phase.ABORTED;
    }

    RolloutStatus status() {
        long inStep = stepStartedAt == null ? 0 : Math.max(0, monitor.modernServed() - modernAtStepStart);
        return new RolloutStatus(name(), phase, step, route.state().effectivePercentageBasisPoints(), stepStartedAt,
                inStep, approved, reason, judgements);
    }

    /** @return what the journal keeps of this rollout, with {@code ramp} the route's graceful ramp or null */
    RolloutProgress progress(Rollbacks.Ramp ramp, Instant now) {
        return new RolloutProgress(name(), phase, step, stepStartedAt, approved, knownVersion, judgeSince,
                openRollback == null ? null : openRollback.id(), ramp == null ? 0 : ramp.fromBasisPoints(),
                ramp == null ? null : ramp.startedAt(), ramp == null ? null : ramp.duration(), reason, now);
    }
}
