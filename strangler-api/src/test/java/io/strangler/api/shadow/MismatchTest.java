package io.strangler.api.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.Side;
import io.strangler.api.compare.Difference;
import io.strangler.api.compare.DifferenceKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A mismatch names what it compared; its key and summaries may be missing, the rest may not; its lists are copies. */
class MismatchTest {

    private static final Instant T = Instant.parse("2026-11-21T10:00:00Z");
    private static final List<Difference> ONE = List.of(new Difference("$.total", DifferenceKind.VALUE, "1", "2"));

    @Test
    void theRequiredFieldsAreRefusedWhenNullNamingThem() {
        assertThatThrownBy(() -> new Mismatch(null, "k", "read", T, Side.LEGACY, ONE, List.of(), "a", "b"))
                .isInstanceOf(NullPointerException.class).hasMessage("route");
        assertThatThrownBy(() -> new Mismatch("r", "k", null, T, Side.LEGACY, ONE, List.of(), "a", "b"))
                .isInstanceOf(NullPointerException.class).hasMessage("operation");
        assertThatThrownBy(() -> new Mismatch("r", "k", "read", null, Side.LEGACY, ONE, List.of(), "a", "b"))
                .isInstanceOf(NullPointerException.class).hasMessage("time");
        assertThatThrownBy(() -> new Mismatch("r", "k", "read", T, null, ONE, List.of(), "a", "b"))
                .isInstanceOf(NullPointerException.class).hasMessage("served");
        assertThatThrownBy(() -> new Mismatch("r", "k", "read", T, Side.LEGACY, null, List.of(), "a", "b"))
                .isInstanceOf(NullPointerException.class).hasMessage("differences");
        assertThatThrownBy(() -> new Mismatch("r", "k", "read", T, Side.LEGACY, ONE, null, "a", "b"))
                .isInstanceOf(NullPointerException.class).hasMessage("noise");
    }

    @Test
    void aKeylessCallWithNoSummariesIsAMismatchAllTheSame() {
        Mismatch mismatch = new Mismatch("r", null, "read", T, Side.MODERN, ONE, List.of(), null, null);

        assertThat(mismatch.key()).isNull();
        assertThat(mismatch.legacy()).isNull();
        assertThat(mismatch.modern()).isNull();
    }

    @Test
    void theListsAreImmutableCopies() {
        List<Difference> differences = new ArrayList<>(ONE);
        Mismatch mismatch = new Mismatch("r", "k", "read", T, Side.LEGACY, differences, List.of(), "a", "b");
        differences.clear();

        assertThat(mismatch.differences()).isEqualTo(ONE);
        assertThatThrownBy(() -> mismatch.noise().add(ONE.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }
}
