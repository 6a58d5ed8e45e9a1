/**
 * Modern's circuit breaker: resilience4j's breaker, fed with the outcomes of modern calls without making every thread take its window lock on every call. Implementation.
 */
package io.strangler.core.breaker;
