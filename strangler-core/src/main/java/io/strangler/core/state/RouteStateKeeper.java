package io.strangler.core.state;

import io.strangler.api.spi.RouteStateStore;
import java.time.Clock;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.strangler.api.dualwrite.DualWriteMode;
import io.strangler.api.InvalidStateRecordException;
import io.strangler.api.RollbackRefusedException;
import io.strangler.api.RouteDefinition;
import io.strangler.api.Revision;
import io.strangler.api.RouteState;
import io.strangler.api.Stage;
import io.strangler.api.StateConflictException;
import io.strangler.api.event.StageChangeEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Keeps one route's state: versioned changes with compare-and-set in the store, the background refresh, the
 * store's health (a corrupt record is ignored and counted; past {@code maxStaleness} the route serves legacy), and
 * the swap of the route's routing snapshot. The call path never comes here: it reads the snapshot this class
 * installs.
 *
 * <p>Versions only move forward here: a refresh installs a stored state only when it is newer than the one held (or
 * of the same version with another kill switch, which an operator flips in FF4J without a new version), so a read
 * that started before a change made here never undoes it.
 *
 * <p>A change made while the store can't be written applies here at once and is kept as an <em>intent</em>: the
 * change itself, not the state it made. When the store answers again, the intents are applied to what the store
 * holds then and written with compare-and-set. If the store still holds the state they were made on, all of them
 * are; if it changed meanwhile (a change made elsewhere, a kill switch pulled in FF4J), that change wins: only the
 * rollbacks made here are applied on top of it, the other intents are dropped, and a warning says which.
 */
public final class RouteStateKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(RouteStateKeeper.class);
    private static final int MAX_UPDATE_ATTEMPTS = 10;

    private final String name;
    private final RouteDefinition<?> definition;
    private final RouteStateStore store;
    private final Clock clock;
    private final Duration maxStaleness;
    private final Consumer<StageChangeEvent> onChange;
    private final CircuitBreaker breaker;
    /** Releases every pinned key; run by a rollback. */
    private final Runnable releasePins;
    private final InstalledState installed;
    private final LongAdder corruptRecords = new LongAdder();
    private final LongAdder storeUnavailable = new LongAdder();

    // Guarded by this: changes the store has not taken yet, oldest first, and the stored state they were made on.
    private final List<Intent> intents = new ArrayList<>();
    private RouteState intentBase;
    // Touched only by refresh(), which the router serialises.
    private boolean storeHealthy = true;
    private String lastCorruptRecord;
    private long lastSuccessfulRefreshMillis;
    private CircuitBreaker.State lastBreakerState = CircuitBreaker.State.CLOSED;

    /**
     * Creates a {@code RouteStateKeeper}.
     *
     * @param definition the route's definition
     * @param store where states are kept
     * @param clock the time of changes and of staleness
     * @param maxStaleness how long the state may go unrefreshed before the route serves legacy, or null
     * @param onChange hears every state installed, made here or picked up from the store
     * @param breaker modern's circuit breaker, whose state changes are logged at refresh
     * @param releasePins releases every pinned key
     * @param installed the state the route routes on
     */
    public RouteStateKeeper(RouteDefinition<?> definition, RouteStateStore store, Clock clock, Duration maxStaleness,
            Consumer<StageChangeEvent> onChange, CircuitBreaker breaker, Runnable releasePins,
            InstalledState installed) {
        this.name = definition.name();
        this.definition = definition;
        this.store = store;
        this.clock = clock;
        this.maxStaleness = maxStaleness;
        this.onChange = onChange;
        this.breaker = breaker;
        this.releasePins = releasePins;
        this.installed = installed;
        this.lastSuccessfulRefreshMillis = clock.millis();
    }

    /**
     * Failed reads and writes of the store so far.
     *
     * @return failed reads and writes of the store so far
     */
    public long storeUnavailable() {
        return storeUnavailable.sum();
    }

    /**
     * Corrupt records found in the store and ignored so far.
     *
     * @return corrupt records found in the store and ignored so far
     */
    public long corruptRecords() {
        return corruptRecords.sum();
    }

    /**
     * Changes the state, retrying on a concurrent change; see {@link io.strangler.api.Route#update}.
     *
     * @param actor who makes the change
     * @param reason why
     * @param change edits a builder that starts from the current state
     * @return the new state
     */
    public RouteState update(String actor, String reason, UnaryOperator<RouteState.Builder> change) {
        return change(null, actor, reason, change, false);
    }

    /**
     * Changes the state if it is still at {@code expectedVersion}; see {@link io.strangler.api.Route#compareAndUpdate}.
     *
     * @param expectedVersion the version the change was computed from
     * @param actor who makes the change
     * @param reason why
     * @param change edits a builder that starts from the current state
     * @return the new state
     */
    public RouteState compareAndUpdate(long expectedVersion, String actor, String reason,
            UnaryOperator<RouteState.Builder> change) {
        return change(expectedVersion, actor, reason, change, false);
    }

    /**
     * Rolls the route back; see {@link io.strangler.api.Route#rollback}.
     *
     * @param actor who rolls back
     * @param reason why
     * @return the new state
     */
    public RouteState rollback(String actor, String reason) {
        return change(null, actor, reason, b -> b.stage(rollbackStage(b.stage(), b.build().dualWriteMode()))
                .percentageBasisPoints(0), true);
    }

    /**
     * Where a rollback goes: legacy serves every read and write in both stages, but a route that has been
     * dual-writing keeps doing so ({@link Stage#DUAL_WRITE}), so that modern misses no write while it is rolled
     * back; a second write it fails goes to the reconciliation log. A route that never dual-wrote, is stateless or
     * has dual writes off goes to {@link Stage#LEGACY}.
     */
    private Stage rollbackStage(Stage current, DualWriteMode mode) {
        boolean dualWrites = !definition.dualWrites().isStateless() && mode != DualWriteMode.OFF;
        return dualWrites && current != Stage.LEGACY ? Stage.DUAL_WRITE : Stage.LEGACY;
    }

    private synchronized RouteState change(Long expectedVersion, String actor, String reason,
            UnaryOperator<RouteState.Builder> change, boolean rollback) {
        requireText("actor", actor);
        requireText("reason", reason);
        Objects.requireNonNull(change, "change");
        Intent intent = new Intent(actor, reason, change, rollback);
        for (int attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
            RouteState now = installed.current();
            RouteState current = intents.isEmpty() ? withStoredKillSwitch(now) : now;
            if (expectedVersion != null && current.version() != expectedVersion) {
                throw new StateConflictException(name, expectedVersion, current.version());
            }
            RouteState next = intent.applyTo(current);
            if (!intents.isEmpty()) {
                intents.add(intent);
                install(next, true);
                return done(next, rollback);
            }
            Boolean stored = persist(current, next);
            if (stored == null) {
                // The store can't be written: the change applies here and waits as an intent.
                intentBase = current;
                intents.add(intent);
                install(next, true);
                return done(next, rollback);
            }
            if (stored) {
                install(next, true);
                return done(next, rollback);
            }
            RouteState inStore = loadQuietly();
            if (inStore == null) {
                // No record (deleted by hand, or never written): write the state held here, then try again.
                recreate();
            } else if (!inStore.equals(current) && inStore.version() >= current.version()) {
                install(inStore, false);
            }
            if (expectedVersion != null) {
                throw new StateConflictException(name, expectedVersion, inStore == null ? -1 : inStore.version());
            }
        }
        if (rollback) {
            // A rollback is never blocked by the store: it applies here and is written when the store takes it.
            RouteState current = installed.current();
            RouteState next = intent.applyTo(current);
            LOG.error("route '{}': the store refused the rollback {} times (it keeps changing, or can't hold the "
                    + "record); rolled back here (v{}), and written when the store takes it", name,
                    MAX_UPDATE_ATTEMPTS, next.version());
            intentBase = current;
            intents.add(intent);
            install(next, true);
            return done(next, true);
        }
        throw new StateConflictException(name, installed.current().version(), -1);
    }

    private RouteState done(RouteState next, boolean rollback) {
        if (rollback) {
            releasePins.run();
        }
        return next;
    }

    /** A change as it was asked for: applied again to what the store holds when a change could not be written. */
    private final class Intent {
        final String actor;
        final String reason;
        final UnaryOperator<RouteState.Builder> change;
        final boolean rollback;

        Intent(String actor, String reason, UnaryOperator<RouteState.Builder> change, boolean rollback) {
            this.actor = actor;
            this.reason = reason;
            this.change = change;
            this.rollback = rollback;
        }

        /** The state this change makes of {@code current}; a rollback of a RETIRED route is refused. */
        RouteState applyTo(RouteState current) {
            if (rollback && current.stage() == Stage.RETIRED) {
                throw new RollbackRefusedException(name, "the route is RETIRED, legacy no longer receives writes");
            }
            return next(current, actor, reason, change);
        }

        @Override
        public String toString() {
            return (rollback ? "rollback" : "change") + " by " + actor + " (" + reason + ")";
        }
    }

    /**
     * The kill switch is the FF4J feature's flag, turned in the FF4J console without a new record version, so the
     * compare-and-set can't see it. Before a change, the stored state of the same version is taken over, so that a
     * change made here never turns back a kill switch an operator has just pulled.
     */
    private RouteState withStoredKillSwitch(RouteState current) {
        RouteState stored = loadQuietly();
        if (stored != null && stored.version() == current.version() && !stored.equals(current)) {
            install(stored, false);
            return stored;
        }
        return current;
    }

    private RouteState next(RouteState current, String actor, String reason,
            UnaryOperator<RouteState.Builder> change) {
        RouteState.Builder builder = change.apply(current.toBuilder());
        if (builder == null) {
            throw new IllegalArgumentException("change of route '" + name + "' returned a null builder");
        }
        if (!builder.route().equals(name)) {
            throw new IllegalArgumentException("change of route '" + name + "' returned a builder of route '"
                    + builder.route() + "'");
        }
        RouteState next = builder.build().withRevision(current.revision().next(actor, clock.instant(), reason));
        if (next.bucketingVersion() != RouteState.CURRENT_BUCKETING_VERSION) {
            throw new IllegalArgumentException("bucketingVersion " + next.bucketingVersion()
                    + " is not implemented by this release (it implements " + RouteState.CURRENT_BUCKETING_VERSION
                    + ")");
        }
        if (current.stage() == Stage.RETIRED && next.stage() != Stage.RETIRED) {
            throw new RollbackRefusedException(name, "the route is RETIRED, it can't move to " + next.stage()
                    + ": legacy no longer receives writes");
        }
        if (next.dualWriteMode() == DualWriteMode.OFF && current.dualWriteMode() != DualWriteMode.OFF
                && !definition.dualWrites().allowLossyRollback() && !definition.dualWrites().isStateless()) {
            throw new IllegalArgumentException("route '" + name + "': dualWriteMode OFF would make rollback lose the "
                    + "writes modern serves; the route must declare allowLossyRollback(true) or stateless(true)");
        }
        if (current.stage() == Stage.RETIRED && !next.enabled()) {
            throw new RollbackRefusedException(name, "the route is RETIRED, its kill switch would send calls to "
                    + "legacy, which no longer receives writes");
        }
        return next;
    }

    /**
     * Writes {@code next} with compare-and-set: true if written, false if the store holds another version, null if
     * the store could not be written.
     */
    private Boolean persist(RouteState current, RouteState next) {
        try {
            return store.compareAndSet(current.version(), next);
        } catch (RuntimeException e) {
            storeFailed(e, "write");
            return null;
        }
    }

    private RouteState loadQuietly() {
        try {
            return loadStored();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Reads the stored state. A record written with a bucketing algorithm this release does not implement (by a
     * newer release elsewhere in the fleet) is invalid here: routing on it would bucket users differently.
     */
    private RouteState loadStored() {
        RouteState stored = store.load(name).orElse(null);
        if (stored != null && stored.bucketingVersion() != RouteState.CURRENT_BUCKETING_VERSION) {
            throw new InvalidStateRecordException("route '" + name + "': state record field 'bucketingVersion' has "
                    + "value " + stored.bucketingVersion() + ", but this release implements only version "
                    + RouteState.CURRENT_BUCKETING_VERSION + "; refusing to reshuffle users");
        }
        return stored;
    }

    private void install(RouteState next, boolean local) {
        RouteState previous = installed.current();
        installed.install(next);
        try (MDC.MDCCloseable ignoredMdc = MDC.putCloseable("strangler.route", name)) {
            LOG.info("route '{}' {} state v{}: {} {}% enabled={} (by {}: {})", name,
                    local ? "changed to" : "picked up", next.version(), next.stage(), next.percentage(),
                    next.enabled(), next.revision().changedBy(), next.revision().reason());
        }
        onChange.accept(new StageChangeEvent(name, previous, next, local));
        if (!definition.dualWrites().isStateless() && next.dualWriteMode() == DualWriteMode.OFF && next.stage() != Stage.RETIRED
                && (next.effectivePercentageBasisPoints() > 0 || !next.forcedModernSegments().isEmpty())) {
            LOG.warn("route '{}': modern serves keys while dual writes are OFF: a rollback now would lose the writes "
                    + "modern has taken", name);
        }
    }

    private static void requireText(String field, String value) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " of a state change must not be blank, was '" + value + "'");
        }
    }

    /** Writes the intents waiting for the store, then reads the store. Serialised by the router. */
    public void refresh() {
        synchronized (this) {
            if (!intents.isEmpty()) {
                applyIntents();
            }
        }
        RouteState stored;
        try {
            stored = loadStored();
        } catch (InvalidStateRecordException e) {
            corruptRecord(e);
            return;
        } catch (RuntimeException e) {
            storeFailed(e, "read");
            checkStaleness();
            return;
        }
        storeRecovered();
        checkBreaker();
        if (stored == null) {
            recreate();
            return;
        }
        synchronized (this) {
            if (intents.isEmpty() && newer(stored, installed.current())) {
                install(stored, false);
            }
        }
    }

    /**
     * Whether {@code stored} replaces {@code held}: a newer version, or the same version with another kill switch (an
     * operator flips it in FF4J without a new version). An older version is a read that started before a change
     * made here, and never undoes it.
     */
    private static boolean newer(RouteState stored, RouteState held) {
        return stored.version() > held.version() || stored.version() == held.version() && !stored.equals(held);
    }

    /** The record is gone (deleted by hand, or never written because the store was down at registration). */
    private void recreate() {
        try {
            RouteState stored = store.createIfAbsent(installed.current());
            if (!stored.equals(installed.current())) {
                synchronized (this) {
                    install(stored, false);
                }
            }
        } catch (RuntimeException e) {
            storeFailed(e, "write");
        }
    }

    /**
     * Applies the changes made while the store could not be written to what it holds now, and writes the result with
     * compare-and-set. A store that changed meanwhile wins over every intent but a rollback.
     */
    private void applyIntents() {
        try {
            RouteState stored = loadStored();
            if (stored == null) {
                stored = store.createIfAbsent(intentBase);
            }
            boolean movedElsewhere = !stored.equals(intentBase);
            List<Intent> kept = new ArrayList<>();
            List<Intent> dropped = new ArrayList<>();
            for (Intent intent : intents) {
                (intent.rollback || !movedElsewhere ? kept : dropped).add(intent);
            }
            RouteState held = installed.current();
            // Versions only move forward here: on a store that moved, the result is numbered above both the
            // store's state and the one held here; on one that did not, it is the state held here.
            Revision base = stored.revision();
            RouteState next = !movedElsewhere ? stored : stored.withRevision(new Revision(
                    Math.max(stored.version(), held.version()), base.changedBy(), base.changedAt(), base.reason()));
            for (Intent intent : List.copyOf(kept)) {
                try {
                    next = intent.applyTo(next);
                } catch (RuntimeException refused) {
                    kept.remove(intent);
                    dropped.add(intent);
                }
            }
            if (kept.isEmpty()) {
                LOG.warn("route '{}': the store changed while it was unreachable from here (now v{} by {}: {}); "
                        + "{} made here dropped, the store's state wins", name, stored.version(),
                        stored.revision().changedBy(), stored.revision().reason(), dropped);
                intents.clear();
                install(stored, false);
                return;
            }
            if (!next.equals(held)) {
                install(next, true);
            }
            if (store.compareAndSet(stored.version(), next)) {
                if (movedElsewhere) {
                    LOG.warn("route '{}': the store changed while it was unreachable from here (v{} by {}: {}); {} "
                            + "applied on top of it as v{}{}", name, stored.version(), stored.revision().changedBy(),
                            stored.revision().reason(), kept, next.version(),
                            dropped.isEmpty() ? "" : ", " + dropped + " dropped");
                } else {
                    LOG.info("route '{}': {} made while the store was unreachable now stored as v{}", name, kept,
                            next.version());
                }
                intents.clear();
                return;
            }
            // The store moved again between the read and the write: the kept intents wait for the next refresh.
            intents.retainAll(kept);
            intentBase = stored;
        } catch (InvalidStateRecordException e) {
            corruptRecord(e);
        } catch (RuntimeException e) {
            storeFailed(e, "write");
        }
    }

    private void storeFailed(RuntimeException e, String what) {
        storeUnavailable.increment();
        if (storeHealthy) {
            storeHealthy = false;
            try (MDC.MDCCloseable ignoredMdc = MDC.putCloseable("strangler.route", name)) {
                LOG.warn("route '{}': state store failed to {}; serving the last known state (v{}) and retrying "
                        + "in the background", name, what, installed.current().version(), e);
            }
        }
    }

    private void storeRecovered() {
        lastSuccessfulRefreshMillis = clock.millis();
        if (!storeHealthy) {
            storeHealthy = true;
            LOG.info("route '{}': state store reachable again", name);
        }
        if (installed.stale()) {
            synchronized (this) {
                installed.markStale(false);
            }
            LOG.warn("route '{}': state is fresh again, routing resumes on v{}", name,
                    installed.current().version());
        }
    }

    private void checkStaleness() {
        Duration max = maxStaleness;
        if (max == null || installed.stale()) {
            return;
        }
        if (clock.millis() - lastSuccessfulRefreshMillis > max.toMillis()) {
            synchronized (this) {
                installed.markStale(true);
            }
            LOG.error("route '{}': state not refreshed for more than {}; serving legacy until the store is back",
                    name, max);
        }
    }

    private void corruptRecord(InvalidStateRecordException e) {
        corruptRecords.increment();
        if (!Objects.equals(lastCorruptRecord, e.getMessage())) {
            lastCorruptRecord = e.getMessage();
            try (MDC.MDCCloseable ignoredMdc = MDC.putCloseable("strangler.route", name)) {
                LOG.error("route '{}': ignoring a corrupt state record, keeping v{}: {}", name,
                        installed.current().version(), e.getMessage());
            }
        }
    }

    private void checkBreaker() {
        CircuitBreaker.State state = breaker.getState();
        if (state != lastBreakerState) {
            try (MDC.MDCCloseable ignoredMdc = MDC.putCloseable("strangler.route", name)) {
                LOG.warn("route '{}': modern's circuit breaker went from {} to {} (failure rate {}%)", name,
                        lastBreakerState, state, breaker.getMetrics().getFailureRate());
            }
            lastBreakerState = state;
        }
    }
}
