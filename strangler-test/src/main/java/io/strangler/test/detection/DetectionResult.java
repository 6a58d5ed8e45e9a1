package io.strangler.test.detection;

import io.strangler.api.health.TriggerKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one {@link DetectionHarness} scenario measured over its seeded runs. Immutable.
 *
 * @param scenario what was simulated, in one line
 * @param measure what {@link Run#value()} counts, in one line
 * @param runs every run, in seed order
 */
public record DetectionResult(String scenario, String measure, List<Run> runs) {

    /** How a run ended. */
    public enum Ending {
        /** A trigger fired and the rollback began (IMMEDIATE rolls back at once; GRACEFUL starts its ramp). */
        ROLLED_BACK,
        /** The plan's last step baked with the gates passing: the route reached its final percentage. */
        COMPLETED,
        /** The time limit passed with neither. */
        UNDECIDED
    }

    /**
     * One seeded run.
     *
     * @param seed the run's seed
     * @param ending how it ended
     * @param trigger the trigger of the first rollback, or null if there was none
     * @param value the scenario's measure when the run ended
     * @param simulatedSeconds the simulated seconds the run took
     * @param reason the first rollback's reason (its numbers), or what the controller last said
     */
    public record Run(long seed, Ending ending, @Nullable TriggerKind trigger, long value, long simulatedSeconds,
            String reason) {

        /**
         * Checks the fields.
         *
         * @param seed the run's seed
         * @param ending how it ended
         * @param trigger the trigger of the first rollback, or null
         * @param value the scenario's measure
         * @param simulatedSeconds the simulated seconds the run took
         * @param reason the first rollback's reason, or what the controller last said
         * @throws NullPointerException if {@code ending} or {@code reason} is null
         */
        public Run {
            Objects.requireNonNull(ending, "ending");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Checks the fields and copies the runs.
     *
     * @param scenario what was simulated
     * @param measure what a run's value counts
     * @param runs every run, copied
     * @throws NullPointerException if an argument is null
     */
    public DetectionResult {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(measure, "measure");
        runs = List.copyOf(runs);
    }

    /**
     * The measure of every run.
     *
     * @return the values, in seed order
     */
    public List<Long> values() {
        return runs.stream().map(Run::value).toList();
    }

    /**
     * The smallest measure.
     *
     * @return the minimum, or 0 with no runs
     */
    public long min() {
        return sorted().isEmpty() ? 0 : sorted().get(0);
    }

    /**
     * The median measure: the upper one of an even count.
     *
     * @return the median, or 0 with no runs
     */
    public long median() {
        List<Long> sorted = sorted();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    /**
     * The largest measure.
     *
     * @return the maximum, or 0 with no runs
     */
    public long max() {
        List<Long> sorted = sorted();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1);
    }

    /**
     * A percentile of the measures, by nearest rank.
     *
     * @param percentile in {@code (0, 100]}
     * @return the smallest measure that at least {@code percentile} % of the runs are at or below (nearest rank), or
     *     0 with no runs
     * @throws IllegalArgumentException if {@code percentile} is out of range
     */
    public long percentile(double percentile) {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + percentile);
        }
        List<Long> sorted = sorted();
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(percentile / 100 * sorted.size());
        return sorted.get(Math.max(1, rank) - 1);
    }

    /**
     * How often the measure stayed within a limit: the figure for a target such as "within 300 comparisons in
     * 95 % of runs".
     *
     * @param limit a measure
     * @return the share of runs whose measure is at most {@code limit}, in {@code [0, 1]}; 0 with no runs
     */
    public double shareAtMost(long limit) {
        return runs.isEmpty() ? 0 : (double) runs.stream().filter(r -> r.value() <= limit).count() / runs.size();
    }

    /**
     * How many runs ended in a given way.
     *
     * @param ending an ending
     * @return how many runs ended so
     */
    public long count(Ending ending) {
        return runs.stream().filter(r -> r.ending() == ending).count();
    }

    /**
     * The rollbacks by cause.
     *
     * @return the runs that rolled back, counted by the trigger that fired first; unmodifiable
     */
    public Map<TriggerKind, Long> rollbacksByTrigger() {
        Map<TriggerKind, Long> counts = new EnumMap<>(TriggerKind.class);
        for (Run run : runs) {
            if (run.ending() == Ending.ROLLED_BACK) {
                counts.merge(run.trigger(), 1L, Long::sum);
            }
        }
        return Collections.unmodifiableMap(counts);
    }

    /**
     * The share of runs that rolled back: for an A/A scenario, the false-alarm rate.
     *
     * @return a share in {@code [0, 1]}; 0 with no runs
     */
    public double rollbackShare() {
        return runs.isEmpty() ? 0 : (double) count(Ending.ROLLED_BACK) / runs.size();
    }

    /**
     * A summary to print.
     *
     * @return the scenario, the measure's min, median, p95 and max, and how the runs ended, in a few lines
     */
    public String summary() {
        StringBuilder out = new StringBuilder(scenario).append('\n');
        out.append(String.format(Locale.ROOT, "  %s over %d runs: min %d, median %d, p95 %d, max %d%n", measure,
                runs.size(), min(), median(), percentile(95), max()));
        out.append(String.format(Locale.ROOT, "  ended: %d rolled back %s, %d completed, %d undecided",
                count(Ending.ROLLED_BACK), rollbacksByTrigger(), count(Ending.COMPLETED), count(Ending.UNDECIDED)));
        return out.toString();
    }

    private List<Long> sorted() {
        List<Long> sorted = new ArrayList<>(values());
        Collections.sort(sorted);
        return sorted;
    }
}
