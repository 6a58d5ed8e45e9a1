package io.strangler.examples.cv;

import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import java.util.List;

/** Finds the jobs that fit a user best: the route {@code recommendation-generator}. */
public interface RecommendationGenerator {

    /** How many jobs a recommendation holds at most. */
    int LIMIT = 5;

    /**
     * The jobs that fit a user best: at most {@link #LIMIT}, best first, ties by job id.
     *
     * @param userId the user: the routing key
     * @param skills the user's skills, lower case
     * @param role the role the user aims for
     * @return the matches, best first
     */
    @Read
    List<JobMatch> recommend(@RoutingKey String userId, List<String> skills, TargetRole role);
}
