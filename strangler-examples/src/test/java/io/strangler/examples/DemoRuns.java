package io.strangler.examples;

import io.strangler.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the demo in process, unpaced, and keeps what it printed and the summary it wrote. */
final class DemoRuns {

    private DemoRuns() {
    }

    /** What a run printed and wrote. */
    record Run(int exitCode, String out, String err, Map<String, Object> summary) {

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list(String field) {
            return (List<Map<String, Object>>) summary.get(field);
        }

        Map<String, Object> route(String name) {
            return list("routes").stream().filter(r -> r.get("route").equals(name)).findFirst().orElseThrow();
        }
    }

    /**
     * Runs the demo with {@code --speed max --out out} after the arguments.
     *
     * @param out the run's output directory
     * @param args the other options
     * @return the run
     */
    static Run run(Path out, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--speed", "max", "--out", out.toString()));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = MigrationDemo.run(all.toArray(String[]::new), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        Map<String, Object> summary = Map.of();
        Path file = out.resolve("summary.json");
        if (Files.exists(file)) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> parsed = (Map<String, Object>) Json.parse(Files.readString(file));
                summary = parsed;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Run(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8),
                summary);
    }
}
