package io.strangler.examples.cv;

import java.util.List;

/**
 * The jobs shown to a user, in order.
 *
 * @param userId the user
 * @param items the jobs, best first
 */
public record RecommendationFeed(String userId, List<FeedItem> items) {

    /** How many jobs a feed shows at most. */
    public static final int SIZE = 4;
    /** How many jobs of one company a feed shows at most, so that one employer can't fill it. */
    public static final int PER_COMPANY = 2;

    /**
     * Copies the items.
     *
     * @param userId the user
     * @param items the jobs
     */
    public RecommendationFeed {
        items = List.copyOf(items);
    }
}
