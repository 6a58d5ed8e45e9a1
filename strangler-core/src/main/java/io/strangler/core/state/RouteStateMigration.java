package io.strangler.core.state;

import io.strangler.api.RouteState;
import io.strangler.api.spi.RouteStateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies route states from one store to another, for a service that moves its states to a fleet store (from FF4J's
 * store to {@code PostgresRouteStateStore}, say) without losing what they hold: a rollback, a pulled kill switch, a
 * percentage reached. Run it once, before the routers start on the new store: otherwise the new store starts each
 * route from its definition's initial state, which may undo a rollback. A route the target holds already is left as
 * it is (the target wins); one the source does not hold is skipped. Versions are kept, so every instance's state only
 * moves forward.
 *
 * <pre>{@code
 * RouteStateMigration.Report report = RouteStateMigration.copy(new Ff4jRouteStateStore(ff4j), postgresStore,
 *         List.of("pricing", "checkout"));
 * report.copied();     // [pricing, checkout]
 * }</pre>
 */
public final class RouteStateMigration {

    private static final Logger LOG = LoggerFactory.getLogger(RouteStateMigration.class);

    private RouteStateMigration() {
    }

    /**
     * What a copy did with each route.
     *
     * @param copied routes whose state the target now holds from the source
     * @param kept routes the target held already, left as they were
     * @param missing routes the source holds no state of
     */
    public record Report(List<String> copied, List<String> kept, List<String> missing) {

        /**
         * Copies the lists.
         *
         * @param copied routes copied
         * @param kept routes kept
         * @param missing routes missing from the source
         */
        public Report {
            copied = List.copyOf(copied);
            kept = List.copyOf(kept);
            missing = List.copyOf(missing);
        }
    }

    /**
     * Copies the states of {@code routes} from {@code from} to {@code to}.
     *
     * @param from the store the states are in now
     * @param to the store they move to
     * @param routes the routes' names
     * @return what was done with each route
     * @throws NullPointerException if an argument or a route's name is null
     * @throws io.strangler.api.InvalidStateRecordException if a record in either store can't be read (nothing more is
     *     copied; run it again once the record is repaired)
     * @throws io.strangler.api.StranglerException if a store can't be reached (likewise)
     */
    public static Report copy(RouteStateStore from, RouteStateStore to, Iterable<String> routes) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(routes, "routes");
        List<String> copied = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String route : routes) {
            Objects.requireNonNull(route, "route");
            Optional<RouteState> state = from.load(route);
            if (state.isEmpty()) {
                missing.add(route);
                continue;
            }
            RouteState held = to.createIfAbsent(state.get());
            if (held.equals(state.get())) {
                copied.add(route);
                LOG.info("route '{}': state version {} copied from {} to {}", route, held.version(), from, to);
            } else {
                kept.add(route);
                LOG.warn("route '{}': {} holds version {} already; left as it is (the source has version {})", route,
                        to, held.version(), state.get().version());
            }
        }
        return new Report(copied, kept, missing);
    }
}
