package io.strangler.examples;

import io.strangler.examples.demo.ConsoleRecorder;
import io.strangler.examples.demo.DemoObserver;
import io.strangler.examples.demo.DemoOptions;
import io.strangler.examples.demo.DemoReports;
import io.strangler.examples.demo.DemoRun;
import io.strangler.examples.demo.DemoSummary;
import io.strangler.examples.demo.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The migration Strangler was designed from: a CV platform moves seven services from its monolith to modules, each
 * service a route with a legacy and a modern implementation, each rolled out by the rollout controller along the plan
 * of its risk ({@code LOW}, {@code MEDIUM}, {@code CRITICAL}) behind health triggers, over 50,000 synthetic users on
 * virtual time: fifteen hours of rollout in about twenty seconds.
 *
 * <ul>
 * <li>{@code cv-analyzer} and {@code improvement-orchestrator} ({@code LOW}): the orchestrator depends on the
 *     analyzer and moves the same users (a shared cohort);</li>
 * <li>{@code cache-manager} ({@code MEDIUM}): dual writes from the start, reads racing both caches
 *     ({@code FASTEST}); a flaky modern cache refuses some writes, which the reconciliation log keeps and a job
 *     replays; at the end both caches are compared key by key;</li>
 * <li>{@code recommendation-generator} ({@code MEDIUM}) with its dependent {@code recommendation-orchestrator}
 *     ({@code LOW}): release 2.1 of the modern generator ships part way through with the fault of {@code --fault};
 *     the controller's triggers catch it and roll the generator and its dependent back on their own;</li>
 * <li>{@code circuit-breaker-core} ({@code MEDIUM}) and {@code action-orchestrator} ({@code CRITICAL}): an operator
 *     approves each step of the critical route from 50 % on.</li>
 * </ul>
 *
 * A live view shows the routes while it runs; a summary follows, and {@code summary.json} is written. The exit code
 * is 0 when every promise held, 1 when one broke, 2 on a bad command line. Run it with
 * {@code mvn -B -q -pl strangler-examples -am -DskipTests package exec:java}, options in
 * {@code -Dexec.args="--fault latency"}; {@code --help} lists them.
 */
public final class MigrationDemo {

    private static final String LOG_FILE = "org.slf4j.simpleLogger.logFile";

    private MigrationDemo() {
    }

    /**
     * Runs the demo and exits with its code.
     *
     * @param args the options; {@code --help} lists them
     */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err, System.console() != null, DemoObserver.NONE);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /**
     * Runs the demo, with plain output (no terminal), and says how it went.
     *
     * @param args the options
     * @param out where the live view and the summary go
     * @param err where errors go
     * @return the exit code: 0 when every promise held, 1 when one broke or the run could not start, 2 on a bad
     *     command line
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, false, DemoObserver.NONE);
    }

    /**
     * Runs the demo and says how it went.
     *
     * @param args the options
     * @param out where the live view and the summary go
     * @param err where errors go
     * @param terminal whether {@code out} is a terminal, for the live view to redraw in place
     * @param observer told of the start, every tick and the end
     * @return the exit code: 0 when every promise held, 1 when one broke or the run could not start, 2 on a bad
     *     command line
     */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean terminal, DemoObserver observer) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (UsageException e) {
            err.println("MigrationDemo: " + e.getMessage());
            err.println(DemoOptions.usage());
            return 2;
        }
        if (options.help()) {
            out.println(DemoOptions.usage());
            return 0;
        }
        Path dir = options.out().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            err.println("MigrationDemo: --out " + options.out() + " can't be made a directory: " + e);
            return 2;
        }
        Path log = logToFile(dir.resolve("demo.log"));
        ConsoleRecorder recorder = new ConsoleRecorder(dir.resolve("report.html"), options.console(), out, System.in);
        DemoObserver observers = DemoObserver.both(recorder, observer);
        DemoSummary summary;
        try {
            summary = new DemoRun(options, out, terminal, observers).run();
        } catch (IllegalStateException e) {
            err.println("MigrationDemo: could not run: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("MigrationDemo: the run failed:");
            e.printStackTrace(err);
            return 1;
        }
        Path file = dir.resolve("summary.json");
        summary = summary.withWall(new DemoSummary.Wall(summary.wall().millis(), file, log));
        try {
            Files.writeString(file, summary.toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file + " failed", e);
        }
        DemoReports.print(summary, out);
        out.println();
        out.println("Summary JSON: " + file);
        if (log != null) {
            printLog(log, out);
        }
        observers.finished(summary);
        return summary.exitCode();
    }

    /**
     * Sends the libraries' log (slf4j-simple) to a file, so that it never writes between the lines of the live
     * view, unless the log was set up already (a test's, or {@code -Dorg.slf4j.simpleLogger.logFile=...}). Must run
     * before the first logger is made: slf4j-simple reads its settings once.
     *
     * @return the file, or null when the log goes elsewhere
     */
    private static Path logToFile(Path file) {
        if (System.getProperty(LOG_FILE) != null) {
            return null;
        }
        System.setProperty(LOG_FILE, file.toString());
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        return file;
    }

    /** Says where the log is and how much it holds, and shows its errors: a real one must not go unseen. */
    private static void printLog(Path log, PrintStream out) {
        List<String> lines;
        try {
            lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            out.println("Library log: " + log + " (unreadable: " + e + ")");
            return;
        }
        List<String> errors = lines.stream().filter(l -> l.contains(" ERROR ")).toList();
        long warnings = lines.stream().filter(l -> l.contains(" WARN ")).count();
        out.println("Library log: " + log + " (" + lines.size() + " lines, " + warnings + " warnings, "
                + errors.size() + " errors)");
        errors.stream().limit(10).forEach(l -> out.println("  " + l));
        if (errors.size() > 10) {
            out.println("  ... " + (errors.size() - 10) + " more errors in the file");
        }
    }
}
