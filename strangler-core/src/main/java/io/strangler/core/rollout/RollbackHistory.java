package io.strangler.core.rollout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.strangler.api.MigrationRouter;
import io.strangler.api.event.RollbackEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The rollbacks kept, each in its latest lifecycle stage, in the order they started, at most {@code size} of them;
 * and the one door through which a stage of a rollback is told: the history, the journal, the log, the
 * {@code strangler.rollbacks} counter, the router's listeners and the controller's notifiers. Guarded by the controller's lock.
 */
final class RollbackHistory {

    /** The controller's logger, so that one logger name covers every rollout decision. */
    private static final Logger LOG = LoggerFactory.getLogger(RolloutController.class);

    private final MigrationRouter router;
    private final RolloutJournal journal;
    private final @Nullable MeterRegistry registry;
    private final int size;
    private final LinkedHashMap<String, RollbackEvent> events = new LinkedHashMap<>();

    private final Notifications notifications;

    RollbackHistory(MigrationRouter router, RolloutJournal journal, @Nullable MeterRegistry registry, int size,
            Notifications notifications) {
        this.notifications = notifications;
        this.router = router;
        this.journal = journal;
        this.registry = registry;
        this.size = size;
    }

    /**
     * Tells a stage of a rollback: keeps it (in place of its earlier stage), records it in the journal (a failure is
     * logged: it is kept in memory only), logs it, counts it when it starts, and publishes it to the listeners.
     *
     * @return the ids of the rollbacks the history dropped to stay within its size, oldest first
     */
    List<String> publish(RollbackEvent event) {
        events.put(event.id(), event);
        try {
            journal.recordRollback(event);
        } catch (RuntimeException e) {
            LOG.error("rollback {}: recording it in the journal ({}) failed; it is kept in memory only: {}",
                    event.id(), journal, e.toString());
        }
        List<String> dropped = trim();
        log(event);
        if (event.status() == RollbackEvent.Status.INITIATED && registry != null) {
            count(event, registry);
        }
        router.publish(event);
        notifications.send(new RolloutNotification(RolloutNotification.Kind.ROLLBACK, event.route(), event.routes(),
                event.status().name(), event.actor(), event.action() + (event.trigger() == null ? ""
                        : " " + event.trigger()) + ": " + event.reason() + (event.outcome() == null ? ""
                        : "; " + event.outcome()), event.finishedAt() != null ? event.finishedAt()
                        : event.initiatedAt()));
        return dropped;
    }

    /**
     * Takes back rollbacks a journal kept, without telling them again.
     *
     * @return the ids of the rollbacks the history dropped to stay within its size, oldest first
     */
    List<String> restore(List<RollbackEvent> kept) {
        for (RollbackEvent event : kept) {
            events.put(event.id(), event);
        }
        return trim();
    }

    /** The oldest go first. */
    private List<String> trim() {
        List<String> dropped = new ArrayList<>();
        while (events.size() > size) {
            String oldest = events.keySet().iterator().next();
            events.remove(oldest);
            dropped.add(oldest);
        }
        return dropped;
    }

    /**
     * The rollback with this id in its latest stage, or null if the history does not keep it.
     *
     * @return the rollback with this id in its latest stage, or null if the history does not keep it
     */
    @Nullable RollbackEvent get(String id) {
        return events.get(id);
    }

    /**
     * Every rollback kept, oldest first.
     *
     * @return every rollback kept, oldest first
     */
    List<RollbackEvent> all() {
        return List.copyOf(events.values());
    }

    private static void log(RollbackEvent event) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable("strangler.route", event.route())) {
            if (event.status() == RollbackEvent.Status.INITIATED) {
                LOG.warn("rollback {} of route '{}' INITIATED: {} {} scope {} over {} (by {}): {}", event.id(),
                        event.route(), event.action(), event.trigger() == null ? "by a person" : event.trigger(),
                        event.scope(), event.routes(), event.actor(), event.reason());
            } else if (event.status() == RollbackEvent.Status.COMPLETED) {
                LOG.info("rollback {} of route '{}' COMPLETED: {}", event.id(), event.route(), event.outcome());
            } else {
                LOG.error("rollback {} of route '{}' FAILED: {}", event.id(), event.route(), event.outcome());
            }
        }
    }

    private static void count(RollbackEvent event, MeterRegistry registry) {
        try {
            Counter.builder("strangler.rollbacks")
                    .tags("route", event.route(),
                            "trigger", event.trigger() == null ? "person" : lower(event.trigger().name()),
                            "action", lower(event.action().name()))
                    .description("Rollbacks started by the rollout controller, by the route whose trigger fired")
                    .register(registry)
                    .increment();
        } catch (RuntimeException e) {
            LOG.warn("counting rollback {} in the meter registry failed", event.id(), e);
        }
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
