package io.strangler.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The live view: on a terminal each frame goes back over the one before it and no line is wider than the terminal
 * (a wrapped line would throw the redraw off); elsewhere events are appended and tables printed, nothing redrawn.
 */
class LiveViewTest {

    private static final Instant START = Instant.parse("2026-11-23T08:00:00Z");
    private static final List<RouteRow> ROWS = List.of(
            new RouteRow("recommendation-orchestrator", "CANARY", 25, "RUNNING", 1, 5, 0.004, 250,
                    "the 25% step bakes until 2026-11-23T09:31:00Z, and this reason goes on well past the width of "
                            + "any terminal a person would use to watch a migration", false),
            new RouteRow("recommendation-generator", "LEGACY", 0, "ROLLED_BACK", 5, 6, Double.NaN, 0,
                    "rolled back", false));

    @Test
    void onATerminalEveryFrameIsRedrawnInPlaceWithinTheWidth() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LiveView view = new AnsiLiveView(new PrintStream(bytes, true, StandardCharsets.UTF_8), "title", START, 100);

        view.update(START.plusSeconds(30), () -> ROWS, List.of());
        view.close(START.plusSeconds(60), ROWS);
        view.close(START.plusSeconds(90), ROWS);

        String out = bytes.toString(StandardCharsets.UTF_8);
        int lines = 2 + 1 + ROWS.size() + 2;
        assertThat(out.split("\u001b\\[" + lines + "F", -1)).as("frames after the first go back up").hasSize(3);
        for (String line : out.replaceAll("\u001b\\[[0-9;]*[A-Za-z]", "").split("\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(100);
        }
        assertThat(out).contains("[#####...............]  25.00%", "0.4 %", "ROLLED_BACK 6/6");
    }

    @Test
    void elsewhereEventsAreAppendedAndNothingIsRedrawn() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LiveView view = LiveView.of(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, "title", START);

        view.update(START.plusSeconds(90), () -> {
            throw new AssertionError("no table is due yet, so no row is asked for");
        }, List.of(new DemoSummary.Event(START.plusSeconds(75), "cv-analyzer", "step 1")));
        view.close(START.plusSeconds(120), ROWS);

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("title\n").contains("+00:01:15  cv-analyzer: step 1", "routes at +00:02:00")
                .doesNotContain("\u001b");
    }
}
