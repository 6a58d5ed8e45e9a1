package io.strangler.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * The console's one page, in its two forms: live, loading the model from the server it came from and sending
 * commands to it; and as a self-contained report, with uPlot, the style sheet and a recorded timeline inlined so
 * that it opens offline. Both are the same template and the same script, {@code console.html} and
 * {@code console.js}: one renderer. Stateless and thread-safe.
 *
 * <p>The live page reads the model at {@value #MODEL_PATH} and posts commands to
 * {@code routes/{route}/{action}}, both relative to the page, so that it works under any prefix (a server serving
 * it at {@code /console/} answers {@code /console/model}).
 */
public final class ConsolePage {

    /** The model's path, relative to the page. */
    public static final String MODEL_PATH = "model";
    /** The prefix of the commands' paths, relative to the page: {@code routes/{route}/{action}}. */
    public static final String COMMANDS_PATH = "routes/";

    static final String UPLOT_VERSION = "1.6.30";
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";

    /**
     * The static files the live page loads, by the name it loads them under (relative to the page), with their
     * content type.
     */
    static final Map<String, String> ASSETS = Map.of(
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "uplot.min.js", "text/javascript; charset=utf-8",
            "uplot.min.css", "text/css; charset=utf-8");

    /**
     * The headers every answer of a console server carries: no caching, no sniffing, no framing, no referrer, and a
     * content security policy that lets the page load only from its own server.
     */
    public static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Cache-Control", "no-store",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                    + "frame-ancestors 'none'");

    private ConsolePage() {
    }

    /**
     * The live page.
     *
     * @param title the page's title, e.g. the application's name
     * @param csrfHeader the header a command must carry its CSRF token in, or null when commands need none
     * @param csrfToken the CSRF token, or null
     * @return the HTML
     */
    public static String live(String title, @Nullable String csrfHeader, @Nullable String csrfToken) {
        return live(title, csrfHeader, csrfToken, null);
    }

    /**
     * The live page for a signed-in person: the commands are recorded under {@code actor}, so the page does not ask
     * for a name.
     *
     * @param title the page's title, e.g. the application's name
     * @param csrfHeader the header a command must carry its CSRF token in, or null when commands need none
     * @param csrfToken the CSRF token, or null
     * @param actor the signed-in person's name, or null when the page asks who acts
     * @return the HTML
     */
    public static String live(String title, @Nullable String csrfHeader, @Nullable String csrfToken,
            @Nullable String actor) {
        StringBuilder head = new StringBuilder();
        head.append("<link rel=\"stylesheet\" href=\"uplot.min.css\">\n");
        head.append("<link rel=\"stylesheet\" href=\"console.css\">\n");
        head.append("<meta name=\"strangler-mode\" content=\"live\">\n");
        if (csrfHeader != null && csrfToken != null) {
            head.append("<meta name=\"strangler-csrf-header\" content=\"").append(attribute(csrfHeader))
                    .append("\">\n");
            head.append("<meta name=\"strangler-csrf-token\" content=\"").append(attribute(csrfToken))
                    .append("\">\n");
        }
        if (actor != null) {
            head.append("<meta name=\"strangler-actor\" content=\"").append(attribute(actor)).append("\">\n");
        }
        String scripts = "<script src=\"uplot.min.js\"></script>\n<script src=\"console.js\"></script>\n";
        return fill(title, head.toString(), "", scripts);
    }

    /**
     * The report: the page with everything inlined and {@code timelineJson} as its data, gzip-compressed in Base64
     * (the page reads it back with the browser's {@code DecompressionStream}); it sends no request.
     *
     * @param title the page's title
     * @param timelineJson the recorded timeline, as {@link ConsoleTimeline} writes it
     * @return the HTML, self-contained
     */
    public static String report(String title, String timelineJson) {
        String head = "<style>\n" + asset("uplot.min.css") + "\n</style>\n<style>\n" + asset("console.css")
                + "\n</style>\n<meta name=\"strangler-mode\" content=\"report\">\n";
        // Compressed: frames repeat most of each other, and a long run's timeline is megabytes of JSON. Base64 has
        // no '<', so nothing in the data can end the script element early.
        String data = "<script id=\"strangler-timeline\" type=\"application/json\" data-encoding=\"gzip+base64\">"
                + gzipBase64(timelineJson) + "</script>\n";
        String scripts = "<script>\n" + asset("uplot.min.js") + "\n</script>\n<script>\n" + asset("console.js")
                + "\n</script>\n";
        return fill(title, head, data, scripts);
    }

    /**
     * One of the static files the live page loads.
     *
     * @param name the name the page loads it under: {@code console.js}, {@code console.css}, {@code uplot.min.js}
     *     or {@code uplot.min.css}
     * @return its content
     * @throws IllegalArgumentException if there is no such file
     */
    public static String asset(String name) {
        return switch (Objects.requireNonNull(name, "name")) {
            case "console.js", "console.css" -> resource("/io/strangler/console/" + name);
            case "uplot.min.js" -> resource(UPLOT + "uPlot.iife.min.js");
            case "uplot.min.css" -> resource(UPLOT + "uPlot.min.css");
            default -> throw new IllegalArgumentException("name: no console asset '" + name + "'");
        };
    }

    /**
     * The content type of one of the static files.
     *
     * @param name the file's name, as {@link #asset} takes it
     * @return its content type, or null if there is no such file
     */
    public static @Nullable String contentType(String name) {
        return ASSETS.get(name);
    }

    private static String gzipBase64(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() / 8 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compress the report's timeline", e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static String fill(String title, String head, String data, String scripts) {
        return resource("/io/strangler/console/console.html")
                .replace("{{title}}", text(title))
                .replace("<!--head-->", head)
                .replace("<!--data-->", data)
                .replace("<!--scripts-->", scripts);
    }

    private static String resource(String path) {
        try (InputStream in = ConsolePage.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the console's resource " + path + " is not on the class path; "
                        + "is org.webjars.npm:uplot:" + UPLOT_VERSION + " missing?");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's resource " + path, e);
        }
    }

    static String text(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String attribute(String s) {
        return text(s).replace("\"", "&quot;");
    }
}
