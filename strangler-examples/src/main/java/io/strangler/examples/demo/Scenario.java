package io.strangler.examples.demo;

import io.strangler.api.RouteState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The story's one scripted moment: release 2.1 of the modern recommendation generator ships on the afternoon the
 * recommendation feed reaches half of the users. By then the generator serves every user from modern and its
 * dependent, the feed, serves half of them from modern, so a rollback of the generator has a dependent to take
 * back with it. With {@code --fault none} release 2.1 is sound and nothing happens.
 */
final class Scenario {

    /** The share of users of the feed's rollout at which the release ships, in basis points. */
    static final int SHIPS_AT_BASIS_POINTS = 5_000;

    private final ModelRelease release;

    /** The scenario of the release that every instance runs. */
    Scenario(ModelRelease release) {
        this.release = release;
    }

    /**
     * Ships the release when its moment has come.
     *
     * @param now the virtual time
     * @param states the routes' states
     * @return the event of the shipping, if it shipped now
     */
    Optional<DemoSummary.Event> check(Instant now, Map<String, RouteState> states) {
        if (release.shippedAt().isPresent()) {
            return Optional.empty();
        }
        RouteState feed = states.get(PlatformRoute.RECOMMENDATION_ORCHESTRATOR.route());
        if (feed.effectivePercentageBasisPoints() < SHIPS_AT_BASIS_POINTS) {
            return Optional.empty();
        }
        release.ship(now);
        FaultKind fault = release.active();
        return Optional.of(new DemoSummary.Event(now, PlatformRoute.RECOMMENDATION_GENERATOR.route(),
                "release 2.1 of the modern generator ships to every instance: " + fault.description()));
    }
}
