package io.strangler.examples.demo;

import io.strangler.api.MigrationRouter;
import io.strangler.core.rollout.RolloutController;
import java.time.Clock;
import java.time.Instant;

/**
 * Watches a run of the demo from outside it: the hook for a console, a history sampler or a report. Called on the
 * demo's one thread, so an observer reads the routers and the controller between ticks without racing the traffic;
 * what it does there delays the run, so it should be quick. Whatever it throws ends the run.
 */
public interface DemoObserver {

    /** The observer that does nothing: the default. */
    DemoObserver NONE = new DemoObserver() {
    };

    /**
     * Both observers, {@code first} first at every call.
     *
     * @param first told first
     * @param second told second
     * @return the observer that tells both
     */
    static DemoObserver both(DemoObserver first, DemoObserver second) {
        return new DemoObserver() {
            @Override
            public void started(MigrationRouter[] routers, RolloutController controller, Clock clock) {
                first.started(routers, controller, clock);
                second.started(routers, controller, clock);
            }

            @Override
            public void ticked(Instant now) {
                first.ticked(now);
                second.ticked(now);
            }

            @Override
            public void finished(DemoSummary summary) {
                first.finished(summary);
                second.finished(summary);
            }
        };
    }

    /**
     * The platform is up, before the first tick.
     *
     * @param routers every instance's router, instance {@code a} first; one on the memory store, two in a fleet
     * @param controller the controller of the first instance, which takes the lease at the first tick and keeps it
     *     (in a fleet, the other instance's controller stands by and refuses commands)
     * @param clock the virtual clock the routers and controllers run on
     */
    default void started(MigrationRouter[] routers, RolloutController controller, Clock clock) {
    }

    /**
     * Every controller ticked: once every 30 virtual seconds, some 1,900 times in a run.
     *
     * @param now the virtual time of the tick
     */
    default void ticked(Instant now) {
    }

    /**
     * The run is over and checked; the summary file is written.
     *
     * @param summary what the run did and found
     */
    default void finished(DemoSummary summary) {
    }
}
