package io.strangler.core.rollout;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The rollouts a controller runs or guards, by route, dependencies before dependents; and the lookups its commands
 * make, with the messages they fail with. Immutable itself; the rollouts in it are guarded by the controller's lock.
 */
final class Rollouts {

    private final Map<String, RolloutStateMachine> byName;

    Rollouts(Map<String, RolloutStateMachine> dependenciesFirst) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(dependenciesFirst));
    }

    /**
     * Every rollout, dependencies first.
     *
     * @return every rollout, dependencies first
     */
    Collection<RolloutStateMachine> all() {
        return byName.values();
    }

    /**
     * The routes run or guarded, dependencies first.
     *
     * @return the routes run or guarded, dependencies first
     */
    Set<String> names() {
        return byName.keySet();
    }

    /**
     * The rollout of {@code route}, or null if the controller neither runs nor guards it.
     *
     * @return the rollout of {@code route}, or null if the controller neither runs nor guards it
     */
    @Nullable RolloutStateMachine find(String route) {
        return byName.get(route);
    }

    /**
     * The rollout of {@code route}, for {@code operation}.
     *
     * @return the rollout of {@code route}, for {@code operation}
     * @throws NullPointerException if {@code route} is null
     * @throws IllegalArgumentException if the controller neither runs nor guards it
     */
    RolloutStateMachine known(String operation, String route) {
        Objects.requireNonNull(route, "route");
        RolloutStateMachine r = byName.get(route);
        if (r == null) {
            throw new IllegalArgumentException(operation + ": route '" + route + "' has no plan or triggers on "
                    + "this controller; it runs " + byName.keySet());
        }
        return r;
    }

    /**
     * The rollout of {@code route}, which has a plan, for {@code operation}.
     *
     * @return the rollout of {@code route}, which has a plan, for {@code operation}
     * @throws NullPointerException if {@code route} is null
     * @throws IllegalArgumentException if the controller neither runs nor guards it, or only guards it
     */
    RolloutStateMachine planned(String operation, String route) {
        RolloutStateMachine r = known(operation, route);
        if (!r.planned()) {
            throw new IllegalArgumentException(operation + ": route '" + route + "' has no rollout plan here, only "
                    + "triggers");
        }
        return r;
    }
}
