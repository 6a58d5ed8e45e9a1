package io.strangler.core.rollout;

import io.strangler.api.event.RollbackEvent;
import io.strangler.api.health.TriggerSettings;
import io.strangler.core.rollout.RolloutStatus.Phase;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the rollouts in step with the {@link RolloutJournal}: takes back what it kept when the controller is built
 * (the rollback history, then each rollout's progress and ramp), and saves each rollout's progress whenever it
 * changed. A journal that fails is logged once, never let stop a rollout, and tried again at the next save. Guarded by
 * the controller's lock.
 */
final class JournalSync {

    /** The controller's logger, so that one logger name covers every rollout decision. */
    private static final Logger LOG = LoggerFactory.getLogger(RolloutController.class);

    private final RolloutJournal journal;
    private final Rollouts rollouts;
    private final GracefulRamps ramps;
    private final RollbackVerification verification;
    private final Clock clock;
    /** The progress last saved per route, to save again only on a change. */
    private final Map<String, RolloutProgress> saved = new LinkedHashMap<>();
    /** Whether the latest write failed: the next failure is not logged again, the next success is. */
    private boolean failing;

    JournalSync(RolloutJournal journal, Rollouts rollouts, GracefulRamps ramps, RollbackVerification verification,
            Clock clock) {
        this.journal = journal;
        this.rollouts = rollouts;
        this.ramps = ramps;
        this.verification = verification;
        this.clock = clock;
    }

    /** Takes back what the journal kept: the rollback history, then each route's progress. */
    void carryOn() {
        Instant now = clock.instant();
        List<RollbackEvent> history = List.of();
        try {
            history = journal.rollbacks();
        } catch (RuntimeException e) {
            LOG.error("reading the rollback history from the journal ({}) failed; starting without it", journal, e);
        }
        Map<String, TriggerSettings> triggers = new LinkedHashMap<>();
        for (RolloutStateMachine r : rollouts.all()) {
            triggers.put(r.name(), r.triggers());
        }
        verification.restore(history, triggers, now);
        for (RolloutStateMachine r : rollouts.all()) {
            try {
                journal.progress(r.name()).ifPresent(p -> carryOn(r, p));
            } catch (RuntimeException e) {
                LOG.error("route '{}': reading its progress from the journal failed; it is adopted where its state "
                        + "is", r.name(), e);
            }
        }
        verification.finishRestore(now);
    }

    private void carryOn(RolloutStateMachine r, RolloutProgress p) {
        if (!r.fits(p)) {
            LOG.warn("route '{}': the journal has it {} on step {}, which does not fit its {} here; it is adopted "
                    + "where its state is", r.name(), p.phase(), p.step(), r.planned()
                    ? "plan of " + r.plan().size() + " steps" : "triggers without a plan");
            return;
        }
        RollbackEvent open = verification.openEvent(p.openRollbackId());
        boolean rampGoesOn = p.phase() != Phase.RAMPING_DOWN || (open != null && ramps.resume(r.name(),
                p.openRollbackId(), p.rampFromBasisPoints(), p.rampStartedAt(), p.rampDuration()));
        r.carryOn(p, open, rampGoesOn ? null : "was ramping down when the last controller stopped, but its rollback "
                + "is not open any more: paused, resume or abort it");
        saved.put(r.name(), p);
        LOG.info("route '{}': {}", r.name(), r.reason());
    }

    /** Saves the progress of every route whose progress changed since it was last saved. */
    void save() {
        Instant now = clock.instant();
        for (RolloutStateMachine r : rollouts.all()) {
            RolloutProgress p = r.progress(ramps.get(r.name()), now);
            RolloutProgress last = saved.get(r.name());
            if (last != null && sameProgress(last, p)) {
                continue;
            }
            try {
                journal.saveProgress(p);
                saved.put(r.name(), p);
                if (failing) {
                    failing = false;
                    LOG.info("the rollout journal ({}) accepts writes again", journal);
                }
            } catch (RuntimeException e) {
                if (!failing) {
                    failing = true;
                    LOG.error("route '{}': saving its progress in the journal ({}) failed; retried at every tick, "
                            + "logged again once it works", r.name(), journal, e);
                }
            }
        }
    }

    /** Whether two saves hold the same progress; the reason and the time saved do not count. */
    private static boolean sameProgress(RolloutProgress a, RolloutProgress b) {
        return a.phase() == b.phase() && a.step() == b.step() && Objects.equals(a.stepStartedAt(), b.stepStartedAt())
                && a.approved() == b.approved() && Objects.equals(a.approvedBy(), b.approvedBy())
                && a.knownVersion() == b.knownVersion()
                && Objects.equals(a.judgeSince(), b.judgeSince())
                && Objects.equals(a.openRollbackId(), b.openRollbackId())
                && a.rampFromBasisPoints() == b.rampFromBasisPoints()
                && Objects.equals(a.rampStartedAt(), b.rampStartedAt());
    }
}
