/**
 * A Spring Boot application migrated with Strangler's Spring adapter: the skills service of a CV platform, whose
 * store moves from a legacy schema (one comma-separated row per user) to a modern one (one row per skill) through
 * dual writes, shadow reads, a canary rollout and, when the modern side goes bad, an automatic rollback.
 *
 * <p>What the application writes is what a user of the adapter writes: two beans of one interface marked
 * {@link io.strangler.spring.StranglerRoute}, the route's properties in {@code application.properties}, and callers
 * that inject the interface as before ({@link io.strangler.examples.spring.SkillController}). The operator console
 * ({@code strangler.console.*}) is on at {@code /actuator/strangler-console/}, its controls for operators who log
 * in ({@link io.strangler.examples.spring.OperatorSecurity}).
 */
package io.strangler.examples.spring;
