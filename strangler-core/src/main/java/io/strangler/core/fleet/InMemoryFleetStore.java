package io.strangler.core.fleet;

import io.strangler.api.RouteStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link FleetStore} in one JVM's memory: for several routers in one process (tests, simulations) and as the
 * reference the fleet stores are checked against. Thread-safe: every operation holds the store's lock.
 */
public final class InMemoryFleetStore implements FleetStore {

    private final Map<String, Map<String, PublishedStats>> byInstance = new LinkedHashMap<>();
    private final Map<String, ControllerLease> leases = new LinkedHashMap<>();
    private final Map<String, String> documents = new LinkedHashMap<>();

    /** An empty store. */
    public InMemoryFleetStore() {
    }

    @Override
    public synchronized void publish(String instance, Instant at, Collection<RouteStats> stats) {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(at, "at");
        Map<String, PublishedStats> mine = byInstance.computeIfAbsent(instance, k -> new LinkedHashMap<>());
        for (RouteStats s : stats) {
            mine.put(s.route(), new PublishedStats(instance, at, s));
        }
    }

    @Override
    public synchronized List<PublishedStats> published() {
        List<PublishedStats> all = new ArrayList<>();
        byInstance.values().forEach(m -> all.addAll(m.values()));
        return all;
    }

    @Override
    public synchronized void forget(Instant before) {
        byInstance.values().forEach(m -> m.values().removeIf(p -> p.at().isBefore(before)));
        byInstance.values().removeIf(Map::isEmpty);
    }

    @Override
    public synchronized ControllerLease acquire(String name, String holder, Instant now, Duration leaseTime) {
        ControllerLease.checkRequest(name, holder, now, leaseTime);
        ControllerLease current = leases.get(name);
        if (current == null) {
            current = new ControllerLease(name, holder, 1, now.plus(leaseTime));
        } else if (current.holder().equals(holder)) {
            current = new ControllerLease(name, holder, current.epoch(), now.plus(leaseTime));
        } else if (!now.isBefore(current.expiresAt())) {
            current = new ControllerLease(name, holder, current.epoch() + 1, now.plus(leaseTime));
        } else {
            return current;
        }
        leases.put(name, current);
        return current;
    }

    @Override
    public synchronized void release(String name, String holder) {
        ControllerLease current = leases.get(name);
        if (current != null && current.holder().equals(holder)) {
            leases.put(name, new ControllerLease(name, "", current.epoch(), Instant.EPOCH));
        }
    }

    @Override
    public synchronized Optional<ControllerLease> lease(String name) {
        return Optional.ofNullable(leases.get(name));
    }

    @Override
    public synchronized void putDocument(String key, String value) {
        documents.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }

    @Override
    public synchronized Optional<String> document(String key) {
        return Optional.ofNullable(documents.get(key));
    }

    @Override
    public synchronized List<String> documentKeys(String prefix) {
        return documents.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    @Override
    public synchronized Map<String, String> documents(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        documents.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Override
    public synchronized void removeDocument(String key) {
        documents.remove(key);
    }

    @Override
    public String toString() {
        return "InMemoryFleetStore";
    }
}
