package io.strangler.core.rollout;

/** The interface both sides of a simulated route implement. */
interface SimulatedService {
    String get(String key);
}
