package io.strangler.examples.demo;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The view of the migration while it runs: one line per route with its stage, modern's share as a bar, modern's error
 * rate over the latest window and the latest verdict. On a terminal ({@link AnsiLiveView}) it is redrawn in place;
 * elsewhere ({@link PlainLiveView}) events are appended as they happen, with a table now and then, so that a log
 * or CI reads as a story. The libraries' own logs go to a file meanwhile, so nothing else writes between the lines.
 */
abstract class LiveView {

    /** The platform's width for a route's name. */
    static final int NAME = 28;

    /**
     * The view for this output: redrawn in place on a terminal, appended otherwise.
     *
     * @param out where to write
     * @param terminal whether {@code out} is a terminal ({@code System.console() != null})
     * @param title the first line
     * @param start the virtual start of the migration
     * @return the view
     */
    static LiveView of(PrintStream out, boolean terminal, String title, Instant start) {
        return terminal ? new AnsiLiveView(out, title, start) : new PlainLiveView(out, title, start);
    }

    /**
     * A tick happened.
     *
     * @param now its virtual time
     * @param rows the routes as they are now, asked for only when the view draws them (each row reads the
     *     controller's health window, which costs more than a tick should spend on a view)
     * @param events what happened in it
     */
    abstract void update(Instant now, Supplier<List<RouteRow>> rows, List<DemoSummary.Event> events);

    /**
     * The run is over: the last frame, drawn whatever the pace.
     *
     * @param now the virtual end
     * @param rows the routes at the end
     */
    abstract void close(Instant now, List<RouteRow> rows);

    /** The column headings of the route lines. */
    static String heading() {
        return String.format(Locale.ROOT, "%-" + NAME + "s %-10s %-22s %7s %7s  %-17s %s", "route", "stage",
                "modern share", "", "errors", "phase", "latest verdict");
    }

    /** One route's line, at most {@code width} characters. */
    static String line(RouteRow r, int width) {
        String step = r.step() < 0 ? "" : " " + (r.step() + 1) + "/" + r.steps();
        String text = String.format(Locale.ROOT, "%-" + NAME + "s %-10s %s %6.2f%% %7s  %-17s %s", r.route(),
                r.stage(), Texts.bar(r.percentage(), 20), r.percentage(), Texts.percent(r.errorRate()),
                Texts.fit(r.phase() + step, 17), r.verdict());
        return Texts.fit(text, width);
    }
}
