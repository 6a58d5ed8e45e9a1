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

/**
 * The routes' kill switches as the enabled flags of FF4J features, for a state store that keeps the records
 * elsewhere (a table or a key of its own): a person flips a route's switch in the FF4J console. A missing feature
 * is an enabled switch. Implementation type of the fleet stores (strangler-postgres, strangler-redis).
 *
 * <p>A flip in the console changes no version. So that a change computed from a state read before a flip does not
 * turn the switch back, {@link #written} writes the flag only when the change turns the switch: when its flag
 * differs from the one last read or written here for the route. Thread-safe.
 */
public final class FeatureKillSwitches {

    private final FeatureStore features;
    private final String prefix;
    private final String where;
    private final Map<String, Boolean> seen = new ConcurrentHashMap<>();

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
     * @throws StranglerException if the feature store fails
     */
    public void written(String route, boolean enabled) {
        Boolean before = seen.get(route);
        Feature feature = feature(route);
        if (feature == null) {
            create(route, enabled);
        } else if ((before == null ? feature.isEnable() : before) != enabled && feature.isEnable() != enabled) {
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
        seen.put(route, enabled);
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
