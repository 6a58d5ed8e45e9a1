package io.strangler.api.reconcile;

import io.strangler.api.Side;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One second write that failed or could not be made, as kept by a {@link ReconciliationLog}. Immutable.
 *
 * <p><b>What is recorded.</b> The route, the call's routing key, when, the operation's name, the side that missed
 * the write, the error, and the call's arguments as text. The router knows the arguments of a call made through
 * the route's proxy: one {@code String.valueOf} per parameter, in order ({@code null} for a {@code null} argument;
 * an empty list for a method without parameters). A call made with a lambda ({@code route.write(key, call)}) has
 * arguments only the lambda can see: its entry holds {@link #ARGUMENTS_NOT_RECORDED} instead, and
 * {@link #argumentsRecorded()} is false, so that it never looks like a call without arguments. Replay such an
 * entry from the key and the operation, or from the application's own record of the write.
 *
 * <pre>{@code
 * ReconciliationEntry entry = ReconciliationEntry.of("orders", "customer-42", clock.instant(), "saveOrder",
 *         Side.MODERN, exception, List.of("order-7", "3"));
 * ReconciliationEntry stored = log.append(entry); // stored.id() is assigned by the log
 * }</pre>
 *
 * @param id the id the log assigned, increasing in the order of appending; {@value #UNASSIGNED_ID} for an entry
 *     that was not appended yet
 * @param route the route's name
 * @param key the routing key of the call, or {@code null} when it had none
 * @param time when the write failed
 * @param operation the name of the write, e.g. the method's name
 * @param failedSide the side whose write failed: the secondary side of the call
 * @param errorType the class name of the failure
 * @param errorMessage the failure's message, or {@code null} when it had none
 * @param arguments the text form of a proxied call's arguments, what a {@link ReplayHandler} needs to replay the
 *     write: empty for a method without parameters, an element {@code null} for a {@code null} argument; or
 *     {@link #ARGUMENTS_NOT_RECORDED} for a call made with a lambda
 * @param attempts how many replays of this entry failed so far
 */
public record ReconciliationEntry(long id, String route, @Nullable String key, Instant time, String operation,
        Side failedSide, String errorType, @Nullable String errorMessage, List<@Nullable String> arguments,
        int attempts) {

    /** The id of an entry that no log assigned an id to yet. */
    public static final long UNASSIGNED_ID = 0;

    /**
     * The most characters of an error message that {@link #of of} keeps: a longer message is cut to this length,
     * its last character replaced by {@code '…'}.
     */
    public static final int MAX_ERROR_MESSAGE_LENGTH = 2000;

    /**
     * The {@link #arguments()} of an entry whose call was made with a lambda ({@code route.write(key, call)},
     * {@code route.writeAsync(key, call)}): the router can't see what the lambda captured, so no argument is
     * recorded, and the one element says so. Compare with {@link #argumentsRecorded()}.
     */
    public static final List<String> ARGUMENTS_NOT_RECORDED = List.of(
            "<arguments not recorded: the call was made with a lambda, whose arguments the router can't see>");

    /**
     * Checks and copies the components.
     *
     * @param id the id the log assigned, or {@value #UNASSIGNED_ID}
     * @param route the route's name
     * @param key the routing key, or {@code null}
     * @param time when the write failed
     * @param operation the name of the write
     * @param failedSide the side whose write failed
     * @param errorType the class name of the failure
     * @param errorMessage the failure's message, or {@code null}; kept as given
     * @param arguments the text form of the call's arguments, or {@link #ARGUMENTS_NOT_RECORDED}; copied, may hold
     *     {@code null}
     * @param attempts how many replays failed so far
     * @throws NullPointerException if {@code route}, {@code time}, {@code operation}, {@code failedSide},
     *     {@code errorType} or {@code arguments} is null; the message names it
     * @throws IllegalArgumentException if {@code id} or {@code attempts} is negative
     */
    public ReconciliationEntry {
        if (id < 0) {
            throw new IllegalArgumentException("id must not be negative, was " + id);
        }
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(failedSide, "failedSide");
        Objects.requireNonNull(errorType, "errorType");
        Objects.requireNonNull(arguments, "arguments");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative, was " + attempts);
        }
        arguments = Collections.unmodifiableList(new ArrayList<>(arguments));
    }

    /**
     * A new entry, without id and with no attempts, for a write that failed with {@code error}.
     *
     * @param route the route's name
     * @param key the routing key of the call, or {@code null}
     * @param time when the write failed
     * @param operation the name of the write
     * @param failedSide the side whose write failed
     * @param error the failure: its class name becomes {@link #errorType()}, its message {@link #errorMessage()},
     *     cut to {@value #MAX_ERROR_MESSAGE_LENGTH} characters
     * @param arguments the text form of the call's arguments, or {@link #ARGUMENTS_NOT_RECORDED}; may be empty, may
     *     hold {@code null}
     * @return the entry, with id {@value #UNASSIGNED_ID}
     * @throws NullPointerException if an argument other than {@code key} is null; the message names it
     */
    public static ReconciliationEntry of(String route, @Nullable String key, Instant time, String operation,
            Side failedSide, Throwable error, List<@Nullable String> arguments) {
        Objects.requireNonNull(error, "error");
        return new ReconciliationEntry(UNASSIGNED_ID, route, key, time, operation, failedSide,
                error.getClass().getName(), truncate(error.getMessage()), arguments, 0);
    }

    /**
     * Whether the call's arguments are recorded: true for a call made through the route's proxy (even one without
     * arguments), false for a call made with a lambda, whose {@link #arguments()} are
     * {@link #ARGUMENTS_NOT_RECORDED}.
     *
     * @return whether {@link #arguments()} holds the call's arguments
     */
    public boolean argumentsRecorded() {
        return !ARGUMENTS_NOT_RECORDED.equals(arguments);
    }

    /**
     * This entry with another id; what a log returns from {@link ReconciliationLog#append append}.
     *
     * @param newId the id
     * @return the entry with {@code newId}
     * @throws IllegalArgumentException if {@code newId} is negative
     */
    public ReconciliationEntry withId(long newId) {
        return new ReconciliationEntry(newId, route, key, time, operation, failedSide, errorType, errorMessage,
                arguments, attempts);
    }

    /**
     * This entry with another count of failed replays.
     *
     * @param newAttempts the count
     * @return the entry with {@code newAttempts}
     * @throws IllegalArgumentException if {@code newAttempts} is negative
     */
    public ReconciliationEntry withAttempts(int newAttempts) {
        return new ReconciliationEntry(id, route, key, time, operation, failedSide, errorType, errorMessage,
                arguments, newAttempts);
    }

    private static @Nullable String truncate(@Nullable String message) {
        if (message == null || message.length() <= MAX_ERROR_MESSAGE_LENGTH) {
            return message;
        }
        int end = MAX_ERROR_MESSAGE_LENGTH - 1;
        if (Character.isHighSurrogate(message.charAt(end - 1))) {
            end--; // don't split a surrogate pair
        }
        return message.substring(0, end) + '…';
    }
}
