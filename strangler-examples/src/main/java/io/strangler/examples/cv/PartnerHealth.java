package io.strangler.examples.cv;

/**
 * What the platform saw of a job board lately.
 *
 * @param partner the job board
 * @param calls the calls made to it in the last minute
 * @param failures how many of them failed
 * @param secondsSinceLastFailure seconds since its latest failure
 */
public record PartnerHealth(String partner, int calls, int failures, long secondsSinceLastFailure) {
}
