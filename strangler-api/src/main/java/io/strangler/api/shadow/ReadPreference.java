package io.strangler.api.shadow;

import io.strangler.api.Stage;

/**
 * Which side's answer a read returns in the stages where both sides hold the same data ({@link Stage#SHADOW},
 * {@link Stage#CANARY}, {@link Stage#MODERN}). In the other stages the stage decides alone: legacy in
 * {@link Stage#LEGACY} and {@link Stage#DUAL_WRITE} (modern may not have the data yet), modern in
 * {@link Stage#RETIRED}, and legacy when the route is disabled.
 */
public enum ReadPreference {
    /** The side the routing decision chose for the key (the default). */
    SERVING,
    /** Legacy answers every read; modern may still be shadowed and compared ("dark canary"). */
    LEGACY,
    /** Modern answers every read; legacy may still be shadowed and compared. */
    MODERN,
    /**
     * Both sides are called at once on the shadow executor and the first success is returned; the other call is
     * cancelled and counted. Reads only. When the executor can't take both calls, the read is served by the
     * routing decision's side on the caller's thread.
     */
    FASTEST
}
