package io.strangler.examples.demo;

import io.strangler.api.RouteStats;
import io.strangler.examples.cv.KeyedStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The check at the end that dual writes lost nothing: for each stateful route, every key a user wrote is held by both
 * sides' stores, with equal values, once the reconciliation log has been replayed; and the route counted no lost
 * second write nor a verified dual write that differed.
 */
final class DualWriteCheck {

    private DualWriteCheck() {
    }

    /**
     * Checks one route.
     *
     * @param route a stateful route
     * @param data the stores and the keys written
     * @param stats the route's counters, summed over the fleet
     * @param waitingInLog the route's entries still in the reconciliation log after the last replay
     * @return what was found
     */
    static DemoSummary.DualWrites check(String route, SharedData data, RouteStats stats, long waitingInLog) {
        List<KeyedStore<?>> stores = data.stores(route);
        KeyedStore<?> legacy = stores.get(0);
        KeyedStore<?> modern = stores.get(1);
        Set<String> written = data.written(route);
        long missingLegacy = 0;
        long missingModern = 0;
        long different = 0;
        List<String> examples = new ArrayList<>();
        for (String key : written) {
            Object l = legacy.get(key);
            Object m = modern.get(key);
            if (l == null) {
                missingLegacy++;
            }
            if (m == null) {
                missingModern++;
            }
            if (l != null && m != null && !Objects.equals(l, m)) {
                different++;
            }
            if ((l == null || m == null || !Objects.equals(l, m)) && examples.size() < 3) {
                examples.add(key + ": legacy " + l + ", modern " + m);
            }
        }
        RouteStats.SecondaryWrites w = stats.secondaryWrites();
        return new DemoSummary.DualWrites(route, written.size(), legacy.size(), modern.size(), missingLegacy,
                missingModern, different, w.succeeded(), w.failed() + w.skipped(), w.verified(),
                w.integrityFailures(), w.lost(), waitingInLog, List.copyOf(examples));
    }
}
