package io.strangler.test;

/**
 * The interface both sides of a simulated route implement: one read by key. {@link SimulatedSide} implements it;
 * so may a test's own fake, to be measured on the same routes.
 *
 * <pre>{@code
 * Route<SimulatedService> route = router.register(RouteDefinition.builder("sim", SimulatedService.class)
 *         .legacy(new SimulatedSide("legacy", time, 1)).modern(new SimulatedSide("modern", time, 2)).build());
 * String answer = route.read("user-1", s -> s.get("user-1"));
 * }</pre>
 */
public interface SimulatedService {

    /**
     * Answers a read for {@code key}.
     *
     * @param key the routing key
     * @return the answer for {@code key}
     */
    String get(String key);
}
