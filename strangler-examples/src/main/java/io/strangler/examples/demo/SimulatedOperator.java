package io.strangler.examples.demo;

import io.strangler.api.health.Judgement;
import io.strangler.core.rollout.RolloutController;
import io.strangler.core.rollout.RolloutNotification;
import io.strangler.core.rollout.RolloutNotifier;
import io.strangler.core.rollout.RolloutStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The engineer on call, as a {@link RolloutNotifier}: paged when a rollout asks for approval, they look at the route's
 * dashboards some 10 to 40 virtual minutes later and approve when every trigger passes or can't tell yet; when one
 * fails, they look again a quarter of an hour later. They approve through {@code controller.approve}, so the step is
 * theirs. Driven by the demo's one thread.
 */
final class SimulatedOperator implements RolloutNotifier {

    /** The name the approvals are recorded under. */
    static final String NAME = "oncall-dana";
    private static final Duration RECHECK = Duration.ofMinutes(15);

    /** An approval asked for, and when the operator will look at it. */
    private record Pending(String route, Instant requestedAt, String request, Instant lookAt) {
    }

    /**
     * An approval given.
     *
     * @param route the route
     * @param request what the controller asked, in its words
     * @param requestedAt when it asked
     * @param approvedAt when the operator approved
     * @param by who approved
     */
    record Approval(String route, String request, Instant requestedAt, Instant approvedAt, String by) {
    }

    private final SplittableRandom random;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final List<Approval> approvals = new ArrayList<>();

    /** An operator whose reaction times are drawn from {@code random}. */
    SimulatedOperator(SplittableRandom random) {
        this.random = random;
    }

    @Override
    public void notify(RolloutNotification n) {
        if (n.kind() == RolloutNotification.Kind.APPROVAL_REQUESTED && !pending.containsKey(n.route())) {
            Duration reaction = Duration.ofMinutes(10 + random.nextInt(31));
            pending.put(n.route(), new Pending(n.route(), n.at(), n.text(), n.at().plus(reaction)));
        }
    }

    /**
     * Looks at the approvals whose time has come, through the controller that holds the lease.
     *
     * @param controller the controller that acts
     * @param now the virtual time
     * @return the approvals given now
     */
    List<Approval> act(RolloutController controller, Instant now) {
        List<Approval> given = new ArrayList<>();
        for (Pending p : List.copyOf(pending.values())) {
            if (now.isBefore(p.lookAt)) {
                continue;
            }
            RolloutStatus status = controller.status(p.route);
            if (status.phase() != RolloutStatus.Phase.AWAITING_APPROVAL) {
                pending.remove(p.route);   // rolled back or changed meanwhile: nothing to approve
                continue;
            }
            if (status.judgements().stream().anyMatch(Judgement::failed)) {
                pending.put(p.route, new Pending(p.route, p.requestedAt, p.request, now.plus(RECHECK)));
                continue;
            }
            controller.approve(p.route, NAME);
            pending.remove(p.route);
            Approval a = new Approval(p.route, p.request, p.requestedAt, now, NAME);
            approvals.add(a);
            given.add(a);
        }
        return given;
    }

    /**
     * Every approval given so far.
     *
     * @return the approvals, in the order given
     */
    List<Approval> approvals() {
        return List.copyOf(approvals);
    }
}
