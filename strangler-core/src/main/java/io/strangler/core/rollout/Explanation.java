package io.strangler.core.rollout;

import io.strangler.api.RouteState;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.health.Judgement;
import io.strangler.api.health.TriggerKind;
import io.strangler.api.rollout.RolloutStep;
import io.strangler.core.rollout.RolloutStatus.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The text of {@link RolloutController#explain}: a rollout's position, decision, gates and judgements, a line each. */
final class Explanation {

    private Explanation() {
    }

    static String of(RolloutStateMachine r, Instant now, List<RollbackEvent> history, @Nullable String fleet) {
        RolloutStatus status = r.status();
        RouteState state = r.route().state();
        StringBuilder out = new StringBuilder();
        out.append("route '").append(r.name()).append("': ").append(status.phase());
        if (r.planned()) {
            if (status.step() < 0) {
                out.append(", before the plan's first step");
            } else {
                RolloutStep step = r.plan().step(status.step());
                out.append(" on step ").append(status.step()).append(" of ").append(r.plan().size()).append(" (")
                        .append(step.percentage()).append("% of keys)");
                if (status.stepStartedAt() != null && (status.phase() == Phase.RUNNING
                        || status.phase() == Phase.AWAITING_APPROVAL)) {
                    Duration left = Duration.between(now, status.stepStartedAt().plus(step.bake()));
                    out.append(", baking since ").append(status.stepStartedAt()).append(left.isNegative()
                            ? ", bake done" : ", " + text(left) + " left");
                }
            }
        } else {
            out.append(" (triggers only, no plan)");
        }
        out.append('\n').append("decision: ").append(status.reason());
        out.append('\n').append("state: ").append(state.stage()).append(' ').append(state.percentage()).append('%')
                .append(state.enabled() ? "" : ", kill switch pulled (every call to legacy)").append(", version ")
                .append(state.version()).append(state.revision().changedBy() == null
                        ? ", the route's initial state, never changed"
                        : ", by " + state.revision().changedBy() + " at " + state.revision().changedAt() + ": "
                                + state.revision().reason());
        if (r.planned() && status.step() + 1 < r.plan().size() && r.active() && status.phase() != Phase.COMPLETE) {
            RolloutStep next = r.plan().step(status.step() + 1);
            out.append('\n').append("next: step ").append(status.step() + 1).append(" (").append(next.percentage())
                    .append("%)").append(next.approvalRequired() ? status.approved() ? " needs approval; approved by "
                            + r.approvedBy() : " needs approval; not given yet" : " needs no approval")
                    .append("; at least ").append(r.plan().minimumSamples()).append(" modern calls in the step (")
                    .append(status.modernCallsInStep()).append(" so far)");
        }
        for (Judgement j : status.judgements()) {
            out.append('\n').append("trigger ")
                    .append(j.trigger() == TriggerKind.CUSTOM ? j.name() + " (custom)" : j.trigger())
                    .append(r.triggers().trigger(j).dryRun() ? " (dry run)" : "").append(' ')
                    .append(j.verdict()).append(": ").append(j.explanation());
        }
        out.append('\n').append("breaker: ").append(r.route().circuitBreakerState());
        if (fleet != null) {
            out.append('\n').append("fleet: ").append(fleet);
        }
        history.stream().filter(e -> e.route().equals(r.name()) || e.routes().contains(r.name()))
                .reduce((a, b) -> b).ifPresent(e -> out.append('\n').append("latest rollback: ").append(e.status())
                        .append(" ").append(e.action()).append(e.trigger() == null ? "" : " " + e.trigger())
                        .append(" at ").append(e.initiatedAt()).append(" by ").append(e.actor()).append(": ")
                        .append(e.reason()).append(e.outcome() == null ? "" : "; " + e.outcome()));
        return out.toString();
    }

    private static String text(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? s / 3600 + "h" + (s % 3600) / 60 + "m" : s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s";
    }
}
