package io.strangler.test;

/** The interface both sides of a simulated route implement: one read by key. */
public interface SimulatedService {

    /**
     * @param key the routing key
     * @return the answer for {@code key}
     */
    String get(String key);
}
