package io.strangler.api;

import io.strangler.api.resilience.CircuitBreakerState;
import io.strangler.api.shadow.Mismatch;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One named seam between a legacy and a modern implementation of {@code T}. A route decides call by call which
 * side serves, calls it (modern through a circuit breaker, falling back to legacy where allowed), and records
 * the outcome. Obtain one from {@link MigrationRouter#register(RouteDefinition)}.
 *
 * <pre>{@code
 * Route<CvAnalyzer> route = router.register(RouteDefinition.builder("cv-analyzer", CvAnalyzer.class)
 *         .legacy(new RegexCvAnalyzer())
 *         .modern(new LlmCvAnalyzer())
 *         .initialState(s -> s.stage(Stage.CANARY).percentage(10))
 *         .build());
 *
 * Report report = route.read(userId, analyzer -> analyzer.analyze(cv)); // sticky per userId
 * CvAnalyzer analyzer = route.proxy();                                    // or route through the interface
 * }</pre>
 *
 * <p><b>What the caller sees.</b> Exactly the serving side's own result or exception, unwrapped. When modern fails
 * and the call falls back, the caller sees legacy's outcome; nothing from a listener or a metrics recorder ever
 * reaches the caller.
 *
 * <p><b>Where the key comes from.</b> The {@code key} argument; when it is {@code null}, the current
 * {@link RoutingContext}; then the route's {@link io.strangler.api.spi.RoutingKeyResolver}. A call that still has
 * no key follows the route's null-key policy (legacy by default), never a random choice.
 *
 * <p>Implementations are thread-safe. Routing reads one immutable snapshot of the state: it takes no lock, reads
 * no store and allocates nothing for the decision itself.
 *
 * @param <T> the interface both implementations share
 */
public interface Route<T> {

    /**
     * The route's name.
     *
     * @return the route's name
     */
    String name();

    /**
     * The interface (or class) both implementations share.
     *
     * @return the interface (or class) both implementations share
     */
    Class<T> type();

    /**
     * The state calls are routed on right now.
     *
     * @return the current immutable state
     */
    RouteState state();

    /**
     * Which side would serve a call for {@code key} right now, with no side effect: nothing is called, counted,
     * or pinned. Segments come from the current {@link RoutingContext}.
     *
     * @param key the routing key, or {@code null} to take it from the context
     * @return the side
     */
    Side decide(@Nullable String key);

    /**
     * Like {@link #decide(String)}, with the reason and the key's bucket.
     *
     * @param key the routing key, or {@code null} to take it from the context
     * @return the decision
     */
    RoutingDecision explain(@Nullable String key);

    /**
     * Runs a read on the side that serves {@code key}. A read that fails on modern is served by legacy when the
     * state allows fallback; it is retried first when the route has retry configured.
     *
     * @param key the routing key, or {@code null} to take it from the context
     * @param call the call to make on the chosen implementation
     * @param <R> the result type
     * @param <X> the checked exception the call may throw
     * @return the serving side's result
     * @throws X the serving side's own exception, unwrapped
     */
    <R extends @Nullable Object, X extends Throwable> R read(@Nullable String key,
            RouteCall<? super T, ? extends R, X> call) throws X;

    /**
     * Runs a non-idempotent write on the side that serves {@code key}. A write is never retried; it is served by
     * legacy only when modern's circuit breaker is open (modern never saw it) and the state allows fallback.
     *
     * @param key the routing key, or {@code null} to take it from the context
     * @param call the call to make on the chosen implementation
     * @param <R> the result type
     * @param <X> the checked exception the call may throw
     * @return the serving side's result
     * @throws X the serving side's own exception, unwrapped
     */
    <R extends @Nullable Object, X extends Throwable> R write(@Nullable String key,
            RouteCall<? super T, ? extends R, X> call) throws X;

    /**
     * Runs {@code call} as {@code operation} on the side that serves {@code key}.
     *
     * @param operation what the call does; decides retry and fallback
     * @param key the routing key, or {@code null} to take it from the context
     * @param call the call to make on the chosen implementation
     * @param <R> the result type
     * @param <X> the checked exception the call may throw
     * @return the serving side's result
     * @throws X the serving side's own exception, unwrapped
     * @throws NullPointerException if {@code operation} or {@code call} is null
     */
    <R extends @Nullable Object, X extends Throwable> R execute(Operation operation, @Nullable String key,
            RouteCall<? super T, ? extends R, X> call) throws X;

    /**
     * The asynchronous {@link #read(String, RouteCall)}: fallback happens when modern's stage fails.
     *
     * @param key the routing key, or {@code null} to take it from the context
     * @param call the call to make on the chosen implementation
     * @param <R> the result type
     * @return a stage with the serving side's own result or exception
     */
    <R extends @Nullable Object> CompletionStage<R> readAsync(@Nullable String key, AsyncRouteCall<? super T, R> call);

    /**
     * The asynchronous {@link #write(String, RouteCall)}.
     *
     * @param key the routing key, or {@code null} to take it from the context
     * @param call the call to make on the chosen implementation
     * @param <R> the result type
     * @return a stage with the serving side's own result or exception
     */
    <R extends @Nullable Object> CompletionStage<R> writeAsync(@Nullable String key, AsyncRouteCall<? super T, R> call);

    /**
     * The asynchronous {@link #execute(Operation, String, RouteCall)}.
     *
     * @param operation what the call does; decides retry and fallback
     * @param key the routing key, or {@code null} to take it from the context
     * @param call the call to make on the chosen implementation
     * @param <R> the result type
     * @return a stage with the serving side's own result or exception
     */
    <R extends @Nullable Object> CompletionStage<R> executeAsync(Operation operation, @Nullable String key,
            AsyncRouteCall<? super T, R> call);

    /**
     * An implementation of the route's interface that routes every method: methods annotated
     * {@link io.strangler.api.annotation.Read @Read} are reads, everything else is a write
     * ({@link io.strangler.api.annotation.Idempotent @Idempotent} marks safe ones). The key comes from the
     * {@link io.strangler.api.annotation.RoutingKey @RoutingKey} parameter, then the context, then the route's
     * resolver; a call that still has none follows the null-key policy. {@code equals} is identity, {@code hashCode}
     * the identity hash, {@code toString} names the route.
     *
     * @return the proxy, created once and cached
     * @throws IllegalStateException if the route's type is not an interface
     * @throws IllegalArgumentException if a method's routing key is ambiguous (two {@code @RoutingKey} parameters),
     *     names a property its parameter does not have, or is missing on a route whose key settings require one; the
     *     message names the method
     */
    T proxy();

    /**
     * Changes the state: {@code change} is applied to the current state, the version is increased and the actor,
     * time and reason are recorded. The change applies on this instance at once and is written to the store with
     * compare-and-set. While the store can't be reached, it waits as the change itself and is applied to what the
     * store holds when it answers; if the route was changed elsewhere meanwhile, that change wins and this one is
     * dropped (logged), unless it is a rollback.
     *
     * @param actor who makes the change
     * @param reason why
     * @param change edits a builder that starts from the current state
     * @return the new state
     * @throws RollbackRefusedException if the change leaves {@link Stage#RETIRED} for a stage that serves legacy
     * @throws StateConflictException if other instances kept changing the route while this change was retried
     *     (ten times)
     * @throws IllegalArgumentException if the change is invalid (for example dual writes OFF on a route that
     *     does not allow lossy rollback)
     */
    RouteState update(String actor, String reason, UnaryOperator<RouteState.Builder> change);

    /**
     * Like {@link #update(String, String, UnaryOperator)}, but only if the current version is
     * {@code expectedVersion}: two actors working from the same state can't undo each other.
     *
     * @param expectedVersion the version the change was computed from
     * @param actor who makes the change
     * @param reason why
     * @param change edits a builder that starts from the current state
     * @return the new state
     * @throws StateConflictException if the current version is not {@code expectedVersion}
     * @throws RollbackRefusedException if the change leaves {@link Stage#RETIRED} for a stage that serves legacy
     */
    RouteState compareAndUpdate(long expectedVersion, String actor, String reason,
            UnaryOperator<RouteState.Builder> change);

    /**
     * Sets the stage.
     *
     * @param stage the new stage
     * @param actor who makes the change
     * @param reason why
     * @return the new state
     */
    default RouteState setStage(Stage stage, String actor, String reason) {
        return update(actor, reason, b -> b.stage(stage));
    }

    /**
     * Sets the rollout percentage.
     *
     * @param percent a number in {@code [0, 100]}, 0.01 % granularity
     * @param actor who makes the change
     * @param reason why
     * @return the new state
     * @throws IllegalArgumentException if {@code percent} is outside {@code [0, 100]}
     */
    default RouteState setPercentage(double percent, String actor, String reason) {
        return update(actor, reason, b -> b.percentage(percent));
    }

    /**
     * Turns the kill switch: a disabled route sends every call to legacy.
     *
     * @param enabled whether modern may serve
     * @param actor who makes the change
     * @param reason why
     * @return the new state
     */
    default RouteState setEnabled(boolean enabled, String actor, String reason) {
        return update(actor, reason, b -> b.enabled(enabled));
    }

    /**
     * Rolls back: legacy serves every read and write, the percentage goes to 0 and every pinned key is released.
     * A route that dual-writes goes to {@link Stage#DUAL_WRITE}, so that modern keeps receiving a copy of every
     * write (a copy it fails goes to the reconciliation log) and nothing is lost when the migration resumes; a
     * stateless route, a route with dual writes off, or one still in {@link Stage#LEGACY} goes to
     * {@link Stage#LEGACY}. To stop all traffic to modern, turn the kill switch off instead.
     *
     * <p>The store never blocks a rollback: one it can't take now (unreachable, or refusing every write) applies on
     * this instance at once and is written, on top of whatever the store holds then, when it takes it.
     *
     * @param actor who rolls back
     * @param reason why
     * @return the new state
     * @throws RollbackRefusedException if the route is {@link Stage#RETIRED}: legacy is out of date
     */
    RouteState rollback(String actor, String reason);

    /**
     * Records one value of an application measure for the side that served a call: what a business trigger
     * ({@link io.strangler.api.health.CustomTrigger}) judges, such as the cost of a call or the basket value of an
     * order. Off the call path and cheap (a few adders); the values appear in {@link #stats()} under
     * {@link RouteStats#measures()}, and a fleet's instances publish them with their other counters.
     *
     * <pre>{@code
     * RoutingDecision d = route.explain(userId);            // the side this user's calls go to
     * route.record("cost-per-call", d.side(), cents);
     * route.recordOutcome("checkout-success", d.side(), paid);
     * }</pre>
     *
     * @param measure the measure's name: letters, digits, {@code . _ -}, 1 to 64 characters
     * @param side the side that served the call the value belongs to
     * @param value the value, finite
     * @throws IllegalArgumentException if the name is malformed, the value is not finite, or the route already
     *     holds 64 other measures; the message names the measure and the value
     * @throws NullPointerException if {@code measure} or {@code side} is null
     */
    void record(String measure, Side side, double value);

    /**
     * Records the outcome of one attempt for a rate measure: 1 for a success, 0 for a failure, so the measure's mean
     * is the success rate a {@link io.strangler.api.health.CustomTrigger#rate rate trigger} judges.
     *
     * @param measure the measure's name
     * @param side the side that served the attempt
     * @param success whether the attempt succeeded (the user checked out, the answer was accepted)
     * @throws IllegalArgumentException if the name is malformed
     * @throws NullPointerException if {@code measure} or {@code side} is null
     */
    default void recordOutcome(String measure, Side side, boolean success) {
        record(measure, side, success ? 1 : 0);
    }

    /**
     * Counts and latencies of calls since the route was registered, shadow comparisons, second writes and the state
     * of modern's breaker. Snapshots subtract ({@link RouteStats#minus}) into the figures of an interval. Taken off
     * the call path: it costs a pass over the route's recorders.
     *
     * @return a snapshot
     */
    RouteStats stats();

    /**
     * The state of modern's circuit breaker now.
     *
     * @return the state
     */
    CircuitBreakerState circuitBreakerState();

    /**
     * Moves modern's circuit breaker into {@code state}: {@link CircuitBreakerState#CLOSED} forgets the calls it
     * counted, {@link CircuitBreakerState#HALF_OPEN} lets trial calls through now, {@link CircuitBreakerState#OPEN}
     * keeps calls from modern for the breaker's wait. For operators and for restoring a checkpoint; routing itself
     * never needs it.
     *
     * @param state the state to move to
     * @throws NullPointerException if {@code state} is null
     */
    void transitionCircuitBreaker(CircuitBreakerState state);

    /**
     * The most recent shadow mismatches, oldest first, with their differences by field path and the noise
     * separated out. Bounded by {@link io.strangler.api.shadow.ShadowSettings#mismatchBufferSize()}.
     *
     * @return a copy of the buffer
     */
    List<Mismatch> mismatches();

    /**
     * The most recent shadow comparisons that differed only where the comparator's rules expect them to (a legacy bug
     * modern fixes, say), oldest first, kept for inspection: they are not mismatches and no trigger counts them as
     * such. Bounded like {@link #mismatches()}.
     *
     * @return the comparisons, each with its expected differences; empty for a route that keeps none
     */
    default List<Mismatch> expectedDifferences() {
        return List.of();
    }

    /**
     * The field paths learned as noise from A/A comparisons (legacy against itself), with how often each differed.
     *
     * @return path to count, for paths at or over the noise threshold
     */
    Map<String, Long> noisyPaths();
}
