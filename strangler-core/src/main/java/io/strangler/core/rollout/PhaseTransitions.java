package io.strangler.core.rollout;

import static io.strangler.core.rollout.RolloutStatus.Phase.ABORTED;
import static io.strangler.core.rollout.RolloutStatus.Phase.AWAITING_APPROVAL;
import static io.strangler.core.rollout.RolloutStatus.Phase.COMPLETE;
import static io.strangler.core.rollout.RolloutStatus.Phase.FROZEN;
import static io.strangler.core.rollout.RolloutStatus.Phase.GUARDED;
import static io.strangler.core.rollout.RolloutStatus.Phase.NOT_STARTED;
import static io.strangler.core.rollout.RolloutStatus.Phase.PAUSED;
import static io.strangler.core.rollout.RolloutStatus.Phase.RAMPING_DOWN;
import static io.strangler.core.rollout.RolloutStatus.Phase.ROLLED_BACK;
import static io.strangler.core.rollout.RolloutStatus.Phase.RUNNING;

import io.strangler.core.rollout.RolloutStatus.Phase;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The table of the phase changes a rollout may make, as resilience4j's {@code StateTransition} is for a circuit
 * breaker: {@link RolloutStateMachine#transition} refuses anything else. Staying in a phase is always allowed (the
 * reason changes, a tick waits again). Read by rows:
 *
 * <ul>
 * <li>On the plan ({@code NOT_STARTED}, {@code RUNNING}, {@code AWAITING_APPROVAL}) the schedule moves the route on,
 *     waits, asks for approval or completes it; a route found at 100 % already is adopted as {@code COMPLETE}.</li>
 * <li>A person pauses a rollout on the plan; a change made outside the controller pauses a rollout on the plan,
 *     frozen or complete. A paused or frozen rollout is resumed onto the plan (or back to {@code GUARDED}); a pause
 *     before the first tick gives way to the position the first tick finds.</li>
 * <li>A manual trigger freezes any rollout still running; a graceful one ramps down every route of its scope that
 *     serves modern traffic, whatever its phase; an immediate rollback and an abort end any rollout, and an ended
 *     one is named again by the latest (aborted after rolled back, or the reverse).</li>
 * <li>A person restarts an ended rollout onto the plan.</li>
 * </ul>
 *
 * Carrying on from the journal and restoring a checkpoint put a saved phase back; they are not transitions and do
 * not pass through this table.
 */
final class PhaseTransitions {

    private static final Map<Phase, Set<Phase>> ALLOWED = new EnumMap<>(Phase.class);

    static {
        allow(NOT_STARTED, RUNNING, AWAITING_APPROVAL, COMPLETE, PAUSED, FROZEN, RAMPING_DOWN, ROLLED_BACK, ABORTED);
        allow(RUNNING, AWAITING_APPROVAL, COMPLETE, PAUSED, FROZEN, RAMPING_DOWN, ROLLED_BACK, ABORTED);
        allow(AWAITING_APPROVAL, RUNNING, PAUSED, FROZEN, RAMPING_DOWN, ROLLED_BACK, ABORTED);
        allow(PAUSED, NOT_STARTED, RUNNING, COMPLETE, GUARDED, FROZEN, RAMPING_DOWN, ROLLED_BACK, ABORTED);
        allow(FROZEN, NOT_STARTED, RUNNING, GUARDED, PAUSED, RAMPING_DOWN, ROLLED_BACK, ABORTED);
        allow(RAMPING_DOWN, FROZEN, ROLLED_BACK, ABORTED);
        allow(COMPLETE, PAUSED, FROZEN, RAMPING_DOWN, ROLLED_BACK, ABORTED);
        allow(GUARDED, FROZEN, RAMPING_DOWN, ABORTED);
        allow(ROLLED_BACK, NOT_STARTED, RUNNING, COMPLETE, RAMPING_DOWN, ABORTED);
        allow(ABORTED, NOT_STARTED, RUNNING, COMPLETE, RAMPING_DOWN, ROLLED_BACK);
    }

    private PhaseTransitions() {
    }

    private static void allow(Phase from, Phase... to) {
        Set<Phase> next = EnumSet.of(from, to);
        ALLOWED.put(from, Collections.unmodifiableSet(next));
    }

    /**
     * Whether the table allows the move.
     *
     * @param from the phase a rollout is in
     * @param to the phase it would move to
     * @return whether the table allows the move
     */
    static boolean allowed(Phase from, Phase to) {
        return ALLOWED.get(from).contains(to);
    }

    /**
     * The phases a rollout in {@code from} may move to, itself included.
     *
     * @param from a phase
     * @return the phases a rollout in {@code from} may move to, itself included
     */
    static Set<Phase> from(Phase from) {
        return ALLOWED.get(from);
    }

    /**
     * Checks one move.
     *
     * @param route the rollout's route, for the message
     * @param from the phase it is in
     * @param to the phase it would move to
     * @throws IllegalStateException if the table does not allow the move; the message names the route, both phases
     *         and the phases allowed
     */
    static void check(String route, Phase from, Phase to) {
        if (!allowed(from, to)) {
            throw new IllegalStateException("route '" + route + "': the rollout can't move from " + from + " to "
                    + to + "; from " + from + " it may move to " + from(from));
        }
    }
}
