package io.strangler.core.rollout;

import io.strangler.api.event.RollbackEvent;
import java.util.List;
import java.util.Optional;

/**
 * Where a {@link RolloutController} keeps what must outlive it: each rollout's progress, each route's legacy
 * baseline, the rollback history and the checkpoints. The default, {@link Ff4jRolloutJournal}, keeps them in the router's FF4J instance (its property
 * store and its event repository), next to the route states, so a controller built again over the same store
 * carries on. Implementations must be thread-safe; the controller calls them from its tick and commands, never
 * from the call path, and logs and counts a failure instead of stopping.
 */
public interface RolloutJournal {

    /**
     * Saves a route's progress, replacing the one saved before.
     *
     * @param progress the progress
     */
    void saveProgress(RolloutProgress progress);

    /**
     * A route's latest saved progress.
     *
     * @param route a route
     * @return its latest saved progress, or empty
     */
    Optional<RolloutProgress> progress(String route);

    /**
     * Saves what was learned of a route's legacy side, replacing what was saved before.
     *
     * @param baseline the baseline
     */
    void saveBaseline(LegacyBaseline baseline);

    /**
     * A route's saved legacy baseline.
     *
     * @param route a route
     * @return its saved baseline, or empty
     */
    Optional<LegacyBaseline> baseline(String route);

    /**
     * Records one stage of a rollback's lifecycle. The stages of one rollback share its id.
     *
     * @param event the rollback at one stage of its lifecycle
     */
    void recordRollback(RollbackEvent event);

    /**
     * The rollback history.
     *
     * @return every rollback recorded, each in its latest lifecycle stage, oldest first
     */
    List<RollbackEvent> rollbacks();

    /**
     * Saves a checkpoint; the oldest ones may be dropped beyond the journal's limit.
     *
     * @param checkpoint the checkpoint
     */
    void saveCheckpoint(Checkpoint checkpoint);

    /**
     * The checkpoints kept.
     *
     * @return the checkpoints kept, oldest first
     */
    List<Checkpoint> checkpoints();

    /**
     * One checkpoint.
     *
     * @param id a checkpoint's id
     * @return that checkpoint, or empty if none is kept under that id
     */
    Optional<Checkpoint> checkpoint(String id);
}
