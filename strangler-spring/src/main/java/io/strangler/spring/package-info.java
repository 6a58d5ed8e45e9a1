/**
 * Spring Boot auto-configuration for Strangler: routes from {@link io.strangler.spring.StranglerRoute} beans and
 * {@code strangler.*} properties, the routing proxy injected in place of the interface, the rollout controller as a
 * {@code SmartLifecycle}, and dual writes deferred to after commit.
 */
package io.strangler.spring;
