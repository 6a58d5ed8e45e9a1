package com.example.cv;

import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import io.strangler.api.annotation.Write;

/** The interface both the old and the new analyzer implement, as in the README's 30-second example. */
public interface CvAnalyzer {

    /**
     * Analyzes a CV.
     *
     * @param userId whose CV it is: the routing key
     * @param cv the CV's text
     * @return the analysis
     */
    @Read
    Analysis analyze(@RoutingKey String userId, String cv);

    /**
     * Stores an analysis.
     *
     * @param userId whose analysis it is: the routing key
     * @param analysis the analysis
     */
    @Write
    void save(@RoutingKey String userId, Analysis analysis);
}
