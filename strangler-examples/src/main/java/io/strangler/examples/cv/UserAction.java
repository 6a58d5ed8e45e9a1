package io.strangler.examples.cv;

import java.time.Instant;

/**
 * An action a user asked for.
 *
 * @param kind what to do
 * @param jobId the job
 * @param partner the job board the job is applied for through
 * @param requestedAt when the user asked
 */
public record UserAction(ActionKind kind, String jobId, String partner, Instant requestedAt) {
}
