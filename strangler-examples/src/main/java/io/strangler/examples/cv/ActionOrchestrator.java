package io.strangler.examples.cv;

import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import io.strangler.api.annotation.Write;
import java.util.List;

/**
 * Carries out what users do with jobs: the route {@code action-orchestrator}. Critical: an application that goes
 * wrong reaches an employer, so it moves slowly and a person approves each step from half of the users on.
 */
public interface ActionOrchestrator {

    /**
     * Carries an action out and keeps its receipt. Not idempotent: made twice, it applies twice.
     *
     * @param userId the user: the routing key
     * @param action what to do
     * @return the receipt
     */
    @Write
    ActionReceipt perform(@RoutingKey String userId, UserAction action);

    /**
     * A user's receipts.
     *
     * @param userId the user: the routing key
     * @return the receipts, oldest first
     */
    @Read
    List<ActionReceipt> history(@RoutingKey String userId);
}
