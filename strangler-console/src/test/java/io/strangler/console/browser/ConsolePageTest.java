package io.strangler.console.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.console.ConsolePage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The page's assembly, without a browser: the live page loads its script and styles from its own server and runs
 * no inline script (the console's Content-Security-Policy allows none); the report carries everything inline and
 * loads nothing; text from outside cannot break out of the markup; and the renderer cannot be inlined into a report
 * wrongly or write markup from the model.
 */
class ConsolePageTest {

    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>(.*?)</script>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern REFERENCE = Pattern.compile("\\b(src|href)\\s*=\\s*\"([^\"]*)\"",
            Pattern.CASE_INSENSITIVE);
    private static final String TIMELINE = "{\"version\":1,\"frames\":[],\"series\":{}}";

    @Test
    void theLivePageLoadsItsFilesFromItsOwnServerAndRunsNoInlineScript() {
        String html = ConsolePage.live("Acme", null, null);

        assertThat(html).contains("<meta name=\"strangler-mode\" content=\"live\">")
                .contains("<script src=\"uplot.min.js\"></script>").contains("<script src=\"console.js\"></script>")
                .contains("<link rel=\"stylesheet\" href=\"console.css\">")
                .doesNotContain("strangler-csrf").doesNotContain("strangler-timeline");
        Matcher scripts = SCRIPT.matcher(html);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1)).as("a script of the live page").contains("src=");
            assertThat(scripts.group(2)).as("an inline script").isBlank();
        }
        assertThat(count).isEqualTo(2);
        Matcher references = REFERENCE.matcher(html);
        while (references.find()) {
            assertThat(references.group(2)).as("what the live page loads").matches("data:,|[a-z.]+\\.(js|css)");
        }
        assertPlaceholdersFilled(html);
    }

    @Test
    void theLivePageCarriesTheCsrfTokenOnlyWhenGivenAndEscaped() {
        String html = ConsolePage.live("Acme", "X-CSRF-TOKEN", "a\"b<c>&d");

        assertThat(html).contains("<meta name=\"strangler-csrf-header\" content=\"X-CSRF-TOKEN\">")
                .contains("<meta name=\"strangler-csrf-token\" content=\"a&quot;b&lt;c&gt;&amp;d\">");
    }

    @Test
    void theTitleIsTextInBothPlaces() {
        String html = ConsolePage.live("<b>Acme</b> & co", null, null);

        assertThat(html).contains("<title>&lt;b&gt;Acme&lt;/b&gt; &amp; co</title>")
                .contains("<h1>&lt;b&gt;Acme&lt;/b&gt; &amp; co</h1>").doesNotContain("<b>");
    }

    @Test
    void theReportIsSelfContainedAndLoadsNothing() {
        String html = ConsolePage.report("Acme report", TIMELINE);

        assertThat(html).contains("<meta name=\"strangler-mode\" content=\"report\">")
                .contains("<script id=\"strangler-timeline\" type=\"application/json\" data-encoding=\"gzip+base64\">"
                        + gzipBase64(TIMELINE) + "</script>")
                .contains(ConsolePage.asset("console.js")).contains(ConsolePage.asset("uplot.min.js"))
                .contains(ConsolePage.asset("console.css")).contains(ConsolePage.asset("uplot.min.css"))
                .doesNotContain("<link rel=\"stylesheet\"");
        String markup = SCRIPT.matcher(html).replaceAll("<script></script>");
        Matcher references = REFERENCE.matcher(markup);
        while (references.find()) {
            assertThat(references.group(2)).as("what the report's markup loads").isEqualTo("data:,");
        }
        Matcher scripts = SCRIPT.matcher(html);
        while (scripts.find()) {
            assertThat(scripts.group(1)).as("a script of the report").doesNotContain("src=");
        }
        assertPlaceholdersFilled(html);
    }

    @Test
    void aTimelineCannotEndItsScriptElementEarly() {
        String hostile = "{\"version\":1,\"frames\":[],\"series\":{},\"x\":\"</script><script>alert(1)</script>\"}";

        String html = ConsolePage.report("Acme report", hostile);

        int start = html.indexOf("<script id=\"strangler-timeline\"");
        int end = html.indexOf("</script>", start);
        String data = html.substring(html.indexOf('>', start) + 1, end);
        assertThat(data).as("Base64: no markup").matches("[A-Za-z0-9+/=]+");
        assertThat(gunzip(data)).isEqualTo(hostile);
    }

    private static String gzipBase64(String text) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(bytes)) {
                gzip.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return java.util.Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String gunzip(String base64) {
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(base64)))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theRendererCanBeInlinedAndNeverWritesMarkup() {
        String js = ConsolePage.asset("console.js");

        assertThat(js).as("inlined in a report's script element").doesNotContainIgnoringCase("</script")
                .doesNotContain("<!--");
        assertThat(js).as("what would parse the model's text as markup or code")
                .doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
                .doesNotContain("document.write").doesNotContain("eval(").doesNotContain("new Function");
        assertThat(js).contains("const MODEL_VERSION = 1;");
    }

    @Test
    void servesItsFourFilesAndNoOther() {
        assertThat(ConsolePage.contentType("console.js")).startsWith("text/javascript");
        assertThat(ConsolePage.contentType("console.css")).startsWith("text/css");
        assertThat(ConsolePage.contentType("uplot.min.js")).startsWith("text/javascript");
        assertThat(ConsolePage.contentType("uplot.min.css")).startsWith("text/css");
        assertThat(ConsolePage.contentType("console.html")).isNull();
        assertThat(ConsolePage.asset("uplot.min.js")).contains("uPlot");
        assertThatThrownBy(() -> ConsolePage.asset("../console.html")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertPlaceholdersFilled(String html) {
        assertThat(html).doesNotContain("{{title}}").doesNotContain("<!--head-->").doesNotContain("<!--data-->")
                .doesNotContain("<!--scripts-->");
    }
}
