/**
 * Spring Boot Actuator support for Strangler: the {@code strangler} endpoint
 * ({@link io.strangler.spring.actuate.StranglerEndpoint}), which shows every route's state, rollout and recent
 * evidence and lets an operator change a route, approve or pause its rollout, roll it back or restore a checkpoint;
 * and the {@code strangler} health contributor, whose status stays {@code UP} while legacy serves, however many
 * rollbacks there were, and turns {@code DEGRADED} only when a route has calls no side serves
 * ({@link io.strangler.spring.actuate.RouteHealth}). The health types moved between Spring Boot 3.5 and 4, so the
 * indicator and its auto-configuration are written once per line under the same names; everything else is shared.
 */
package io.strangler.spring.actuate;
