package io.strangler.examples.demo;

import io.strangler.test.VirtualTime;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One run of the demo: the CV platform's instances on their store, the users' traffic second by second, the
 * controllers ticked every 30 virtual seconds, the operator, the scripted release, the reconciliation job; then the
 * checks, as a {@link DemoSummary}. Everything runs on the calling thread on virtual time, so a seed gives the same
 * run every time; wall time only paces the live view.
 */
public final class DemoRun {

    /** When the migration starts: a Monday morning. */
    static final Instant START = Instant.parse("2026-11-23T08:00:00Z");
    /**
     * How often the controllers tick: three samples to a 60 s health window, some 1,900 ticks in a run. A service
     * ticks every second; a tick costs the same on virtual time as on real time (each samples every route's counters
     * and judges every trigger), and a coarser tick keeps the run short while still catching the fault within a
     * minute or two.
     */
    static final Duration TICK = Duration.ofSeconds(30);
    /** How often the reconciliation job replays the log. */
    static final Duration RECONCILE_EVERY = Duration.ofMinutes(30);
    /** The longest a run may take in virtual time: far past the end of every plan, so hitting it is a failure. */
    static final Duration LIMIT = Duration.ofDays(2);

    private final DemoOptions options;
    private final PrintStream out;
    private final boolean terminal;
    private final DemoObserver observer;

    /**
     * A run.
     *
     * @param options the options
     * @param out where the live view and the summary go
     * @param terminal whether {@code out} is a terminal, for the live view to redraw in place
     * @param observer told of the start, every tick and the end
     */
    public DemoRun(DemoOptions options, PrintStream out, boolean terminal, DemoObserver observer) {
        this.options = options;
        this.out = out;
        this.terminal = terminal;
        this.observer = observer;
    }

    /**
     * Runs the migration and checks it.
     *
     * @return what it did and found; its wall side holds the run's duration, not yet the files
     * @throws IllegalStateException if the store can't be reached
     */
    public DemoSummary run() {
        long wallStart = System.nanoTime();
        VirtualTime time = VirtualTime.startingAt(START);
        SharedData data = new SharedData(options.fault());
        SimulatedOperator operator = new SimulatedOperator(Seeds.of(options.seed(), "operator"));
        List<PlatformInstance> instances = new ArrayList<>();
        try (StoreBackend backend = StoreBackend.open(options)) {
            try {
                for (int i = 0; i < options.store().instances(); i++) {
                    String id = String.valueOf((char) ('a' + i));
                    instances.add(new PlatformInstance(id, backend.router(id), backend, data, time, options.seed(),
                            operator));
                }
                return migrate(time, data, operator, instances, backend.describe(), wallStart);
            } finally {
                for (int i = instances.size() - 1; i >= 0; i--) {
                    instances.get(i).close();
                }
            }
        }
    }

    private DemoSummary migrate(VirtualTime time, SharedData data, SimulatedOperator operator,
            List<PlatformInstance> instances, String store, long wallStart) {
        Journeys journeys = new Journeys(new Population(Seeds.of(options.seed(), "population")), data,
                new JobBoards(START, Seeds.of(options.seed(), "job-boards")));
        Traffic traffic = new Traffic(time, journeys, instances, Seeds.of(options.seed(), "traffic"));
        Reconciler reconciler = new Reconciler(data,
                instances.stream().map(i -> i.router().reconciliationLog()).toList());
        RolloutTracker tracker = new RolloutTracker(START);
        String title = String.format(Locale.ROOT, "Strangler demo: a CV platform moves 7 services from its monolith "
                + "to modules | seed %d | fault %s | %s (%d instance%s) | %s", options.seed(),
                options.fault().option(), store, instances.size(), instances.size() == 1 ? "" : "s",
                options.paced() ? "x" + Texts.number(options.speed()) : "unpaced");
        LiveView view = LiveView.of(out, terminal, title, START);
        Migration migration = new Migration(time, data, instances, traffic, reconciler, tracker, operator, view,
                observer, new Pacer(options.speed()));

        Instant end = migration.run();
        reconciler.replayAll();   // what the job has not replayed yet, before both sides are compared
        view.close(end, tracker.rows(migration.acting(), migration.states()));
        Outcome outcome = new Outcome(options, data, instances, migration.acting(), tracker, operator, reconciler,
                journeys);
        return outcome.summary(START, end, migration.ticks(), instances.size(),
                new DemoSummary.Wall((System.nanoTime() - wallStart) / 1_000_000, null, null));
    }
}
