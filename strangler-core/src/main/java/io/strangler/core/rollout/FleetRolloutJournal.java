package io.strangler.core.rollout;

import io.strangler.api.event.RollbackEvent;
import io.strangler.core.fleet.FleetStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RolloutJournal} in a {@link FleetStore}'s documents, so that what a fleet's controllers learn lives in the
 * same PostgreSQL or Redis as the route states, without FF4J's property store: each rollout's progress
 * ({@code rollout/<route>}), each route's legacy baseline ({@code baseline/<route>}), each rollback in its latest
 * lifecycle stage ({@code rollback/<id>}, the newest 1,000 kept) and the checkpoints ({@code checkpoint/<id>}, the
 * newest 100 kept). A controller built with {@link RolloutController.Builder#fleet} and no journal of its own uses
 * one. A document that can't be read is logged and skipped. Thread-safe.
 */
public final class FleetRolloutJournal implements RolloutJournal {

    /** Default number of checkpoints kept. */
    public static final int DEFAULT_CHECKPOINT_LIMIT = Ff4jRolloutJournal.DEFAULT_CHECKPOINT_LIMIT;
    /** Default number of rollbacks kept. */
    public static final int DEFAULT_HISTORY_LIMIT = RolloutController.DEFAULT_HISTORY_SIZE;

    private static final Logger LOG = LoggerFactory.getLogger(FleetRolloutJournal.class);
    private static final String PROGRESS = "rollout/";
    private static final String BASELINE = "baseline/";
    private static final String ROLLBACK = "rollback/";
    private static final String CHECKPOINT = "checkpoint/";

    private final FleetStore store;
    private final int checkpointLimit;
    private final int historyLimit;

    /**
     * A journal in {@code store}, keeping the default numbers of checkpoints and rollbacks.
     *
     * @param store the fleet store
     * @throws NullPointerException if {@code store} is null
     */
    public FleetRolloutJournal(FleetStore store) {
        this(store, DEFAULT_CHECKPOINT_LIMIT, DEFAULT_HISTORY_LIMIT);
    }

    /**
     * A journal in {@code store}.
     *
     * @param store the fleet store
     * @param checkpointLimit the checkpoints kept, at least 1
     * @param historyLimit the rollbacks kept, at least 1
     * @throws NullPointerException if {@code store} is null
     * @throws IllegalArgumentException if a limit is below 1
     */
    public FleetRolloutJournal(FleetStore store, int checkpointLimit, int historyLimit) {
        this.store = Objects.requireNonNull(store, "store");
        if (checkpointLimit < 1) {
            throw new IllegalArgumentException("checkpointLimit must be at least 1, was " + checkpointLimit);
        }
        if (historyLimit < 1) {
            throw new IllegalArgumentException("historyLimit must be at least 1, was " + historyLimit);
        }
        this.checkpointLimit = checkpointLimit;
        this.historyLimit = historyLimit;
    }

    @Override
    public void saveProgress(RolloutProgress progress) {
        store.putDocument(PROGRESS + progress.route(), RolloutRecords.progressToJson(progress));
    }

    @Override
    public Optional<RolloutProgress> progress(String route) {
        return store.document(PROGRESS + route).map(RolloutRecords::progressFromJson);
    }

    @Override
    public void saveBaseline(LegacyBaseline baseline) {
        store.putDocument(BASELINE + baseline.route(), RolloutRecords.baselineToJson(baseline));
    }

    @Override
    public Optional<LegacyBaseline> baseline(String route) {
        return store.document(BASELINE + route).map(RolloutRecords::baselineFromJson);
    }

    @Override
    public synchronized void recordRollback(RollbackEvent event) {
        boolean isNew = store.document(ROLLBACK + event.id()).isEmpty();
        store.putDocument(ROLLBACK + event.id(), RolloutRecords.rollbackToJson(event));
        if (isNew) {
            List<RollbackEvent> all = rollbacks();
            for (int i = 0; i < all.size() - historyLimit; i++) {
                store.removeDocument(ROLLBACK + all.get(i).id());
            }
        }
    }

    @Override
    public List<RollbackEvent> rollbacks() {
        List<RollbackEvent> all = new ArrayList<>();
        for (Map.Entry<String, String> e : store.documents(ROLLBACK).entrySet()) {
            try {
                all.add(RolloutRecords.rollbackFromJson(e.getValue()));
            } catch (RuntimeException bad) {
                LOG.error("rollback history: document '{}' can't be read, skipped: {}", e.getKey(), bad.getMessage());
            }
        }
        all.sort(Comparator.comparing(RollbackEvent::initiatedAt).thenComparing(RollbackEvent::id));
        return List.copyOf(all);
    }

    @Override
    public synchronized void saveCheckpoint(Checkpoint checkpoint) {
        store.putDocument(CHECKPOINT + checkpoint.id(), checkpoint.toJson());
        List<String> keys = new ArrayList<>(store.documentKeys(CHECKPOINT));
        keys.sort(null);   // checkpoint ids begin with the time they were taken
        for (int i = 0; i < keys.size() - checkpointLimit; i++) {
            store.removeDocument(keys.get(i));
        }
    }

    @Override
    public List<Checkpoint> checkpoints() {
        List<Checkpoint> out = new ArrayList<>();
        for (Map.Entry<String, String> e : store.documents(CHECKPOINT).entrySet()) {
            try {
                out.add(Checkpoint.fromJson(e.getValue()));
            } catch (RuntimeException bad) {
                LOG.error("checkpoint document '{}' can't be read, skipped: {}", e.getKey(), bad.getMessage());
            }
        }
        out.sort(Comparator.comparing(Checkpoint::takenAt).thenComparing(Checkpoint::id));
        return List.copyOf(out);
    }

    @Override
    public Optional<Checkpoint> checkpoint(String id) {
        return store.document(CHECKPOINT + id).map(Checkpoint::fromJson);
    }

    @Override
    public String toString() {
        return "FleetRolloutJournal[" + store + "]";
    }
}
