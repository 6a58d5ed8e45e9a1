package io.strangler.core.rollout;

import io.strangler.api.event.RollbackEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.ff4j.FF4j;
import org.ff4j.audit.Event;
import org.ff4j.audit.EventQueryDefinition;
import org.ff4j.audit.repository.EventRepository;
import org.ff4j.property.Property;
import org.ff4j.property.PropertyString;
import org.ff4j.property.store.PropertyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RolloutJournal} in FF4J: each rollout's progress and each checkpoint is a property of the
 * {@link PropertyStore} ({@value #PROGRESS_PREFIX}{@code <route>}, {@value #CHECKPOINT_PREFIX}{@code <id>}), and
 * each stage of a rollback's lifecycle is an event of the {@link EventRepository} (source {@value #SOURCE}, type
 * {@value #ROLLBACK_TYPE}, the route as its name, the status as its action, the whole event as JSON in its
 * value). Over FF4J's JDBC stores it all lives in the database, next to the route states.
 *
 * <p>FF4J's JDBC schema keeps a property's value in {@code VARCHAR(255)} and an event's value in
 * {@code VARCHAR(100)}; a progress record is about 400 characters, a rollback event 600 and more, a checkpoint some
 * kilobytes. Widen the two columns once (the README gives the {@code ALTER TABLE}s); until then PostgreSQL refuses
 * the writes, and the controller logs each refusal and goes on with what it holds in memory.
 *
 * <p>Thread-safe: every method is serialised on the journal.
 *
 * <pre>{@code
 * RolloutController controller = Strangler.controller(router)
 *         .journal(new Ff4jRolloutJournal(ff4j, clock))    // the default when the router runs on an FF4J store
 *         .build();
 * }</pre>
 */
public final class Ff4jRolloutJournal implements RolloutJournal {

    /** Prefix of the properties that hold each rollout's progress. */
    public static final String PROGRESS_PREFIX = "strangler.rollout.";
    /** The prefix of the properties that hold the routes' legacy baselines. */
    public static final String BASELINE_PREFIX = "strangler.baseline.";
    /** Prefix of the properties that hold the checkpoints. */
    public static final String CHECKPOINT_PREFIX = "strangler.checkpoint.";
    /** The property that holds the time of the first rollback recorded, where the history is searched from. */
    public static final String HISTORY_SINCE = "strangler.rollbacks.since";
    /** The source of the rollback events. */
    public static final String SOURCE = "strangler";
    /** The type of the rollback events. */
    public static final String ROLLBACK_TYPE = "strangler-rollback";
    /** Default number of checkpoints kept. */
    public static final int DEFAULT_CHECKPOINT_LIMIT = 100;

    private static final Logger LOG = LoggerFactory.getLogger(Ff4jRolloutJournal.class);
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final PropertyStore properties;
    private final EventRepository events;
    private final Clock clock;
    private final int checkpointLimit;
    /** The checkpoints read last, by property name, with the text they were read from: parsed again only if changed. */
    private final Map<String, Parsed> parsed = new HashMap<>();

    /**
     * A journal in {@code ff4j}'s property store and event repository, keeping the default number of checkpoints.
     *
     * @param ff4j the FF4J instance the route states are in
     * @param clock the controller's clock, which bounds the search of the rollback history
     * @throws NullPointerException if an argument is null
     */
    public Ff4jRolloutJournal(FF4j ff4j, Clock clock) {
        this(Objects.requireNonNull(ff4j, "ff4j").getPropertiesStore(), ff4j.getEventRepository(), clock,
                DEFAULT_CHECKPOINT_LIMIT);
    }

    /**
     * A journal in the given stores.
     *
     * @param properties where progress and checkpoints go
     * @param events where the rollback history goes
     * @param clock the controller's clock, which bounds the search of the rollback history
     * @param checkpointLimit the most checkpoints kept, at least 1; the oldest go first
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code checkpointLimit} is below 1
     */
    public Ff4jRolloutJournal(PropertyStore properties, EventRepository events, Clock clock, int checkpointLimit) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (checkpointLimit < 1) {
            throw new IllegalArgumentException("checkpointLimit must be at least 1, was " + checkpointLimit);
        }
        this.checkpointLimit = checkpointLimit;
    }

    @Override
    public synchronized void saveProgress(RolloutProgress progress) {
        put(PROGRESS_PREFIX + progress.route(), RolloutRecords.progressToJson(progress));
    }

    @Override
    public synchronized Optional<RolloutProgress> progress(String route) {
        return read(PROGRESS_PREFIX + route).map(RolloutRecords::progressFromJson);
    }

    @Override
    public synchronized void saveBaseline(LegacyBaseline baseline) {
        put(BASELINE_PREFIX + baseline.route(), RolloutRecords.baselineToJson(baseline));
    }

    @Override
    public synchronized Optional<LegacyBaseline> baseline(String route) {
        return read(BASELINE_PREFIX + route).map(RolloutRecords::baselineFromJson);
    }

    @Override
    public synchronized void recordRollback(RollbackEvent event) {
        if (!properties.existProperty(HISTORY_SINCE)) {
            put(HISTORY_SINCE, Long.toString(event.initiatedAt().toEpochMilli()));
        }
        Event e = new Event(SOURCE, ROLLBACK_TYPE, event.route(), event.status().name());
        e.setUuid(java.util.UUID.randomUUID().toString());
        e.setTimestamp((event.finishedAt() != null ? event.finishedAt() : event.initiatedAt()).toEpochMilli());
        e.setUser(event.actor().length() > 30 ? event.actor().substring(0, 30) : event.actor());
        e.setValue(RolloutRecords.rollbackToJson(event));
        events.saveEvent(e);
    }

    @Override
    public synchronized List<RollbackEvent> rollbacks() {
        Optional<String> since = read(HISTORY_SINCE);
        if (since.isEmpty()) {
            return List.of();
        }
        long from = Long.parseLong(since.get());
        long to = Math.max(from, clock.millis()) + Duration.ofDays(1).toMillis();
        Map<String, RollbackEvent> latest = new LinkedHashMap<>();
        List<RollbackEvent> all = new ArrayList<>();
        // FF4J's JDBC repository searches the audit trail for its own actions only, unless told which; and its
        // bounds are exclusive
        EventQueryDefinition query = new EventQueryDefinition(from - 1, to).addFilterSource(SOURCE);
        for (RollbackEvent.Status status : RollbackEvent.Status.values()) {
            query.addFilterAction(status.name());
        }
        for (Event e : events.getAuditTrail(query)) {
            if (SOURCE.equals(e.getSource()) && ROLLBACK_TYPE.equals(e.getType()) && e.getValue() != null) {
                try {
                    all.add(RolloutRecords.rollbackFromJson(e.getValue()));
                } catch (RuntimeException bad) {
                    LOG.error("rollback history: event {} can't be read, skipped: {}", e.getUuid(), bad.getMessage());
                }
            }
        }
        all.sort(Comparator.comparing(RollbackEvent::initiatedAt).thenComparing(RollbackEvent::id)
                .thenComparing(RollbackEvent::status));
        for (RollbackEvent e : all) {
            latest.put(e.id(), e);
        }
        return List.copyOf(latest.values());
    }

    @Override
    public synchronized void saveCheckpoint(Checkpoint checkpoint) {
        put(CHECKPOINT_PREFIX + checkpoint.id(), checkpoint.toJson());
        List<String> names = checkpointNames();
        for (int i = 0; i < names.size() - checkpointLimit; i++) {
            properties.deleteProperty(names.get(i));
        }
    }

    @Override
    public synchronized List<Checkpoint> checkpoints() {
        List<Checkpoint> out = new ArrayList<>();
        List<String> names = checkpointNames();
        parsed.keySet().retainAll(names);
        for (String name : names) {
            read(name).ifPresent(json -> {
                Parsed known = parsed.get(name);
                if (known != null && known.json.equals(json)) {
                    out.add(known.checkpoint);
                    return;
                }
                try {
                    Checkpoint checkpoint = Checkpoint.fromJson(json);
                    parsed.put(name, new Parsed(json, checkpoint));
                    out.add(checkpoint);
                } catch (RuntimeException bad) {
                    LOG.error("checkpoint {} can't be read, skipped: {}", name, bad.getMessage());
                }
            });
        }
        out.sort(Comparator.comparing(Checkpoint::takenAt).thenComparing(Checkpoint::id));
        return List.copyOf(out);
    }

    @Override
    public synchronized Optional<Checkpoint> checkpoint(String id) {
        return read(CHECKPOINT_PREFIX + id).map(Checkpoint::fromJson);
    }

    /**
     * A new checkpoint id: the time in milliseconds and a sequence number of this JVM, zero-padded so that ids sort by
     * time, and a random suffix against another process at the same millisecond.
     *
     * @param clock the time source
     * @return the id
     */
    static String newCheckpointId(Clock clock) {
        return String.format("%015d-%09d-%04x", clock.millis(), SEQUENCE.incrementAndGet() % 1_000_000_000,
                ThreadLocalRandom.current().nextInt(0x10000));
    }

    private List<String> checkpointNames() {
        List<String> names = new ArrayList<>();
        for (String name : properties.listPropertyNames()) {
            if (name.startsWith(CHECKPOINT_PREFIX)) {
                names.add(name);
            }
        }
        names.sort(null);
        return names;
    }

    private void put(String name, String value) {
        if (properties.existProperty(name)) {
            properties.updateProperty(name, value);
        } else {
            properties.createProperty(new PropertyString(name, value));
        }
    }

    private Optional<String> read(String name) {
        if (!properties.existProperty(name)) {
            return Optional.empty();
        }
        Property<?> p = properties.readProperty(name);
        return Optional.ofNullable(p == null ? null : p.asString());
    }

    @Override
    public String toString() {
        return "Ff4jRolloutJournal[" + properties.getClass().getSimpleName() + ", " + events.getClass().getSimpleName()
                + "]";
    }

    private record Parsed(String json, Checkpoint checkpoint) {
    }
}
