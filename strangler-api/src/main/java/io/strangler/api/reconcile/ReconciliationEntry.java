package io.strangler.api.reconcile;

import io.strangler.api.Side;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One failed secondary write, as kept by a {@link ReconciliationLog}. Immutable.
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
 * @param arguments the text form of the call's arguments, what a {@link ReplayHandler} needs to replay the write;
 *     may be empty; an element is {@code null} for a {@code null} argument
 * @param attempts how many replays of this entry failed so far
 */
public record ReconciliationEntry(long id, String route, String key, Instant time, String operation,
        Side failedSide, String errorType, String errorMessage, List<String> arguments, int attempts) {

    /** The id of an entry that no log assigned an id to yet. */
    public static final long UNASSIGNED_ID = 0;

    /**
     * The most characters of an error message that {@link #of of} keeps: a longer message is cut to this length,
     * its last character replaced by {@code '…'}.
     */
    public static final int MAX_ERROR_MESSAGE_LENGTH = 2000;

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
     * @param arguments the text form of the call's arguments; copied, may hold {@code null}
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
     * @param arguments the text form of the call's arguments; may be empty, may hold {@code null}
     * @return the entry, with id {@value #UNASSIGNED_ID}
     * @throws NullPointerException if an argument other than {@code key} is null; the message names it
     */
    public static ReconciliationEntry of(String route, String key, Instant time, String operation,
            Side failedSide, Throwable error, List<String> arguments) {
        Objects.requireNonNull(error, "error");
        return new ReconciliationEntry(UNASSIGNED_ID, route, key, time, operation, failedSide,
                error.getClass().getName(), truncate(error.getMessage()), arguments, 0);
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

    private static String truncate(String message) {
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
