package io.strangler.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.strangler.api.StranglerException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The Redis connection of a Strangler store: the client (made here from a URI and owned, or the caller's), one
 * connection opened at the first command, every command awaited for at most the command timeout, and failures turned
 * into {@link StranglerException}s that name the store, the operation and the key. Thread-safe.
 */
final class RedisConnection {

    private static final Set<String> SCHEMES =
            Set.of("redis", "rediss", "redis-socket", "redis-sentinel", "rediss-sentinel");

    private final String store;
    private final RedisClient client;
    private final boolean ownsClient;
    private final Duration commandTimeout;
    private final Object connectLock = new Object();
    private volatile @Nullable StatefulRedisConnection<String, String> connection;
    private volatile boolean closed;

    /**
     * A connection of the store named {@code store} in messages.
     *
     * @param store e.g. {@code "Redis fleet store"}
     * @param uri where to connect with a client of its own (made with a connect timeout of the command timeout and
     *     commands rejected at once while disconnected), or null to use {@code client}
     * @param client the caller's client, used when {@code uri} is null and never shut down here
     * @param commandTimeout the longest wait for one command
     */
    RedisConnection(String store, @Nullable RedisURI uri, @Nullable RedisClient client, Duration commandTimeout) {
        this.store = store;
        this.commandTimeout = commandTimeout;
        this.ownsClient = client == null;
        if (client != null) {
            this.client = client;
        } else {
            RedisClient made = RedisClient.create(Objects.requireNonNull(uri, "uri"));
            made.setOptions(ClientOptions.builder()
                    .autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).build())
                    .build());
            this.client = made;
        }
    }

    /**
     * Reads a Redis URI given to a builder.
     *
     * @param redisUri such as {@code redis://127.0.0.1:6379/0}
     * @return the parsed URI
     * @throws NullPointerException if {@code redisUri} is null
     * @throws IllegalArgumentException if it is not a URI of the schemes {@code redis}, {@code rediss},
     *     {@code redis-socket}, {@code redis-sentinel}, {@code rediss-sentinel}; the message shows it without its
     *     password
     */
    static RedisURI parse(String redisUri) {
        Objects.requireNonNull(redisUri, "redisUri");
        String scheme;
        try {
            URI uri = new URI(redisUri);
            scheme = uri.getScheme();
            if ("redis".equals(scheme) || "rediss".equals(scheme)) {
                uri.parseServerAuthority(); // host and numeric port; sentinel URIs list several hosts
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("redisUri must be a Redis URI such as redis://host:6379, was '"
                    + redacted(redisUri) + "'", e);
        }
        if (scheme == null || !SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("redisUri must have one of the schemes " + SCHEMES.stream().sorted()
                    .toList() + ", was '" + redacted(redisUri) + "'");
        }
        try {
            return RedisURI.create(redisUri);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("redisUri must be a Redis URI such as redis://host:6379, was '"
                    + redacted(redisUri) + "' (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /**
     * Checks a command timeout given to a builder.
     *
     * @param commandTimeout the timeout
     * @return it, if positive
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is zero or negative
     */
    static Duration requireTimeout(Duration commandTimeout) {
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        if (commandTimeout.isZero() || commandTimeout.isNegative()) {
            throw new IllegalArgumentException("commandTimeout must be positive, was " + commandTimeout);
        }
        return commandTimeout;
    }

    /** The URI for a message, with its user information (a password, say) replaced by {@code ***}. */
    static String redacted(String uri) {
        return uri.replaceFirst("//[^/@]*@", "//***@");
    }

    RedisClient client() {
        return client;
    }

    boolean ownsClient() {
        return ownsClient;
    }

    Duration commandTimeout() {
        return commandTimeout;
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Fails if the store is closed.
     *
     * @param operation what was asked, for the message
     * @throws StranglerException if it is closed
     */
    void ensureOpen(String operation) {
        if (closed) {
            throw new StranglerException(store + ": " + operation + " failed: the store is closed");
        }
    }

    /**
     * Runs one command and waits for its answer.
     *
     * @param operation what the command does, for messages
     * @param key the key it works on, for messages
     * @param command the command
     * @param <T> the answer's type
     * @return the answer
     * @throws RedisNoScriptException if Redis does not know a script run by its digest (the caller runs it whole)
     * @throws StranglerException if the store is closed, Redis can't be reached, or the command fails or times out
     */
    <T> T call(String operation, String key, Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) {
        ensureOpen(operation + " of key '" + key + "'");
        RedisAsyncCommands<String, String> commands = commands(operation, key);
        try {
            return LettuceFutures.awaitOrCancel(command.apply(commands), commandTimeout.toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            if (e instanceof RedisNoScriptException) {
                throw e;
            }
            throw new StranglerException(store + ": " + operation + " of key '" + key + "' failed: "
                    + e.getMessage(), e);
        }
    }

    private RedisAsyncCommands<String, String> commands(String operation, String key) {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            return c.async();
        }
        synchronized (connectLock) {
            ensureOpen(operation + " of key '" + key + "'");
            if (connection == null) {
                try {
                    connection = client.connect();
                } catch (RuntimeException e) {
                    throw new StranglerException(store + ": " + operation + " of key '" + key + "' failed: could "
                            + "not connect to Redis: " + e.getMessage(), e);
                }
            }
            return Objects.requireNonNull(connection).async();
        }
    }

    /**
     * Marks the connection closed: later calls fail. The caller then ends what else it runs, and calls
     * {@link #finishClose()}.
     *
     * @return false if it was closed already
     */
    boolean beginClose() {
        synchronized (connectLock) {
            if (closed) {
                return false;
            }
            closed = true;
            return true;
        }
    }

    /** Closes the connection, and shuts the client down if it was made here. */
    void finishClose() {
        StatefulRedisConnection<String, String> c;
        synchronized (connectLock) {
            c = connection;
            connection = null;
        }
        if (c != null) {
            c.close();
        }
        if (ownsClient) {
            client.shutdown(Duration.ZERO, commandTimeout);
        }
    }
}
