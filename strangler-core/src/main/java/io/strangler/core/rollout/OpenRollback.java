package io.strangler.core.rollout;

import io.strangler.api.health.TriggerSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A rollback not finished yet: the routes still ramping down, the routes rolled back, the failures, and when the
 * check of legacy began (null while routes still ramp). Mutable; guarded by the controller's lock.
 */
final class OpenRollback {

    /** The settings legacy is checked with on a route the controller does not run: the firing route's. */
    final TriggerSettings triggers;
    final Set<String> rampsLeft = new LinkedHashSet<>();
    final List<String> rolledBack = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    @Nullable Instant checkSince;
    /** Whether the check was logged as inconclusive after its window: logged once. */
    boolean inconclusiveLogged;

    OpenRollback(TriggerSettings triggers) {
        this.triggers = triggers;
    }

    /** Whether nothing ramps any more and the check of legacy has not begun: it begins now. */
    boolean readyForCheck() {
        return rampsLeft.isEmpty() && checkSince == null;
    }
}
