package io.strangler.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JsonFieldsTest {

    /** An exception of the record's own, to see that the reader fails with what it was given. */
    static final class RecordException extends RuntimeException {
        RecordException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static JsonFields read(String json) {
        return JsonFields.parseObject("progress", json, RecordException::new);
    }

    @Test
    void readsEveryKindOfField() {
        JsonFields f = read("{\"s\":\"a\",\"n\":7,\"d\":0.5,\"b\":true,\"t\":\"2026-01-01T00:00:00Z\",\"p\":\"PT5M\","
                + "\"e\":\"SECONDS\",\"l\":[\"x\",\"y\"],\"o\":{\"k\":1},\"os\":[{\"k\":2}]}");
        assertThat(f.string("s")).isEqualTo("a");
        assertThat(f.number("n")).isEqualTo(7);
        assertThat(f.integer("n")).isEqualTo(7);
        assertThat(f.decimal("d", Double.NaN)).isEqualTo(0.5);
        assertThat(f.decimal("n", Double.NaN)).isEqualTo(7.0);
        assertThat(f.bool("b")).isTrue();
        assertThat(f.instant("t")).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(f.durationOrNull("p")).isEqualTo(Duration.ofMinutes(5));
        assertThat(f.enumValue("e", TimeUnit.class)).isEqualTo(TimeUnit.SECONDS);
        assertThat(f.strings("l")).containsExactly("x", "y");
        assertThat(f.object("o").number("k")).isEqualTo(1);
        assertThat(f.objects("os")).singleElement().satisfies(o -> assertThat(o.number("k")).isEqualTo(2));
        assertThat(f.names()).startsWith("s", "n", "d");
    }

    @Test
    void anAbsentOrNullFieldTakesTheDefaultGiven() {
        JsonFields f = read("{\"gone\":null}");
        assertThat(f.string("gone", "dflt")).isEqualTo("dflt");
        assertThat(f.string("missing", null)).isNull();
        assertThat(f.number("gone", 3)).isEqualTo(3);
        assertThat(f.integer("gone", 4)).isEqualTo(4);
        assertThat(f.decimal("gone", Double.NaN)).isNaN();
        assertThat(f.bool("gone", true)).isTrue();
        assertThat(f.instantOrNull("gone")).isNull();
        assertThat(f.durationOrNull("gone")).isNull();
        assertThat(f.enumValue("gone", TimeUnit.class, TimeUnit.DAYS)).isEqualTo(TimeUnit.DAYS);
        assertThat(f.strings("gone", List.of("z"))).containsExactly("z");
    }

    @Test
    void aRequiredFieldThatIsAbsentOrNullIsNamed() {
        JsonFields f = read("{\"gone\":null}");
        assertThatThrownBy(() -> f.string("gone")).isInstanceOf(RecordException.class)
                .hasMessage("progress: field 'gone' is missing");
        assertThatThrownBy(() -> f.number("missing")).isInstanceOf(RecordException.class)
                .hasMessage("progress: field 'missing' is missing");
    }

    @Test
    void aBadValueIsNamedWithWhatWasExpected() {
        JsonFields f = read("{\"s\":5,\"n\":\"7\",\"big\":4294967296,\"t\":\"yesterday\",\"e\":\"seconds\","
                + "\"l\":[\"x\",5],\"b\":\"yes\",\"d\":\"half\",\"p\":\"5 min\"}");
        assertThatThrownBy(() -> f.string("s")).hasMessage("progress: field 's' has the bad value 5: expected a string");
        assertThatThrownBy(() -> f.number("n"))
                .hasMessage("progress: field 'n' has the bad value '7': expected a whole number");
        assertThatThrownBy(() -> f.integer("big")).hasMessageContaining("field 'big' has the bad value 4294967296")
                .hasMessageContaining(String.valueOf(Integer.MAX_VALUE));
        assertThatThrownBy(() -> f.instant("t")).hasMessageContaining("'yesterday'").hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> f.enumValue("e", TimeUnit.class)).hasMessageContaining("'seconds'")
                .hasMessageContaining("expected one of [NANOSECONDS");
        assertThatThrownBy(() -> f.strings("l")).hasMessageContaining("field 'l' has the bad value [x, 5]");
        assertThatThrownBy(() -> f.bool("b")).hasMessageContaining("'yes'").hasMessageContaining("true or false");
        assertThatThrownBy(() -> f.decimal("d", 0)).hasMessageContaining("'half'");
        assertThatThrownBy(() -> f.durationOrNull("p")).hasMessageContaining("'5 min'");
    }

    @Test
    void nestedObjectsAreNamedByTheirPath() {
        JsonFields f = read("{\"o\":{\"k\":\"x\"},\"os\":[{},{\"k\":\"y\"}],\"bad\":[1]}");
        assertThatThrownBy(() -> f.object("o").number("k")).hasMessageStartingWith("progress.o: field 'k'");
        assertThatThrownBy(() -> f.objects("os").get(1).number("k")).hasMessageStartingWith("progress.os[1]: field 'k'");
        assertThatThrownBy(() -> f.objects("bad")).hasMessageContaining("field 'bad[0]' has the bad value 1");
        assertThatThrownBy(() -> f.object("os")).hasMessageContaining("expected an object");
    }

    @Test
    void aDocumentThatIsNoObjectFailsWithTheExceptionGiven() {
        assertThatThrownBy(() -> read(null)).isInstanceOf(RecordException.class).hasMessage("progress is empty");
        assertThatThrownBy(() -> read("  ")).isInstanceOf(RecordException.class).hasMessage("progress is empty");
        assertThatThrownBy(() -> read("[]")).isInstanceOf(RecordException.class)
                .hasMessage("progress is not a JSON object: []");
        assertThatThrownBy(() -> read("{\"a\":")).isInstanceOf(RecordException.class)
                .hasMessageStartingWith("progress is not valid JSON (invalid JSON at offset")
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonFields.parseObject("checkpoint", "[]", IllegalArgumentException::new))
                .isExactlyInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLongDocumentIsShortenedInTheMessage() {
        String long_ = "[" + "1,".repeat(300) + "1]";
        assertThatThrownBy(() -> read(long_)).hasMessageEndingWith("...")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(260));
    }

    @Test
    void theFieldsReadAreNotChangedThroughTheReader() {
        JsonFields f = read("{\"a\":1}");
        assertThatThrownBy(() -> f.map().put("b", 2L)).isInstanceOf(UnsupportedOperationException.class);
    }
}
