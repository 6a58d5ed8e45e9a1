package io.strangler.core.routing;

import io.strangler.api.Operation;
import io.strangler.api.RouteCall;
import io.strangler.api.Side;
import io.strangler.core.shadow.ShadowExecutor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The {@code FASTEST} reads of one route: each races both sides on the shadow executor (see {@link FastestRead}),
 * and this counts the races' winners and cancelled losers. Thread-safe.
 *
 * @param <T> the route's interface
 */
final class FastestReads<T> {

    /** {@link #race}: no race was run; the decided side serves the read on the caller's thread. */
    static final Object NOT_RACED = new Object();
    /**
     * {@link #race}: no race was run because modern's breaker refused modern's call, and the decided side is
     * modern: the read is served as any call the breaker refused, without asking the breaker a second time.
     */
    static final Object MODERN_REFUSED = new Object();

    final String route;
    final T legacy;
    final T modern;
    final CallPolicy policy;
    final ShadowExecutor executor;
    final LongSupplier ticker;
    /** How long a read waits for the executor to start one of its calls before it serves the decided side itself. */
    final long startNanos;
    /** Races won by legacy ([0]) and by modern ([1]). */
    final LongAdder[] wins = {new LongAdder(), new LongAdder()};
    /** Losing calls cancelled: interrupted while running, or withdrawn before they started. */
    final LongAdder cancelled = new LongAdder();

    FastestReads(String route, T legacy, T modern, CallPolicy policy, ShadowExecutor executor, LongSupplier ticker,
            long startNanos) {
        this.route = route;
        this.legacy = legacy;
        this.modern = modern;
        this.policy = policy;
        this.executor = executor;
        this.ticker = ticker;
        this.startNanos = startNanos;
    }

    /**
     * Races a read. Both calls must be made for a race: when modern's breaker refuses modern's, or the executor
     * takes only one of them, or starts neither in time, nothing is raced and the caller serves the decided side.
     *
     * @return the first success; or {@link #NOT_RACED} or {@link #MODERN_REFUSED}
     * @throws Throwable the decided side's failure when both sides failed (else the other side's), unwrapped
     */
    Object race(Operation op, Side decided, RouteCall<? super T, ?, ?> call) {
        if (!policy.tryAcquireModern()) {
            return decided == Side.MODERN ? MODERN_REFUSED : NOT_RACED;
        }
        FastestRead<T> race = new FastestRead<>(this, op, decided, call);
        if (!race.start()) {
            return NOT_RACED;
        }
        Object answer = race.await();
        Side winner = race.winner();
        if (winner != null && answer != NOT_RACED) {
            wins[winner.ordinal()].increment();
        }
        return answer;
    }

    T implementation(Side side) {
        return side == Side.LEGACY ? legacy : modern;
    }

    /**
     * The counters as the meters read them: wins of legacy and of modern.
     *
     * @return the counters as the meters read them: wins of legacy and of modern
     */
    LongSupplier[] winCounts() {
        return new LongSupplier[] {wins[0]::sum, wins[1]::sum};
    }
}
