package io.strangler.core.rollout;

import org.jspecify.annotations.Nullable;

/**
 * A check a rollout must pass before its first step, supplied by the team migrating: the new side's health check, a
 * smoke call through it, a schema present, a backfill done. The controller runs a route's checks at each tick before
 * the first step, once its other gates (the pre-migration baseline, its dependencies, health) pass, and holds the
 * rollout while one fails, with the check's name and its answer in the status. Runs on the controller's thread:
 * keep it quick (a timeout of its own on a network call), or cache its result.
 *
 * <pre>{@code
 * Strangler.controller(router)
 *         .plan("pricing", RolloutPlan.low())
 *         .preMigrationCheck("pricing", "modern health", () -> modernClient.health().isUp() ? null : "modern is down")
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface PreMigrationCheck {

    /**
     * Runs the check.
     *
     * @return null when it passes; otherwise what is wrong, in a few words
     * @throws Exception when it can't tell; the rollout waits, with the exception's message in the status
     */
    @Nullable String problem() throws Exception;
}
