package io.strangler.examples.cv;

/**
 * One job on a user's recommendation feed.
 *
 * @param jobId the job
 * @param title its title
 * @param company who hires
 * @param partner the job board it is applied for through
 * @param label how it is shown: {@code "strong match"}, {@code "good match"} or {@code "worth a look"}
 */
public record FeedItem(String jobId, String title, String company, String partner, String label) {
}
