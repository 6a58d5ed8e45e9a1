package io.strangler.core.state;

import com.google.common.collect.MapMaker;
import io.strangler.api.InvalidStateRecordException;
import io.strangler.api.RouteState;
import io.strangler.api.StranglerException;
import io.strangler.api.spi.RouteStateStore;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import org.ff4j.FF4j;
import org.ff4j.core.Feature;
import org.ff4j.core.FeatureStore;
import org.ff4j.exception.FeatureNotFoundException;
import org.ff4j.property.Property;
import org.ff4j.property.PropertyString;
import org.ff4j.store.JdbcFeatureStore;

/**
 * Keeps route states in an FF4J {@link FeatureStore}: one feature per route, named {@code strangler.<route>} by
 * default, whose enabled flag is the route's kill switch and whose custom property {@value #STATE_PROPERTY} holds
 * the state record as JSON ({@link RouteStateCodec}). Toggling the feature in the FF4J console turns the route's
 * kill switch; the other attributes of the feature (group, permissions, other properties) are kept on every write.
 *
 * <p>On FF4J's JDBC store, the column FF4J keeps property values in must first be widened
 * ({@link #widenValueColumn}); a store over a too-narrow column is refused when it is made.
 *
 * <p>FF4J's stores have no compare-and-set. This store serialises its own writes and checks the version under a
 * lock, which is atomic for every writer in this JVM (the in-memory store, or one instance per database); between
 * instances the last writer wins. A fleet of instances keeps its states in {@code strangler-postgres}'s or
 * {@code strangler-redis}'s store, whose compare-and-set the database makes atomic.
 *
 * <p>A record that can't be read is replaced by the next change written through a router: that is how a corrupt
 * record is repaired.
 *
 * <p>FF4J's in-memory store hands out its live {@link Feature} objects; this class never mutates one it has read,
 * it writes copies.
 *
 * <p>Thread-safe.
 */
public final class Ff4jRouteStateStore implements RouteStateStore {

    /** The name of the feature property that holds the state record. */
    public static final String STATE_PROPERTY = "strangler.state";
    /** The default prefix of the features' names. */
    public static final String DEFAULT_FEATURE_PREFIX = "strangler.";
    /** The FF4J group the features are put in. */
    public static final String FEATURE_GROUP = "strangler";

    /**
     * One write lock per feature store in this JVM, shared by every instance of this class over that store (two
     * routers on one FF4J, say), so that their compare-and-set can't interleave. Weak, identity-compared keys.
     */
    private static final ConcurrentMap<FeatureStore, Object> WRITE_LOCKS = new MapMaker().weakKeys().makeMap();

    private final FF4j ff4j;
    private final FeatureStore store;
    private final String featurePrefix;
    private final Object writeLock;

    /**
     * A store over {@code ff4j}'s feature store, with the default feature prefix.
     *
     * @param ff4j the FF4J instance
     * @throws NullPointerException if {@code ff4j} is null
     */
    public Ff4jRouteStateStore(FF4j ff4j) {
        this(Objects.requireNonNull(ff4j, "ff4j"), ff4j.getFeatureStore(), DEFAULT_FEATURE_PREFIX);
    }

    /**
     * A store over {@code store}.
     *
     * @param store the feature store
     * @param featurePrefix prepended to the route's name to make the feature's name; may be empty
     * @throws NullPointerException if an argument is null
     * @throws StranglerException if {@code store} is FF4J's JDBC store on a schema whose property column is too
     *     short for a state record (see {@link #widenValueColumn})
     */
    public Ff4jRouteStateStore(FeatureStore store, String featurePrefix) {
        this(null, store, featurePrefix);
    }

    private Ff4jRouteStateStore(FF4j ff4j, FeatureStore store, String featurePrefix) {
        this.ff4j = ff4j;
        this.store = Objects.requireNonNull(store, "store");
        this.featurePrefix = Objects.requireNonNull(featurePrefix, "featurePrefix");
        this.writeLock = WRITE_LOCKS.computeIfAbsent(store, s -> new Object());
        if (store instanceof JdbcFeatureStore) {
            Ff4jJdbcSchema.requireWideValueColumn((JdbcFeatureStore) store);
        }
    }

    /**
     * Widens the column in which FF4J's JDBC store keeps feature properties ({@code CURRENTVALUE}, made
     * {@code VARCHAR(255)} by FF4J's {@code createSchema()}) to {@code TEXT}, so that it holds state records: run it
     * once, after FF4J's schema is made. A store over a narrower column is refused when it is made, naming this
     * call. PostgreSQL only; elsewhere the error says what the column needs.
     *
     * @param featureStore FF4J's JDBC feature store
     * @throws StranglerException if the column can't be altered, or the database is not PostgreSQL
     */
    public static void widenValueColumn(JdbcFeatureStore featureStore) {
        Ff4jJdbcSchema.widenValueColumn(Objects.requireNonNull(featureStore, "featureStore"));
    }

    /**
     * The FF4J instance this store was made from: where a rollout controller keeps its journal by default, beside
     * the route states.
     *
     * @return the instance, or empty for a store made from a bare feature store
     */
    public Optional<FF4j> ff4j() {
        return Optional.ofNullable(ff4j);
    }

    /**
     * The name of the feature that holds {@code route}'s state.
     *
     * @param route the route's name
     * @return the feature's name
     */
    public String featureName(String route) {
        return featurePrefix + route;
    }

    @Override
    public Optional<RouteState> load(String route) {
        Feature feature = readFeature(route);
        if (feature == null) {
            return Optional.empty();
        }
        Property<?> property = feature.getCustomProperties() == null ? null
                : feature.getCustomProperties().get(STATE_PROPERTY);
        if (property == null) {
            return Optional.empty();
        }
        return Optional.of(RouteStateCodec.decode(route, property.asString(), feature.isEnable()));
    }

    @Override
    public RouteState createIfAbsent(RouteState initial) {
        synchronized (writeLock) {
            Feature existing = readFeature(initial.route());
            if (existing != null && existing.getCustomProperties() != null
                    && existing.getCustomProperties().containsKey(STATE_PROPERTY)) {
                return load(initial.route()).orElseThrow();
            }
            RouteState state = initial;
            if (existing != null) {
                // A feature made by hand (or by an FF4J configuration file) keeps its enabled flag.
                state = initial.toBuilder().enabled(existing.isEnable()).build();
            }
            write(existing, state);
            return state;
        }
    }

    @Override
    public boolean compareAndSet(long expectedVersion, RouteState next) {
        synchronized (writeLock) {
            Feature existing = readFeature(next.route());
            Optional<RouteState> current;
            try {
                current = load(next.route());
            } catch (InvalidStateRecordException corrupt) {
                // A record nobody can read has no version to compare with: a change made through the router
                // repairs it (the router has been serving its last good state meanwhile).
                write(existing, next);
                return true;
            }
            if (current.isEmpty() || current.get().version() != expectedVersion) {
                return false;
            }
            write(existing, next);
            return true;
        }
    }

    private Feature readFeature(String route) {
        String uid = featureName(route);
        try {
            return store.exist(uid) ? store.read(uid) : null;
        } catch (FeatureNotFoundException e) {
            // JdbcFeatureStore.update deletes then re-creates: a read in between finds nothing.
            return null;
        } catch (RuntimeException e) {
            throw new StranglerException("FF4J feature store failed to read feature '" + uid + "': " + e, e);
        }
    }

    private void write(Feature existing, RouteState state) {
        String uid = featureName(state.route());
        Feature copy = existing == null
                ? new Feature(uid, state.enabled(), "Strangler route '" + state.route() + "' (kill switch and state)",
                        FEATURE_GROUP)
                : copyOf(existing);
        copy.setEnable(state.enabled());
        copy.getCustomProperties().put(STATE_PROPERTY,
                new PropertyString(STATE_PROPERTY, RouteStateCodec.encode(state)));
        try {
            if (existing == null) {
                store.create(copy);
            } else {
                store.update(copy);
            }
        } catch (RuntimeException e) {
            throw new StranglerException("FF4J feature store failed to write feature '" + uid + "': " + e, e);
        }
    }

    private static Feature copyOf(Feature f) {
        Feature copy = new Feature(f.getUid(), f.isEnable(), f.getDescription(), f.getGroup(),
                f.getPermissions() == null ? new HashSet<>() : new HashSet<>(f.getPermissions()),
                f.getFlippingStrategy());
        Map<String, Property<?>> properties = new HashMap<>();
        if (f.getCustomProperties() != null) {
            properties.putAll(f.getCustomProperties());
        }
        copy.setCustomProperties(properties);
        return copy;
    }

    @Override
    public String toString() {
        return "Ff4jRouteStateStore{store=" + store.getClass().getSimpleName() + ", featurePrefix=" + featurePrefix
                + "}";
    }
}
