package io.strangler.examples.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The live view on a terminal: a block of lines redrawn in place with ANSI escapes (cursor up, erase line), at most
 * ten times a second of wall time, with the latest events under the routes. Lines are cut to the terminal's width
 * ({@code COLUMNS}, else 120) so that none wraps and the redraw stays in place.
 */
final class AnsiLiveView extends LiveView {

    private static final String ERASE_LINE = "\u001b[2K";
    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";
    private static final int EVENTS_SHOWN = 5;
    private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final PrintStream out;
    private final String title;
    private final Instant start;
    private final int width;
    private final Deque<DemoSummary.Event> recent = new ArrayDeque<>();
    private int drawn;
    private long lastDraw = Long.MIN_VALUE;

    /** A view as wide as the terminal ({@code COLUMNS}, else 120). */
    AnsiLiveView(PrintStream out, String title, Instant start) {
        this(out, title, start, width());
    }

    /** A view of a given width: the terminal's columns. */
    AnsiLiveView(PrintStream out, String title, Instant start, int width) {
        this.out = out;
        this.title = title;
        this.start = start;
        this.width = width;
    }

    private static int width() {
        try {
            return Math.max(80, Math.min(240, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "120"))));
        } catch (NumberFormatException e) {
            return 120;
        }
    }

    @Override
    void update(Instant now, Supplier<List<RouteRow>> rows, List<DemoSummary.Event> events) {
        for (DemoSummary.Event e : events) {
            recent.addLast(e);
            if (recent.size() > EVENTS_SHOWN) {
                recent.removeFirst();
            }
        }
        long wall = System.nanoTime();
        if (lastDraw == Long.MIN_VALUE || wall - lastDraw >= REDRAW_NANOS) {
            draw(now, rows.get());
            lastDraw = wall;
        }
    }

    @Override
    void close(Instant now, List<RouteRow> rows) {
        draw(now, rows);
    }

    private void draw(Instant now, List<RouteRow> rows) {
        List<String> lines = new ArrayList<>();
        lines.add(BOLD + Texts.fit(title, width) + RESET);
        lines.add(Texts.fit("virtual time " + now.toString().substring(0, 19).replace('T', ' ') + " UTC, "
                + Texts.elapsed(Duration.between(start, now)) + " since the migration started", width));
        lines.add(Texts.fit(heading(), width));
        for (RouteRow r : rows) {
            lines.add(colour(r) + line(r, width) + RESET);
        }
        lines.add("");
        lines.add("latest events:");
        for (DemoSummary.Event e : recent) {
            lines.add(Texts.fit("  " + Texts.elapsed(Duration.between(start, e.at())) + "  " + e.route() + ": "
                    + e.text(), width));
        }
        StringBuilder frame = new StringBuilder();
        if (drawn > 0) {
            frame.append("\u001b[").append(drawn).append('F');   // to the start of the first line drawn
        }
        for (String line : lines) {
            frame.append(ERASE_LINE).append(line).append('\n');
        }
        for (int extra = lines.size(); extra < drawn; extra++) {
            frame.append(ERASE_LINE).append('\n');
        }
        drawn = Math.max(drawn, lines.size());
        out.print(frame);
        out.flush();
    }

    private static String colour(RouteRow r) {
        return switch (r.phase()) {
            case "COMPLETE" -> GREEN;
            case "ROLLED_BACK", "ABORTED", "RAMPING_DOWN", "FROZEN" -> RED;
            case "AWAITING_APPROVAL", "PAUSED" -> YELLOW;
            default -> r.failing() ? RED : "";
        };
    }
}
