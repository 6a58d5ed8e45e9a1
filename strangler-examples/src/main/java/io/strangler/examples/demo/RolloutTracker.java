package io.strangler.examples.demo;

import io.strangler.api.RouteState;
import io.strangler.api.event.RollbackEvent;
import io.strangler.api.health.Judgement;
import io.strangler.core.health.HealthWindow;
import io.strangler.core.rollout.RolloutController;
import io.strangler.core.rollout.RolloutStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Follows the rollouts from tick to tick, as a person watching the dashboards would: turns what changed (a step, a
 * phase, a rollback's stage) into timeline events, notes when each route first served every user, and draws the rows
 * of the live view. Reads the controller that holds the lease and the routes' states; changes nothing.
 */
final class RolloutTracker {

    private final Instant start;
    private final Map<String, RolloutStatus> last = new HashMap<>();
    private final Map<String, Instant> fullAt = new LinkedHashMap<>();
    private final Map<String, RollbackEvent.Status> rollbackStages = new HashMap<>();
    private final List<DemoSummary.Event> timeline = new ArrayList<>();

    /** A tracker of a migration that started at {@code start}. */
    RolloutTracker(Instant start) {
        this.start = start;
    }

    /**
     * Takes in a tick.
     *
     * @param now the virtual time of the tick
     * @param controller the controller that acts
     * @param states the routes' states, as the fleet serves them
     * @return the events of this tick, in order
     */
    List<DemoSummary.Event> observe(Instant now, RolloutController controller, Map<String, RouteState> states) {
        List<DemoSummary.Event> events = new ArrayList<>();
        for (RolloutStatus s : controller.statuses()) {
            RolloutStatus before = last.put(s.route(), s);
            RouteState state = states.get(s.route());
            if (state != null && state.effectivePercentageBasisPoints() == RouteState.MAX_BASIS_POINTS) {
                fullAt.putIfAbsent(s.route(), now);
            }
            String change = change(before, s);
            if (change != null) {
                events.add(new DemoSummary.Event(now, s.route(), change));
            }
        }
        for (RollbackEvent e : controller.rollbacks()) {
            RollbackEvent.Status seen = rollbackStages.put(e.id(), e.status());
            if (seen == e.status()) {
                continue;
            }
            if (seen == null) {
                events.add(new DemoSummary.Event(e.initiatedAt(), e.route(), "ROLLBACK " + e.action()
                        + (e.trigger() == null ? "" : " by trigger " + e.trigger()) + " over " + e.routes() + ": "
                        + e.reason()));
            }
            if (e.status() != RollbackEvent.Status.INITIATED) {
                events.add(new DemoSummary.Event(e.finishedAt(), e.route(), "rollback " + e.status() + ": "
                        + e.outcome()));
            }
        }
        timeline.addAll(events);
        return events;
    }

    /** Adds an event the tracker can't see from the controller (a release, an approval). */
    void note(DemoSummary.Event event) {
        timeline.add(event);
    }

    private static @Nullable String change(@Nullable RolloutStatus before, RolloutStatus now) {
        boolean phaseChanged = before == null ? now.phase() != RolloutStatus.Phase.NOT_STARTED
                : before.phase() != now.phase();
        boolean stepChanged = before != null && before.step() != now.step() && now.step() >= 0;
        if (stepChanged && now.phase() == RolloutStatus.Phase.RUNNING) {
            return String.format(Locale.ROOT, "step %d: modern serves %s of users (%s)", now.step() + 1,
                    percent(now.percentage()), now.reason());
        }
        if (!phaseChanged) {
            return null;
        }
        return switch (now.phase()) {
            case COMPLETE -> "COMPLETE at " + percent(now.percentage());
            case AWAITING_APPROVAL -> "asks for approval: " + now.reason();
            default -> now.phase() + ": " + now.reason();
        };
    }

    /**
     * The live view's rows, in the platform's order.
     *
     * @param controller the controller that acts
     * @param states the routes' states
     * @return one row per route
     */
    List<RouteRow> rows(RolloutController controller, Map<String, RouteState> states) {
        List<RouteRow> rows = new ArrayList<>();
        for (PlatformRoute r : PlatformRoute.values()) {
            RolloutStatus s = last.get(r.route());
            RouteState state = states.get(r.route());
            HealthWindow w = controller.window(r.route());
            long modernCalls = w.modern().calls();
            double errorRate = modernCalls == 0 ? Double.NaN : (double) w.modern().errors() / modernCalls;
            Judgement failing = s == null ? null
                    : s.judgements().stream().filter(Judgement::failed).findFirst().orElse(null);
            String verdict = failing != null ? "FAIL " + failing.name() + ": " + failing.explanation()
                    : s == null ? "" : s.reason();
            rows.add(new RouteRow(r.route(), state.enabled() ? state.stage().name() : "OFF",
                    state.effectivePercentageBasisPoints() / 100.0, s == null ? "-" : s.phase().name(),
                    s == null ? -1 : s.step(), r.plan().size(), errorRate, modernCalls, verdict, failing != null));
        }
        return rows;
    }

    /** Virtual time from the start until the route first served every user, or null. */
    @Nullable Duration timeTo100(String route) {
        Instant at = fullAt.get(route);
        return at == null ? null : Duration.between(start, at);
    }

    /** Every event so far, in order. */
    List<DemoSummary.Event> timeline() {
        return List.copyOf(timeline);
    }

    private static String percent(double p) {
        return (p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.2f", p))
                + " %";
    }
}
