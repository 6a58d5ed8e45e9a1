package io.strangler.api.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A difference needs a path and a kind; a side with no value there has no summary. */
class DifferenceTest {

    @Test
    void aPathAndAKindAreRequiredNamingTheField() {
        assertThatThrownBy(() -> new Difference(null, DifferenceKind.VALUE, "a", "b"))
                .isInstanceOf(NullPointerException.class).hasMessage("path");
        assertThatThrownBy(() -> new Difference("$.total", null, "a", "b"))
                .isInstanceOf(NullPointerException.class).hasMessage("kind");
    }

    @Test
    void aSideWithNoValueHasNoSummary() {
        assertThat(new Difference("$.email", DifferenceKind.MISSING, "a@example.com", null).modern()).isNull();
        assertThat(new Difference("$.phone", DifferenceKind.EXTRA, null, "555").legacy()).isNull();
    }
}
