package io.strangler.examples.cv;

import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;

/**
 * Turns a CV's analysis into a plan of improvements for the role a user aims for: the route
 * {@code improvement-orchestrator}, which calls on the analyzer's output and so moves with the analyzer's users.
 */
public interface ImprovementOrchestrator {

    /**
     * The improvements a CV needs for a role.
     *
     * @param userId whose CV it is: the routing key
     * @param analysis the CV's analysis
     * @param role the role aimed for
     * @return the plan
     */
    @Read
    ImprovementPlan plan(@RoutingKey String userId, Analysis analysis, TargetRole role);
}
