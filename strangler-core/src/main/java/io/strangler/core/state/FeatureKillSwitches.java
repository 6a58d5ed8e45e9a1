package io.strangler.core.state;

import io.strangler.api.StranglerException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.ff4j.core.Feature;
import org.ff4j.core.FeatureStore;
import org.ff4j.exception.FeatureAlreadyExistException;
import org.ff4j.exception.FeatureNotFoundException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes' kill switches as the enabled flags of FF4J features, for a state store that keeps the records
 * elsewhere (a table or a key of its own): a person flips a route's switch in the FF4J console. A missing feature
 * is an enabled switch. Implementation type of the fleet stores (strangler-postgres, strangler-redis).
 *
 * <p>A flip in the console changes no version. So that a change computed from a state read before a flip does not
 * turn the switch back, {@link #written} writes the flag only when the change turns the switch: when its flag
 * differs from the one last read or written here for the route.
 *
 * <p>A flag that can't be written after its state was (the FF4J store failed while the state store answered) is not
 * lost and does not fail the change, which is written: it is kept as pending, logged at error level, and written
 * again before every later read of the route; until it is written, reads here return it rather than the stale flag,
 * so a kill switch pulled through this store is never turned back on by a failed write. Thread-safe.
 */
public final class FeatureKillSwitches {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureKillSwitches.class);

    private final FeatureStore features;
    private final String prefix;
    private final String where;
    private final Map<String, Boolean> seen = new ConcurrentHashMap<>();
    /** Flags written to the states but not yet to FF4J, by route. */
    private final Map<String, Boolean> pending = new ConcurrentHashMap<>();

    /**
     * Kill switches in {@code features}.
     *
     * @param features the FF4J feature store
     * @param prefix prepended to a route's name to make its feature's name (Strangler's default is
     *     {@value Ff4jRouteStateStore#DEFAULT_FEATURE_PREFIX})
     * @param where where the records are kept, for the features' descriptions ("PostgreSQL table t", say)
     */
    public FeatureKillSwitches(FeatureStore features, String prefix, String where) {
        this.features = Objects.requireNonNull(features, "features");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.where = Objects.requireNonNull(where, "where");
    }

    /**
     * The name of the feature whose flag is {@code route}'s kill switch.
     *
     * @param route a route
     * @return the feature's name
     */
    public String featureName(String route) {
        return prefix + route;
    }

    /**
     * Reads a route's switch.
     *
     * @param route a route
     * @return the feature's flag; true when there is no feature
     * @throws StranglerException if the feature store fails
     */
    public boolean read(String route) {
        Boolean unwritten = pending.get(route);
        if (unwritten != null) {
            if (!retry(route, unwritten)) {
                seen.put(route, unwritten);
                return unwritten;
            }
        }
        Feature feature = feature(route);
        boolean enabled = feature == null || feature.isEnable();
        seen.put(route, enabled);
        return enabled;
    }

    /**
     * Makes sure a route's feature exists once its state was created: a feature made by hand (or by an FF4J
     * configuration file) keeps its flag, a missing one is made with {@code enabled} if this store created the state.
     *
     * @param route a route
     * @param created whether the state was created just now
     * @param enabled the created state's switch
     * @return the switch now
     * @throws StranglerException if the feature store fails
     */
    public boolean created(String route, boolean created, boolean enabled) {
        Feature feature = feature(route);
        boolean now;
        if (feature != null) {
            now = feature.isEnable();
        } else if (created) {
            create(route, enabled);
            now = enabled;
        } else {
            now = true;
        }
        seen.put(route, now);
        return now;
    }

    /**
     * After a state was written: writes the flag if the change turns the switch.
     *
     * @param route a route
     * @param enabled the written state's switch
     */
    public void written(String route, boolean enabled) {
        Boolean before = seen.get(route);
        pending.remove(route);
        try {
            Feature feature = feature(route);
            if (feature == null) {
                create(route, enabled);
            } else if ((before == null ? feature.isEnable() : before) != enabled && feature.isEnable() != enabled) {
                flip(route, enabled);
            }
        } catch (StranglerException e) {
            pending.put(route, enabled);
            LOG.error("route '{}': its state is written but its kill switch (FF4J feature '{}') could not be set to "
                    + "{}; it is written again before every read of the route, which sees {} meanwhile", route,
                    featureName(route), enabled ? "enabled" : "disabled", enabled, e);
        }
        seen.put(route, enabled);
    }

    /**
     * Whether a route has a flag written to its state but not yet to FF4J.
     *
     * @param route a route
     * @return true while a flag is pending
     */
    public boolean pending(String route) {
        return pending.containsKey(route);
    }

    /** Writes a pending flag; true once written, false if the FF4J store still fails. */
    private boolean retry(String route, boolean enabled) {
        try {
            Feature feature = feature(route);
            if (feature == null) {
                create(route, enabled);
            } else if (feature.isEnable() != enabled) {
                flip(route, enabled);
            }
            pending.remove(route, enabled);
            LOG.info("route '{}': its kill switch (FF4J feature '{}') is written at last: {}", route,
                    featureName(route), enabled ? "enabled" : "disabled");
            return true;
        } catch (StranglerException e) {
            LOG.debug("route '{}': writing its pending kill switch failed again", route, e);
            return false;
        }
    }

    private void flip(String route, boolean enabled) {
        String uid = featureName(route);
        try {
            if (enabled) {
                features.enable(uid);
            } else {
                features.disable(uid);
            }
        } catch (RuntimeException e) {
            throw new StranglerException("FF4J feature store failed to " + (enabled ? "enable" : "disable")
                    + " feature '" + uid + "' (kill switch of route '" + route + "'): " + e, e);
        }
    }

    private @Nullable Feature feature(String route) {
        String uid = featureName(route);
        try {
            return features.exist(uid) ? features.read(uid) : null;
        } catch (FeatureNotFoundException e) {
            return null;
        } catch (RuntimeException e) {
            throw new StranglerException("FF4J feature store failed to read feature '" + uid + "' (kill switch of "
                    + "route '" + route + "'): " + e, e);
        }
    }

    private void create(String route, boolean enabled) {
        String uid = featureName(route);
        try {
            features.create(new Feature(uid, enabled, "Strangler route '" + route + "' (kill switch; state in "
                    + where + ")", Ff4jRouteStateStore.FEATURE_GROUP));
        } catch (FeatureAlreadyExistException e) {
            // made meanwhile by another instance or a person: its flag stands
        } catch (RuntimeException e) {
            throw new StranglerException("FF4J feature store failed to create feature '" + uid + "' (kill switch of "
                    + "route '" + route + "'): " + e, e);
        }
    }
}
