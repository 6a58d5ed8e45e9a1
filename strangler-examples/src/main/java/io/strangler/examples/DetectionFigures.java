package io.strangler.examples;

import io.strangler.test.detection.DetectionHarness;
import io.strangler.test.detection.DetectionResult;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints Strangler's detection figures, measured by {@link DetectionHarness} on virtual time with the default
 * triggers, next to the targets and to what Flagger's documented defaults would need:
 *
 * <pre>{@code
 * mvn -B -q -pl strangler-examples -am -DskipTests package exec:java \
 *     -Dexec.mainClass=io.strangler.examples.DetectionFigures -Dexec.args="--runs 200 --aa-runs 1000"
 * }</pre>
 *
 * <p>Arguments: {@code --runs N} seeded runs of each detection scenario (default 200), {@code --aa-runs N} A/A
 * rollouts (default 1000), {@code --seed S} (default 0), {@code --spread SIGMA} the spread of both sides' latencies
 * (default 0.3) and {@code --stalls SHARE:FACTOR} the share of calls that stall and by how much (default 0.005:10). Every run is seeded, so the figures are the same on every
 * machine; only the run time depends on it (about a second per A/A rollout on two cores).
 */
public final class DetectionFigures {

    private DetectionFigures() {
    }

    /**
     * Runs the program.
     *
     * @param args {@code --runs N}, {@code --aa-runs N}, {@code --seed S}, all optional
     */
    public static void main(String[] args) {
        int runs = 200;
        int aaRuns = 1_000;
        long seed = 0;
        DetectionHarness.Builder harness = DetectionHarness.builder();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--runs" -> runs = positive("--runs", value);
                case "--aa-runs" -> aaRuns = positive("--aa-runs", value);
                case "--seed" -> seed = number("--seed", value);
                case "--spread" -> harness.spread(decimal("--spread", value));
                case "--stalls" -> {
                    String[] parts = value == null ? new String[0] : value.split(":");
                    if (parts.length != 2) {
                        throw new IllegalArgumentException("--stalls needs share:factor, e.g. 0.02:20, was '" + value
                                + "'");
                    }
                    harness.stalls(decimal("--stalls share", parts[0]), decimal("--stalls factor", parts[1]));
                }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "'; expected --runs N, --aa-runs N, --seed S, --spread SIGMA or --stalls SHARE:FACTOR");
            }
            i++;
        }
        print(System.out, harness.seed(seed).build(), runs, aaRuns);
    }

    static void print(PrintStream out, DetectionHarness harness, int runs, int aaRuns) {
        long started = System.nanoTime();
        out.println("Strangler detection figures: default triggers, a controller tick every simulated second,");
        out.println("seeded runs on virtual time (the same on every machine).");
        out.println();

        detection(out, harness.errorRate(0.005, 0.20, runs), 200, "at most 200 modern calls",
                "Flagger (interval 1m, threshold 5, as its docs configure it): 5 failed one-minute checks,\n"
                        + "  at least 5 minutes, i.e. about 7,500 modern calls at this rate and share");
        detection(out, harness.latency(3, runs), 60, "within 60 simulated seconds",
                "Flagger (interval 1m, threshold 5): at least 300 seconds");
        detection(out, harness.mismatches(0.05, runs), 300, "at most 300 comparisons",
                "Flagger, Argo Rollouts: no comparison of answers at all");

        detection(out, harness.business(0.97, 0.85, runs), 1_500,
                "within one 60 s window's modern outcomes (1,500)",
                "Flagger, Argo Rollouts: a business metric from Prometheus, judged by a fixed query threshold\n"
                        + "  each interval, with no comparison with the old version's");
        DetectionResult aa = harness.aa(0.01, aaRuns);
        out.println(aa.summary());
        out.printf(Locale.ROOT, "  target: at most 1 %% of rollouts rolled back; measured: %s%n", share(aa
                .rollbackShare()));
        out.println();
        out.printf(Locale.ROOT, "(%.0f s of real time)%n", (System.nanoTime() - started) / 1e9);
    }

    private static void detection(PrintStream out, DetectionResult result, long target, String targetText,
            String peers) {
        out.println(result.summary());
        out.printf(Locale.ROOT, "  target: %s; within it: %s of runs%n", targetText, share(result.shareAtMost(target)));
        out.println("  " + peers);
        out.println();
    }

    private static String share(double share) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    private static double decimal(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + value + "'", e);
        }
    }

    private static int positive(String name, String value) {
        long n = number(name, value);
        if (n < 1 || n > 1_000_000) {
            throw new IllegalArgumentException(name + " must be in [1, 1000000], was " + value);
        }
        return (int) n;
    }

    private static long number(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'", e);
        }
    }
}
