package io.strangler.api.dualwrite;

import io.strangler.api.Stage;

/**
 * How the second write of {@link Stage#DUAL_WRITE}, {@link Stage#SHADOW}, {@link Stage#CANARY} and
 * {@link Stage#MODERN} is made, after the authoritative side's write has returned.
 */
public enum DualWriteMode {
    /** On the caller's thread, after the authoritative write; the caller waits for it but never sees its outcome. */
    SYNC,
    /** On the router's bounded secondary-write executor; when it is full the write goes to the reconciliation log. */
    ASYNC,
    /**
     * No second write. Rollback then loses the writes modern served; allowed only on routes that say so
     * ({@link DualWriteSettings.Builder#allowLossyRollback(boolean)}), and the router warns while modern serves keys.
     */
    OFF
}
