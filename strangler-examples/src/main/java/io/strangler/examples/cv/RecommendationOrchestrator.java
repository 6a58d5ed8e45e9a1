package io.strangler.examples.cv;

import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import java.util.List;
import java.util.Set;

/**
 * Turns the generator's matches into the feed a user sees: the route {@code recommendation-orchestrator}, which
 * depends on {@code recommendation-generator} and moves with its users.
 */
public interface RecommendationOrchestrator {

    /**
     * The feed for a user: the matches minus the jobs the user applied for, at most {@link RecommendationFeed#SIZE}
     * jobs and {@link RecommendationFeed#PER_COMPANY} per company, each labelled by its score.
     *
     * @param userId the user: the routing key
     * @param matches the generator's matches, best first
     * @param appliedJobIds the jobs the user applied for already
     * @return the feed
     */
    @Read
    RecommendationFeed compose(@RoutingKey String userId, List<JobMatch> matches, Set<String> appliedJobIds);

    /**
     * The label of a match of this score; both sides label alike.
     *
     * @param score a match's score
     * @return {@code "strong match"} from 35, {@code "good match"} from 20, else {@code "worth a look"}
     */
    static String label(int score) {
        return score >= 35 ? "strong match" : score >= 20 ? "good match" : "worth a look";
    }
}
