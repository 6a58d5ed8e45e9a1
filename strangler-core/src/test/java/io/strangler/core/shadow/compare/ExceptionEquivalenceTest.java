package io.strangler.core.shadow.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.compare.ExceptionEquivalence;
import java.io.FileNotFoundException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ExceptionEquivalenceTest {

    private final ExceptionEquivalence byTypeAndMessage = ExceptionEquivalence.sameTypeAndMessage();
    private final ExceptionEquivalence byType = ExceptionEquivalence.sameType();

    @Test
    void sameTypeAndMessageIsTheDefault() {
        assertThat(byTypeAndMessage.equivalent(new IOException("gone"), new IOException("gone"))).isTrue();
        assertThat(byTypeAndMessage.equivalent(new IOException(), new IOException())).isTrue();
    }

    @Test
    void sameTypeAndMessageRejectsAnotherMessage() {
        assertThat(byTypeAndMessage.equivalent(new IOException("gone"), new IOException("lost"))).isFalse();
        assertThat(byTypeAndMessage.equivalent(new IOException("gone"), new IOException())).isFalse();
        assertThat(byTypeAndMessage.equivalent(new IOException(), new IOException("gone"))).isFalse();
    }

    @Test
    void sameTypeAndMessageRejectsSubclassesAndOtherTypes() {
        assertThat(byTypeAndMessage.equivalent(new IOException("x"), new FileNotFoundException("x"))).isFalse();
        assertThat(byTypeAndMessage.equivalent(new IllegalStateException("x"), new IllegalArgumentException("x")))
                .isFalse();
    }

    @Test
    void sameTypeIgnoresTheMessage() {
        assertThat(byType.equivalent(new IOException("gone"), new IOException("lost"))).isTrue();
        assertThat(byType.equivalent(new IOException("x"), new FileNotFoundException("x"))).isFalse();
    }

    @Test
    void nullsAreEquivalentOnlyToNull() {
        for (ExceptionEquivalence equivalence : new ExceptionEquivalence[] {byTypeAndMessage, byType}) {
            assertThat(equivalence.equivalent(null, null)).isTrue();
            assertThat(equivalence.equivalent(null, new IOException())).isFalse();
            assertThat(equivalence.equivalent(new IOException(), null)).isFalse();
        }
    }

    @Test
    void instancesAreSharedAndNamed() {
        assertThat(ExceptionEquivalence.sameTypeAndMessage()).isSameAs(byTypeAndMessage)
                .hasToString("ExceptionEquivalence.sameTypeAndMessage()");
        assertThat(ExceptionEquivalence.sameType()).isSameAs(byType).hasToString("ExceptionEquivalence.sameType()");
    }
}
