package io.strangler.examples.cv;

import java.time.Instant;

/**
 * The record of an action carried out.
 *
 * @param id the receipt's id: the user and the action's number among the user's
 * @param kind what was done
 * @param jobId the job
 * @param partner the job board
 * @param requestedAt when the user asked
 * @param status what became of it, for the user to read
 */
public record ActionReceipt(String id, ActionKind kind, String jobId, String partner, Instant requestedAt,
        String status) {

    /**
     * The receipt of the {@code number}-th action of a user (from 1): both sides number them alike.
     *
     * @param userId the user
     * @param number the action's number among the user's, from 1
     * @param action the action
     * @return the receipt
     */
    public static ActionReceipt of(String userId, int number, UserAction action) {
        String status = action.kind() == ActionKind.APPLY ? "sent to " + action.partner() : "saved for later";
        return new ActionReceipt(userId + "-" + number, action.kind(), action.jobId(), action.partner(),
                action.requestedAt(), status);
    }
}
