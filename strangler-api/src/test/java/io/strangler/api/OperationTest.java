package io.strangler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.api.shadow.ReadPreference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What an operation says about a call, and the combinations it refuses. */
class OperationTest {

    @Test
    void blankOperationNameIsRefusedNamingFieldAndValue() {
        assertThatThrownBy(() -> Operation.write(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("operation name")
                .hasMessageContaining("' '");
        assertThatThrownBy(() -> Operation.read(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("operation name");
    }

    @Test
    void aWriteCannotBeShadowed() {
        assertThatThrownBy(() -> Operation.write("x").shadowed(true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x'")
                .hasMessageContaining("shadowed=true");
        assertThat(Operation.write("x").shadowed(false).isShadowed()).isFalse();
        assertThat(Operation.read("x").isShadowed()).isTrue();
    }

    @Test
    void readsAreIdempotentAndShadowedWritesNeither() {
        Operation read = Operation.read("findOrder");
        Operation write = Operation.write("saveOrder");

        assertThat(read.kind()).isEqualTo(OperationKind.READ);
        assertThat(read.isRead()).isTrue();
        assertThat(read.isIdempotent()).isTrue();
        assertThat(write.kind()).isEqualTo(OperationKind.WRITE);
        assertThat(write.isRead()).isFalse();
        assertThat(write.isIdempotent()).isFalse();
        assertThat(write.isShadowed()).isFalse();
        assertThat(write.idempotent().isIdempotent()).isTrue();
        assertThat(write.idempotent().name()).isEqualTo("saveOrder");
        assertThat(write.idempotent()).hasToString("write(idempotent) saveOrder");
        assertThat(read).hasToString("read findOrder");
    }

    @Test
    void theAnonymousOperations() {
        assertThat(Operation.READ.isRead()).isTrue();
        assertThat(Operation.READ.isShadowed()).isTrue();
        assertThat(Operation.WRITE.isIdempotent()).isFalse();
        assertThat(Operation.IDEMPOTENT_WRITE.isIdempotent()).isTrue();
        assertThat(Operation.IDEMPOTENT_WRITE.isShadowed()).isFalse();
        assertThat(Operation.WRITE.idempotent()).isEqualTo(Operation.IDEMPOTENT_WRITE);
        assertThat(Operation.IDEMPOTENT_WRITE.idempotent()).isSameAs(Operation.IDEMPOTENT_WRITE);
    }

    @Test
    void anOperationHasNoReadPreferenceOfItsOwnUntilGivenOne() {
        assertThat(Operation.read("r").preference()).isNull();
        assertThat(Operation.read("r").preferring(ReadPreference.FASTEST).preference())
                .isEqualTo(ReadPreference.FASTEST);
        assertThat(Operation.write("w").preferring(ReadPreference.SERVING).preference())
                .isEqualTo(ReadPreference.SERVING);
    }

    @ParameterizedTest
    @EnumSource(value = ReadPreference.class, names = "SERVING", mode = EnumSource.Mode.EXCLUDE)
    void aWriteTakesNoReadPreferenceButServing(ReadPreference preference) {
        assertThatThrownBy(() -> Operation.write("w").preferring(preference))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'w'")
                .hasMessageContaining(preference.name());
    }

    @Test
    void aNullReadPreferenceIsRefused() {
        assertThatThrownBy(() -> Operation.read("r").preferring(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("preference");
    }

    @Test
    void operationsAreValues() {
        assertThat(Operation.read("r")).isEqualTo(Operation.read("r")).hasSameHashCodeAs(Operation.read("r"))
                .isNotEqualTo(Operation.read("r").shadowed(false))
                .isNotEqualTo(Operation.read("r").preferring(ReadPreference.LEGACY))
                .isNotEqualTo(Operation.read("other"));
        assertThat(Operation.write("w")).isNotEqualTo(Operation.write("w").idempotent());
    }
}
