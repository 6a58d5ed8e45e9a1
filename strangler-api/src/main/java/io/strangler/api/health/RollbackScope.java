package io.strangler.api.health;

/**
 * Which routes a rollback covers. Whatever the scope, rolling back a route first rolls back every route that
 * depends on it, in reverse dependency order.
 */
public enum RollbackScope {
    /** The route whose trigger fired. */
    ROUTE,
    /** Every route of the same migration phase as the route whose trigger fired. */
    PHASE,
    /** Every route. */
    ALL
}
