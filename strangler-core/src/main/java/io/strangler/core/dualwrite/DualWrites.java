package io.strangler.core.dualwrite;

import io.strangler.api.ModernUnavailableException;
import io.strangler.api.Operation;
import io.strangler.api.RouteCall;
import io.strangler.api.RouteState;
import io.strangler.api.RouteStats;
import io.strangler.api.RoutingContext;
import io.strangler.api.Side;
import io.strangler.api.compare.Difference;
import io.strangler.api.compare.ResultComparator;
import io.strangler.api.dualwrite.DualWriteMode;
import io.strangler.api.dualwrite.VerificationReader;
import io.strangler.api.event.DataIntegrityEvent;
import io.strangler.api.reconcile.ReconciliationEntry;
import io.strangler.api.reconcile.ReconciliationLog;
import io.strangler.api.spi.WriteSynchronization;
import io.strangler.core.breaker.BreakerFeed;
import io.strangler.core.shadow.ShadowExecutor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The second write of one route: made after the authoritative side's write has returned, on the caller's thread
 * ({@link DualWriteMode#SYNC}) or on the shadow executor ({@link DualWriteMode#ASYNC}), after the transaction
 * commits when a {@link WriteSynchronization} says there is one; always in the routing context of the call it
 * copies, so that a store that takes its tenant or segment from the context writes where the first write did. A
 * second write is a real write: its context is the caller's, not marked as a shadow. Whatever happens here never
 * reaches the caller: a second write that fails, or can't be made, goes to the reconciliation log with what is
 * needed to replay it. A sample of successful dual writes is read back from both sides, in the caller's context
 * marked as a shadow, and compared. Thread-safe.
 */
public final class DualWrites {

    private static final Logger LOG = LoggerFactory.getLogger(DualWrites.class);

    private final String route;
    private final ReconciliationLog reconciliationLog;
    private final WriteSynchronization writeSynchronization;
    private final ShadowExecutor executor;
    private final Clock clock;
    private final LongSupplier ticker;
    private final Consumer<DataIntegrityEvent> onDataIntegrity;
    private final ResultComparator comparator;
    private final Object legacyImpl;
    private final Object modernImpl;
    private final int verificationSample;
    private final VerificationReader<Object> reader;
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder verified = new LongAdder();
    private final LongAdder integrityFailures = new LongAdder();
    private final LongAdder verificationErrors = new LongAdder();
    private final LongAdder reconciliationErrors = new LongAdder();

    private final IntUnaryOperator draws;
    /** Modern's breaker feed: a second write to modern counts for its breaker like any modern call. */
    private final BreakerFeed modernFeed;

    /**
     * Creates the second writes of one route.
     *
     * @param route the route's name
     * @param reconciliationLog where missed second writes go
     * @param writeSynchronization defers second writes until commit, or null
     * @param executor where asynchronous second writes and verifications run
     * @param clock the time of reconciliation entries and events
     * @param ticker the nanoseconds second writes to modern are timed with, for its breaker
     * @param onDataIntegrity hears every verification that found the sides holding different data
     * @param comparator compares what the two sides read back
     * @param legacy the legacy implementation
     * @param modern the modern implementation
     * @param verificationSample the share of dual writes read back, in basis points
     * @param reader reads back what a write stored, or null
     * @param modernFeed modern's breaker feed
     * @param draws random draws in {@code [0, bound)}
     */
    @SuppressWarnings("unchecked")
    public DualWrites(String route, ReconciliationLog reconciliationLog, WriteSynchronization writeSynchronization,
            ShadowExecutor executor, Clock clock, LongSupplier ticker, Consumer<DataIntegrityEvent> onDataIntegrity,
            ResultComparator comparator, Object legacy, Object modern, int verificationSample,
            VerificationReader<?> reader, BreakerFeed modernFeed, IntUnaryOperator draws) {
        this.draws = draws;
        this.modernFeed = modernFeed;
        this.route = route;
        this.reconciliationLog = reconciliationLog;
        this.writeSynchronization = writeSynchronization;
        this.executor = executor;
        this.clock = clock;
        this.ticker = ticker;
        this.onDataIntegrity = onDataIntegrity;
        this.comparator = comparator;
        this.legacyImpl = legacy;
        this.modernImpl = modern;
        this.verificationSample = verificationSample;
        this.reader = (VerificationReader<Object>) reader;
    }

    /**
     * Makes the second write of a call whose authoritative write succeeded. Never throws: a failure goes to the
     * reconciliation log.
     *
     * @param mode on the caller's thread, or on the executor
     * @param op the call's operation
     * @param key the call's routing key, or null
     * @param args the proxied call's arguments, or null for a call made with a lambda
     * @param call the write to make on {@code side}
     * @param side the side that takes the second write
     * @param implementation that side's implementation
     * @param context the caller's routing context, which the second write runs in
     * @param <T> the route's interface
     */
    public <T> void secondary(DualWriteMode mode, Operation op, String key, Object[] args,
            RouteCall<? super T, ?, ?> call, Side side, T implementation, RoutingContext context) {
        Runnable write = () -> write(op, key, args, call, side, implementation, context);
        Runnable scheduled = mode == DualWriteMode.ASYNC ? () -> submit(op, key, args, side, write) : write;
        WriteSynchronization sync = writeSynchronization;
        if (sync != null) {
            try {
                if (sync.runAfterCommit(scheduled)) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.warn("route '{}': deferring the second write of {} to commit failed; writing now", route, op, e);
            }
        }
        scheduled.run();
    }

    private void submit(Operation op, String key, Object[] args, Side side, Runnable write) {
        if (!executor.trySubmit(write)) {
            missed(op, key, args, side, new RejectedExecutionException("the secondary-write executor is full"));
        }
    }

    /**
     * Records a second write that was not attempted, in the reconciliation log. Never throws.
     *
     * @param op the call's operation
     * @param key the call's routing key, or null
     * @param args the proxied call's arguments, or null for a call made with a lambda
     * @param side the side that missed the write
     * @param why why it was not made
     */
    public void missed(Operation op, String key, Object[] args, Side side, Throwable why) {
        skipped.increment();
        reconcile(op, key, args, side, why);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T> void write(Operation op, String key, Object[] args, RouteCall<? super T, ?, ?> call, Side side,
            T implementation, RoutingContext context) {
        boolean toModern = side == Side.MODERN;
        if (toModern && !modernFeed.tryAcquirePermission()) {
            missed(op, key, args, side, new ModernUnavailableException(route,
                    "its circuit breaker is " + modernFeed.state()));
            return;
        }
        long start = ticker.getAsLong();
        try (RoutingContext.Scope ignored = context.attach()) {
            ((RouteCall) call).call(implementation);
            if (toModern) {
                modernFeed.success(ticker.getAsLong() - start);
            }
            succeeded.increment();
        } catch (Throwable t) {
            if (toModern) {
                modernFeed.error(ticker.getAsLong() - start, t);
            }
            failed.increment();
            reconcile(op, key, args, side, t);
            return;
        }
        maybeVerify(op, key, context);
    }

    private void reconcile(Operation op, String key, Object[] args, Side side, Throwable why) {
        try {
            ReconciliationEntry entry = reconciliationLog.append(ReconciliationEntry.of(route, key,
                    clock.instant(), op.name(), side, why, arguments(args)));
            long missed = failed.sum() + skipped.sum();
            if (missed % 1000 == 1) {
                try (MDC.MDCCloseable ignored = MDC.putCloseable("strangler.route", route)) {
                    LOG.warn("route '{}': second write {} for key {} on {} failed ({}); kept as reconciliation "
                            + "entry #{} ({} missed so far; logged every 1000th)", route, op.name(), key, side,
                            why.toString(), entry.id(), missed);
                }
            }
        } catch (Throwable logFailure) {
            reconciliationErrors.increment();
            // The one place a lost write can't be recorded: say everything needed to redo it in the log.
            LOG.error("route '{}': second write {} for key {} on {} failed ({}) AND the reconciliation log failed "
                    + "to record it; arguments: {}", route, op.name(), key, side, why, arguments(args), logFailure);
        }
    }

    /**
     * The text of a call's arguments for its reconciliation entry. A call made with a lambda has arguments only the
     * lambda can see: its entry says so with {@link ReconciliationEntry#ARGUMENTS_NOT_RECORDED}, rather than look
     * like a call without arguments.
     */
    private static List<String> arguments(Object[] args) {
        if (args == null) {
            return ReconciliationEntry.ARGUMENTS_NOT_RECORDED;
        }
        List<String> text = new ArrayList<>(args.length);
        for (Object arg : args) {
            try {
                text.add(String.valueOf(arg));
            } catch (RuntimeException e) {
                text.add("<toString failed: " + e + ">");
            }
        }
        return text;
    }

    private void maybeVerify(Operation op, String key, RoutingContext context) {
        if (reader == null || key == null || verificationSample <= 0) {
            return;
        }
        if (verificationSample < RouteState.MAX_BASIS_POINTS
                && draws.applyAsInt(RouteState.MAX_BASIS_POINTS) >= verificationSample) {
            return;
        }
        // The read-back reads where the write went, so in the caller's context; it serves nobody: a shadow.
        RoutingContext readBack = context.toBuilder().shadow(true).build();
        if (!executor.trySubmit(() -> readBack.run(() -> verify(op, key)))) {
            verificationErrors.increment();
        }
    }

    private void verify(Operation op, String key) {
        try {
            Object legacyValue = reader.read(legacyImpl, key);
            Object modernValue = reader.read(modernImpl, key);
            List<Difference> differences = comparator.compare(legacyValue, modernValue);
            if (differences.isEmpty()) {
                verified.increment();
                return;
            }
            integrityFailures.increment();
            try (MDC.MDCCloseable ignored = MDC.putCloseable("strangler.route", route)) {
                LOG.error("route '{}': data integrity: after {} for key {}, legacy and modern hold different data: "
                        + "{}", route, op.name(), key, differences);
            }
            onDataIntegrity.accept(new DataIntegrityEvent(route, key, op.name(), clock.instant(),
                    List.copyOf(differences)));
        } catch (Throwable t) {
            verificationErrors.increment();
            LOG.warn("route '{}': reading back {} for key {} to verify it failed", route, op.name(), key, t);
        }
    }

    /**
     * The second writes and verifications so far.
     *
     * @return the second writes and verifications so far
     */
    public RouteStats.SecondaryWrites stats() {
        return new RouteStats.SecondaryWrites(succeeded.sum(), failed.sum(), skipped.sum(), verified.sum(),
                integrityFailures.sum(), lostWrites());
    }

    /** Second writes the reconciliation log dropped when full; a log that fails to tell counts none. */
    private long lostWrites() {
        try {
            return Math.max(0, reconciliationLog.overflowCount(route));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /**
     * Second writes made so far.
     *
     * @return second writes made so far
     */
    public long succeeded() {
        return succeeded.sum();
    }

    /**
     * Second writes that failed, each in the reconciliation log so far.
     *
     * @return second writes that failed, each in the reconciliation log so far
     */
    public long failed() {
        return failed.sum();
    }

    /**
     * Second writes not attempted, each in the reconciliation log so far.
     *
     * @return second writes not attempted, each in the reconciliation log so far
     */
    public long skipped() {
        return skipped.sum();
    }

    /**
     * Verifications that found both sides holding the same data so far.
     *
     * @return verifications that found both sides holding the same data so far
     */
    public long verified() {
        return verified.sum();
    }

    /**
     * Verifications that found the sides holding different data so far.
     *
     * @return verifications that found the sides holding different data so far
     */
    public long integrityFailures() {
        return integrityFailures.sum();
    }

    /**
     * Verifications that could not be made or failed to read back.
     *
     * @return verifications that could not be made or failed to read back
     */
    public long verificationErrors() {
        return verificationErrors.sum();
    }

    /**
     * Missed second writes the reconciliation log failed to record.
     *
     * @return missed second writes the reconciliation log failed to record
     */
    public long reconciliationErrors() {
        return reconciliationErrors.sum();
    }
}
