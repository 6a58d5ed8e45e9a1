package io.strangler.api.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.Side;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The records a reconciliation log stores, and the report of a replay. */
class ReconciliationEntryTest {

    private static final Instant T = Instant.parse("2025-03-01T10:15:30Z");

    private static ReconciliationEntry entry(long id, String route, Instant time, String operation, Side side,
            String errorType, List<String> arguments, int attempts) {
        return new ReconciliationEntry(id, route, "key", time, operation, side, errorType, "message", arguments,
                attempts);
    }

    @Test
    void ofFillsTheErrorFromTheThrowable() {
        ReconciliationEntry e = ReconciliationEntry.of("orders", null, T, "save", Side.LEGACY,
                new IllegalStateException("legacy said no"), List.of("a"));
        assertThat(e.id()).isEqualTo(ReconciliationEntry.UNASSIGNED_ID).isZero();
        assertThat(e.key()).isNull();
        assertThat(e.errorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(e.errorMessage()).isEqualTo("legacy said no");
        assertThat(e.attempts()).isZero();
        assertThat(e.failedSide()).isEqualTo(Side.LEGACY);
    }

    @Test
    void ofKeepsANullMessage() {
        ReconciliationEntry e = ReconciliationEntry.of("orders", "k", T, "save", Side.MODERN,
                new UncheckedIOException(null, new java.io.IOException()), List.of());
        assertThat(e.errorType()).isEqualTo("java.io.UncheckedIOException");
        assertThat(e.errorMessage()).isNull();
    }

    @Test
    void ofCutsALongMessage() {
        String exact = "x".repeat(ReconciliationEntry.MAX_ERROR_MESSAGE_LENGTH);
        assertThat(ReconciliationEntry.of("r", "k", T, "op", Side.MODERN, new RuntimeException(exact), List.of())
                .errorMessage()).isEqualTo(exact);

        String message = ReconciliationEntry.of("r", "k", T, "op", Side.MODERN, new RuntimeException(exact + "y"),
                List.of()).errorMessage();
        assertThat(message).hasSize(ReconciliationEntry.MAX_ERROR_MESSAGE_LENGTH).endsWith("x…")
                .startsWith("xxxx");
    }

    @Test
    void ofDoesNotSplitASurrogatePairWhenCutting() {
        String emoji = "😀";
        String text = "x".repeat(ReconciliationEntry.MAX_ERROR_MESSAGE_LENGTH - 2) + emoji + "tail";
        String message = ReconciliationEntry.of("r", "k", T, "op", Side.MODERN, new RuntimeException(text),
                List.of()).errorMessage();
        assertThat(message).hasSize(ReconciliationEntry.MAX_ERROR_MESSAGE_LENGTH - 1).endsWith("x…");
        assertThat(Character.isHighSurrogate(message.charAt(message.length() - 2))).isFalse();
    }

    @Test
    void rejectsNullFieldsNamingThem() {
        List<String> args = List.of();
        assertThatThrownBy(() -> entry(0, null, T, "op", Side.MODERN, "E", args, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("route");
        assertThatThrownBy(() -> entry(0, "r", null, "op", Side.MODERN, "E", args, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("time");
        assertThatThrownBy(() -> entry(0, "r", T, null, Side.MODERN, "E", args, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("operation");
        assertThatThrownBy(() -> entry(0, "r", T, "op", null, "E", args, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("failedSide");
        assertThatThrownBy(() -> entry(0, "r", T, "op", Side.MODERN, null, args, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("errorType");
        assertThatThrownBy(() -> entry(0, "r", T, "op", Side.MODERN, "E", null, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("arguments");
        assertThatThrownBy(() -> ReconciliationEntry.of("r", "k", T, "op", Side.MODERN, null, args))
                .isInstanceOf(NullPointerException.class).hasMessage("error");
    }

    @Test
    void rejectsNegativeIdAndAttempts() {
        assertThatThrownBy(() -> entry(-1, "r", T, "op", Side.MODERN, "E", List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("id must not be negative, was -1");
        assertThatThrownBy(() -> entry(0, "r", T, "op", Side.MODERN, "E", List.of(), -2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("attempts must not be negative, was -2");
    }

    @Test
    void copiesTheArgumentsAndAllowsNullElements() {
        List<String> args = new ArrayList<>(Arrays.asList("a", null));
        ReconciliationEntry e = entry(0, "r", T, "op", Side.MODERN, "E", args, 0);
        args.add("later");
        assertThat(e.arguments()).containsExactly("a", null);
        assertThatThrownBy(() -> e.arguments().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void withIdAndWithAttemptsChangeOnlyThatField() {
        ReconciliationEntry e = entry(0, "r", T, "op", Side.MODERN, "E", List.of("a"), 0);
        assertThat(e.withId(7)).isEqualTo(entry(7, "r", T, "op", Side.MODERN, "E", List.of("a"), 0));
        assertThat(e.withAttempts(3)).isEqualTo(entry(0, "r", T, "op", Side.MODERN, "E", List.of("a"), 3));
    }

    @Test
    void replayReportChecksAndCopies() {
        List<String> failures = new ArrayList<>(List.of("#1 r op: E"));
        ReplayReport report = new ReplayReport(2, 1, failures);
        failures.clear();
        assertThat(report.failures()).containsExactly("#1 r op: E");
        assertThatThrownBy(() -> new ReplayReport(-1, 0, List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("replayed must not be negative, was -1");
        assertThatThrownBy(() -> new ReplayReport(0, -1, List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failed must not be negative, was -1");
        assertThatThrownBy(() -> new ReplayReport(0, 0, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("failures");
    }
}
