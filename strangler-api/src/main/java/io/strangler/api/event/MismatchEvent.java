package io.strangler.api.event;

import io.strangler.api.shadow.Mismatch;

/**
 * A shadow comparison found a mismatch. Published on the shadow thread that compared the answers, after the
 * comparison has been counted: a listener that throws here does not change how it is counted. Immutable.
 *
 * @param mismatch what differed
 */
public record MismatchEvent(Mismatch mismatch) {
}
