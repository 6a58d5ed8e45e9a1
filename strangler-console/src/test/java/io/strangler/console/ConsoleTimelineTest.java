package io.strangler.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("unchecked")
class ConsoleTimelineTest {

    private final ConsoleFixture f = new ConsoleFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void keepsTheWholeSpanAtACoarserStepBeyondItsFrames() {
        ConsoleTimeline timeline = ConsoleTimeline.of(f.model, 10);
        for (int i = 0; i < 100; i++) {
            f.second(2);
            timeline.record();
        }
        assertThat(timeline.size()).isBetween(5, 10);

        Map<String, Object> json = (Map<String, Object>) Json.parse(timeline.json());
        List<?> frames = (List<?>) json.get("frames");
        String first = (String) ((Map<String, Object>) frames.get(0)).get("generatedAt");
        assertThat(first).startsWith("2026-01-01T00:00:01");
        assertThat(((Map<String, Object>) ((List<?>) ((Map<String, Object>) frames.get(0)).get("routes")).get(0)))
                .doesNotContainKey("series");
        assertThat((Map<String, Object>) json.get("series")).containsOnlyKeys("search", "checkout");
    }

    @Test
    void writesASelfContainedReport(@TempDir Path dir) throws Exception {
        ConsoleTimeline timeline = ConsoleTimeline.of(f.model, 100);
        f.seconds(5, 10);
        timeline.record();

        Path report = timeline.writeReport(dir.resolve("reports/run.html"), "Run <1>");

        String html = Files.readString(report);
        assertThat(html).contains("<title>Run &lt;1&gt;</title>", "content=\"report\"",
                "id=\"strangler-timeline\"", "uPlot");
        assertThat(html).doesNotContain("src=\"", "href=\"http", "<!--data-->", "<!--scripts-->");
        assertThat(timeline.size()).as("no time passed since the last frame: the report's replaces it").isEqualTo(1);
        f.second(10);
        timeline.writeReport(dir.resolve("again.html"), "Run");
        assertThat(timeline.size()).as("a last frame is recorded at the end").isEqualTo(2);
    }

    @Test
    void keepsCheckpointsAndMismatchesInTheLastFrameOnly() {
        ConsoleTimeline timeline = ConsoleTimeline.of(f.model, 100);
        f.seconds(61, 40);
        timeline.record();
        f.controller.pause("search", "ann");
        f.second(10);
        timeline.record();

        List<Object> frames = (List<Object>) ((Map<String, Object>) Json.parse(timeline.json())).get("frames");
        Map<String, Object> first = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) frames.get(0))
                .get("routes")).get(0);
        Map<String, Object> last = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) frames.get(1))
                .get("routes")).get(0);
        assertThat(first).doesNotContainKeys("checkpoints", "mismatches").containsKeys("stage", "judgements");
        assertThat(last).containsKeys("checkpoints", "mismatches");
        assertThat((List<Object>) last.get("checkpoints")).isNotEmpty();
        assertThat((Map<String, Object>) frames.get(0)).doesNotContainKey("audit");
    }

    @Test
    void checksItsFrames() {
        assertThatThrownBy(() -> ConsoleTimeline.of(f.model, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxFrames").hasMessageContaining("1");
    }
}
