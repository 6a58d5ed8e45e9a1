package io.strangler.console;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every command sent to the console, made or refused: who, what, on which route, why, and what came of it. The
 * latest entries are kept for the page; every entry is also logged on the logger {@value #LOGGER} (INFO for a
 * command made, WARN for one refused), where an application's log pipeline keeps them. The changes themselves are
 * audited by the router (a state's revision names the actor and the reason) and by the controller (rollback
 * history, checkpoints). Thread-safe.
 */
public final class ConsoleAudit {

    /** The name of the logger every entry is written to. */
    public static final String LOGGER = "io.strangler.console.audit";

    /** Entries kept for the page unless told otherwise. */
    public static final int DEFAULT_CAPACITY = 50;

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final Clock clock;
    private final int capacity;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    private ConsoleAudit(Clock clock, int capacity) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be 1 or more entries, was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * An empty audit that keeps the latest {@value #DEFAULT_CAPACITY} entries.
     *
     * @param clock the time of each entry
     * @return the audit
     * @throws NullPointerException if {@code clock} is null
     */
    public static ConsoleAudit of(Clock clock) {
        return new ConsoleAudit(clock, DEFAULT_CAPACITY);
    }

    /**
     * An empty audit that keeps the latest {@code capacity} entries.
     *
     * @param clock the time of each entry
     * @param capacity the entries kept for the page, 1 or more (every entry is logged regardless)
     * @return the audit
     * @throws NullPointerException if {@code clock} is null
     * @throws IllegalArgumentException if {@code capacity} is below 1
     */
    public static ConsoleAudit of(Clock clock, int capacity) {
        return new ConsoleAudit(clock, capacity);
    }

    /**
     * Records one command.
     *
     * @param actor who sent it
     * @param action what was asked
     * @param route the route it was for
     * @param reason the reason given, or null
     * @param status the HTTP status of the answer: 2xx when the command was made
     * @param outcome what came of it, in one line
     * @return the entry recorded
     */
    public Entry record(String actor, String action, String route, @Nullable String reason, int status,
            String outcome) {
        Entry entry = new Entry(clock.instant(), oneLine(actor), oneLine(action), oneLine(route),
                reason == null ? null : oneLine(reason), status, oneLine(outcome));
        synchronized (this) {
            entries.addLast(entry);
            while (entries.size() > capacity) {
                entries.removeFirst();
            }
        }
        if (status < 300) {
            LOG.info("console: {} on route '{}' by {} ({}): {}", entry.action, entry.route, entry.actor,
                    entry.reason, entry.outcome);
        } else {
            LOG.warn("console: {} on route '{}' by {} refused with {}: {}", entry.action, entry.route, entry.actor,
                    status, entry.outcome);
        }
        return entry;
    }

    /**
     * The latest entries.
     *
     * @return the entries kept, oldest first
     */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** What a request says, made unable to forge a log line of its own. */
    private static String oneLine(String text) {
        String flat = text.replace('\r', ' ').replace('\n', ' ');
        return flat.length() <= 500 ? flat : flat.substring(0, 500) + "…";
    }

    /**
     * One command sent to the console.
     *
     * @param time when it arrived
     * @param actor who sent it
     * @param action what was asked
     * @param route the route it was for
     * @param reason the reason given, or null
     * @param status the HTTP status of the answer
     * @param outcome what came of it
     */
    public record Entry(Instant time, String actor, String action, String route, @Nullable String reason, int status,
            String outcome) {

        /**
         * Whether the command was made.
         *
         * @return true for a 2xx status
         */
        public boolean made() {
            return status >= 200 && status < 300;
        }

        Map<String, Object> toMap() {
            return ConsoleModel.map("time", time.toString(), "actor", actor, "action", action, "route", route,
                    "reason", reason, "status", status, "made", made(), "outcome", outcome);
        }
    }
}
