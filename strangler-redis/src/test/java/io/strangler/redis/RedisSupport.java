package io.strangler.redis;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The Redis the tests use: {@code redis://127.0.0.1:6379}. When it can't be reached the tests that need it are
 * skipped, unless the environment variable {@code CI} is {@code true}: then they fail, so that CI never passes
 * without having run them. Each test works under a key prefix and a channel of its own ({@link #uniquePrefix}) and
 * deletes its keys afterwards ({@link #deleteKeys}); nothing here ever flushes a database.
 */
final class RedisSupport {

    /**
     * The test Redis; the system property {@code strangler.test.redisUri}, or else the environment variable
     * {@code STRANGLER_TEST_REDIS_URI}, points the tests elsewhere.
     */
    static final String URI = System.getProperty("strangler.test.redisUri",
            System.getenv().getOrDefault("STRANGLER_TEST_REDIS_URI", "redis://127.0.0.1:6379"));

    /** Null once Redis answered; otherwise why it didn't. Computed once per JVM. */
    private static volatile String problem;
    private static volatile boolean checked;

    private RedisSupport() {
    }

    /**
     * The test Redis's URI, after checking it answers: skips the calling test when it doesn't (fails it when
     * {@code CI=true}).
     */
    static String requireRedis() {
        String why = problem();
        if (why != null) {
            String message = "Redis at " + URI + " is not reachable: " + why;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " -- CI=true, so the tests that need Redis fail instead of being skipped");
            }
            assumeTrue(false, message + " -- skipping the tests that need it (with CI=true they would fail)");
        }
        return URI;
    }

    private static synchronized String problem() {
        if (!checked) {
            RedisURI uri = RedisURI.create(URI);
            uri.setTimeout(Duration.ofSeconds(2));
            RedisClient client = RedisClient.create(uri);
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                String pong = c.sync().ping();
                problem = "PONG".equals(pong) ? null : "PING answered " + pong;
            } catch (RuntimeException e) {
                problem = e.toString();
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
            checked = true;
        }
        return problem;
    }

    /** A key prefix no other test run uses: {@code strangler-test:} and 12 random hex digits and a colon. */
    static String uniquePrefix() {
        return "strangler-test:" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + ":";
    }

    /** Waits, parking 50 microseconds at a time, until {@code done}; fails the test after {@code limit}. */
    static void awaitUntil(Duration limit, String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + limit + ": " + what);
            }
            LockSupport.parkNanos(50_000);
        }
    }

    /** Deletes every key that starts with {@code prefix} (SCAN and DEL, never a flush). */
    static long deleteKeys(StatefulRedisConnection<String, String> c, String prefix) {
        long deleted = 0;
        ScanCursor cursor = ScanCursor.INITIAL;
        while (true) {
            KeyScanCursor<String> page = c.sync().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
            if (!page.getKeys().isEmpty()) {
                deleted += c.sync().del(page.getKeys().toArray(new String[0]));
            }
            if (page.isFinished()) {
                return deleted;
            }
            cursor = page;
        }
    }
}
