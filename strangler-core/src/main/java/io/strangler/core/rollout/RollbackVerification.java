package io.strangler.core.rollout;

import io.strangler.api.event.RollbackEvent;
import io.strangler.api.health.Judgement;
import io.strangler.api.health.RollbackAction;
import io.strangler.api.health.TriggerSettings;
import io.strangler.api.health.Verdict;
import io.strangler.core.health.HealthJudge;
import io.strangler.core.health.HealthMonitor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the rollbacks that are open and ends each one: once its routes are back on legacy, legacy's error rate is
 * checked on them for a full window, and the rollback ends {@code COMPLETED} if it never fails, {@code FAILED} as
 * soon as it does or if a route could not be rolled back. A rollback also ends when a person resumes a frozen route
 * or a checkpoint is restored over its routes. Every stage goes out through the {@link RollbackHistory}. Guarded by
 * the controller's lock.
 */
final class RollbackVerification {

    /** The controller's logger, so that one logger name covers every rollout decision. */
    private static final Logger LOG = LoggerFactory.getLogger(RolloutController.class);

    private final RollbackHistory history;
    private final Rollouts rollouts;
    private final Map<String, HealthMonitor> monitors;
    private final Clock clock;
    private final Duration window;
    private final HealthJudge judge = new HealthJudge();
    /** The open rollbacks by id, in the order they started. */
    private final Map<String, OpenRollback> open = new LinkedHashMap<>();

    RollbackVerification(RollbackHistory history, Rollouts rollouts, Map<String, HealthMonitor> monitors, Clock clock,
            Duration window) {
        this.history = history;
        this.rollouts = rollouts;
        this.monitors = monitors;
        this.clock = clock;
        this.window = window;
    }

    /** A rollback starts: it is open until it ends, and its first stage is told. */
    OpenRollback open(RollbackEvent event, TriggerSettings triggers) {
        OpenRollback o = new OpenRollback(triggers);
        open.put(event.id(), o);
        forget(history.publish(event));
        return o;
    }

    /**
     * The open rollback with this id, or null.
     *
     * @return the open rollback with this id, or null
     */
    @Nullable OpenRollback get(String id) {
        return open.get(id);
    }

    /**
     * The open rollback with this id in its latest stage, or null if it is not open.
     *
     * @return the open rollback with this id in its latest stage, or null if it is not open
     */
    @Nullable RollbackEvent openEvent(@Nullable String id) {
        return id != null && open.containsKey(id) ? history.get(id) : null;
    }

    /**
     * The rollback with this id in its latest stage, open or not; null if the history dropped it.
     *
     * @return the rollback with this id in its latest stage, open or not; null if the history dropped it
     */
    @Nullable RollbackEvent event(String id) {
        return history.get(id);
    }

    /** The routes of {@code event} are back (or could not be): legacy is checked from {@code since}. */
    void startCheck(RollbackEvent event, OpenRollback o, Instant since) {
        o.checkSince = since;
        if (!o.failures.isEmpty()) {
            finish(event, RollbackEvent.Status.FAILED, since, "rollback failed for " + String.join("; ", o.failures));
        }
    }

    /** The check starts now if no route of the rollback ramps any more. */
    void startCheckIfReady(String id, OpenRollback o) {
        if (o.readyForCheck()) {
            startCheck(history.get(id), o, clock.instant());
        }
    }

    /**
     * Ends the rollbacks whose check is due: {@code FAILED} as soon as legacy's error rate fails on a route rolled
     * back, {@code COMPLETED} once a full window has passed and legacy's error rate passes on every route rolled
     * back. While too few legacy calls make it inconclusive, the rollback stays open and the routes' status says
     * so.
     */
    void checkCompletions(Instant now) {
        for (Map.Entry<String, OpenRollback> e : new ArrayList<>(open.entrySet())) {
            OpenRollback o = e.getValue();
            RollbackEvent event = history.get(e.getKey());
            if (event == null || event.status() != RollbackEvent.Status.INITIATED) {
                open.remove(e.getKey());
                continue;
            }
            if (o.checkSince == null) {
                continue;
            }
            List<String> found = new ArrayList<>();
            boolean failed = false;
            boolean allSeenHealthy = true;
            for (String name : o.rolledBack) {
                HealthMonitor monitor = monitors.get(name);
                if (monitor == null) {
                    continue;
                }
                RolloutStateMachine r = rollouts.find(name);
                TriggerSettings settings = r != null ? r.triggers() : o.triggers;
                Judgement legacy = judge.judgeLegacyErrorRate(monitor.windowSince(o.checkSince), settings);
                failed |= legacy.verdict() == Verdict.FAIL;
                allSeenHealthy &= legacy.verdict() == Verdict.PASS;
                found.add(name + ": " + legacy.explanation());
            }
            String outcome = found.isEmpty() ? "no route needed rolling back" : String.join("; ", found);
            if (failed) {
                finish(event, RollbackEvent.Status.FAILED, now, "legacy is not healthy after the rollback: " + outcome);
            } else if (!now.isBefore(o.checkSince.plus(window))) {
                if (allSeenHealthy) {
                    finish(event, RollbackEvent.Status.COMPLETED, now, "legacy healthy for " + window
                            + " after the rollback: " + outcome);
                } else {
                    // COMPLETED means legacy was seen healthy: too few calls to tell is not that
                    String waiting = "rollback " + event.id() + " stays open: legacy's health after it is still "
                            + "inconclusive (" + outcome + "); it ends once a window tells";
                    for (String name : o.rolledBack) {
                        RolloutStateMachine r = rollouts.find(name);
                        if (r != null) {
                            r.note(waiting);
                        }
                    }
                    if (!o.inconclusiveLogged) {
                        o.inconclusiveLogged = true;
                        LOG.warn("route '{}': {}", event.route(), waiting);
                    }
                }
            }
        }
    }

    /** Ends an open rollback now with {@code status}; the stage is told. */
    void finish(RollbackEvent event, RollbackEvent.Status status, Instant at, String outcome) {
        open.remove(event.id());
        forget(history.publish(event.finish(status, at, outcome)));
    }

    /** A checkpoint was restored over {@code routes}: the open rollbacks covering them end {@code FAILED}. */
    void failCovering(Set<String> routes, String why) {
        for (String id : new ArrayList<>(open.keySet())) {
            RollbackEvent event = history.get(id);
            if (event != null && open.containsKey(id) && event.routes().stream().anyMatch(routes::contains)) {
                finish(event, RollbackEvent.Status.FAILED, clock.instant(), why);
            }
        }
    }

    // ---------------------------------------------------------------- a controller built again

    /**
     * Takes back the history a journal kept. Rollbacks still {@code INITIATED} carry on: a manual one stays open for
     * a person to resume or abort; a graceful one waits for its routes' ramps to resume (or, with none, is checked
     * from {@link #finishRestore}); any other is checked from now, over the routes it covers.
     */
    void restore(List<RollbackEvent> events, Map<String, TriggerSettings> triggersByRoute, Instant now) {
        for (RollbackEvent event : events) {
            if (event.status() != RollbackEvent.Status.INITIATED) {
                continue;
            }
            OpenRollback o = new OpenRollback(triggersByRoute.getOrDefault(event.route(),
                    TriggerSettings.ofDefaults()));
            open.put(event.id(), o);
            if (event.action() == RollbackAction.IMMEDIATE) {
                o.rolledBack.addAll(event.routes());
                o.checkSince = now;
            }
        }
        forget(history.restore(events));
    }

    /** Once the ramps resumed: graceful rollbacks none of whose routes still ramps are checked from now. */
    void finishRestore(Instant now) {
        for (Map.Entry<String, OpenRollback> e : open.entrySet()) {
            RollbackEvent event = history.get(e.getKey());
            OpenRollback o = e.getValue();
            if (event.action() == RollbackAction.GRACEFUL && o.readyForCheck()) {
                o.rolledBack.addAll(event.routes());
                o.checkSince = now;
            }
        }
    }

    /** Rollbacks the history no longer keeps are not followed either. */
    private void forget(List<String> dropped) {
        for (String id : dropped) {
            open.remove(id);
        }
    }
}
