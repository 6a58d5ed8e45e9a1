package io.strangler.examples.cv;

/**
 * A job recommended to a user, with how well it fits.
 *
 * @param jobId the job
 * @param title its title
 * @param company who hires
 * @param partner the job board it is applied for through
 * @param score how well it fits: 10 per skill of the job the user has, 15 more for the role the user aims for
 */
public record JobMatch(String jobId, String title, String company, String partner, int score) {
}
