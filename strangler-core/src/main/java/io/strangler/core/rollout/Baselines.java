package io.strangler.core.rollout;

import io.strangler.core.health.HealthMonitor;
import io.strangler.core.health.PerformanceBaseline;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the routes' legacy baselines in the journal: taken back into the health monitors when the controller is
 * built, saved whenever a monitor learns a new one. A journal that fails costs the baseline's persistence, logged,
 * never a tick.
 */
final class Baselines {

    /** The controller's logger, so that one logger name covers every rollout decision. */
    private static final Logger LOG = LoggerFactory.getLogger(RolloutController.class);

    private final RolloutJournal journal;
    private final Map<String, HealthMonitor> monitors;
    private final Map<String, PerformanceBaseline> saved = new HashMap<>();

    Baselines(RolloutJournal journal, Map<String, HealthMonitor> monitors) {
        this.journal = journal;
        this.monitors = monitors;
    }

    /** Gives every monitor the baseline the journal holds for its route. */
    void restore() {
        monitors.forEach((route, monitor) -> {
            try {
                journal.baseline(route).ifPresent(b -> {
                    monitor.restore(b.baseline(), b.latencyReferenceNanos(), b.standIn());
                    saved.put(route, monitor.baseline().orElse(null));
                });
            } catch (RuntimeException e) {
                LOG.error("route '{}': reading its legacy baseline from the journal ({}) failed; it is learned "
                        + "again from the traffic", route, journal, e);
            }
        });
    }

    /** Saves every baseline a monitor learned since the last save. */
    void save() {
        monitors.forEach((route, monitor) -> {
            PerformanceBaseline now = monitor.baseline().orElse(null);
            if (now == null || Objects.equals(now, saved.get(route))) {
                return;
            }
            try {
                journal.saveBaseline(new LegacyBaseline(route, now, monitor.baselineReference(),
                        monitor.baselineIsStandIn()));
                saved.put(route, now);
            } catch (RuntimeException e) {
                LOG.error("route '{}': saving its legacy baseline in the journal ({}) failed; retried at the next "
                        + "tick", route, journal, e);
            }
        });
    }
}
