package io.strangler.api.event;

import io.strangler.api.Mismatch;

/**
 * A shadow comparison found a mismatch.
 *
 * @param mismatch what differed
 */
public record MismatchEvent(Mismatch mismatch) {
}
