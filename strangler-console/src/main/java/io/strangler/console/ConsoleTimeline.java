package io.strangler.console;

import io.strangler.api.Route;
import io.strangler.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A recorded run of the console: a frame of the {@link ConsoleModel} at each {@link #record()}, and the chart series
 * at the end, from which {@link #writeReport} writes the console's page as a self-contained report. The report shows
 * the last frame, and a slider moves through the others. Beyond {@code maxFrames} every other frame is dropped, so a
 * long run keeps its whole span at a coarser step. Thread-safe.
 *
 * <pre>{@code
 * ConsoleTimeline timeline = ConsoleTimeline.of(model, 2_000);
 * // at every tick: history.sample(); timeline.record();
 * Path report = timeline.writeReport(Path.of("target/report.html"), "Migration report");
 * }</pre>
 */
public final class ConsoleTimeline {

    /** Frames kept unless told otherwise. */
    public static final int DEFAULT_MAX_FRAMES = 1_000;

    private final ConsoleModel model;
    private final int maxFrames;
    private final List<Map<String, Object>> frames = new ArrayList<>();
    private int stride = 1;
    private long offered;

    private ConsoleTimeline(ConsoleModel model, int maxFrames) {
        this.model = Objects.requireNonNull(model, "model");
        if (maxFrames < 2) {
            throw new IllegalArgumentException("maxFrames must be 2 or more, was " + maxFrames);
        }
        this.maxFrames = maxFrames;
    }

    /**
     * An empty timeline of {@code model}, keeping at most {@code maxFrames} frames.
     *
     * @param model the model whose frames are recorded
     * @param maxFrames the frames kept, 2 or more
     * @return the timeline
     * @throws NullPointerException if {@code model} is null
     * @throws IllegalArgumentException if {@code maxFrames} is below 2
     */
    public static ConsoleTimeline of(ConsoleModel model, int maxFrames) {
        return new ConsoleTimeline(model, maxFrames);
    }

    /**
     * Records a frame of the model as it is now, without its chart series (which the timeline keeps once). The
     * frame before it is made light: its checkpoints, mismatches and oldest reconciliation entries are left out,
     * since they repeat from frame to frame and would make a long run's report tens of megabytes; the last frame
     * keeps them.
     */
    public synchronized void record() {
        if (offered++ % stride != 0) {
            return;
        }
        add(model.snapshot(false));
        if (frames.size() > maxFrames) {
            // thin from the newest backwards, so that the latest frame always stays
            List<Map<String, Object>> kept = new ArrayList<>(frames.size() / 2 + 1);
            for (int i = frames.size() - 1; i >= 0; i -= 2) {
                kept.add(0, frames.get(i));
            }
            frames.clear();
            frames.addAll(kept);
            stride *= 2;
        }
    }

    private void add(Map<String, Object> frame) {
        if (!frames.isEmpty()) {
            Map<String, Object> last = frames.get(frames.size() - 1);
            if (last.get("generatedAt").equals(frame.get("generatedAt"))) {
                // no time passed: the newer snapshot replaces the older rather than adding a frame of the same instant
                frames.remove(frames.size() - 1);
            } else {
                lighten(last);
            }
        }
        frames.add(frame);
    }

    @SuppressWarnings("unchecked")
    private static void lighten(Map<String, Object> frame) {
        frame.remove("audit");
        for (Object route : (List<Object>) frame.get("routes")) {
            Map<String, Object> r = (Map<String, Object>) route;
            r.remove("checkpoints");
            r.remove("mismatches");
            Object reconciliation = r.get("reconciliation");
            if (reconciliation instanceof Map<?, ?> m) {
                ((Map<String, Object>) m).remove("oldest");
            }
        }
    }

    /**
     * The frames recorded so far.
     *
     * @return how many frames are kept
     */
    public synchronized int size() {
        return frames.size();
    }

    /**
     * The timeline as the report's page reads it: {@code version}, {@code frames} (oldest first; the model's
     * snapshots without series) and {@code series} (each route's chart series, by name, as they are now).
     *
     * @return the JSON text
     */
    public String json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", ConsoleModel.VERSION);
        synchronized (this) {
            out.put("frames", List.copyOf(frames));
        }
        Map<String, Object> series = new LinkedHashMap<>();
        for (Route<?> route : model.router().routes()) {
            series.put(route.name(), model.history().columns(route.name()));
        }
        out.put("series", series);
        return Json.write(out);
    }

    /**
     * Writes the report: the console's page with this timeline, uPlot and the style sheet inlined, so that it opens
     * offline. Records a last frame first (in place of the latest if no time passed since), so that the report ends
     * where the run ended.
     *
     * @param file where to write it; missing directories are created
     * @param title the page's title
     * @return {@code file}
     * @throws IOException if the file cannot be written
     */
    public Path writeReport(Path file, String title) throws IOException {
        synchronized (this) {
            add(model.snapshot(false));
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, ConsolePage.report(title, json()), StandardCharsets.UTF_8);
        return file;
    }
}
