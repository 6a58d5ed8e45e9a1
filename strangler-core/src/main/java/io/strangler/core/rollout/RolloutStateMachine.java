package io.strangler.core.rollout;

import io.strangler.api.Route;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.health.Judgement;
import io.strangler.api.health.TriggerSettings;
import io.strangler.api.rollout.RolloutPlan;
import io.strangler.core.health.HealthJudge;
import io.strangler.core.health.HealthMonitor;
import io.strangler.core.rollout.RolloutStatus.Phase;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One route's rollout: its phase, its position on the plan, and what the controller knows of the route. Every change
 * of phase passes through {@link #transition}, which refuses what {@link PhaseTransitions} does not allow; the
 * other fields change only through the named steps below, each of which keeps them consistent with the phase.
 * Carrying on from the journal and restoring a checkpoint put saved progress back as a whole. Mutable; guarded by
 * the controller's lock.
 */
final class RolloutStateMachine {

    private final Route<?> route;
    private final @Nullable RolloutPlan plan;
    private final @Nullable RolloutSchedule schedule;
    private final TriggerSettings triggers;
    private final HealthMonitor monitor;

    private Phase phase;
    private int step = -1;
    private @Nullable Instant stepStartedAt;
    private long modernAtStepStart;
    private boolean approved;
    /** The triggers in dry run that failed at the latest tick. */
    private final java.util.Set<io.strangler.api.health.TriggerKind> dryRunFailing =
            java.util.EnumSet.noneOf(io.strangler.api.health.TriggerKind.class);
    /** After a rollback that could not be made: when the next may be tried; null otherwise. */
    private @Nullable Instant rollbackRetryAt;
    /** Who gave {@link #approved}: the actor of the step it allows. */
    private @Nullable String approvedBy;
    /** The route's version after the controller's last write or adoption: a different one was changed elsewhere. */
    private long knownVersion = -1;
    private String reason = "not ticked yet";
    private List<Judgement> judgements = List.of();
    /** After a person resumes, the evidence that froze the route is not judged again: windows start here. */
    private @Nullable Instant judgeSince;
    /** The rollback that froze or is ramping this route down, while it is open. */
    private @Nullable RollbackEvent openRollback;

    RolloutStateMachine(Route<?> route, @Nullable RolloutPlan plan, TriggerSettings triggers, HealthMonitor monitor) {
        this.route = route;
        this.plan = plan;
        this.schedule = plan == null ? null : new RolloutSchedule(plan);
        this.triggers = triggers;
        this.monitor = monitor;
        this.phase = plan == null ? Phase.GUARDED : Phase.NOT_STARTED;
    }

    // ---------------------------------------------------------------- the one way a phase changes

    /**
     * Moves to {@code to} with {@code why} as the reason.
     *
     * @throws IllegalStateException if the table does not allow the move; nothing changes then
     */
    void transition(Phase to, String why) {
        PhaseTransitions.check(name(), phase, to);
        phase = to;
        reason = why;
    }

    /** Says why the rollout is where it is, without moving it. */
    void note(String why) {
        reason = why;
    }

    // ---------------------------------------------------------------- the plan

    /** The route moved into {@code next} at {@code now} (its bake starts), by a write that left it at {@code version}. */
    void enterStep(int next, Instant now, long version, String why) {
        transition(Phase.RUNNING, why);
        knownVersion = version;
        if (plan().step(next).approvalRequired()) {
            approved = false;
            approvedBy = null;
        }
        step = next;
        stepStartedAt = now;
        modernAtStepStart = monitor.modernServed();
    }

    /** Places the route on the highest step its state has reached, its bake starting now; a guarded one stays. */
    void adopt(RouteState st, Instant now) {
        if (plan != null) {
            Placement at = place(st, now);
            transition(at.phase, at.reason);
        }
    }

    /**
     * Puts the route on the highest step its state has reached and says which phase that position is in: complete
     * if the route is {@link Stage#MODERN} or {@link Stage#RETIRED} already, else on the step (baking from now) or
     * before the first. The caller makes the transition.
     */
    private Placement place(RouteState st, Instant now) {
        RolloutPlan p = plan();
        if (st.stage() == Stage.MODERN || st.stage() == Stage.RETIRED) {
            step = p.size() - 1;
            return new Placement(Phase.COMPLETE, "the route is " + st.stage() + " already: nothing to roll out");
        }
        int served = st.effectivePercentageBasisPoints();
        int reached = -1;
        for (int i = 0; i < p.size() && p.step(i).basisPoints() <= served; i++) {
            reached = i;
        }
        step = reached;
        stepStartedAt = reached < 0 ? null : now;
        modernAtStepStart = monitor.modernServed();
        return reached < 0
                ? new Placement(Phase.NOT_STARTED, "adopted at " + st.percentage() + "%, before the plan's first step")
                : new Placement(Phase.RUNNING, "adopted at " + st.percentage() + "%, on step " + reached + " ("
                        + p.step(reached).percentage() + "%), baking from " + now);
    }

    /** The share modern should serve where the rollout is: the step's, or 0 before the first. */
    int expectedBasisPoints() {
        return step < 0 ? 0 : plan().step(step).basisPoints();
    }

    // ---------------------------------------------------------------- commands

    /** A person approved the next step that needs approval. */
    void approve(String person) {
        approved = true;
        approvedBy = person;
        note("approved by " + person);
    }

    /**
     * A person resumes a paused or frozen rollout from what the route's state is now: the triggers judge from
     * {@code now}, and a route moved meanwhile is placed where its percentage is.
     */
    void resume(RouteState st, Instant now, String person) {
        knownVersion = st.version();
        judgeSince = now;
        if (plan != null && st.effectivePercentageBasisPoints() != expectedBasisPoints()) {
            place(st, now);
        }
        transition(plan == null ? Phase.GUARDED : step < 0 ? Phase.NOT_STARTED : Phase.RUNNING,
                "resumed by " + person);
    }

    /** A person starts an ended rollout again, from where the route's state is; the triggers judge from {@code now}. */
    void restart(RouteState st, Instant now, String person) {
        step = -1;
        stepStartedAt = null;
        approved = false;
        approvedBy = null;
        openRollback = null;
        judgeSince = now;
        knownVersion = st.version();
        Placement at = place(st, now);
        transition(at.phase, "rollout restarted by " + person + "; " + at.reason);
    }

    // ---------------------------------------------------------------- rollbacks

    /**
     * The route was rolled back (or had nothing to roll back) as part of a rollback ending in {@code end}
     * ({@code ROLLED_BACK}, or {@code ABORTED} by a person), leaving it at {@code version}. A guarded route stays
     * {@code GUARDED} after a rollback, since it has no plan to end, but not after an abort.
     */
    void rolledBack(Phase end, String why, long version) {
        knownVersion = version;
        rollbackRetryAt = null;
        String because = (end == Phase.ABORTED ? "aborted: " : "rolled back: ") + why;
        if (phase != Phase.GUARDED || end == Phase.ABORTED) {
            transition(end, because);
        } else {
            note(because);
        }
        openRollback = null;
    }

    /**
     * A rollback of this route could not be made (the store refused it, the route is {@code RETIRED}): the rollout
     * stays where it is, still guarded, and the next rollback is tried from {@code retryAt}.
     */
    void rollbackFailed(Instant retryAt, String why) {
        rollbackRetryAt = retryAt;
        openRollback = null;
        note("the rollback could not be made (" + why + "); modern still serves; the controller keeps guarding the "
                + "route and tries again from " + retryAt);
    }

    /**
     * A data-integrity rollback was made while the route served modern nothing, and its rollout goes on guarding it
     * (it only guards): the next one waits until {@code until}, so that the same failures in the window don't fire
     * at every tick.
     */
    void quietAfterIntegrityRollback(Instant until) {
        rollbackRetryAt = until;
    }

    /** When a rollback that could not be made may be tried again; null if none failed. */
    @Nullable Instant rollbackRetryAt() {
        return rollbackRetryAt;
    }

    /** A graceful rollback ramps the route down. */
    void rampDown(RollbackEvent event, String why) {
        transition(Phase.RAMPING_DOWN, why);
        openRollback = event;
    }

    /** A manual rollback freezes the route for a person to decide; a rollout already over stays over. */
    void freeze(RollbackEvent event, String why) {
        if (active()) {
            transition(Phase.FROZEN, why);
            openRollback = event;
        }
    }

    /** The rollback {@code event} closed: it no longer freezes or ramps this route. */
    void release(RollbackEvent event) {
        if (openRollback == event) {
            openRollback = null;
        }
    }

    /** The controller (or a ramp) wrote the route, leaving it at {@code version}: that is no outside change. */
    void wrote(long version) {
        knownVersion = version;
    }

    // ---------------------------------------------------------------- health

    /** Judges the route's triggers over its window, from the resume if a person resumed it. */
    void judge(HealthJudge judge) {
        judgements = judge.judge(judgeSince == null ? monitor.window() : monitor.windowSince(judgeSince), triggers);
    }

    /**
     * The triggers that failed at the latest judgement, in the order of the trigger kinds.
     *
     * @return the triggers that failed at the latest judgement, in the order of the trigger kinds
     */
    List<Judgement> failing() {
        return judgements.stream().filter(Judgement::failed).filter(j -> !triggers.trigger(j).dryRun())
                .collect(Collectors.toList());
    }

    /**
     * The triggers in dry run that fail now and did not at the last call: each is reported once when it starts
     * failing.
     */
    List<Judgement> newlyFailingInDryRun() {
        List<Judgement> failingNow = judgements.stream().filter(Judgement::failed)
                .filter(j -> triggers.trigger(j).dryRun()).collect(Collectors.toList());
        List<Judgement> fresh = failingNow.stream().filter(j -> !dryRunFailing.contains(j.trigger()))
                .collect(Collectors.toList());
        dryRunFailing.clear();
        failingNow.forEach(j -> dryRunFailing.add(j.trigger()));
        return fresh;
    }

    // ---------------------------------------------------------------- putting saved progress back

    /**
     * Takes back what a journal kept, as a controller built again carries on: phase, step, bake start, approval,
     * known version and open rollback as saved; only the step's samples count again from now. A rollout saved
     * ramping down whose ramp can't go on comes back {@code PAUSED} with {@code pausedBecause}.
     */
    void carryOn(RolloutProgress p, @Nullable RollbackEvent open, @Nullable String pausedBecause) {
        knownVersion = p.knownVersion();
        putBack(pausedBecause == null ? p.phase() : Phase.PAUSED, p, p.stepStartedAt(), p.judgeSince(), open,
                pausedBecause != null ? pausedBecause
                        : "carried on from the journal (saved " + p.savedAt() + "): " + p.reason());
    }

    /**
     * Takes back the progress of a checkpoint: phase, step and approval as saved, the step baking again from
     * {@code now} and the triggers judging from {@code now}. A rollout saved frozen or ramping down comes back
     * {@code PAUSED}, as its rollback did not finish. The route's version is the caller's, who wrote its state.
     */
    void restore(RolloutProgress p, Instant now, String why) {
        boolean wasOpen = p.phase() == Phase.FROZEN || p.phase() == Phase.RAMPING_DOWN;
        putBack(wasOpen ? Phase.PAUSED : p.phase(), p, p.step() < 0 ? null : now, now, null,
                why + (wasOpen ? "; it was " + p.phase() + " then: paused, resume or abort it"
                        : p.step() < 0 ? "" : "; step " + p.step() + " bakes again from now"));
    }

    /** Saved progress put back as a whole: not a transition, so not checked against the table. */
    private void putBack(Phase saved, RolloutProgress p, @Nullable Instant bakeFrom, @Nullable Instant judgeFrom,
            @Nullable RollbackEvent open, String why) {
        phase = saved;
        step = p.step();
        approved = p.approved();
        approvedBy = p.approvedBy();
        stepStartedAt = bakeFrom;
        modernAtStepStart = monitor.modernServed();
        judgeSince = judgeFrom;
        openRollback = open;
        reason = why;
    }

    /**
     * Whether saved progress belongs to a rollout like this one: a step within its plan and not {@code GUARDED}, or,
     * for a guarded route, no step and guarded or over.
     */
    boolean fits(RolloutProgress p) {
        if (plan == null) {
            return p.step() < 0 && (p.phase() == Phase.GUARDED || p.phase() == Phase.ABORTED
                    || p.phase() == Phase.ROLLED_BACK);
        }
        return p.step() < plan.size() && p.phase() != Phase.GUARDED;
    }

    // ---------------------------------------------------------------- reading

    String name() {
        return route.name();
    }

    Route<?> route() {
        return route;
    }

    /** Whether the controller advances the route along a plan, rather than only guarding it. */
    boolean planned() {
        return plan != null;
    }

    RolloutPlan plan() {
        if (plan == null) {
            throw new IllegalStateException("route '" + name() + "' has no plan, only triggers");
        }
        return plan;
    }

    RolloutSchedule schedule() {
        if (schedule == null) {
            throw new IllegalStateException("route '" + name() + "' has no plan, only triggers");
        }
        return schedule;
    }

    TriggerSettings triggers() {
        return triggers;
    }

    HealthMonitor monitor() {
        return monitor;
    }

    Phase phase() {
        return phase;
    }

    int step() {
        return step;
    }

    @Nullable Instant stepStartedAt() {
        return stepStartedAt;
    }

    boolean approved() {
        return approved;
    }

    /** Who approved the next step that needs approval; null without an approval. */
    @Nullable String approvedBy() {
        return approvedBy;
    }

    long knownVersion() {
        return knownVersion;
    }

    String reason() {
        return reason;
    }

    @Nullable RollbackEvent openRollback() {
        return openRollback;
    }

    /** The modern calls served since the step started, as of the latest sample. */
    long modernCallsInStep() {
        return Math.max(0, monitor.modernServed() - modernAtStepStart);
    }

    /** Whether the controller still moves or guards the route. */
    boolean active() {
        return phase != Phase.ROLLED_BACK && phase != Phase.ABORTED;
    }

    RolloutStatus status() {
        return new RolloutStatus(name(), phase, step, route.state().effectivePercentageBasisPoints(), stepStartedAt,
                stepStartedAt == null ? 0 : modernCallsInStep(), approved, reason, judgements);
    }

    /**
     * What the journal keeps of this rollout, with {@code ramp} the route's graceful ramp or null.
     *
     * @return what the journal keeps of this rollout, with {@code ramp} the route's graceful ramp or null
     */
    RolloutProgress progress(GracefulRamps.@Nullable Ramp ramp, Instant now) {
        return new RolloutProgress(name(), phase, step, stepStartedAt, approved, approvedBy, knownVersion, judgeSince,
                openRollback == null ? null : openRollback.id(), ramp == null ? 0 : ramp.fromBasisPoints(),
                ramp == null ? null : ramp.startedAt(), ramp == null ? null : ramp.duration(), reason, now);
    }

    /** A position on the plan and the phase it is in, before the transition is made. */
    private record Placement(Phase phase, String reason) {
    }
}
