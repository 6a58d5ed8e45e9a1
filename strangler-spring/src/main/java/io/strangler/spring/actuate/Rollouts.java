package io.strangler.spring.actuate;

import io.strangler.api.event.RollbackEvent;
import io.strangler.core.rollout.RolloutController;
import io.strangler.core.rollout.RolloutStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the rollout controller says about every route, read once per request: the controller serialises its
 * queries with its ticks, so one read of the statuses and one of the history keep a request from waiting on a tick
 * once per route, and every route of one answer is described as of the same moment.
 */
final class Rollouts {

    private static final Rollouts NONE = new Rollouts(Map.of(), List.of());

    private final Map<String, RolloutStatus> statuses;
    private final List<RollbackEvent> history;

    private Rollouts(Map<String, RolloutStatus> statuses, List<RollbackEvent> history) {
        this.statuses = statuses;
        this.history = history;
    }

    /** The controller's view now; nothing at all when there is no controller. */
    static Rollouts of(@Nullable RolloutController controller) {
        if (controller == null) {
            return NONE;
        }
        Map<String, RolloutStatus> statuses = new LinkedHashMap<>();
        for (RolloutStatus status : controller.statuses()) {
            statuses.put(status.route(), status);
        }
        return new Rollouts(statuses, controller.rollbacks());
    }

    /** The rollout of {@code route}, or null when no controller runs or guards it. */
    @Nullable RolloutStatus status(String route) {
        return statuses.get(route);
    }

    /** The rollbacks that covered {@code route}, oldest first. */
    List<RollbackEvent> rollbacks(String route) {
        List<RollbackEvent> out = new ArrayList<>();
        for (RollbackEvent event : history) {
            if (event.route().equals(route) || event.routes().contains(route)) {
                out.add(event);
            }
        }
        return out;
    }

    /** The rollbacks over {@code route} still {@code INITIATED}, oldest first. */
    List<RollbackEvent> openRollbacks(String route) {
        List<RollbackEvent> out = new ArrayList<>();
        for (RollbackEvent event : rollbacks(route)) {
            if (event.status() == RollbackEvent.Status.INITIATED) {
                out.add(event);
            }
        }
        return out;
    }

    /** Whether a rollout is over: only a restart moves it again, so an operator's rollback is not the controller's. */
    static boolean ended(RolloutStatus.Phase phase) {
        return phase == RolloutStatus.Phase.ROLLED_BACK || phase == RolloutStatus.Phase.ABORTED;
    }
}
