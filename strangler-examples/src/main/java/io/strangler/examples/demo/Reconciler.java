package io.strangler.examples.demo;

import io.strangler.api.Side;
import io.strangler.api.reconcile.ReconciliationEntry;
import io.strangler.api.reconcile.ReconciliationLog;
import io.strangler.api.reconcile.ReplayReport;
import io.strangler.examples.cv.KeyedStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The operations job that replays the reconciliation log: every half virtual hour, and once more at the end, each
 * second write a side missed is made again by copying the key's value from the side that has it (the authoritative
 * one) to the side that missed it. Copying the current value rather than replaying the recorded arguments is safe
 * for the platform's upserts and appends, and never puts an older value over a newer one.
 */
final class Reconciler {

    private final SharedData data;
    private final List<ReconciliationLog> logs;
    private long replayed;
    private long failed;

    /**
     * A job over the instances' logs; a log the instances share is replayed once.
     *
     * @param data the stores to copy between
     * @param logs every instance's log
     */
    Reconciler(SharedData data, List<ReconciliationLog> logs) {
        this.data = data;
        Set<ReconciliationLog> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        List<ReconciliationLog> kept = new ArrayList<>();
        for (ReconciliationLog log : logs) {
            if (distinct.add(log)) {
                kept.add(log);
            }
        }
        this.logs = List.copyOf(kept);
    }

    /**
     * Replays every entry of the stateful routes.
     *
     * @return how many entries were replayed in this pass
     */
    int replayAll() {
        int now = 0;
        for (ReconciliationLog log : logs) {
            for (String route : SharedData.statefulRoutes()) {
                ReplayReport report;
                do {
                    report = log.replay(route, this::replay, 1_000);
                    now += report.replayed();
                    replayed += report.replayed();
                    failed += report.failed();
                } while (report.replayed() == 1_000);
            }
        }
        return now;
    }

    /** Entries replayed so far. */
    long replayed() {
        return replayed;
    }

    /** Replays that failed so far (each entry stays in its log). */
    long failed() {
        return failed;
    }

    /** Entries of one route still waiting in the logs. */
    long waiting(String route) {
        return logs.stream().mapToLong(log -> log.list(route, Integer.MAX_VALUE).size()).sum();
    }

    /** Entries the logs dropped when full, of every route: writes no one can replay. */
    long overflow() {
        return logs.stream().mapToLong(ReconciliationLog::overflowCount).sum();
    }

    private void replay(ReconciliationEntry entry) {
        if (entry.key() == null) {
            throw new IllegalStateException("entry " + entry.id() + " of route '" + entry.route()
                    + "' has no key to copy");
        }
        switch (PlatformRoute.named(entry.route())) {
            case CV_ANALYZER -> copy(data.legacySkills, data.modernSkills, entry);
            case CACHE_MANAGER -> copy(data.legacyProfiles, data.modernProfiles, entry);
            case ACTION_ORCHESTRATOR -> copy(data.legacyReceipts, data.modernReceipts, entry);
            default -> throw new IllegalStateException("route '" + entry.route() + "' holds no data to replay");
        }
    }

    private static <V> void copy(KeyedStore<V> legacy, KeyedStore<V> modern, ReconciliationEntry entry) {
        KeyedStore<V> missed = entry.failedSide() == Side.LEGACY ? legacy : modern;
        KeyedStore<V> has = entry.failedSide() == Side.LEGACY ? modern : legacy;
        V value = has.get(entry.key());
        if (value == null) {
            throw new IllegalStateException(has.name() + " holds nothing for " + entry.key() + " either");
        }
        missed.put(entry.key(), value);
    }
}
