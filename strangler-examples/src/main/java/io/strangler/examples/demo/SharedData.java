package io.strangler.examples.demo;

import io.strangler.examples.cv.ActionReceipt;
import io.strangler.examples.cv.Analysis;
import io.strangler.examples.cv.CachedProfile;
import io.strangler.examples.cv.KeyedStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.TreeSet;

/**
 * What the instances of the platform share besides the route states: each stateful service's two data stores (the
 * monolith's and the module's, as two databases), the recommendation model's release, and the keys the users wrote,
 * which the dual-write check looks for on both sides at the end.
 */
final class SharedData {

    // Each stateful route's two stores, legacy's then modern's: two databases the fleet's instances share.
    final KeyedStore<Analysis> legacySkills = new KeyedStore<>("legacy skills (monolith)");
    final KeyedStore<Analysis> modernSkills = new KeyedStore<>("modern skills (CV module)");
    final KeyedStore<CachedProfile> legacyProfiles = new KeyedStore<>("legacy profile cache (monolith)");
    final KeyedStore<CachedProfile> modernProfiles = new KeyedStore<>("modern profile cache (cache module)");
    final KeyedStore<List<ActionReceipt>> legacyReceipts = new KeyedStore<>("legacy receipts (monolith)");
    final KeyedStore<List<ActionReceipt>> modernReceipts = new KeyedStore<>("modern receipts (action module)");
    /** The release of the modern recommendation generator every instance runs. */
    final ModelRelease release;
    /** The keys written per stateful route. */
    private final Map<String, Set<String>> written = Map.of(
            PlatformRoute.CV_ANALYZER.route(), new HashSet<>(),
            PlatformRoute.CACHE_MANAGER.route(), new HashSet<>(),
            PlatformRoute.ACTION_ORCHESTRATOR.route(), new HashSet<>());

    /** The shared data of a run whose release 2.1 carries {@code fault}. */
    SharedData(FaultKind fault) {
        this.release = new ModelRelease(fault);
    }

    /** A user wrote through a stateful route: the key must be on both sides at the end. */
    void wrote(String route, String key) {
        written.get(route).add(key);
    }

    /** The keys written through a stateful route, sorted. */
    Set<String> written(String route) {
        return new TreeSet<>(written.get(route));
    }

    /** The two stores of a stateful route: legacy's, then modern's. */
    List<KeyedStore<?>> stores(String route) {
        return switch (PlatformRoute.named(route)) {
            case CV_ANALYZER -> List.of(legacySkills, modernSkills);
            case CACHE_MANAGER -> List.of(legacyProfiles, modernProfiles);
            case ACTION_ORCHESTRATOR -> List.of(legacyReceipts, modernReceipts);
            default -> throw new IllegalArgumentException("route '" + route + "' holds no data");
        };
    }

    /** The stateful routes, whose two stores must hold the same data at the end. */
    static List<String> statefulRoutes() {
        return List.of(PlatformRoute.CV_ANALYZER.route(), PlatformRoute.CACHE_MANAGER.route(),
                PlatformRoute.ACTION_ORCHESTRATOR.route());
    }
}
