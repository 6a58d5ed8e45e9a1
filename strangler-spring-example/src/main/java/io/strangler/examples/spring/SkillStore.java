package io.strangler.examples.spring;

import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import io.strangler.api.annotation.Write;
import java.util.List;

/**
 * Where a user's skills are kept. Two implementations, {@link JdbcSkillStore} (legacy) and
 * {@link ModernSkillStore} (modern), are the two sides of the route {@code skills}; whoever injects a
 * {@code SkillStore} gets the route's proxy, which picks a side per user.
 *
 * <p>The user id is the routing key: a user stays on the same side while the rollout's percentage holds, so that
 * one user's reads and writes see one store.
 */
public interface SkillStore {

    /**
     * Replaces a user's skills.
     *
     * @param userId the user
     * @param skills the skills, in the user's order; names trimmed, none blank, none with a comma
     */
    @Write
    void save(@RoutingKey String userId, List<String> skills);

    /**
     * A user's skills.
     *
     * @param userId the user
     * @return the skills in the order they were saved; empty for a user who saved none
     */
    @Read
    List<String> skills(@RoutingKey String userId);
}
