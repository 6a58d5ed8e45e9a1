package io.strangler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A revision: its version rule, the next one, and how it reads. */
class RevisionTest {

    private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void negativeVersionIsRefusedNamingFieldAndValue() {
        assertThatThrownBy(() -> new Revision(-3, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version")
                .hasMessageContaining("-3");
        assertThatThrownBy(() -> new Revision(-1, "alice", T, "why"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("revision.version must not be negative, was -1");
    }

    @Test
    void theInitialRevisionIsVersionZeroByNobody() {
        assertThat(Revision.INITIAL).isEqualTo(new Revision(0, null, null, null));
        assertThat(Revision.INITIAL).hasToString("v0");
    }

    @Test
    void nextIsOneVersionUpWithWhoWhenAndWhy() {
        Revision next = Revision.INITIAL.next("alice", T, "10% healthy for a day");

        assertThat(next).isEqualTo(new Revision(1, "alice", T, "10% healthy for a day"));
        assertThat(next.next("bob", T.plusSeconds(60), "rollback").version()).isEqualTo(2);
        assertThat(next).hasToString("v1 by alice at 2026-11-26T10:00:00Z: 10% healthy for a day");
    }

    @Test
    void nextRefusesNullsNamingTheField() {
        assertThatThrownBy(() -> Revision.INITIAL.next(null, T, "why")).isInstanceOf(NullPointerException.class)
                .hasMessage("actor");
        assertThatThrownBy(() -> Revision.INITIAL.next("alice", null, "why"))
                .isInstanceOf(NullPointerException.class).hasMessage("at");
        assertThatThrownBy(() -> Revision.INITIAL.next("alice", T, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("reason");
    }

    @Test
    void revisionsAreValues() {
        assertThat(new Revision(3, "alice", T, "why")).isEqualTo(new Revision(3, "alice", T, "why"))
                .hasSameHashCodeAs(new Revision(3, "alice", T, "why"))
                .isNotEqualTo(new Revision(3, "alice", T, "other"))
                .isNotEqualTo(new Revision(4, "alice", T, "why"));
    }
}
