/**
 * Strangler's front door: {@link io.strangler.core.Strangler#router()} builds a
 * {@link io.strangler.api.MigrationRouter}; {@link io.strangler.core.Bucketing} is the sticky bucketing every route
 * uses.
 */
package io.strangler.core;
