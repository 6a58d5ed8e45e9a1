package io.strangler.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.strangler.api.InvalidStateRecordException;
import io.strangler.api.RouteState;
import io.strangler.api.StranglerException;
import io.strangler.api.spi.RouteStateStore;
import io.strangler.core.state.FeatureKillSwitches;
import io.strangler.core.state.Ff4jRouteStateStore;
import io.strangler.core.state.RouteStateCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.ff4j.core.FeatureStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RouteStateStore} on Redis, for a fleet of instances that share route states: compare-and-set is one Lua
 * script executed atomically by Redis, so two instances changing a route at once can't undo each other (a rollback
 * is never lost to a concurrent rollout step), and every change is pushed to every instance with pub/sub.
 *
 * <pre>{@code
 * RedisRouteStateStore store = RedisRouteStateStore.builder("redis://redis.internal:6379", ff4j.getFeatureStore())
 *         .build();                        // the store owns the client it makes: close() shuts it down
 * MigrationRouter router = Strangler.router().stateStore(store).build();
 * ...
 * router.close();
 * store.close();
 * }</pre>
 *
 * <p><b>Key layout.</b> Each route's state is a Redis hash under {@code <keyPrefix><route>} (key prefix
 * {@value #DEFAULT_KEY_PREFIX} by default) with two fields: {@code version}, the state's version in decimal, which
 * compare-and-set compares, and {@code record}, the state as JSON ({@link RouteStateCodec}, without the kill
 * switch). Every change, and every state created, publishes the route's name on the channel
 * {@value #DEFAULT_CHANNEL} (by default), in the same script as the write.
 *
 * <p><b>Kill switch.</b> The route's kill switch stays the enabled flag of its FF4J feature, named as
 * {@link Ff4jRouteStateStore} names it ({@code strangler.<route>} by default), so that a person can still flip it in
 * the FF4J console; a route without a feature is enabled. The state record never goes through the FF4J store. A
 * state created by this store creates the feature if it is missing (with the initial state's flag), and takes the
 * flag of a feature that exists. A successful compare-and-set writes the flag only when the change turns the kill
 * switch, that is when its {@link RouteState#enabled()} differs from the flag this store last read or wrote for the
 * route: a change made from a state read before a person flipped the switch leaves the person's flip alone. Flipping
 * the flag in the console changes no version and publishes nothing: instances see it at their next refresh.
 *
 * <p><b>Failures.</b> Every Redis command waits at most the command timeout (2 seconds by default); a failure, a
 * timeout included, is a {@link StranglerException} whose message names the key and the operation. A timed-out
 * compare-and-set may still have been applied: the router reads the state again and finds out. A record that can't
 * be read ({@link InvalidStateRecordException}: bad JSON, a missing or non-numeric {@code version} field, or a
 * {@code version} that differs from the record's own) is replaced by the next change written through a router, as
 * long as the stored fields are still the ones read: that is how a corrupt record is repaired. The connection is
 * made at the first command; when Redis is down then, the next command tries again.
 *
 * <p><b>Ownership.</b> A store built from a URI ({@link #builder(String, FeatureStore)}) makes its own
 * {@link RedisClient}, with a connect timeout of the command timeout and commands rejected at once while the
 * connection is down, and shuts it down in {@link #close()}. A store built from a client
 * ({@link #builder(RedisClient, FeatureStore)}) uses the client's own options (set
 * {@link ClientOptions.DisconnectedBehavior#REJECT_COMMANDS} for the same fail-fast behaviour) and leaves it open:
 * {@link #close()} closes only the connections this store opened. Either way {@code close()} ends every
 * {@link #watch} subscription.
 *
 * <p>Thread-safe.
 */
public final class RedisRouteStateStore implements RouteStateStore, AutoCloseable {

    /** The default prefix of the Redis keys that hold the states. */
    public static final String DEFAULT_KEY_PREFIX = "strangler:route:";
    /** The default pub/sub channel the names of changed routes are published on. */
    public static final String DEFAULT_CHANNEL = "strangler:route-state";
    /** The default longest wait for one Redis command. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /** The hash field that holds the state's version. */
    public static final String VERSION_FIELD = "version";
    /** The hash field that holds the state record. */
    public static final String RECORD_FIELD = "record";

    private static final Logger LOG = LoggerFactory.getLogger(RedisRouteStateStore.class);
    private static final Pattern VERSION = Pattern.compile("-?[0-9]{1,18}");

    /**
     * KEYS[1] the route's key; ARGV: expected version, next version, next record, channel, route. Returns {1} when
     * written, {0} when the key does not exist, {0, version, record} (missing fields as empty strings) when the
     * stored version is not the expected one.
     */
    private static final Script COMPARE_AND_SET = new Script("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
            local v = redis.call('HGET', KEYS[1], 'version') or ''
            if v ~= ARGV[1] then return {0, v, redis.call('HGET', KEYS[1], 'record') or ''} end
            redis.call('HSET', KEYS[1], 'version', ARGV[2], 'record', ARGV[3])
            redis.call('PUBLISH', ARGV[4], ARGV[5])
            return {1}
            """);

    /**
     * KEYS[1] the route's key; ARGV: version seen, record seen (as {@link #COMPARE_AND_SET} returned them), next
     * version, next record, channel, route. Replaces a corrupt record if the stored fields are still the ones seen.
     */
    private static final Script REPAIR = new Script("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            if (redis.call('HGET', KEYS[1], 'version') or '') ~= ARGV[1] then return 0 end
            if (redis.call('HGET', KEYS[1], 'record') or '') ~= ARGV[2] then return 0 end
            redis.call('HSET', KEYS[1], 'version', ARGV[3], 'record', ARGV[4])
            redis.call('PUBLISH', ARGV[5], ARGV[6])
            return 1
            """);

    /**
     * KEYS[1] the route's key; ARGV: version, record, channel, route. Returns {1, version, record} when created,
     * {0, version, record} (missing fields as empty strings) when the key existed.
     */
    private static final Script CREATE_IF_ABSENT = new Script("""
            if redis.call('EXISTS', KEYS[1]) == 0 then
              redis.call('HSET', KEYS[1], 'version', ARGV[1], 'record', ARGV[2])
              redis.call('PUBLISH', ARGV[3], ARGV[4])
              return {1, ARGV[1], ARGV[2]}
            end
            return {0, redis.call('HGET', KEYS[1], 'version') or '', redis.call('HGET', KEYS[1], 'record') or ''}
            """);

    private final RedisConnection redis;
    private final RedisClient client;
    private final FeatureKillSwitches killSwitches;
    private final String keyPrefix;
    private final String channel;
    private final String featurePrefix;
    private final Duration commandTimeout;
    private final Set<RedisSubscription> subscriptions = ConcurrentHashMap.newKeySet();

    private RedisRouteStateStore(Builder b) {
        this.keyPrefix = b.keyPrefix;
        this.channel = b.channel;
        this.featurePrefix = b.featurePrefix;
        this.commandTimeout = b.commandTimeout;
        this.killSwitches = new FeatureKillSwitches(b.featureStore, b.featurePrefix,
                "Redis keys '" + b.keyPrefix + "*'");
        this.redis = new RedisConnection("Redis route state store", b.redisUri, b.client, b.commandTimeout);
        this.client = redis.client();
    }

    /**
     * A builder of a store that makes its own {@link RedisClient} on {@code redisUri} and shuts it down in
     * {@link #close()}.
     *
     * @param redisUri where Redis is, such as {@code redis://127.0.0.1:6379/0} (schemes {@code redis},
     *     {@code rediss}, {@code redis-socket}, {@code redis-sentinel}, {@code rediss-sentinel})
     * @param featureStore the FF4J store whose features hold the routes' kill switches
     * @return the builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code redisUri} is not a URI of one of those schemes
     */
    public static Builder builder(String redisUri, FeatureStore featureStore) {
        Objects.requireNonNull(redisUri, "redisUri");
        Objects.requireNonNull(featureStore, "featureStore");
        return new Builder(RedisConnection.parse(redisUri), null, featureStore);
    }

    /**
     * A builder of a store on a client you own: the store opens its connections with {@link RedisClient#connect()}
     * and {@link RedisClient#connectPubSub()}, under the client's options and connect timeout, and {@link #close()}
     * closes those connections but leaves the client open.
     *
     * @param client the Redis client, with its default URI set
     * @param featureStore the FF4J store whose features hold the routes' kill switches
     * @return the builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(RedisClient client, FeatureStore featureStore) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(featureStore, "featureStore");
        return new Builder(null, client, featureStore);
    }

    /**
     * The Redis key that holds {@code route}'s state.
     *
     * @param route the route's name
     * @return the key prefix followed by the route's name
     */
    public String key(String route) {
        return keyPrefix + route;
    }

    /**
     * The name of the FF4J feature whose enabled flag is {@code route}'s kill switch.
     *
     * @param route the route's name
     * @return the feature prefix followed by the route's name
     */
    public String featureName(String route) {
        return killSwitches.featureName(route);
    }

    /**
     * The pub/sub channel the names of changed routes are published on.
     *
     * @return the channel
     */
    public String channel() {
        return channel;
    }

    /**
     * The longest wait for one Redis command.
     *
     * @return the command timeout
     */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    @Override
    public Optional<RouteState> load(String route) {
        Objects.requireNonNull(route, "route");
        String key = key(route);
        List<io.lettuce.core.KeyValue<String, String>> fields =
                call("load", key, c -> c.hmget(key, VERSION_FIELD, RECORD_FIELD));
        String version = fields.get(0).getValueOrElse(null);
        String record = fields.get(1).getValueOrElse(null);
        if (version == null && record == null) {
            return Optional.empty();
        }
        RouteState state = decode(route, key, version, record, killSwitches.read(route));
        return Optional.of(state);
    }

    @Override
    public RouteState createIfAbsent(RouteState initial) {
        Objects.requireNonNull(initial, "initial");
        String route = initial.route();
        String key = key(route);
        List<Object> result = CREATE_IF_ABSENT.run(this, "createIfAbsent", key,
                Long.toString(initial.version()), RouteStateCodec.encode(initial), channel, route);
        boolean created = ((Long) result.get(0)) == 1L;
        boolean enabled = killSwitches.created(route, created, initial.enabled());
        return decode(route, key, text(result.get(1)), text(result.get(2)), enabled);
    }

    @Override
    public boolean compareAndSet(long expectedVersion, RouteState next) {
        Objects.requireNonNull(next, "next");
        String route = next.route();
        String key = key(route);
        String nextVersion = Long.toString(next.version());
        String record = RouteStateCodec.encode(next);
        List<Object> result = COMPARE_AND_SET.run(this, "compareAndSet", key,
                Long.toString(expectedVersion), nextVersion, record, channel, route);
        boolean written = ((Long) result.get(0)) == 1L;
        if (!written && result.size() == 3 && isCorrupt(route, key, text(result.get(1)), text(result.get(2)))) {
            // A record nobody can read has no version to compare with: a change made through the router repairs
            // it (the router has been serving its last good state meanwhile), unless it changed since it was read.
            List<Object> repaired = REPAIR.run(this, "compareAndSet (repair of an unreadable record)", key,
                    text(result.get(1)), text(result.get(2)), nextVersion, record, channel, route);
            written = ((Long) repaired.get(0)) == 1L;
            if (written) {
                LOG.warn("route '{}': replaced the unreadable state record in Redis key '{}' with version {}",
                        route, key, nextVersion);
            }
        }
        if (written) {
            killSwitches.written(route, next.enabled());
        }
        return written;
    }

    /**
     * Subscribes to the channel: {@code changed} is told the name of every route whose state is changed or created
     * through a store on the same keys, on a Lettuce thread. Lettuce reconnects a lost connection and subscribes
     * again by itself; once subscribed again, {@code changed} is told every route that has a key (a {@code SCAN}
     * of the prefix), so that a change published while the connection was down is not missed. When Redis can't be
     * reached now, the subscription is made in the background as soon as it can, and then every route is told too.
     * A flip of the kill switch in the FF4J console publishes nothing.
     *
     * @param changed told the name of a route whose state changed; must return quickly
     * @return ends the subscription and closes its connection
     * @throws StranglerException if the store is closed
     */
    @Override
    public Subscription watch(Consumer<String> changed) {
        Objects.requireNonNull(changed, "changed");
        ensureOpen("watch");
        RedisSubscription subscription = new RedisSubscription(changed);
        subscriptions.add(subscription);
        try {
            subscription.start();
        } catch (RuntimeException e) {
            subscription.close();
            throw e;
        }
        if (redis.isClosed()) {
            subscription.close();
        }
        return subscription;
    }

    /**
     * Ends every {@link #watch} subscription, closes this store's connection, and shuts the client down if the
     * store made it; once this returns no thread or connection of this store is left. A second call does nothing.
     * Later calls to the store fail with a {@link StranglerException}.
     */
    @Override
    public void close() {
        if (!redis.beginClose()) {
            return;
        }
        for (RedisSubscription s : List.copyOf(subscriptions)) {
            s.close();
        }
        redis.finishClose();
    }

    @Override
    public String toString() {
        return "RedisRouteStateStore{keyPrefix=" + keyPrefix + ", channel=" + channel + ", featurePrefix="
                + featurePrefix + ", commandTimeout=" + commandTimeout + ", ownsClient=" + redis.ownsClient() + "}";
    }

    // ------------------------------------------------------------------ records

    private RouteState decode(String route, String key, @Nullable String version, @Nullable String record,
            boolean enabled) {
        String where = "route '" + route + "': Redis key '" + key + "'";
        if (version == null || version.isEmpty()) {
            throw new InvalidStateRecordException(where + " has no field '" + VERSION_FIELD + "'");
        }
        if (!VERSION.matcher(version).matches()) {
            throw new InvalidStateRecordException(where + ": field '" + VERSION_FIELD + "' has value '" + version
                    + "', not a number");
        }
        if (record == null || record.isEmpty()) {
            throw new InvalidStateRecordException(where + " has no field '" + RECORD_FIELD + "'");
        }
        RouteState state = RouteStateCodec.decode(route, record, enabled);
        if (state.version() != Long.parseLong(version)) {
            throw new InvalidStateRecordException(where + ": field '" + VERSION_FIELD + "' has value " + version
                    + ", but the record has version " + state.version());
        }
        return state;
    }

    private boolean isCorrupt(String route, String key, String version, String record) {
        try {
            decode(route, key, version, record, true);
            return false;
        } catch (InvalidStateRecordException e) {
            return true;
        }
    }

    private static String text(@Nullable Object value) {
        return value == null ? "" : value.toString();
    }

    // ------------------------------------------------------------------ Redis

    private void ensureOpen(String operation) {
        redis.ensureOpen(operation);
    }

    private <T> T call(String operation, String key, Function<RedisAsyncCommands<String, String>, RedisFuture<T>> c) {
        return redis.call(operation, key, c);
    }

    /** A Lua script run with EVALSHA, falling back to EVAL when Redis does not know it (after a restart, say). */
    private static final class Script {
        private final String source;
        private final String sha;

        Script(String source) {
            this.source = source;
            this.sha = sha1(source);
        }

        List<Object> run(RedisRouteStateStore store, String operation, String key, String... args) {
            String[] keys = {key};
            try {
                return store.call(operation, key, c -> c.evalsha(sha, ScriptOutputType.MULTI, keys, args));
            } catch (RedisNoScriptException e) {
                try {
                    return store.call(operation, key, c -> c.eval(source, ScriptOutputType.MULTI, keys, args));
                } catch (RedisNoScriptException impossible) {
                    throw new StranglerException("Redis route state store: " + operation + " of key '" + key
                            + "' failed: " + impossible.getMessage(), impossible);
                }
            }
        }

        private static String sha1(String text) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
                StringBuilder hex = new StringBuilder();
                for (byte b : digest) {
                    hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
                }
                return hex.toString();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is missing from this JVM", e);
            }
        }
    }

    // ------------------------------------------------------------------ push

    /** One {@link #watch} subscription: its own pub/sub connection, and a thread that scans after a resubscribe. */
    private final class RedisSubscription extends RedisPubSubAdapter<String, String> implements Subscription {
        private final Consumer<String> changed;
        private final ScheduledExecutorService rescans;
        private volatile @Nullable StatefulRedisPubSubConnection<String, String> pubSub;
        private volatile boolean subscribedOnce;
        /** Set when the first subscribe failed: the routes are told once it succeeds. */
        private volatile boolean late;
        private volatile boolean ended;

        RedisSubscription(Consumer<String> changed) {
            this.changed = changed;
            this.rescans = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "strangler-redis-rescan");
                t.setDaemon(true);
                return t;
            });
        }

        /**
         * Connects and subscribes; when Redis can't be reached, tries again in the background (after 100 ms doubling
         * up to 5 s) until it is subscribed or closed, and then tells every route, as after a reconnect.
         */
        void start() {
            try {
                subscribe();
            } catch (StranglerException e) {
                late = true;
                LOG.warn("{}; trying again in the background, the routers' periodic refresh reads the changes"
                        + " meanwhile", e.getMessage());
                schedule(() -> retry(1), 100);
            }
        }

        private void retry(int attempt) {
            try {
                subscribe();
            } catch (StranglerException e) {
                LOG.debug("subscribing to channel '{}' failed again (attempt {})", channel, attempt + 1, e);
                schedule(() -> retry(attempt + 1), Math.min(5_000L, 100L << Math.min(attempt, 6)));
            }
        }

        private void subscribe() {
            if (ended) {
                return;
            }
            StatefulRedisPubSubConnection<String, String> c;
            try {
                c = client.connectPubSub();
            } catch (RuntimeException e) {
                throw new StranglerException("Redis route state store: watch of channel '" + channel
                        + "' failed: could not connect to Redis: " + e.getMessage(), e);
            }
            c.addListener(this);
            try {
                LettuceFutures.awaitOrCancel(c.async().subscribe(channel), commandTimeout.toNanos(),
                        TimeUnit.NANOSECONDS);
            } catch (RuntimeException e) {
                c.close();
                throw new StranglerException("Redis route state store: watch of channel '" + channel
                        + "' failed: " + e.getMessage(), e);
            }
            synchronized (this) {
                if (!ended) {
                    pubSub = c;
                    return;
                }
            }
            c.close();
        }

        @Override
        public void message(String from, String route) {
            if (!ended && channel.equals(from)) {
                tell(route);
            }
        }

        @Override
        public void subscribed(String to, long count) {
            if (!channel.equals(to)) {
                return;
            }
            if (!subscribedOnce) {
                subscribedOnce = true;
                if (!late) {
                    return;
                }
            }
            // Subscribed again after a reconnect, or late: whatever was published meanwhile is lost, so every route
            // is told.
            schedule(() -> rescan(0), 0);
        }

        /**
         * Tells every route that has a key. The data connection may come back after the subscription: a scan that
         * fails is tried again, after 50 ms doubling up to 5 s, until it succeeds or the subscription ends.
         */
        private void rescan(int attempt) {
            String match = globEscape(keyPrefix) + "*";
            try {
                ScanCursor cursor = ScanCursor.INITIAL;
                while (!ended) {
                    ScanCursor from = cursor;
                    KeyScanCursor<String> page = call("watch (scan after resubscribing)", match,
                            c -> c.scan(from, ScanArgs.Builder.matches(match).limit(500)));
                    for (String key : page.getKeys()) {
                        if (key.startsWith(keyPrefix) && !ended) {
                            tell(key.substring(keyPrefix.length()));
                        }
                    }
                    if (page.isFinished()) {
                        return;
                    }
                    cursor = page;
                }
            } catch (RuntimeException e) {
                long delay = Math.min(5_000L, 50L << Math.min(attempt, 7));
                if (attempt == 0) {
                    LOG.warn("Redis route state store: after resubscribing to channel '{}', the scan of keys '{}'"
                            + " failed; trying again every {} ms at most: {}", channel, match, 5_000, e.toString());
                } else {
                    LOG.debug("scan of keys '{}' failed again (attempt {})", match, attempt + 1, e);
                }
                schedule(() -> rescan(attempt + 1), delay);
            }
        }

        private void schedule(Runnable task, long delayMillis) {
            if (ended) {
                return;
            }
            try {
                rescans.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // closed meanwhile
            }
        }

        private void tell(String route) {
            try {
                changed.accept(route);
            } catch (RuntimeException e) {
                LOG.warn("Redis route state store: the watcher of channel '{}' failed on route '{}'", channel, route,
                        e);
            }
        }

        @Override
        public void close() {
            StatefulRedisPubSubConnection<String, String> c;
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
                c = pubSub;
                pubSub = null;
            }
            subscriptions.remove(this);
            rescans.shutdownNow();
            if (c != null) {
                c.removeListener(this);
                try {
                    if (c.isOpen()) {
                        LettuceFutures.awaitOrCancel(c.async().unsubscribe(channel), commandTimeout.toNanos(),
                                TimeUnit.NANOSECONDS);
                    }
                } catch (RuntimeException e) {
                    LOG.debug("unsubscribing from channel '{}' failed; closing the connection anyway", channel, e);
                } finally {
                    c.close();
                }
            }
            try {
                rescans.awaitTermination(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String globEscape(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char ch : text.toCharArray()) {
            if (ch == '*' || ch == '?' || ch == '[' || ch == ']' || ch == '\\') {
                escaped.append('\\');
            }
            escaped.append(ch);
        }
        return escaped.toString();
    }

    // ------------------------------------------------------------------ builder

    /** Builds a {@link RedisRouteStateStore}; get one from {@link RedisRouteStateStore#builder}. */
    public static final class Builder {
        private final @Nullable RedisURI redisUri;
        private final @Nullable RedisClient client;
        private final FeatureStore featureStore;
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private String channel = DEFAULT_CHANNEL;
        private String featurePrefix = Ff4jRouteStateStore.DEFAULT_FEATURE_PREFIX;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;

        private Builder(@Nullable RedisURI redisUri, @Nullable RedisClient client, FeatureStore featureStore) {
            this.redisUri = redisUri;
            this.client = client;
            this.featureStore = featureStore;
        }

        /**
         * Sets the prefix of the Redis keys that hold the states;
         * {@value RedisRouteStateStore#DEFAULT_KEY_PREFIX} by default.
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
         * Sets the pub/sub channel the names of changed routes are published on;
         * {@value RedisRouteStateStore#DEFAULT_CHANNEL} by default. Every instance sharing the keys must use the
         * same channel.
         *
         * @param channel the channel, not blank
         * @return this builder
         * @throws NullPointerException if {@code channel} is null
         * @throws IllegalArgumentException if {@code channel} is blank
         */
        public Builder channel(String channel) {
            Objects.requireNonNull(channel, "channel");
            if (channel.isBlank()) {
                throw new IllegalArgumentException("channel must not be blank, was '" + channel + "'");
            }
            this.channel = channel;
            return this;
        }

        /**
         * Sets the prefix of the FF4J features that hold the kill switches; {@code strangler.} by default, as for
         * {@link Ff4jRouteStateStore}.
         *
         * @param featurePrefix the prefix; may be empty
         * @return this builder
         * @throws NullPointerException if {@code featurePrefix} is null
         */
        public Builder featurePrefix(String featurePrefix) {
            this.featurePrefix = Objects.requireNonNull(featurePrefix, "featurePrefix");
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
        public RedisRouteStateStore build() {
            return new RedisRouteStateStore(this);
        }
    }
}
