package io.strangler.core.shadow;

import io.strangler.api.shadow.ComparisonResult;
import io.strangler.api.shadow.Mismatch;
import io.strangler.api.Operation;
import io.strangler.api.RouteCall;
import io.strangler.api.RouteStats;
import io.strangler.api.RoutingContext;
import io.strangler.api.shadow.ShadowSettings;
import io.strangler.api.Side;
import io.strangler.api.compare.Difference;
import io.strangler.api.compare.DifferenceKind;
import io.strangler.api.compare.ExceptionEquivalence;
import io.strangler.api.compare.ResultComparator;
import io.strangler.api.event.MismatchEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shadow side of one route: runs the non-serving side of a sampled read on the {@link ShadowExecutor}, with a
 * deadline, compares the two answers there, learns noise from A/A comparisons, keeps recent mismatches and counts
 * every outcome, once: a comparison has exactly one result, whatever a listener of its mismatch does. The caller's
 * thread only builds a task and offers it to the executor; nothing that happens in the task can reach the caller.
 * Thread-safe.
 */
public final class RouteShadow {

    private static final Logger LOG = LoggerFactory.getLogger(RouteShadow.class);
    private static final ComparisonResult[] RESULTS = ComparisonResult.values();
    /** The shadow's context when the caller has none: built once, not per call. */
    private static final RoutingContext SHADOW_ONLY = RoutingContext.builder().shadow(true).build();

    private final String route;
    private final ResultComparator comparator;
    private final ExceptionEquivalence equivalence;
    private final NoiseLearner noise;
    private final MismatchBuffer mismatches;
    /** The most recent comparisons that differed only in expected ways. */
    private final MismatchBuffer expected;
    private final LongAdder[] counts = new LongAdder[RESULTS.length];
    /** The discordant pairs of the comparisons: one side failed the request, the other answered it. */
    private final LongAdder modernOnlyFailed = new LongAdder();
    private final LongAdder legacyOnlyFailed = new LongAdder();
    private final ShadowExecutor executor;
    private final Consumer<MismatchEvent> onMismatch;
    private final Clock clock;
    private final long timeoutNanos;
    private final int noiseSampleBasisPoints;

    private final IntUnaryOperator draws;

    /**
     * Creates the shadow side of one route.
     *
     * @param route the route's name
     * @param settings the route's shadow settings: deadline, noise learning, mismatches kept
     * @param comparator compares the two answers
     * @param equivalence decides when two failures match
     * @param executor where shadow calls run
     * @param onMismatch hears every mismatch, after it is counted; what it throws is logged
     * @param clock the time of mismatch records
     * @param draws random draws in {@code [0, bound)}, for the noise-learning sample
     */
    public RouteShadow(String route, ShadowSettings settings, ResultComparator comparator,
            ExceptionEquivalence equivalence, ShadowExecutor executor, Consumer<MismatchEvent> onMismatch, Clock clock,
            IntUnaryOperator draws) {
        this.route = route;
        this.draws = draws;
        this.comparator = comparator;
        this.equivalence = equivalence;
        this.noise = new NoiseLearner(settings.noiseThreshold());
        this.mismatches = new MismatchBuffer(settings.mismatchBufferSize());
        this.expected = new MismatchBuffer(settings.mismatchBufferSize());
        this.executor = executor;
        this.onMismatch = onMismatch;
        this.clock = clock;
        this.timeoutNanos = settings.timeout().toNanos();
        this.noiseSampleBasisPoints = settings.noiseSampleBasisPoints();
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /**
     * Offers the shadow call of a read to the executor, once the serving side has answered; from any thread (an
     * asynchronous read may complete on one of the implementation's). Never blocks and never throws: a full
     * executor drops the shadow and counts it.
     *
     * @param key the read's routing key, or null
     * @param op the read
     * @param served the side whose answer the caller gets
     * @param value the serving side's result, when it returned
     * @param failure the serving side's exception, when it threw
     * @param other the implementation to shadow
     * @param legacy the legacy implementation, for A/A noise learning when legacy served
     * @param call the call the shadow makes on {@code other}
     * @param callerContext the routing context of the read's caller; the shadow call runs in it, marked as a shadow
     * @param <T> the route's interface
     */
    public <T> void offer(String key, Operation op, Side served, Object value, Throwable failure, T other, T legacy,
            RouteCall<? super T, ?, ?> call, RoutingContext callerContext) {
        if (!executor.hasRoom()) {
            // Nothing is built for a shadow that would be dropped: a full pool costs the caller a counter update.
            counts[ComparisonResult.DROPPED.ordinal()].increment();
            return;
        }
        boolean learnNoise = served == Side.LEGACY && noiseSampleBasisPoints > 0
                && draws.applyAsInt(10_000) < noiseSampleBasisPoints;
        Task<T> task = new Task<>(key, op, served, value, failure, other, learnNoise ? legacy : null, call,
                callerContext);
        if (!executor.trySubmit(task)) {
            counts[ComparisonResult.DROPPED.ordinal()].increment();
        }
    }

    /**
     * Comparisons so far where modern failed and legacy did not.
     *
     * @return comparisons so far where modern failed and legacy did not
     */
    public long pairedModernOnlyErrors() {
        return modernOnlyFailed.sum();
    }

    /**
     * Comparisons so far where legacy failed and modern did not.
     *
     * @return comparisons so far where legacy failed and modern did not
     */
    public long pairedLegacyOnlyErrors() {
        return legacyOnlyFailed.sum();
    }

    /**
     * The comparisons so far, by result, with the requests exactly one side failed.
     *
     * @return the comparisons so far, by result, with the requests exactly one side failed
     */
    public RouteStats.ShadowStats stats() {
        return new RouteStats.ShadowStats(count(ComparisonResult.MATCH), count(ComparisonResult.MISMATCH),
                count(ComparisonResult.IGNORED), count(ComparisonResult.ERROR), count(ComparisonResult.TIMEOUT),
                count(ComparisonResult.DROPPED), modernOnlyFailed.sum(), legacyOnlyFailed.sum(),
                count(ComparisonResult.EXPECTED));
    }

    /**
     * How many comparisons had it so far.
     *
     * @param result a comparison result
     * @return how many comparisons had it so far
     */
    public long count(ComparisonResult result) {
        return counts[result.ordinal()].sum();
    }

    /**
     * The most recent mismatches, oldest first.
     *
     * @return the most recent mismatches, oldest first
     */
    public List<Mismatch> mismatches() {
        return mismatches.snapshot();
    }

    /**
     * The most recent comparisons that differed only where the comparator's rules expect them to, oldest first.
     *
     * @return those comparisons, each with its expected differences
     */
    public List<Mismatch> expectedDifferences() {
        return expected.snapshot();
    }

    /**
     * The paths learned as noise, with how often legacy differed from itself there.
     *
     * @return the paths learned as noise, with how often legacy differed from itself there
     */
    public java.util.Map<String, Long> noisyPaths() {
        return noise.noisyPaths();
    }

    private void record(ComparisonResult result) {
        counts[result.ordinal()].increment();
    }

    /** One shadow call and its comparison, run on the shadow executor. */
    private final class Task<T> implements Runnable {
        private final String key;
        private final Operation op;
        private final Side served;
        private final Object servedValue;
        private final Throwable servedFailure;
        private final T other;
        private final T legacyForNoise;
        private final RouteCall<? super T, ?, ?> call;
        /** The caller's context; the shadow's, marked as a shadow, is built on the shadow thread. */
        private final RoutingContext callerContext;
        private final AtomicBoolean settled = new AtomicBoolean();
        /** The thread running the shadow call, while it runs; guarded by this. */
        private Thread runner;
        /** The mismatch a comparison found; read by the thread that compared. */
        private Mismatch found;
        /** The comparison whose differences were all expected; read by the thread that compared. */
        private Mismatch expectedFound;

        Task(String key, Operation op, Side served, Object servedValue, Throwable servedFailure, T other,
                T legacyForNoise, RouteCall<? super T, ?, ?> call, RoutingContext callerContext) {
            this.key = key;
            this.op = op;
            this.served = served;
            this.servedValue = servedValue;
            this.servedFailure = servedFailure;
            this.other = other;
            this.legacyForNoise = legacyForNoise;
            this.call = call;
            this.callerContext = callerContext;
        }

        @Override
        public void run() {
            RoutingContext context = callerContext == RoutingContext.EMPTY ? SHADOW_ONLY
                    : callerContext.toBuilder().shadow(true).build();
            Thread worker = Thread.currentThread();
            synchronized (this) {
                runner = worker;
            }
            ScheduledFuture<?> deadline = executor.schedule(this::expire, timeoutNanos);
            Outcome shadow;
            Outcome again = null;
            try (RoutingContext.Scope ignored = context.attach()) {
                shadow = Outcome.of(call, other);
                if (legacyForNoise != null) {
                    again = Outcome.of(call, legacyForNoise);
                }
            } finally {
                deadline.cancel(false);
                synchronized (this) {
                    // After this block the watchdog can no longer interrupt this thread, which may then run
                    // someone else's task; an interrupt it delivered before is cleared here.
                    runner = null;
                    Thread.interrupted();
                }
            }
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            settle(shadow, again);
        }

        /**
         * Compares the answers and counts the one result of the comparison; a mismatch is kept and then published.
         * What a listener does with it can't change how it was counted.
         */
        private void settle(Outcome shadow, Outcome again) {
            ComparisonResult result;
            try {
                if (again != null && again.failure == null && servedFailure == null) {
                    noise.learn(comparator.compare(servedValue, again.value));
                }
                result = compare(shadow);
            } catch (Throwable t) {
                result = ComparisonResult.ERROR;
                LOG.warn("route '{}': comparing a shadow read of {} failed; the caller was not affected", route,
                        op, t);
            }
            record(result);
            if (result == ComparisonResult.MISMATCH) {
                mismatches.add(found);
                publish(found);
            } else if (result == ComparisonResult.EXPECTED) {
                expected.add(expectedFound);
            }
        }

        private void publish(Mismatch mismatch) {
            try {
                onMismatch.accept(new MismatchEvent(mismatch));
            } catch (Throwable t) {
                LOG.warn("route '{}': publishing a mismatch of {} failed; it was counted once", route, op, t);
            }
        }

        /** The deadline passed: count a timeout and interrupt the shadow call if it is still running. */
        private void expire() {
            if (settled.compareAndSet(false, true)) {
                record(ComparisonResult.TIMEOUT);
                synchronized (this) {
                    if (runner != null) {
                        runner.interrupt();
                    }
                }
            }
        }

        /**
         * The comparison's result; for a mismatch, its record is left in {@link #found}.
         *
         * @return the comparison's result; for a mismatch, its record is left in {@link #found}
         */
        private ComparisonResult compare(Outcome shadow) {
            Object legacyValue = served == Side.LEGACY ? servedValue : shadow.value;
            Object modernValue = served == Side.MODERN ? servedValue : shadow.value;
            Throwable legacyFailure = served == Side.LEGACY ? servedFailure : shadow.failure;
            Throwable modernFailure = served == Side.MODERN ? servedFailure : shadow.failure;
            List<Difference> differences;
            if (legacyFailure != null || modernFailure != null) {
                if (legacyFailure == null) {
                    modernOnlyFailed.increment();
                } else if (modernFailure == null) {
                    legacyOnlyFailed.increment();
                }
                differences = legacyFailure != null && modernFailure != null
                        && equivalence.equivalent(legacyFailure, modernFailure)
                        ? List.of()
                        : List.of(new Difference("$", DifferenceKind.VALUE, describe(legacyValue, legacyFailure),
                                describe(modernValue, modernFailure)));
            } else {
                differences = comparator.compare(legacyValue, modernValue);
            }
            if (differences.isEmpty()) {
                return ComparisonResult.MATCH;
            }
            List<Difference> real = new ArrayList<>();
            List<Difference> noisy = new ArrayList<>();
            boolean unexpected = false;
            for (Difference d : differences) {
                if (noise.isNoise(d)) {
                    noisy.add(d);
                } else {
                    real.add(d);
                    unexpected |= !d.expected();
                }
            }
            if (real.isEmpty()) {
                return ComparisonResult.IGNORED;
            }
            Mismatch record = new Mismatch(route, key, op.name(), clock.instant(), served, real, noisy,
                    describe(legacyValue, legacyFailure), describe(modernValue, modernFailure));
            if (!unexpected) {
                expectedFound = record;
                return ComparisonResult.EXPECTED;
            }
            found = record;
            return ComparisonResult.MISMATCH;
        }

        private String describe(Object value, Throwable failure) {
            return failure != null ? Summaries.ofFailure(failure) : Summaries.of(value);
        }
    }

    /** What one side did: returned a value or threw. */
    private static final class Outcome {
        final Object value;
        final Throwable failure;

        private Outcome(Object value, Throwable failure) {
            this.value = value;
            this.failure = failure;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        static <T> Outcome of(RouteCall<? super T, ?, ?> call, T implementation) {
            try {
                return new Outcome(((RouteCall) call).call(implementation), null);
            } catch (Throwable t) {
                return new Outcome(null, t);
            }
        }
    }
}
