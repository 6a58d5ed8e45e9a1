package io.strangler.api.event;

import io.strangler.api.shadow.Mismatch;

/**
 * A shadow comparison found a mismatch.
 *
 * @param mismatch what differed
 */
public record MismatchEvent(Mismatch mismatch) {
}
