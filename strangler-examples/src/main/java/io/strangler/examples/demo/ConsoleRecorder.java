package io.strangler.examples.demo;

import io.strangler.api.MigrationRouter;
import io.strangler.console.ConsoleAudit;
import io.strangler.console.ConsoleHistory;
import io.strangler.console.ConsoleModel;
import io.strangler.console.ConsoleTimeline;
import io.strangler.console.StranglerConsole;
import io.strangler.core.rollout.RolloutController;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Feeds the operator console from the run: samples its chart series and records a frame of its model at every tick,
 * and at the end writes the console's page as a self-contained report of the whole run (the same page and renderer
 * as the live console, fed from the recorded timeline). With {@code --console} it also serves the live console
 * while the demo runs, with a write token printed on the terminal, and keeps it open at the end until Enter.
 *
 * <p>In a fleet it shows instance {@code a}: its router's figures are its half of the traffic, and its controller
 * holds the lease.
 */
public final class ConsoleRecorder implements DemoObserver {

    /** Frames kept for the report; beyond it the timeline keeps the whole run at a coarser step. */
    static final int REPORT_FRAMES = 600;
    /** Chart points kept per route: every tick of a default run (some 1,900). */
    static final int HISTORY_POINTS = 2_400;

    private final Path report;
    private final boolean console;
    private final PrintStream out;
    private final InputStream in;
    private @Nullable ConsoleHistory history;
    private @Nullable ConsoleTimeline timeline;
    private @Nullable StranglerConsole server;

    /**
     * A recorder that writes the report to {@code report}.
     *
     * @param report the report's file
     * @param console whether to serve the live console during the run and keep it open at the end
     * @param out where the console's address and the report's path are printed
     * @param in what ends a kept-open console (a line, or its end)
     */
    public ConsoleRecorder(Path report, boolean console, PrintStream out, InputStream in) {
        this.report = report;
        this.console = console;
        this.out = out;
        this.in = in;
    }

    @Override
    public void started(MigrationRouter[] routers, RolloutController controller, Clock clock) {
        MigrationRouter router = routers[0];
        ConsoleHistory h = ConsoleHistory.of(router, clock, HISTORY_POINTS);
        ConsoleModel model = ConsoleModel.of(router, controller, h, ConsoleAudit.of(clock), clock);
        history = h;
        timeline = ConsoleTimeline.of(model, REPORT_FRAMES);
        h.sample();
        if (console) {
            String token = token();
            server = StranglerConsole.builder(router).controller(controller).clock(clock).history(h)
                    .title("Strangler demo: the CV platform").writeToken(token).start();
            out.println("Console: " + server.uri() + "  (write token " + token + ")");
        }
    }

    @Override
    public void ticked(Instant now) {
        if (history != null && timeline != null) {
            history.sample();
            timeline.record();
        }
    }

    @Override
    public void finished(DemoSummary summary) {
        if (timeline == null) {
            return;
        }
        try {
            timeline.writeReport(report, "Strangler demo: the CV platform, seed " + summary.seed() + ", fault "
                    + summary.fault().option());
        } catch (IOException e) {
            throw new UncheckedIOException("writing the report " + report + " failed", e);
        }
        out.println("Report (the console's page, offline): " + report.toUri());
        StranglerConsole s = server;
        if (s != null) {
            out.println("The console stays open at " + s.uri() + " (the run is over: time stands still). Press Enter to "
                    + "stop it.");
            try {
                while (in.read() >= 0) {
                    if (in.available() == 0) {
                        break;
                    }
                }
            } catch (IOException e) {
                // no terminal to wait on: close now
            }
            s.close();
        }
    }

    private static String token() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
