package io.strangler.examples.cv;

import io.strangler.api.annotation.Idempotent;
import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import io.strangler.api.annotation.Write;

/** Extracts skills from a CV. The seam the demo migrates. */
public interface CvAnalyzer {

    /**
     * Finds the skills a CV mentions.
     *
     * @param userId whose CV it is: the routing key, so each user sticks to one side
     * @param cv the CV's text
     * @return the analysis
     */
    @Read
    Analysis analyze(@RoutingKey String userId, String cv);

    /**
     * Stores a user's confirmed skills. An upsert: safe to repeat, so it may fall back to legacy.
     *
     * @param userId whose skills
     * @param analysis what to store
     */
    @Write
    @Idempotent
    void save(@RoutingKey String userId, Analysis analysis);
}
