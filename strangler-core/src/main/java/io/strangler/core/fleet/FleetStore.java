package io.strangler.core.fleet;

import io.strangler.api.RouteStats;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the instances of a fleet share besides their route states, so that one rollout controller acts at a time and
 * judges on the whole fleet's traffic: each instance's counters, the controller lease, and the documents of the
 * rollout journal ({@link io.strangler.core.rollout.FleetRolloutJournal}: progress, baselines, rollback history,
 * checkpoints). Every instance's
 * {@link io.strangler.core.rollout.RolloutController} publishes its router's {@link RouteStats} here at each tick and
 * reads everyone's; the one that holds the lease acts, the others stand by and take over when it stops renewing.
 *
 * <p>Times come from the callers' clocks (as ShedLock does by default), so that tests can run a lease on virtual
 * time; the instances' clocks must agree to well within the lease time. A store may keep times to the millisecond. Implementations must be thread-safe and
 * make {@link #acquire} atomic: two instances asking at once never both get the lease. {@code strangler-postgres}
 * and {@code strangler-redis} implement it; {@link InMemoryFleetStore} serves routers in one JVM; the test kit's
 * {@code FleetStoreContract} checks an implementation.
 */
public interface FleetStore {

    /**
     * Saves what {@code instance} counted on each route since it registered it, replacing what it published before.
     *
     * @param instance the publishing instance's id
     * @param at when the counters were read, by the instance's clock
     * @param stats one snapshot per route
     * @throws io.strangler.api.StranglerException if the store can't be reached
     */
    void publish(String instance, Instant at, Collection<RouteStats> stats);

    /**
     * The latest counters every instance published, of every route.
     *
     * @return one entry per instance and route, in no particular order
     * @throws io.strangler.api.StranglerException if the store can't be reached
     */
    List<PublishedStats> published();

    /**
     * Drops the counters published before {@code before}: instances that stopped long ago.
     *
     * @param before an instant
     * @throws io.strangler.api.StranglerException if the store can't be reached
     */
    void forget(Instant before);

    /**
     * Takes or renews the lease {@code name} for {@code holder}, in one atomic step: it is given when no lease of that
     * name exists, when it expired ({@code expiresAt} at or before {@code now}), or when {@code holder} holds it
     * already; then it expires at {@code now + leaseTime}. A lease that changes hands gets the next epoch (a fencing
     * number: the first lease has epoch 1); a renewal keeps its epoch.
     *
     * @param name the lease's name, e.g. {@code "strangler-controller"}
     * @param holder who asks, an instance id, not empty (a released lease has the empty holder)
     * @param now the asker's time
     * @param leaseTime how long the lease lasts unless renewed
     * @return the lease as the store holds it afterwards: {@code holder}'s when given, else the current holder's
     * @throws IllegalArgumentException if {@code holder} is empty or {@code leaseTime} is not positive
     * @throws io.strangler.api.StranglerException if the store can't be reached
     */
    ControllerLease acquire(String name, String holder, Instant now, Duration leaseTime);

    /**
     * Gives the lease {@code name} up if {@code holder} holds it, so that another instance takes it at once; does
     * nothing otherwise. The epoch is kept, so that the next holder's is higher.
     *
     * @param name the lease's name
     * @param holder the instance giving it up
     * @throws io.strangler.api.StranglerException if the store can't be reached
     */
    void release(String name, String holder);

    /**
     * The lease {@code name} as the store holds it, expired or not.
     *
     * @param name the lease's name
     * @return the lease, or empty if none was ever given
     * @throws io.strangler.api.StranglerException if the store can't be reached
     */
    Optional<ControllerLease> lease(String name);

    /**
     * Saves a document of the rollout journal under {@code key}, replacing the one saved before.
     *
     * @param key the document's key, e.g. {@code "rollout/pricing"}; at most 300 characters
     * @param value the document, a JSON text of a few bytes to some kilobytes
     * @throws io.strangler.api.StranglerException if the store can't be reached
     */
    void putDocument(String key, String value);

    /**
     * A document of the rollout journal.
     *
     * @param key the document's key
     * @return the document, or empty if none is saved under that key
     * @throws io.strangler.api.StranglerException if the store can't be reached
     */
    Optional<String> document(String key);

    /**
     * The keys of the documents whose key starts with {@code prefix}.
     *
     * @param prefix a key prefix, e.g. {@code "checkpoint/"}
     * @return the keys, in no particular order
     * @throws io.strangler.api.StranglerException if the store can't be reached
     */
    List<String> documentKeys(String prefix);

    /**
     * The documents whose key starts with {@code prefix}.
     *
     * @param prefix a key prefix
     * @return the documents by key, in no particular order
     * @throws io.strangler.api.StranglerException if the store can't be reached
     */
    Map<String, String> documents(String prefix);

    /**
     * Removes a document; does nothing if none is saved under {@code key}.
     *
     * @param key the document's key
     * @throws io.strangler.api.StranglerException if the store can't be reached
     */
    void removeDocument(String key);
}
