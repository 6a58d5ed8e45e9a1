package io.strangler.spring.console;

import io.strangler.console.ConsoleHistory;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Samples the console's chart series ({@link ConsoleHistory#sample()}) every {@code strangler.console.sample-interval}
 * while the application runs, on a daemon thread of its own: started once every bean is ready, stopped with the
 * context. An interval of zero schedules nothing: the application (or a test on virtual time) samples the
 * {@link ConsoleHistory} bean itself. A stopped sampler is not started again.
 */
public final class StranglerConsoleSampler implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(StranglerConsoleSampler.class);

    private final ConsoleHistory history;
    private final Duration interval;
    private @Nullable ScheduledExecutorService executor;
    private volatile boolean running;
    private volatile boolean closed;
    /** Whether the last sample failed: a failure is logged once as a warning, not once a second. */
    private volatile boolean failing;

    /**
     * A sampler of {@code history}.
     *
     * @param history the chart series
     * @param interval how often to sample; zero for never (the application samples)
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code interval} is negative
     */
    public StranglerConsoleSampler(ConsoleHistory history, Duration interval) {
        this.history = Objects.requireNonNull(history, "history");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must be zero or more, was " + interval);
        }
    }

    @Override
    public synchronized void start() {
        if (running || closed) {
            return;
        }
        if (!interval.isZero()) {
            ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "strangler-console-sampler");
                t.setDaemon(true);
                return t;
            });
            e.setRemoveOnCancelPolicy(true);
            long nanos = interval.toNanos();
            e.scheduleAtFixedRate(this::sample, 0, nanos, TimeUnit.NANOSECONDS);
            executor = e;
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        if (running) {
            ScheduledExecutorService e = executor;
            if (e != null) {
                e.shutdownNow();
                executor = null;
            }
            running = false;
            closed = true;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Whether the series are sampled on a thread of the sampler's own: false with an interval of zero, or before the
     * start and after the stop.
     *
     * @return whether the sampler samples on a thread of its own
     */
    public synchronized boolean isScheduled() {
        return executor != null;
    }

    private void sample() {
        try {
            history.sample();
            if (failing) {
                failing = false;
                LOG.info("console: sampling the routes' figures works again");
            }
        } catch (RuntimeException e) {
            // a failure must not end the schedule (an exception would), nor fill the log once a second
            if (!failing) {
                failing = true;
                LOG.warn("console: sampling the routes' figures failed; the charts have gaps until it works again", e);
            } else {
                LOG.debug("console: sampling the routes' figures failed again", e);
            }
        }
    }
}
