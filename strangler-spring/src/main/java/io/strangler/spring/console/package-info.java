/**
 * The operator console for Spring Boot servlet applications: {@code strangler-console}'s live page, JSON model and
 * audited commands served by Spring MVC under {@code /actuator/strangler-console/}
 * ({@link io.strangler.spring.console.StranglerConsoleController}), its chart series sampled while the application
 * runs ({@link io.strangler.spring.console.StranglerConsoleSampler}), and the auto-configuration that makes them
 * ({@link io.strangler.spring.console.StranglerConsoleAutoConfiguration}, {@code strangler.console.*}). Off by
 * default; read-only unless writes are enabled, which needs Spring Security: each command is then made in the
 * authenticated user's name and carries the CSRF token.
 */
package io.strangler.spring.console;
