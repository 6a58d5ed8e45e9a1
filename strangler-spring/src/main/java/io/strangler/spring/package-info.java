/**
 * Spring Boot integration of Strangler: auto-configuration, {@code strangler.*} properties, bean annotations and
 * the Actuator endpoint. Not built yet: this module only reserves its coordinates in this release.
 */
package io.strangler.spring;
