package io.strangler.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.strangler.api.RouteStats;
import io.strangler.api.StranglerException;
import io.strangler.core.fleet.ControllerLease;
import io.strangler.core.fleet.FleetStore;
import io.strangler.core.fleet.PublishedStats;
import io.strangler.core.fleet.RouteStatsCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a fleet's rollout controllers share, in Redis beside the route states. Keys, under a prefix
 * ({@value #DEFAULT_KEY_PREFIX} by default):
 *
 * <ul>
 *   <li>{@code <prefix>stats:<route>}: a hash of each instance's latest counters of the route, the field named after
 *       the instance, the value {@code <epoch millis>|<JSON>} ({@link RouteStatsCodec}); the set
 *       {@code <prefix>stats-routes} names the routes. One Lua script publishes an instance's counters of every
 *       route;</li>
 *   <li>{@code <prefix>lease:<name>}: the controller lease, a hash of {@code holder}, {@code epoch} and
 *       {@code expiresAt} (epoch milliseconds), taken or renewed by one Lua script, atomic for every instance;</li>
 *   <li>{@code <prefix>documents}: the rollout journal's documents, one hash field per document.</li>
 * </ul>
 *
 * <p>Every command waits at most the command timeout (2 seconds by default); a failure is a
 * {@link StranglerException} naming the operation and the key. A store built from a URI makes its own
 * {@link RedisClient} (commands rejected at once while the connection is down) and shuts it down in
 * {@link #close()}; one built from a client leaves the client open. It connects at its first command. For a
 * standalone Redis or one behind Sentinel: the scripts reach keys they can't name in advance (every route's counters),
 * which Redis Cluster does not allow. Thread-safe.
 *
 * <pre>{@code
 * RedisFleetStore fleet = RedisFleetStore.builder("redis://redis.internal:6379").build();
 * RolloutController controller = Strangler.controller(router).plan("pricing", RolloutPlan.low()).fleet(fleet).build();
 * }</pre>
 */
public final class RedisFleetStore implements FleetStore, AutoCloseable {

    /** The default prefix of the keys. */
    public static final String DEFAULT_KEY_PREFIX = "strangler:fleet:";
    /** The default longest wait for one Redis command. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(RedisFleetStore.class);

    /** KEYS[1] the routes set, KEYS[2..] the routes' hashes; ARGV[1] the instance, then a route and a value each. */
    private static final String PUBLISH = """
            for i = 2, #KEYS do
              redis.call('HSET', KEYS[i], ARGV[1], ARGV[2 * i - 1])
              redis.call('SADD', KEYS[1], ARGV[2 * i - 2])
            end
            return #KEYS - 1
            """;

    /** KEYS[1] the routes set; ARGV[1] the stats key prefix, ARGV[2] the time before which counters are dropped. */
    private static final String FORGET = """
            local before = tonumber(ARGV[2])
            local dropped = 0
            for _, route in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              local key = ARGV[1] .. route
              local all = redis.call('HGETALL', key)
              for i = 1, #all, 2 do
                local at = tonumber(string.match(all[i + 1], '^(%d+)|'))
                if at == nil or at < before then
                  redis.call('HDEL', key, all[i])
                  dropped = dropped + 1
                end
              end
              if redis.call('HLEN', key) == 0 then redis.call('SREM', KEYS[1], route) end
            end
            return dropped
            """;

    /** KEYS[1] the lease; ARGV: holder, now, expiresAt. Returns {holder, epoch, expiresAt} after the call. */
    private static final String ACQUIRE = """
            local holder = redis.call('HGET', KEYS[1], 'holder')
            if not holder then
              redis.call('HSET', KEYS[1], 'holder', ARGV[1], 'epoch', '1', 'expiresAt', ARGV[3])
              return {ARGV[1], '1', ARGV[3]}
            end
            local epoch = redis.call('HGET', KEYS[1], 'epoch')
            local expires = redis.call('HGET', KEYS[1], 'expiresAt')
            if holder == ARGV[1] then
              redis.call('HSET', KEYS[1], 'expiresAt', ARGV[3])
              return {holder, epoch, ARGV[3]}
            end
            if tonumber(expires) <= tonumber(ARGV[2]) then
              local next = tostring(tonumber(epoch) + 1)
              redis.call('HSET', KEYS[1], 'holder', ARGV[1], 'epoch', next, 'expiresAt', ARGV[3])
              return {ARGV[1], next, ARGV[3]}
            end
            return {holder, epoch, expires}
            """;

    /** KEYS[1] the lease; ARGV[1] the holder giving it up. */
    private static final String RELEASE = """
            if redis.call('HGET', KEYS[1], 'holder') == ARGV[1] then
              redis.call('HSET', KEYS[1], 'holder', '', 'expiresAt', '0')
              return 1
            end
            return 0
            """;

    private final RedisConnection redis;
    private final String keyPrefix;

    private RedisFleetStore(Builder b) {
        this.keyPrefix = b.keyPrefix;
        this.redis = new RedisConnection("Redis fleet store", b.redisUri, b.client, b.commandTimeout);
    }

    /**
     * A builder of a store that makes its own {@link RedisClient} on {@code redisUri} and shuts it down in
     * {@link #close()}.
     *
     * @param redisUri where Redis is, such as {@code redis://127.0.0.1:6379/0}
     * @return the builder
     * @throws NullPointerException if {@code redisUri} is null
     * @throws IllegalArgumentException if {@code redisUri} is not a Redis URI
     */
    public static Builder builder(String redisUri) {
        return new Builder(RedisConnection.parse(redisUri), null);
    }

    /**
     * A builder of a store on a client you own: {@link #close()} closes the store's connection and leaves the
     * client open.
     *
     * @param client the Redis client, with its default URI set
     * @return the builder
     * @throws NullPointerException if {@code client} is null
     */
    public static Builder builder(RedisClient client) {
        return new Builder(null, Objects.requireNonNull(client, "client"));
    }

    @Override
    public void publish(String instance, Instant at, Collection<RouteStats> stats) {
        Objects.requireNonNull(instance, "instance");
        if (stats.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>();
        keys.add(routesKey());
        args.add(instance);
        for (RouteStats s : stats) {
            keys.add(statsKey(s.route()));
            args.add(s.route());
            args.add(at.toEpochMilli() + "|" + RouteStatsCodec.toJson(s));
        }
        call("publishing the counters of instance '" + instance + "'", keyPrefix + "stats:*",
                c -> c.eval(PUBLISH, ScriptOutputType.INTEGER, keys.toArray(String[]::new),
                        args.toArray(String[]::new)));
    }

    @Override
    public List<PublishedStats> published() {
        String routesKey = routesKey();
        Set<String> routes = call("reading the routes", routesKey, c -> c.smembers(routesKey));
        List<PublishedStats> out = new ArrayList<>();
        for (String route : routes) {
            String key = statsKey(route);
            Map<String, String> byInstance = call("reading the counters", key, c -> c.hgetall(key));
            byInstance.forEach((instance, value) -> {
                try {
                    int bar = value.indexOf('|');
                    if (bar < 1) {
                        throw new IllegalArgumentException("no '<epoch millis>|' before the counters");
                    }
                    Instant at = Instant.ofEpochMilli(Long.parseLong(value.substring(0, bar)));
                    RouteStats stats = RouteStatsCodec.fromJson("instance '" + instance + "', route '" + route + "'",
                            value.substring(bar + 1));
                    if (!stats.route().equals(route)) {
                        throw new IllegalArgumentException("the counters are of route '" + stats.route() + "'");
                    }
                    out.add(new PublishedStats(instance, at, stats));
                } catch (IllegalArgumentException bad) {
                    LOG.warn("Redis key '{}': the counters of instance '{}', route '{}' can't be read, skipped: {}",
                            key, instance, route, bad.getMessage());
                }
            });
        }
        return out;
    }

    @Override
    public void forget(Instant before) {
        String routesKey = routesKey();
        call("forgetting counters published before " + before, routesKey,
                c -> c.eval(FORGET, ScriptOutputType.INTEGER, new String[] {routesKey}, keyPrefix + "stats:",
                        Long.toString(before.toEpochMilli())));
    }

    @Override
    public ControllerLease acquire(String name, String holder, Instant now, Duration leaseTime) {
        ControllerLease.checkRequest(name, holder, now, leaseTime);
        String key = leaseKey(name);
        List<Object> got = call("asking for the lease '" + name + "' for '" + holder + "'", key,
                c -> c.eval(ACQUIRE, ScriptOutputType.MULTI, new String[] {key}, holder,
                        Long.toString(now.toEpochMilli()), Long.toString(now.plus(leaseTime).toEpochMilli())));
        return lease(name, got.get(0).toString(), got.get(1).toString(), got.get(2).toString());
    }

    @Override
    public void release(String name, String holder) {
        String key = leaseKey(name);
        call("giving up the lease '" + name + "'", key,
                c -> c.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {key}, holder));
    }

    @Override
    public Optional<ControllerLease> lease(String name) {
        String key = leaseKey(name);
        Map<String, String> fields = call("reading the lease '" + name + "'", key, c -> c.hgetall(key));
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(lease(name, fields.getOrDefault("holder", ""), fields.getOrDefault("epoch", ""),
                fields.getOrDefault("expiresAt", "")));
    }

    private ControllerLease lease(String name, String holder, String epoch, String expiresAt) {
        try {
            return new ControllerLease(name, holder, Long.parseLong(epoch), Instant.ofEpochMilli(Long.parseLong(
                    expiresAt)));
        } catch (RuntimeException e) {
            throw new StranglerException("Redis key '" + leaseKey(name) + "': the lease can't be read (holder '"
                    + holder + "', epoch '" + epoch + "', expiresAt '" + expiresAt + "')", e);
        }
    }

    @Override
    public void putDocument(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        String hash = documentsKey();
        call("saving document '" + key + "'", hash, c -> c.hset(hash, key, value));
    }

    @Override
    public Optional<String> document(String key) {
        String hash = documentsKey();
        return Optional.ofNullable(call("reading document '" + key + "'", hash, c -> c.hget(hash, key)));
    }

    @Override
    public List<String> documentKeys(String prefix) {
        String hash = documentsKey();
        return call("listing documents '" + prefix + "*'", hash, c -> c.hkeys(hash)).stream()
                .filter(k -> k.startsWith(prefix)).toList();
    }

    @Override
    public Map<String, String> documents(String prefix) {
        String hash = documentsKey();
        Map<String, String> out = new LinkedHashMap<>();
        call("reading documents '" + prefix + "*'", hash, c -> c.hgetall(hash)).forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Override
    public void removeDocument(String key) {
        String hash = documentsKey();
        call("removing document '" + key + "'", hash, c -> c.hdel(hash, key));
    }

    private String routesKey() {
        // not under "stats:", where a route named "routes" would have its counters
        return keyPrefix + "stats-routes";
    }

    private String statsKey(String route) {
        return keyPrefix + "stats:" + route;
    }

    private String leaseKey(String name) {
        return keyPrefix + "lease:" + name;
    }

    private String documentsKey() {
        return keyPrefix + "documents";
    }

    private <T> T call(String operation, String key, Function<RedisAsyncCommands<String, String>, RedisFuture<T>> c) {
        return redis.call(operation, key, c);
    }

    /** Closes the store's connection, and the client if the store made it; a second call does nothing. */
    @Override
    public void close() {
        if (redis.beginClose()) {
            redis.finishClose();
        }
    }

    @Override
    public String toString() {
        return "RedisFleetStore{keyPrefix=" + keyPrefix + "}";
    }

    /** Builds a {@link RedisFleetStore}; get one from {@link RedisFleetStore#builder}. */
    public static final class Builder {
        private final @Nullable RedisURI redisUri;
        private final @Nullable RedisClient client;
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;

        private Builder(@Nullable RedisURI redisUri, @Nullable RedisClient client) {
            this.redisUri = redisUri;
            this.client = client;
        }

        /**
         * Sets the prefix of the keys; {@value RedisFleetStore#DEFAULT_KEY_PREFIX} by default.
         *
         * @param keyPrefix the prefix, not blank
         * @return this builder
         * @throws NullPointerException if {@code keyPrefix} is null
         * @throws IllegalArgumentException if {@code keyPrefix} is blank
         */
        public Builder keyPrefix(String keyPrefix) {
            Objects.requireNonNull(keyPrefix, "keyPrefix");
            if (keyPrefix.isBlank()) {
                throw new IllegalArgumentException("keyPrefix must not be blank, was '" + keyPrefix + "'");
            }
            this.keyPrefix = keyPrefix;
            return this;
        }

        /**
         * Sets the longest wait for one Redis command; 2 seconds by default. For a store that makes its own client,
         * also the connect timeout.
         *
         * @param commandTimeout the timeout, positive
         * @return this builder
         * @throws NullPointerException if {@code commandTimeout} is null
         * @throws IllegalArgumentException if {@code commandTimeout} is zero or negative
         */
        public Builder commandTimeout(Duration commandTimeout) {
            this.commandTimeout = RedisConnection.requireTimeout(commandTimeout);
            return this;
        }

        /**
         * Builds the store. It connects to Redis at its first command, not here.
         *
         * @return the store
         */
        public RedisFleetStore build() {
            return new RedisFleetStore(this);
        }
    }
}
