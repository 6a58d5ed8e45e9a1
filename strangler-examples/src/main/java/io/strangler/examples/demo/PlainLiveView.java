package io.strangler.examples.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The live view when the output is no terminal (a pipe, a file, CI): each event appended as one line when it
 * happens, and the table of routes every two virtual hours and at the end. Nothing is redrawn.
 */
final class PlainLiveView extends LiveView {

    private static final Duration TABLE_EVERY = Duration.ofHours(2);
    private static final int WIDTH = 160;

    private final PrintStream out;
    private final Instant start;
    private Instant nextTable;

    /** A view that prints the title at once. */
    PlainLiveView(PrintStream out, String title, Instant start) {
        this.out = out;
        this.start = start;
        this.nextTable = start.plus(TABLE_EVERY);
        out.println(title);
    }

    @Override
    void update(Instant now, Supplier<List<RouteRow>> rows, List<DemoSummary.Event> events) {
        for (DemoSummary.Event e : events) {
            out.println(Texts.elapsed(Duration.between(start, e.at())) + "  " + e.route() + ": " + e.text());
        }
        if (!now.isBefore(nextTable)) {
            table(now, rows.get());
            nextTable = nextTable.plus(TABLE_EVERY);
        }
        out.flush();
    }

    @Override
    void close(Instant now, List<RouteRow> rows) {
        table(now, rows);
        out.flush();
    }

    private void table(Instant now, List<RouteRow> rows) {
        out.println();
        out.println("routes at " + Texts.elapsed(Duration.between(start, now)) + " (" + now + "):");
        out.println(Texts.fit(heading(), WIDTH));
        rows.forEach(r -> out.println(line(r, WIDTH)));
        out.println();
    }
}
