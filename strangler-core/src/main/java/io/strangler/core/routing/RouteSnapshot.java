package io.strangler.core.routing;

import com.github.benmanes.caffeine.cache.Cache;
import io.strangler.api.Operation;
import io.strangler.api.dualwrite.DualWriteMode;
import io.strangler.api.RouteState;
import io.strangler.api.RoutingContext;
import io.strangler.api.RoutingDecision.Reason;
import io.strangler.api.Stage;
import io.strangler.api.Side;
import io.strangler.core.Bucketing;
import java.util.Set;

/**
 * One route state, prepared for routing: the decision rules evaluated against it, and the path each kind of call
 * takes. Immutable; a route swaps its snapshot with one volatile write, and a call reads it with one volatile read.
 *
 * <p>A decision is returned as an {@code int} code (reason and target packed together) so that deciding
 * allocates nothing.
 */
final class RouteSnapshot {

    /** {@link #path}: the call goes to the decided side alone. */
    static final int ONE_SIDE = 0;
    /** {@link #path}: a read where both sides hold the data: a read preference or a shadow may apply. */
    static final int READ_BOTH = 1;
    /** {@link #path}: a write to the authoritative side, then a second write to the other. */
    static final int WRITE_BOTH = 2;
    /** {@link #path}: dual writes are suspended: legacy takes the write alone, and modern's miss is recorded. */
    static final int WRITE_LEGACY_ALONE = 3;

    private static final Reason[] REASONS = Reason.values();

    final RouteState state;
    final boolean stale;
    /** The target of every call, when the decision depends on neither the key nor the context; else null. */
    final Side fixedTarget;
    final int fixedCode;

    private final Stage stage;
    private final String cohort;
    private final int percentage;
    private final String[] forcedLegacy;
    private final String[] forcedModern;
    private final String[] rolloutSegments;
    private final boolean pinning;
    private final boolean stateless;

    /** Both sides hold current data and serve: reads may be shadowed or answered by either side. */
    private final boolean readsBoth;
    /**
     * Reads need the dual-read path: both sides read, and the state samples shadows or prefers a side. A read whose
     * operation carries its own preference needs it whenever {@link #readsBoth}.
     */
    private final boolean dualReads;
    /** Writes go to both sides. */
    private final boolean dualWrites;
    /**
     * The stage dual-writes, but the route is disabled or stale: legacy takes every write alone, and each write
     * modern misses is recorded in the reconciliation log, so that turning the route back on loses nothing.
     */
    private final boolean writesSuspended;
    /** Any of the above: the one flag the call path checks before the plain single-side path. */
    final boolean extra;
    private final int shadowSample;
    private final String shadowSalt;

    RouteSnapshot(RouteState state, boolean stale, boolean pinning, boolean stateless) {
        this.state = state;
        this.stale = stale;
        this.stage = state.stage();
        this.cohort = state.cohort();
        this.percentage = state.percentageBasisPoints();
        this.forcedLegacy = state.forcedLegacySegments().toArray(new String[0]);
        this.forcedModern = state.forcedModernSegments().toArray(new String[0]);
        this.rolloutSegments = state.rolloutSegments().toArray(new String[0]);
        this.pinning = pinning;
        this.stateless = stateless;
        this.fixedCode = fixed();
        this.fixedTarget = fixedCode < 0 ? null : target(fixedCode);
        boolean live = !stale && state.enabled();
        this.readsBoth = live && (stage == Stage.SHADOW || stage == Stage.CANARY || stage == Stage.MODERN);
        this.dualReads = readsBoth && (state.shadowSampleBasisPoints() > 0
                || state.readPreference() != io.strangler.api.shadow.ReadPreference.SERVING);
        boolean writingStage = stage == Stage.DUAL_WRITE || stage == Stage.SHADOW || stage == Stage.CANARY
                || stage == Stage.MODERN;
        boolean dualWriting = !stateless && state.dualWriteMode() != DualWriteMode.OFF && writingStage;
        this.dualWrites = live && dualWriting;
        this.writesSuspended = !live && dualWriting;
        this.extra = readsBoth || dualWrites || writesSuspended;
        this.shadowSample = state.shadowSampleBasisPoints();
        this.shadowSalt = state.cohort() + ":shadow";
    }

    /**
     * The path a call of {@code op} takes on this state, decided here once for the synchronous and the
     * asynchronous executor alike.
     *
     * @return {@link #ONE_SIDE}, {@link #READ_BOTH}, {@link #WRITE_BOTH} or {@link #WRITE_LEGACY_ALONE}
     */
    int path(Operation op) {
        if (!extra) {
            return ONE_SIDE;
        }
        if (op.isRead()) {
            // An operation that names its own preference needs the read-both path wherever both sides serve.
            return dualReads || (readsBoth && op.preference() != null) ? READ_BOTH : ONE_SIDE;
        }
        return dualWrites ? WRITE_BOTH : writesSuspended ? WRITE_LEGACY_ALONE : ONE_SIDE;
    }

    RouteSnapshot withStale(boolean stale) {
        return stale == this.stale ? this : new RouteSnapshot(state, stale, pinning, stateless);
    }

    /** Whether a read of {@code key} is picked for shadowing. */
    boolean shadowSampled(String key, boolean perKey, Draws draws) {
        if (shadowSample >= RouteState.MAX_BASIS_POINTS) {
            return true;
        }
        if (shadowSample <= 0) {
            return false;
        }
        if (perKey && key != null) {
            return Bucketing.bucket(shadowSalt, key) < shadowSample;
        }
        return draws.applyAsInt(RouteState.MAX_BASIS_POINTS) < shadowSample;
    }

    static int code(Reason reason, Side target) {
        return reason.ordinal() << 1 | target.ordinal();
    }

    static Side target(int code) {
        return (code & 1) == 0 ? Side.LEGACY : Side.MODERN;
    }

    static Reason reason(int code) {
        return REASONS[code >>> 1];
    }

    /** Whether the decision came from the bucket, so that it may be pinned. */
    static boolean pinnable(int code) {
        int reason = code >>> 1;
        return reason == Reason.IN_ROLLOUT.ordinal() || reason == Reason.NOT_IN_ROLLOUT.ordinal();
    }

    private int fixed() {
        if (stage == Stage.RETIRED) {
            // Legacy no longer receives writes: neither the kill switch nor staleness may send calls there.
            return code(Reason.STAGE, Side.MODERN);
        }
        if (stale) {
            return code(Reason.STALE_STATE, Side.LEGACY);
        }
        if (!state.enabled()) {
            return code(Reason.DISABLED, Side.LEGACY);
        }
        if (!stage.servesModern()) {
            return code(Reason.STAGE, Side.LEGACY);
        }
        if (stage == Stage.MODERN && forcedLegacy.length == 0 && !pinning) {
            return code(Reason.STAGE, Side.MODERN);
        }
        return -1;
    }

    /**
     * Decides who serves {@code key}.
     *
     * @param key the routing key, or null
     * @param pins the route's pins, or null when pinning is off
     * @param nullKeyPolicy the side for keyless calls
     * @param quiet whether to read pins without refreshing their expiry (for {@code decide}, which has no effect)
     * @return the decision code
     */
    int decide(String key, Cache<String, Side> pins, Side nullKeyPolicy, boolean quiet) {
        if (fixedCode >= 0) {
            return fixedCode;
        }
        Set<String> segments = forcedLegacy.length + forcedModern.length + rolloutSegments.length == 0
                ? Set.of() : RoutingContext.current().segments();
        if (intersects(forcedLegacy, segments)) {
            return code(Reason.FORCED_LEGACY_SEGMENT, Side.LEGACY);
        }
        if (pins != null && key != null) {
            Side pinned = quiet ? pins.policy().getIfPresentQuietly(key) : pins.getIfPresent(key);
            if (pinned != null) {
                return code(Reason.PINNED, pinned);
            }
        }
        if (stage == Stage.MODERN) {
            return code(Reason.STAGE, Side.MODERN);
        }
        if (intersects(forcedModern, segments)) {
            return code(Reason.FORCED_MODERN_SEGMENT, Side.MODERN);
        }
        if (rolloutSegments.length != 0 && !intersects(rolloutSegments, segments)) {
            return code(Reason.OUTSIDE_ROLLOUT_SEGMENTS, Side.LEGACY);
        }
        if (key == null) {
            return code(Reason.NO_KEY, nullKeyPolicy);
        }
        return Bucketing.bucket(cohort, key) < percentage
                ? code(Reason.IN_ROLLOUT, Side.MODERN)
                : code(Reason.NOT_IN_ROLLOUT, Side.LEGACY);
    }

    private static boolean intersects(String[] wanted, Set<String> segments) {
        if (segments.isEmpty()) {
            return false;
        }
        for (String segment : wanted) {
            if (segments.contains(segment)) {
                return true;
            }
        }
        return false;
    }
}
